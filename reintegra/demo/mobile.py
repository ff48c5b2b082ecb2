"""The mobile activation centre of seed 004 at the pilot's size: the PUP's mobile team in the
village halls of the county, 48 women, each of whom told at least four others.

The ``seed_mobile`` step of ``manage.py seed_demo``. What seed 004 reports, and where it is here:

* *interviews before recruitment* ("wywiady kwestionariuszowe"): the team interviewed every
  woman who came to a hall before she applied. An interview is a response to the diagnostic
  interview questionnaire that the mobile-activation template names (``diagnostic_interview``),
  dated on or before the day she applied; the report's reach section counts them as outreach
  contacts. The pilot held 300 interviews across its whole diagnosis; here each of the
  ``INTERVIEWED`` applicants was interviewed once, some weeks before the recruitment;
* *48 participants*, the places of the pilot: the eligible applicants beyond them wait on the
  reserve list ("została utworzona lista rezerwowa"), and a few interviewed women do not fit the
  model (they work already);
* *mobile visits in village halls*: each hall has a group of the women living around it and a
  weekly visit of the team, with a group workshop every other week; the leader has marked the
  attendance of those held so far (the women are enrolled on the day of seeding, as in the
  other demo programmes, though the visits began weeks before);
* *each participant reached at least 4–5 other women*: a reach record of each participant, 4 to
  7 women told, some of whom applied. One of them has her own account (``uczestniczka.pup``)
  and records her reach herself on her own page, twice; the adviser records the others';
* *word of mouth*: ``WORD_OF_MOUTH`` applicants (some on the reserve list, some enrolled) are
  linked to the participant who told them about the programme, each one of those who said that
  someone she told applied.

The women are made for this programme (the PUP's other people are left alone). Through the
services and audited, like the rest of the demo; a few seconds. Idempotent: when the programme
exists nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from reintegra.accounts.models import Role, User
from reintegra.accounts.services import membership_create
from reintegra.activities import services as activity_services
from reintegra.activities.models import Session, Venue
from reintegra.demo.context import DemoContext
from reintegra.demo.questionnaires import DEMO as DEMO_ANSWERS
from reintegra.outcomes.reach.services import ReachData, heard_from_record, reach_record, reach_record_own
from reintegra.people.models import (
    IdentityDocumentType,
    LabourStatus,
    Participant,
    SensitiveAnswer,
    Sex,
    TercUnit,
)
from reintegra.people.services import ParticipantData, participant_account_link, participant_create
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme, ProgrammeTemplate
from reintegra.questionnaires import services as questionnaire_services
from reintegra.questionnaires.models import QuestionnaireVersion, VersionStatus

CODE = "mcaz-powiat-zalesianski"
PLACES = 48
RESERVE = 8  # eligible women beyond the places: the reserve list
NOT_FITTING = 4  # interviewed women who already work: not eligible
INTERVIEWED = PLACES + RESERVE + NOT_FITTING
REACHED_AT_LEAST = 4
WEEKS_BEFORE = 12  # the programme began this many weeks before the day of seeding
VISITS, WORKSHOPS = 14, 7  # per hall: a visit a week, a workshop every other week
INTERVIEW = "diagnostic_interview"
OWN_ACCOUNT = "uczestniczka.pup"  # the participant account of the first woman, for her own page
OWN_RECORDS = ((3, 0), (2, 1))  # what she records herself: told, of whom applied
WORD_OF_MOUTH = 10  # applicants linked to the participant who told them


@dataclass(frozen=True)
class Hall:
    name: str
    street: str
    postal_code: str
    town: str
    gmina: str  # TERC of the rural gmina (or rural area) it serves
    weekday: int  # the day of the team's visit
    latitude: str = ""  # where the mobile team's planner finds it (demo/outreach.py)
    longitude: str = ""
    opens: int = 9  # weekdays, from this hour …
    closes: int = 17  # … until this one: when the sołtys lends the key


HALLS: tuple[Hall, ...] = (
    Hall(
        "Świetlica wiejska w Borówkowie",
        "ul. Szkolna 1",
        "06-425",
        "Borówkowo",
        "3035022",
        1,
        "52.39650",
        "17.65780",
    ),
    Hall(
        "Świetlica wiejska w Starych Łąkach",
        "ul. Kościelna 5",
        "06-430",
        "Stare Łąki",
        "3035042",
        2,
        "52.28920",
        "17.38310",
    ),
    Hall(
        "Świetlica wiejska w Dębowcu",
        "Dębowiec 14",
        "06-435",
        "Dębowiec",
        "3035035",
        3,
        "52.18640",
        "17.46220",
    ),
)


def seed_mobile(ctx: DemoContext) -> None:
    if Programme.objects.filter(code=CODE).exists():
        ctx.count_created("mobile centre", False)
        return
    today = timezone.localdate()
    start = today - timedelta(weeks=WEEKS_BEFORE)
    coordinator, adviser, broker = (
        ctx.users[name] for name in ("koordynator.pup", "doradca.pup", "posrednik.pup")
    )
    programme = _programme(ctx, coordinator, start)
    for user, role in (
        (coordinator, "mcaz_coordinator"),
        (adviser, "mobile_team"),
        (adviser, "career_adviser"),
        (broker, "mobile_team"),
        (broker, "job_broker"),
    ):
        programme_services.programme_staff_add(
            actor=coordinator,
            programme=programme,
            data=programme_services.StaffRoleData(user=user, role=role, starts_on=start),
        )
    women = [_woman(ctx, index, today) for index in range(INTERVIEWED)]
    _interviews(adviser, women, start)
    for woman in women:
        enrolment = programme_services.enrolment_apply(
            actor=coordinator, programme=programme, participant=woman
        )
        enrolment = programme_services.enrolment_assess(actor=coordinator, enrolment=enrolment)
        if enrolment.status == EnrolmentStatus.ELIGIBLE:
            programme_services.enrolment_enrol(actor=coordinator, enrolment=enrolment)
    for index, hall in enumerate(HALLS):
        _hall_year(ctx, programme, hall, index, (adviser, broker), start)
    _reach(ctx, coordinator, adviser, programme, today)
    ctx.count_created("mobile centre", True)


def _programme(ctx: DemoContext, coordinator: Any, start: date) -> Programme:
    return programme_services.programme_create_from_template(
        actor=coordinator,
        organisation=ctx.organisations["pup"],
        template=ProgrammeTemplate.objects.get(code="mobile-activation"),
        data=programme_services.ProgrammeData(
            name="Mobilne Centrum Aktywizacji Zawodowej – pilotaż w powiecie zalesiańskim",
            code=CODE,
            start_date=start,
            end_date=start + timedelta(days=364),
            places=PLACES,
            venues="\n".join(hall.name for hall in HALLS),
            funding_source="EFS+, projekt innowacyjny",
            staff=(coordinator,),
        ),
    )


def _woman(ctx: DemoContext, index: int, today: date) -> Participant:
    hall = HALLS[index % len(HALLS)]
    works = index >= PLACES + RESERVE  # the last few interviewed already work
    status = (
        LabourStatus.EMPLOYED
        if works
        else (LabourStatus.LONG_TERM_UNEMPLOYED, LabourStatus.UNEMPLOYED, LabourStatus.INACTIVE)[index % 3]
    )
    registered = status in {LabourStatus.UNEMPLOYED, LabourStatus.LONG_TERM_UNEMPLOYED}
    age = 25 + (index * 7) % 36
    return participant_create(
        actor=None,
        organisation=ctx.organisations["pup"],
        data=ParticipantData(
            first_name=ctx.faker.first_name_female(),
            last_name=ctx.faker.last_name_female(),
            sex=Sex.WOMAN,
            birth_date=today - timedelta(days=age * 365 + 17 * index % 300),
            identity_document_type=IdentityDocumentType.ID_CARD,
            identity_document_number=f"MCZ{index:06d}",
            gmina=TercUnit.objects.get(code=hall.gmina),
            locality=hall.town,
            degurba=3,
            education=(1, 2, 3, 3, 4)[index % 5],
            labour_status=status,
            pup_registration_date=today - timedelta(days=200 + 40 * index) if registered else None,
            disability=SensitiveAnswer.NO,
            third_country_national=SensitiveAnswer.NO,
            foreign_background=SensitiveAnswer.NO,
            minority=SensitiveAnswer.NO,
            homeless=SensitiveAnswer.NO,
        ),
    )


def _interviews(adviser: Any, women: list[Participant], start: date) -> None:
    """Each woman's questionnaire interview at her hall, in the first four weeks."""
    version = QuestionnaireVersion.objects.get(
        questionnaire__code=INTERVIEW,
        questionnaire__organisation__isnull=True,
        status=VersionStatus.PUBLISHED,
    )
    answer_sets = next(spec.answer_sets for spec in DEMO_ANSWERS if spec.questionnaire == INTERVIEW)
    for index, woman in enumerate(women):
        answers = {**answer_sets[index % len(answer_sets)], "znajome_kobiety": 3 + index % 6}
        questionnaire_services.response_create(
            actor=adviser,
            participant=woman,
            version=version,
            answers=answers,
            filled_on=start + timedelta(days=HALLS[index % len(HALLS)].weekday + 7 * (index % 4)),
        )


def hall_hours(hall: Hall) -> list[activity_services.Opening]:
    return [
        activity_services.Opening(weekday=weekday, opens=time(hall.opens), closes=time(hall.closes))
        for weekday in range(5)
    ]


def _hall_year(
    ctx: DemoContext, programme: Programme, hall: Hall, index: int, team: tuple[Any, Any], start: date
) -> None:
    """The hall, the group of the women living around it, the team's visits and workshops."""
    coordinator = ctx.users["koordynator.pup"]
    venue = Venue.objects.filter(organisation=programme.organisation, name=hall.name).first()
    if venue is None:
        venue = activity_services.venue_create(
            actor=None,
            organisation=programme.organisation,
            data=activity_services.VenueData(
                name=hall.name,
                kind="village_hall",
                street=hall.street,
                postal_code=hall.postal_code,
                town=hall.town,
                gmina=TercUnit.objects.get(code=hall.gmina),
                capacity=30,
                latitude=Decimal(hall.latitude) if hall.latitude else None,
                longitude=Decimal(hall.longitude) if hall.longitude else None,
            ),
            opening_hours=hall_hours(hall),
        )
    group = programme_services.group_create(
        actor=coordinator, programme=programme, name=f"Grupa – {hall.town}"
    )
    enrolments = programme.enrolments.filter(
        status=EnrolmentStatus.ENROLLED, participant__gmina__code=hall.gmina
    )
    for enrolment in enrolments:
        programme_services.enrolment_assign_group(actor=coordinator, enrolment=enrolment, group=group)
    tz = timezone.get_current_timezone()
    first_week = start + timedelta(weeks=4, days=hall.weekday - start.weekday())
    sessions: list[Session] = []
    for kind, title, leader, hour, weeks, count, offset in (
        ("mobile_visit", f"Dyżur zespołu mobilnego – {hall.town}", team[index % 2], 10, 1, VISITS, 0),
        (
            "group_workshop",
            "Warsztat grupowy: moje mocne strony na rynku pracy",
            team[0],
            13,
            2,
            WORKSHOPS,
            7,
        ),
    ):
        first = datetime.combine(first_week + timedelta(days=offset), time(hour), tzinfo=tz)
        sessions += activity_services.session_schedule(
            actor=None,
            data=activity_services.SessionData(
                programme=programme,
                kind=kind,
                title=title,
                leader=leader,
                starts_at=first,
                ends_at=first + timedelta(hours=2),
                planned_hours=Decimal(2),
                group=group,
                venue=venue,
                recurrence=f"FREQ=WEEKLY;INTERVAL={weeks};COUNT={count}",
            ),
        )
    _mark_held(sessions, [enrolment.participant for enrolment in enrolments.select_related("participant")])


def _mark_held(sessions: list[Session], members: list[Participant]) -> None:
    """Who came to each visit and workshop held so far, as its leader marked it: most women."""
    now = timezone.now()
    ordered = sorted(sessions, key=lambda session: session.starts_at)
    for week, session in enumerate(session for session in ordered if session.ends_at < now):
        activity_services.attendance_record(
            actor=None,  # the demo writes as the system, as every step does
            session=session,
            marks=[
                activity_services.Mark(
                    participant_id=woman.pk,
                    present=(week + position) % 6 != 0,
                    hours=session.length_hours if (week + position) % 6 != 0 else Decimal(0),
                )
                for position, woman in enumerate(members)
            ],
        )


def _reach(ctx: DemoContext, coordinator: Any, adviser: Any, programme: Programme, today: date) -> None:
    """Each participant told 4 to 7 women in a similar situation; every third, one applied. The
    first records hers herself on her own page; then the applicants who came by word of mouth."""
    enrolments = list(
        Enrolment.objects.filter(programme=programme, status=EnrolmentStatus.ENROLLED)
        .select_related("participant", "programme")
        .order_by("pk")
    )
    own = _own_account(ctx, coordinator, enrolments[0].participant)
    for told, applied in OWN_RECORDS:
        reach_record_own(actor=own, enrolment=enrolments[0], people_told=told, applied=applied)
    for index, enrolment in enumerate(enrolments[1:], start=1):
        reach_record(
            actor=adviser,
            enrolment=enrolment,
            data=ReachData(
                recorded_on=today,
                people_told=REACHED_AT_LEAST + index % 4,
                applied=1 if index % 3 == 0 else 0,
                note="Sąsiadki i znajome z koła gospodyń." if index % 5 == 0 else "",
            ),
        )
    _word_of_mouth(adviser, programme, enrolments)


def _own_account(ctx: DemoContext, coordinator: Any, woman: Participant) -> User:
    """The participant account of one woman, named as her record, linked to it."""
    account = User(
        username=OWN_ACCOUNT,
        first_name=woman.first_name,
        last_name=woman.last_name,
        email=f"{OWN_ACCOUNT}@example.org",
        password=ctx.password_hash(),
    )
    account.full_clean()
    account.save()
    ctx.count_created("users", True)
    ctx.users[OWN_ACCOUNT] = account
    membership_create(user=account, organisation=woman.organisation, role=Role.PARTICIPANT)
    participant_account_link(actor=coordinator, participant=woman, account=account)
    return account


def _word_of_mouth(adviser: Any, programme: Programme, enrolled: list[Enrolment]) -> None:
    """The women who said someone they told applied (every third) are each linked to one
    applicant: half of them on the reserve list, half among the last enrolled."""
    tellers = enrolled[::3][:WORD_OF_MOUTH]
    reserve = list(programme.enrolments.filter(status=EnrolmentStatus.RESERVE).order_by("pk"))
    half = WORD_OF_MOUTH // 2
    applicants = reserve[:half] + enrolled[-(WORD_OF_MOUTH - half) :]
    for teller, applicant in zip(tellers, applicants, strict=True):
        heard_from_record(actor=adviser, applicant=applicant, told_by=teller)
