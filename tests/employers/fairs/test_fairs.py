"""Job fairs: set-up, stands, invitations, the door, interviews, outcomes, the summary, and who
sees what — the organiser's staff everything of their own people, another organisation nothing,
an employer contact her stands and no person."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.activities.models import Venue, VenueKind
from reintegra.audit.models import AuditEntry
from reintegra.employers.fairs import selectors, services
from reintegra.employers.models import Employer, FairGuest, FairStand, JobFair, Offer, OutcomeKind
from reintegra.partnership.models import MemberRole, Partnership, PartnershipMember
from reintegra.people.models import Participant, TercUnit
from tests.conftest import client_for
from tests.employers.fairs.conftest import BEFORE_SIGN_UP_CLOSES, employer_kept_by, fair_data, on_fair_day
from tests.factories import ParticipantFactory, member

pytestmark = pytest.mark.django_db


def errors_of(raised: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return raised.value.message_dict


# --- Set-up --------------------------------------------------------------------------------


def test_a_coordinator_sets_up_a_fair_with_an_address(fair: JobFair, organisation: Organisation) -> None:
    assert fair.organisation == organisation
    assert fair.place == "Urząd Miejski, Rynek 1, Zalesie"


def test_a_fair_needs_a_venue_or_an_address(
    organisation: Organisation, coordinator: User, in_english: None
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.fair_create(actor=coordinator, organisation=organisation, data=fair_data(address=""))
    assert errors_of(raised) == {"address": ["Choose a venue or write the address of the fair."]}


def test_a_fair_ends_after_it_starts_and_sign_up_closes_by_its_day(
    organisation: Organisation, coordinator: User
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.fair_create(actor=coordinator, organisation=organisation, data=fair_data(ends_at=time(9)))
    assert list(errors_of(raised)) == ["ends_at"]
    with pytest.raises(ValidationError) as raised:
        services.fair_create(
            actor=coordinator, organisation=organisation, data=fair_data(sign_up_until=date(2027, 6, 11))
        )
    assert list(errors_of(raised)) == ["sign_up_until"]


def test_a_case_worker_may_not_set_up_a_fair(caseworker: User) -> None:
    assert client_for(caseworker).get(reverse("employers:fairs:fair_create")).status_code == 403


def test_the_form_sets_up_a_fair_and_names_a_bad_field(coordinator: User, in_english: None) -> None:
    client = client_for(coordinator)
    form = {
        "title": "Ryneczek pracy",
        "held_on": "2027-06-10",
        "starts_at": "10:00",
        "ends_at": "09:00",
        "sign_up_until": "2027-06-01",
        "address": "Rynek 1",
    }
    response = client.post(reverse("employers:fairs:fair_create"), form)
    assert response.status_code == 200
    assert "A fair ends after it starts." in response.content.decode()

    response = client.post(reverse("employers:fairs:fair_create"), form | {"ends_at": "14:00"})
    fair = JobFair.objects.get()
    assert response.url == reverse("employers:fairs:fair_detail", args=[fair.pk])


# --- Stands --------------------------------------------------------------------------------


def test_an_employer_contact_signs_her_employer_up_with_an_offer(
    fair: JobFair, bakery: Employer, bakery_contact: User, internship: Offer
) -> None:
    with time_machine.travel(BEFORE_SIGN_UP_CLOSES):
        client = client_for(bakery_contact)
        page = client.get(reverse("employers:fairs:employer_fairs"))
        assert f'data-testid="open-fair-{fair.pk}"' in page.content.decode()
        response = client.post(
            reverse("employers:fairs:sign_up", args=[fair.pk]),
            {"offering": "Staże w piekarni", "offers": [internship.pk]},
        )
    assert response.status_code == 302
    stand = FairStand.objects.get()
    assert (stand.employer, stand.number, stand.signed_up_by) == (bakery, 1, bakery_contact)
    assert list(stand.offers.all()) == [internship]
    assert "Staże w piekarni" in client.get(reverse("employers:fairs:employer_fairs")).content.decode()


def test_signing_up_twice_is_refused(
    fair: JobFair, bakery: Employer, bakery_contact: User, in_english: None
) -> None:
    with time_machine.travel(BEFORE_SIGN_UP_CLOSES):
        services.stand_add(actor=bakery_contact, fair=fair, data=services.StandData(employer=bakery))
        with pytest.raises(ValidationError) as raised:
            services.stand_add(actor=bakery_contact, fair=fair, data=services.StandData(employer=bakery))
    assert errors_of(raised) == {"employer": ["Piekarnia Kłos has already signed up for this fair."]}


def test_sign_up_after_it_closed_is_refused(fair: JobFair, bakery: Employer, bakery_contact: User) -> None:
    with time_machine.travel(date(2027, 6, 2)), pytest.raises(ValidationError) as raised:
        services.stand_add(actor=bakery_contact, fair=fair, data=services.StandData(employer=bakery))
    assert list(errors_of(raised)) == ["employer"]


def test_a_coordinator_adds_a_stand_and_a_taken_number_is_refused(
    fair: JobFair, stand: FairStand, coordinator: User, organisation: Organisation
) -> None:
    shop = employer_kept_by(organisation, "Sklep Ala")
    with pytest.raises(ValidationError) as raised:
        services.stand_add(actor=coordinator, fair=fair, data=services.StandData(employer=shop, number=1))
    assert list(errors_of(raised)) == ["number"]
    assert (
        services.stand_add(actor=coordinator, fair=fair, data=services.StandData(employer=shop)).number == 2
    )


def test_an_employer_the_organiser_does_not_work_with_cannot_take_a_stand(
    fair: JobFair, coordinator: User, other_organisation: Organisation
) -> None:
    stranger = employer_kept_by(other_organisation, "Obca firma")
    with pytest.raises(ValidationError) as raised:
        services.stand_add(actor=coordinator, fair=fair, data=services.StandData(employer=stranger))
    assert list(errors_of(raised)) == ["employer"]


def test_an_employer_contact_cannot_sign_up_another_employer(
    fair: JobFair, bakery: Employer, employer_contact: User
) -> None:
    with time_machine.travel(BEFORE_SIGN_UP_CLOSES), pytest.raises(PermissionDenied):
        services.stand_add(actor=employer_contact, fair=fair, data=services.StandData(employer=bakery))


# --- Invitations and the door --------------------------------------------------------------


def test_the_staff_invite_people_they_find_by_name(
    fair: JobFair, caseworker: User, anna: Participant
) -> None:
    client = client_for(caseworker)
    found = client.get(reverse("employers:fairs:guest_invite", args=[fair.pk]), {"q": "Adamska"})
    assert f'value="{anna.pk}"' in found.content.decode()
    response = client.post(reverse("employers:fairs:guest_invite", args=[fair.pk]), {"person": [anna.pk]})
    assert response.status_code == 302
    assert list(fair.guests.values_list("participant", "walk_in")) == [(anna.pk, False)]


def test_inviting_someone_twice_names_her(
    fair: JobFair, caseworker: User, guests: list[FairGuest], anna: Participant, in_english: None
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.guests_invite(actor=caseworker, fair=fair, people=[anna])
    assert errors_of(raised) == {"participant": [f"{anna} is already invited."]}


def test_a_person_of_another_organisation_cannot_be_invited(
    fair: JobFair, caseworker: User, other_organisation: Organisation
) -> None:
    stranger: Participant = ParticipantFactory(organisation=other_organisation)
    with pytest.raises(ValidationError) as raised:
        services.guests_invite(actor=caseworker, fair=fair, people=[stranger])
    assert list(errors_of(raised)) == ["participant"]
    response = client_for(caseworker).post(
        reverse("employers:fairs:guest_invite", args=[fair.pk]), {"person": [stranger.pk]}
    )
    assert response.status_code == 404


def test_one_tap_at_the_door_checks_a_guest_in(
    fair: JobFair, caseworker: User, guests: list[FairGuest], anna: Participant
) -> None:
    with time_machine.travel(on_fair_day()):
        client = client_for(caseworker)
        page = client.get(reverse("employers:fairs:door", args=[fair.pk]))
        assert f'data-testid="guest-{anna.pk}"' in page.content.decode()
        response = client.post(reverse("employers:fairs:door", args=[fair.pk]), {"person": anna.pk})
        again = client.post(reverse("employers:fairs:door", args=[fair.pk]), {"person": anna.pk})
    assert response.status_code == again.status_code == 302
    guest = fair.guests.get(participant=anna)
    assert guest.came
    assert guest.checked_in_by == caseworker
    assert fair.guests.filter(checked_in_at__isnull=False).count() == 1


def test_someone_not_invited_is_refused_at_the_door_unless_added_as_a_walk_in(
    fair: JobFair, caseworker: User, organisation: Organisation, in_english: None
) -> None:
    walker: Participant = ParticipantFactory(
        organisation=organisation, first_name="Celina", last_name="Cicha"
    )
    with time_machine.travel(on_fair_day()):
        client = client_for(caseworker)
        refused = client.post(reverse("employers:fairs:door", args=[fair.pk]), {"person": walker.pk})
        assert refused.status_code == 400
        assert "is not invited to this fair: add her as a walk-in." in refused.content.decode()
        found = client.get(reverse("employers:fairs:door", args=[fair.pk]), {"q": "Cicha"})
        assert "Add and check in" in found.content.decode()
        added = client.post(
            reverse("employers:fairs:door", args=[fair.pk]), {"person": walker.pk, "walk_in": "1"}
        )
    assert added.status_code == 302
    guest = fair.guests.get(participant=walker)
    assert guest.walk_in
    assert guest.came


def test_check_in_opens_on_the_day_of_the_fair(
    fair: JobFair, caseworker: User, guests: list[FairGuest], anna: Participant
) -> None:
    with time_machine.travel(date(2027, 6, 9)), pytest.raises(ValidationError) as raised:
        services.guest_check_in(actor=caseworker, fair=fair, participant=anna)
    assert list(errors_of(raised)) == ["participant"]


# --- Interviews and outcomes ---------------------------------------------------------------


def test_an_interview_and_an_outcome_are_recorded_for_a_guest_who_came(
    fair: JobFair,
    stand: FairStand,
    caseworker: User,
    guests: list[FairGuest],
    anna: Participant,
    internship: Offer,
) -> None:
    guest = fair.guests.get(participant=anna)
    with time_machine.travel(on_fair_day()):
        client = client_for(caseworker)
        services.guest_check_in(actor=caseworker, fair=fair, participant=anna)
        interview = client.post(
            reverse("employers:fairs:interview_record", args=[fair.pk, guest.pk]),
            {"interview-stand": stand.pk, "interview-note": "Rozmowa o stażu"},
        )
        outcome = client.post(
            reverse("employers:fairs:outcome_record", args=[fair.pk, guest.pk]),
            {
                "outcome-stand": stand.pk,
                "outcome-kind": OutcomeKind.INTERNSHIP,
                "outcome-offer": internship.pk,
            },
        )
    assert interview.status_code == outcome.status_code == 302
    assert guest.interviews.get().note == "Rozmowa o stażu"
    assert guest.outcomes.get().offer == internship


def test_an_outcome_for_someone_who_did_not_come_is_refused(
    fair: JobFair,
    stand: FairStand,
    caseworker: User,
    guests: list[FairGuest],
    beata: Participant,
    in_english: None,
) -> None:
    guest = fair.guests.get(participant=beata)
    with pytest.raises(ValidationError) as raised:
        services.outcome_record(
            actor=caseworker, guest=guest, data=services.OutcomeData(stand=stand, kind=OutcomeKind.JOB)
        )
    assert errors_of(raised) == {"kind": [f"{beata} did not come to the fair."]}
    response = client_for(caseworker).post(
        reverse("employers:fairs:outcome_record", args=[fair.pk, guest.pk]),
        {"outcome-stand": stand.pk, "outcome-kind": OutcomeKind.JOB},
    )
    assert response.status_code == 400
    assert "did not come to the fair." in response.content.decode()


def test_an_outcome_names_an_offer_of_the_stands_employer_only(
    fair: JobFair,
    stand: FairStand,
    caseworker: User,
    guests: list[FairGuest],
    anna: Participant,
    internship: Offer,
    organisation: Organisation,
) -> None:
    shop = employer_kept_by(organisation, "Sklep Ala")
    other_offer = Offer.objects.create(
        employer=shop,
        site=internship.site,
        kind="job",
        title="Kasjerka",
        hours_per_week=20,
        contract_type="employment",
        places=1,
    )
    with time_machine.travel(on_fair_day()):
        guest = services.guest_check_in(actor=caseworker, fair=fair, participant=anna)
    with pytest.raises(ValidationError) as raised:
        services.outcome_record(
            actor=caseworker,
            guest=guest,
            data=services.OutcomeData(stand=stand, kind=OutcomeKind.JOB, offer=other_offer),
        )
    assert list(errors_of(raised)) == ["offer"]


# --- The summary ---------------------------------------------------------------------------


@pytest.fixture
def fair_that_happened(
    fair: JobFair,
    stand: FairStand,
    caseworker: User,
    guests: list[FairGuest],
    anna: Participant,
    organisation: Organisation,
) -> JobFair:
    walker: Participant = ParticipantFactory(organisation=organisation)
    with time_machine.travel(on_fair_day()):
        services.guest_check_in(actor=caseworker, fair=fair, participant=anna)
        services.walk_in_add(actor=caseworker, fair=fair, participant=walker)
        for guest in fair.guests.filter(checked_in_at__isnull=False):
            services.interview_record(actor=caseworker, guest=guest, stand=stand)
            services.outcome_record(
                actor=caseworker,
                guest=guest,
                data=services.OutcomeData(stand=stand, kind=OutcomeKind.INTERVIEW_INVITATION),
            )
        anna_guest = fair.guests.get(participant=anna)
        services.outcome_record(
            actor=caseworker, guest=anna_guest, data=services.OutcomeData(stand=stand, kind=OutcomeKind.JOB)
        )
    return fair


def test_the_summary_counts_employers_invited_came_interviews_and_outcomes(
    fair_that_happened: JobFair,
) -> None:
    summary = selectors.fair_summary(fair_that_happened)
    assert (summary.employers, summary.invited, summary.walk_ins, summary.came, summary.interviews) == (
        1,
        2,
        1,
        2,
        2,
    )
    assert summary.outcomes == {"interview_invitation": 2, "internship": 0, "job": 1}


def test_the_summary_exports_as_csv_and_xlsx(fair_that_happened: JobFair, coordinator: User) -> None:
    client = client_for(coordinator)
    csv = client.get(reverse("employers:fairs:fair_summary_export", args=[fair_that_happened.pk, "csv"]))
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert '"1";"Piekarnia Kłos";"2";"2";"0";"1"' in text
    xlsx = client.get(reverse("employers:fairs:fair_summary_export", args=[fair_that_happened.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[2]] == ["1", "Piekarnia Kłos", "2", "2", "0", "1"]
    assert (
        client.get(
            reverse("employers:fairs:fair_summary_export", args=[fair_that_happened.pk, "pdf"])
        ).status_code
        == 404
    )


# --- Who sees what -------------------------------------------------------------------------


def test_the_door_page_is_an_audited_read_of_each_person_shown(
    fair: JobFair, caseworker: User, guests: list[FairGuest], anna: Participant
) -> None:
    client_for(caseworker).get(reverse("employers:fairs:door", args=[fair.pk]))
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, object_id=anna.pk, actor=caseworker
    ).exists()


@pytest.mark.parametrize(
    "name", ["fair_detail", "fair_edit", "stand_add", "guest_invite", "door", "fair_summary"]
)
def test_another_organisations_coordinator_gets_404_on_the_fair(
    fair: JobFair, other_organisation: Organisation, name: str
) -> None:
    stranger = member(other_organisation, Role.COORDINATOR, username="obcy.koordynator")
    assert client_for(stranger).get(reverse(f"employers:fairs:{name}", args=[fair.pk])).status_code == 404


def test_another_organisation_does_not_see_the_fair_in_its_list(fair: JobFair, outsider: User) -> None:
    assert list(selectors.fair_list_for_user(outsider)) == []


def test_an_employer_contact_sees_no_participant_of_the_fair(
    fair_that_happened: JobFair, bakery_contact: User, anna: Participant
) -> None:
    client = client_for(bakery_contact)
    pages = [client.get(reverse("employers:fairs:employer_fairs"))]
    guest = fair_that_happened.guests.get(participant=anna)
    for name, args in [
        ("fair_detail", [fair_that_happened.pk]),
        ("door", [fair_that_happened.pk]),
        ("guest_invite", [fair_that_happened.pk]),
        ("fair_summary", [fair_that_happened.pk]),
        ("guest_detail", [fair_that_happened.pk, guest.pk]),
    ]:
        assert client.get(reverse(f"employers:fairs:{name}", args=args)).status_code in (403, 404)
    assert pages[0].status_code == 200
    text = pages[0].content.decode()
    assert "Stoisko nr 1" in text
    for person in Participant.objects.all():
        assert person.last_name not in text
    assert not AuditEntry.objects.filter(actor=bakery_contact, action=AuditEntry.Action.ACCESS).exists()


def test_an_employer_contact_cannot_sign_up_for_a_fair_of_an_organiser_that_does_not_work_with_her(
    other_organisation: Organisation, bakery_contact: User, bakery: Employer
) -> None:
    theirs = services.fair_create(actor=None, organisation=other_organisation, data=fair_data())
    with time_machine.travel(BEFORE_SIGN_UP_CLOSES):
        response = client_for(bakery_contact).get(reverse("employers:fairs:sign_up", args=[theirs.pk]))
    assert response.status_code == 404


def test_staff_cannot_open_the_employers_page(caseworker: User) -> None:
    assert client_for(caseworker).get(reverse("employers:fairs:employer_fairs")).status_code == 403


# --- Venues and partnerships ---------------------------------------------------------------


def test_a_fair_at_a_venue_of_the_organisation_shows_its_address(
    organisation: Organisation, other_organisation: Organisation, coordinator: User, gmina: TercUnit
) -> None:
    hall = Venue.objects.create(
        organisation=organisation,
        name="Sala widowiskowa",
        kind=VenueKind.VILLAGE_HALL,
        street="Rynek 1",
        postal_code="06-420",
        town="Zalesie",
        gmina=gmina,
        capacity=120,
    )
    fair = services.fair_create(
        actor=coordinator, organisation=organisation, data=fair_data(address="", venue=hall)
    )
    assert fair.place == "Sala widowiskowa, Rynek 1, 06-420 Zalesie"

    theirs = Venue.objects.create(
        organisation=other_organisation,
        name="Ich sala",
        kind=VenueKind.CLUB,
        town="Zalesie",
        gmina=gmina,
        capacity=9,
    )
    with pytest.raises(ValidationError) as raised:
        services.fair_create(actor=coordinator, organisation=organisation, data=fair_data(venue=theirs))
    assert list(errors_of(raised)) == ["venue"]


def test_an_employer_of_a_partnership_signs_up_for_a_partners_fair(
    organisation: Organisation, bakery: Employer, bakery_contact: User, coordinator: User
) -> None:
    partner = Organisation.objects.create(name="Centrum Integracji Społecznej", type=OrganisationType.CIS)
    partnership = Partnership.objects.create(name="Partnerstwo powiatu zaleskiego")
    for org, role in [(organisation, MemberRole.LEADER), (partner, MemberRole.PARTNER)]:
        PartnershipMember.objects.create(
            partnership=partnership, organisation=org, role=role, joined_on=date(2026, 1, 1)
        )
    bakery.partnership = partnership
    bakery.save(update_fields=["partnership"])
    partners_fair = services.fair_create(
        actor=None, organisation=partner, data=fair_data(title="Ryneczek w CIS")
    )

    with time_machine.travel(BEFORE_SIGN_UP_CLOSES):
        assert [fair.title for fair in selectors.fairs_open_to(bakery)] == ["Ryneczek w CIS"]
        stand = services.stand_add(
            actor=bakery_contact, fair=partners_fair, data=services.StandData(employer=bakery)
        )
    assert stand.fair == partners_fair


def test_the_guest_page_chooses_the_only_stand_of_the_fair(
    fair: JobFair, stand: FairStand, caseworker: User, guests: list[FairGuest]
) -> None:
    guest = guests[0]
    page = client_for(caseworker).get(reverse("employers:fairs:guest_detail", args=[fair.pk, guest.pk]))
    assert page.content.decode().count(f'<option value="{stand.pk}" selected>') == 2


def test_the_door_page_costs_the_same_queries_for_ten_guests_as_for_two(
    fair: JobFair, caseworker: User, guests: list[FairGuest], organisation: Organisation
) -> None:
    client = client_for(caseworker)
    address = reverse("employers:fairs:door", args=[fair.pk])
    client.get(address)
    with CaptureQueriesContext(connection) as few:
        client.get(address)
    more: list[Participant] = ParticipantFactory.create_batch(8, organisation=organisation)
    services.guests_invite(actor=caseworker, fair=fair, people=more)
    with CaptureQueriesContext(connection) as many:
        client.get(address)
    assert len(many) == len(few)


def test_the_organisers_coordinators_are_told_when_an_employer_signs_up(
    fair: JobFair, bakery: Employer, bakery_contact: User, coordinator: User, caseworker: User
) -> None:
    with time_machine.travel(BEFORE_SIGN_UP_CLOSES):
        services.stand_add(actor=bakery_contact, fair=fair, data=services.StandData(employer=bakery))
    notice = coordinator.notifications.get()
    assert "Piekarnia Kłos" in notice.message
    assert notice.url == reverse("employers:fairs:fair_detail", args=[fair.pk])
    assert not caseworker.notifications.exists()
