"""The seed models' own counts in a report (docs/indicators.md, "Model counts"), worked out by
hand on a KARnet15+ club's March 2026: who came to which meeting, which internships ended,
which employers the organisation worked with."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.activities import services
from reintegra.activities.models import Activity, Session, SessionKind
from reintegra.employers.models import (
    Employer,
    FairStand,
    JobFair,
    Offer,
    OfferKind,
    Placement,
    PlacementStatus,
    Site,
    SurveyAnswer,
    SurveyRound,
)
from reintegra.outcomes import model_counts, sections
from reintegra.outcomes.tables import MEN, NON_BINARY, TOTAL, WOMEN, Period, Table
from reintegra.people.models import Degurba, Participant, Sex, TercUnit
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import Group, Programme, ProgrammeTemplate
from tests.activities.conftest import at, enrol
from tests.factories import OrganisationFactory, ParticipantFactory, ProgrammeFactory, member

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def club(organisation: Organisation) -> Programme:
    programme_services.templates_load()
    return ProgrammeFactory(
        organisation=organisation,
        template=ProgrammeTemplate.objects.get(code="karnet15"),
        start_date=date(2026, 1, 1),
        end_date=date(2027, 12, 31),
    )


@pytest.fixture
def leader(organisation: Organisation) -> User:
    return member(organisation, Role.CASE_WORKER, username="lider")


@pytest.fixture
def gmina(db: None) -> TercUnit:
    unit, _ = TercUnit.objects.get_or_create(
        code="3035011", defaults={"name": "Zalesie", "kind": "gmina miejska", "degurba": Degurba.CITY}
    )
    return unit


def meeting(
    programme: Programme, leader: User, when: datetime, kind: str, activity: Activity | None = None
) -> Session:
    return Session.objects.create(
        programme=programme,
        leader=leader,
        kind=kind,
        activity=activity,
        starts_at=when,
        ends_at=when + timedelta(hours=2),
        planned_hours=Decimal(2),
    )


def mark(session: Session, present: list[Participant], absent: Sequence[Participant] = ()) -> None:
    services.attendance_record(
        actor=None,
        session=session,
        marks=[services.Mark(participant_id=person.pk, present=True, hours=Decimal(2)) for person in present]
        + [services.Mark(participant_id=person.pk, present=False) for person in absent],
    )


def employer(organisation: Organisation, name: str, gmina: TercUnit) -> tuple[Employer, Site]:
    owner: Organisation = OrganisationFactory(name=name, type=OrganisationType.EMPLOYER)
    kept = Employer.objects.create(
        organisation=owner,
        kept_by=organisation,
        sector="C",
        size="small",
    )
    site = Site.objects.create(employer=kept, name=name, street="Rynek 1", town="Zalesie", gmina=gmina)
    return kept, site


def offer(kept: Employer, site: Site, kind: str) -> Offer:
    return Offer.objects.create(
        employer=kept, site=site, kind=kind, title="Praca", hours_per_week=30, contract_type="none", places=5
    )


def placement(
    offer: Offer, person: Participant, by: User, status: str, started: date, ended: date | None
) -> Placement:
    return Placement.objects.create(
        offer=offer,
        participant=person,
        candidate_number=offer.placements.count() + 1,
        status=status,
        proposed_by=by,
        proposed_at=timezone.now(),
        started_on=started,
        ended_on=ended,
    )


def stand(fair: JobFair, kept: Employer) -> None:
    FairStand.objects.create(
        fair=fair, employer=kept, number=fair.stands.count() + 1, signed_up_at=timezone.now()
    )


def fair(organisation: Organisation, held_on: date) -> JobFair:
    return JobFair.objects.create(
        organisation=organisation,
        title="Ryneczek pracy",
        held_on=held_on,
        starts_at=datetime.min.time().replace(hour=10),
        ends_at=datetime.min.time().replace(hour=14),
        sign_up_until=held_on,
        address="Rynek 1, Zalesie",
    )


def cells(table: Table, code: str) -> dict[str, int | None]:
    return table.row(code).cells


@pytest.fixture
def march(
    club: Programme,
    leader: User,
    organisation: Organisation,
    other_organisation: Organisation,
    gmina: TercUnit,
) -> dict[str, Participant]:
    """The club's March: four meetings held, four people who came (Ala twice), one who did not."""
    group = Group.objects.create(programme=club, name="Grupa A")
    people = {
        "ala": enrol(club, group, sex=Sex.WOMAN),
        "basia": enrol(club, group, sex=Sex.WOMAN),
        "czarek": enrol(club, group, sex=Sex.MAN),
        "dana": enrol(club, group, sex=Sex.NON_BINARY),
        "ewa": enrol(club, group, sex=Sex.WOMAN),
    }
    films = Activity.objects.create(programme=club, title="Klub filmowy")
    cooking = Activity.objects.create(programme=club, title="Gotowanie")
    trip = Activity.objects.create(programme=club, title="Wycieczka")
    mark(
        meeting(club, leader, at(date(2026, 3, 3), 16), SessionKind.ACTIVITY, films),
        [people["ala"], people["basia"]],
        [people["czarek"]],
    )
    mark(
        meeting(club, leader, at(date(2026, 3, 10), 16), SessionKind.ACTIVITY, films),
        [people["ala"], people["czarek"]],
    )
    mark(
        meeting(club, leader, at(date(2026, 3, 5), 16), SessionKind.GROUP_WORKSHOP),
        [people["dana"]],
        [people["ala"]],
    )
    # Late on the last evening of March in Warsaw (already the 31st's night in UTC): March.
    mark(meeting(club, leader, at(date(2026, 3, 31), 23, 30), SessionKind.CONSULTATION), [people["basia"]])
    # Half past midnight on 1 April in Warsaw (still 31 March in UTC): April, not counted.
    mark(
        meeting(club, leader, at(date(2026, 4, 1), 0, 30), SessionKind.LABOUR_MARKET_WORKSHOP, trip),
        [people["ewa"]],
    )
    mark(meeting(club, leader, at(date(2026, 2, 28), 16), SessionKind.ACTIVITY, cooking), [people["ewa"]])

    # Another organisation's club meets in March too: none of it is ours.
    theirs = ProgrammeFactory(
        organisation=other_organisation, template=club.template, start_date=date(2026, 1, 1)
    )
    stranger = enrol(theirs, None, sex=Sex.WOMAN)
    mark(
        meeting(
            theirs,
            member(other_organisation, Role.CASE_WORKER),
            at(date(2026, 3, 12), 10),
            SessionKind.EMPLOYER_MEETING,
        ),
        [stranger],
    )

    bakery, bakery_site = employer(organisation, "Piekarnia", gmina)
    dairy, dairy_site = employer(organisation, "Mleczarnia", gmina)
    shop, _ = employer(organisation, "Sklep", gmina)
    workshop, _ = employer(organisation, "Warsztat", gmina)
    wholesaler, wholesaler_site = employer(organisation, "Hurtownia", gmina)
    theirs_only, _ = employer(other_organisation, "Obca firma", gmina)
    internship = offer(bakery, bakery_site, OfferKind.INTERNSHIP)
    placement(
        internship, people["ala"], leader, PlacementStatus.FINISHED, date(2026, 1, 20), date(2026, 3, 20)
    )
    placement(
        internship, people["basia"], leader, PlacementStatus.FINISHED, date(2026, 2, 2), date(2026, 4, 2)
    )
    placement(
        offer(dairy, dairy_site, OfferKind.JOB),
        people["czarek"],
        leader,
        PlacementStatus.FINISHED,
        date(2026, 1, 5),
        date(2026, 3, 15),
    )
    placement(
        internship, people["dana"], leader, PlacementStatus.BROKEN_OFF, date(2026, 1, 10), date(2026, 3, 10)
    )
    # Someone who was never in the club finished an internship at the wholesaler in March.
    outsider = ParticipantFactory(organisation=organisation, sex=Sex.MAN)
    placement(
        offer(wholesaler, wholesaler_site, OfferKind.INTERNSHIP),
        outsider,
        leader,
        PlacementStatus.FINISHED,
        date(2026, 1, 12),
        date(2026, 3, 12),
    )

    ours = fair(organisation, date(2026, 3, 14))
    stand(ours, shop)
    stand(fair(organisation, date(2026, 4, 10)), wholesaler)
    stand(fair(other_organisation, date(2026, 3, 20)), theirs_only)
    survey = SurveyRound.objects.create(
        organisation=organisation,
        title="Zapotrzebowanie II kw.",
        first_quarter=date(2026, 4, 1),
        last_quarter=date(2026, 4, 1),
        closes_on=date(2026, 3, 31),
    )
    answer = SurveyAnswer.objects.create(round=survey, employer=workshop, channel="phone")
    SurveyAnswer.objects.filter(pk=answer.pk).update(created_at=at(date(2026, 3, 18), 9))
    late = SurveyAnswer.objects.create(round=survey, employer=wholesaler, channel="phone")
    SurveyAnswer.objects.filter(pk=late.pk).update(created_at=at(date(2026, 4, 3), 9))
    return people


@pytest.mark.django_db
def test_meetings_held_are_counted_by_kind_with_the_templates_names(club: Programme, march: dict) -> None:
    tables, relations = model_counts.model_counts([club], MARCH)
    meetings = tables[0]
    assert cells(meetings, "meetings_activity") == {TOTAL: 2}
    assert cells(meetings, "meetings_group_workshop") == {TOTAL: 1}
    assert cells(meetings, "meetings_consultation") == {TOTAL: 1}
    # Scheduled by the model, none held in March (the April one is not March's).
    assert cells(meetings, "meetings_labour_market_workshop") == {TOTAL: 0}
    assert cells(meetings, "meetings_employer_meeting") == {TOTAL: 0}
    assert cells(meetings, "meetings_all") == {TOTAL: 4}
    assert meetings.row("meetings_group_workshop").note == "Warsztat z Liderem Procesów Grupowych"
    assert [part.row for part in relations[0].parts] == [
        row.code for row in meetings.rows if row.code != "meetings_all"
    ]


@pytest.mark.django_db
def test_a_person_who_came_to_two_meetings_is_counted_once(club: Programme, march: dict) -> None:
    people = model_counts.model_counts([club], MARCH)[0][1]
    # Ala (twice) and Basia, women; Czarek, a man; Dana, non-binary. Ewa came only in Feb and April.
    assert cells(people, "participants_attended") == {WOMEN: 2, MEN: 1, NON_BINARY: 1, TOTAL: 4}


@pytest.mark.django_db
def test_activities_marks_internships_and_employers_are_counted_for_the_period(
    club: Programme, march: dict
) -> None:
    counts = model_counts.model_counts([club], MARCH)[0][2]
    # The film club met twice in March; cooking only in February, the trip only in April.
    assert cells(counts, "activities_run") == {TOTAL: 1}
    # 2 + 2 + 1 + 1 present marks; the absent ones and other months' are not counted.
    assert cells(counts, "attendance_present") == {TOTAL: 6}
    # Ala's internship ended in March; Basia's in April, Dana's was broken off, Czarek's was a
    # job, and the outsider was never in the club.
    assert cells(counts, "internships_completed") == {TOTAL: 1}
    # The bakery (placements running in March), the dairy (Czarek's job), the shop (our fair),
    # the workshop (survey answer); not the wholesaler (April fair and answer, an outsider's
    # placement), not another organisation's fair's employer.
    assert cells(counts, "employers_engaged") == {TOTAL: 4}


@pytest.mark.django_db
def test_another_organisations_meetings_are_not_counted(
    club: Programme, march: dict, other_organisation: Organisation
) -> None:
    theirs = Programme.objects.get(organisation=other_organisation)
    tables, _ = model_counts.model_counts([theirs], MARCH)
    assert cells(tables[0], "meetings_employer_meeting") == {TOTAL: 1}
    assert cells(tables[1], "participants_attended")[TOTAL] == 1
    # Only the employer at their own fair; none of ours.
    assert cells(tables[2], "employers_engaged") == {TOTAL: 1}


@pytest.mark.django_db
def test_the_counts_are_a_section_of_every_report(club: Programme, march: dict) -> None:
    tables, _ = sections.section_tables([club], MARCH)
    assert {model_counts.MEETINGS, model_counts.PEOPLE, model_counts.COUNTS} <= {
        table.key for table in tables
    }


@pytest.mark.django_db
def test_a_report_of_no_programmes_has_no_counts() -> None:
    assert model_counts.model_counts([], MARCH) == ([], [])
