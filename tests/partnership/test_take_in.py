"""After accepting, the receiver takes the person in from exactly the referred fields (or links
its own file), later tells the sender the outcome; the partner viewer hears of referrals too."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.notifications.models import Notification
from reintegra.partnership import services
from reintegra.partnership.models import Partnership, Referral, ReferralOutcome
from reintegra.people import services as people_services
from reintegra.people.models import Consent, ConsentKind, Participant
from tests.conftest import client_for
from tests.factories import ParticipantFactory
from tests.partnership.conftest import consent_for, send

PESEL = "92071314764"
FIELDS = ["name", "birth_date", "pesel", "contact", "address", "education", "labour_status"]


@pytest.fixture
def with_pesel(person: Participant, consent: Consent) -> Participant:
    Participant.objects.filter(pk=person.pk).update(pesel=PESEL, birth_date=date(1992, 7, 13))
    person.refresh_from_db()
    return person


@pytest.fixture
def accepted(
    partnership: Partnership, with_pesel: Participant, caseworker: User, ngo: Organisation, ngo_worker: User
) -> Referral:
    referral = send(caseworker, with_pesel, ngo, fields=FIELDS)
    return services.referral_accept(actor=ngo_worker, referral=referral)


def _take_in_url(referral: Referral) -> str:
    return reverse("partnership:referral_take_in", args=[referral.pk])


def _confirmed(initial: dict[str, Any], **added: Any) -> dict[str, Any]:
    """The prefilled form as the browser posts it back, with what the worker adds."""
    posted = {key: value.isoformat() if isinstance(value, date) else value for key, value in initial.items()}
    return {**posted, **added}


# --- Taking the person in -----------------------------------------------------------------------


def test_the_take_in_form_holds_exactly_the_referred_values(accepted: Referral, ngo_worker: User) -> None:
    response = client_for(ngo_worker).get(_take_in_url(accepted))

    assert response.status_code == 200
    assert response.context["form"].initial == {
        "first_name": "Łucja",
        "last_name": "Żółkiewska",
        "birth_date": date(1992, 7, 13),
        "pesel": PESEL,
        "phone": "600100200",
        "email": "lucja@example.org",
        "street_address": "ul. Źródlana 7",
        "postal_code": "06-432",
        "locality": "Borówkowo",
        "education": 3,
        "labour_status": "long_term_unemployed",
    }
    assert "disability" not in response.context["form"].initial  # not referred


def test_the_receiver_takes_the_person_in_without_retyping_and_the_referral_remembers_the_record(
    accepted: Referral, ngo_worker: User, ngo: Organisation, with_pesel: Participant
) -> None:
    client = client_for(ngo_worker)
    initial = client.get(_take_in_url(accepted)).context["form"].initial

    response = client.post(_take_in_url(accepted), _confirmed(initial, sex="woman"))

    taken = Participant.objects.get(organisation=ngo)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:participant_detail", args=[taken.pk])
    assert (taken.first_name, taken.last_name, taken.pesel, taken.phone) == (
        "Łucja",
        "Żółkiewska",
        PESEL,
        "600100200",
    )
    assert taken.pk != with_pesel.pk
    assert taken.created_by == ngo_worker
    accepted.refresh_from_db()
    assert accepted.received_participant == taken
    changes = AuditEntry.objects.get_for_object(accepted).filter(action=AuditEntry.Action.UPDATE)
    assert any("received_participant" in entry.changes for entry in changes)
    assert AuditEntry.objects.get_for_object(taken).filter(action=AuditEntry.Action.CREATE).exists()


def test_the_take_in_form_names_a_missing_field_instead_of_failing(
    accepted: Referral, ngo_worker: User, ngo: Organisation
) -> None:
    client = client_for(ngo_worker)
    initial = client.get(_take_in_url(accepted)).context["form"].initial

    response = client.post(_take_in_url(accepted), _confirmed(initial, sex=""))

    assert response.status_code == 200
    assert "sex" in response.context["form"].errors
    assert not Participant.objects.filter(organisation=ngo).exists()


def test_taking_in_a_pesel_the_receiver_already_holds_is_refused_on_the_pesel_field(
    accepted: Referral, ngo_worker: User, ngo: Organisation, with_pesel: Participant
) -> None:
    ParticipantFactory(organisation=ngo, pesel=PESEL, birth_date=date(1992, 7, 13))
    client = client_for(ngo_worker)
    initial = client.get(_take_in_url(accepted)).context["form"].initial

    response = client.post(_take_in_url(accepted), _confirmed(initial, sex="woman"))

    assert response.status_code == 200
    assert "pesel" in response.context["form"].errors
    assert Participant.objects.filter(organisation=ngo).count() == 1
    accepted.refresh_from_db()
    assert accepted.received_participant is None


def test_the_same_pesel_in_the_receivers_organisation_is_offered_for_linking(
    accepted: Referral, ngo_worker: User, ngo: Organisation
) -> None:
    own = ParticipantFactory(organisation=ngo, pesel=PESEL, birth_date=date(1992, 7, 13))
    client = client_for(ngo_worker)

    page = client.get(_take_in_url(accepted))
    assert [match.pk for match in page.context["candidates"]] == [own.pk]

    response = client.post(reverse("partnership:referral_link", args=[accepted.pk]), {"participant": own.pk})

    assert response.status_code == 302
    assert response["Location"] == reverse("people:participant_detail", args=[own.pk])
    accepted.refresh_from_db()
    assert accepted.received_participant == own
    assert Participant.objects.filter(organisation=ngo).count() == 1


def test_a_record_of_another_organisation_cannot_be_linked(
    accepted: Referral, ngo_worker: User, with_pesel: Participant, other_organisation: Organisation
) -> None:
    theirs = ParticipantFactory(organisation=other_organisation, pesel=PESEL, birth_date=date(1992, 7, 13))
    client = client_for(ngo_worker)
    link = reverse("partnership:referral_link", args=[accepted.pk])

    assert client.post(link, {"participant": with_pesel.pk}).status_code == 404  # the sender's file
    assert client.post(link, {"participant": theirs.pk}).status_code == 404
    assert client.post(link, {"participant": "99999999999999999999"}).status_code == 404
    accepted.refresh_from_db()
    assert accepted.received_participant is None


def test_a_referral_not_yet_accepted_cannot_be_taken_in(
    referral: Referral, ngo_worker: User, ngo: Organisation
) -> None:
    with pytest.raises(ValidationError):
        services.referral_take_in(
            actor=ngo_worker,
            referral=referral,
            data=people_services.ParticipantData(
                first_name="Łucja", last_name="Żółkiewska", pesel=PESEL, sex="woman"
            ),
        )

    response = client_for(ngo_worker).get(_take_in_url(referral))
    assert response.status_code == 302
    assert not Participant.objects.filter(organisation=ngo).exists()


def test_a_person_is_taken_in_once(accepted: Referral, ngo_worker: User, ngo: Organisation) -> None:
    own = ParticipantFactory(organisation=ngo)
    services.referral_link(actor=ngo_worker, referral=accepted, participant=own)

    with pytest.raises(ValidationError):
        services.referral_link(actor=ngo_worker, referral=accepted, participant=own)
    assert client_for(ngo_worker).get(_take_in_url(accepted)).status_code == 302


def test_a_field_withdrawn_after_sending_is_not_prefilled(
    accepted: Referral, with_pesel: Participant, caseworker: User, ngo_worker: User
) -> None:
    contact = with_pesel.consents.get(kind=ConsentKind.CONTACT)
    people_services.consent_withdraw(actor=caseworker, consent=contact, withdrawn_on=date(2026, 3, 1))

    initial = client_for(ngo_worker).get(_take_in_url(accepted)).context["form"].initial

    assert "phone" not in initial
    assert "email" not in initial
    assert initial["pesel"] == PESEL


# --- Who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ["referral_take_in", "referral_link", "referral_outcome"])
def test_the_sender_and_another_organisation_get_404_on_the_receivers_routes(
    route: str, accepted: Referral, caseworker: User, outsider: User
) -> None:
    url = reverse(f"partnership:{route}", args=[accepted.pk])

    for user in (caseworker, outsider):
        response = client_for(user).post(
            url, {"participant": accepted.participant_id, "outcome": "took_part"}
        )
        assert response.status_code == 404
    assert client_for(outsider).get(_take_in_url(accepted)).status_code == 404
    assert client_for(caseworker).get(_take_in_url(accepted)).status_code == 404
    accepted.refresh_from_db()
    assert accepted.received_participant is None
    assert not accepted.outcomes.exists()


def test_a_partner_viewer_of_the_receiver_cannot_take_the_person_in(
    accepted: Referral, ngo_viewer: User
) -> None:
    assert client_for(ngo_viewer).get(_take_in_url(accepted)).status_code == 403


def test_the_sender_never_reaches_the_receivers_new_record_nor_the_receiver_the_senders(
    accepted: Referral, ngo_worker: User, caseworker: User, ngo: Organisation
) -> None:
    own = ParticipantFactory(organisation=ngo)
    services.referral_link(actor=ngo_worker, referral=accepted, participant=own)

    sender_page = client_for(caseworker).get(reverse("partnership:referral_detail", args=[accepted.pk]))
    assert 'data-testid="taken-in"' in sender_page.content.decode()
    assert reverse("people:participant_detail", args=[own.pk]) not in sender_page.content.decode()
    assert client_for(caseworker).get(reverse("people:participant_detail", args=[own.pk])).status_code == 404
    detail = reverse("people:participant_detail", args=[accepted.participant_id])
    assert client_for(ngo_worker).get(detail).status_code == 404


# --- The outcome --------------------------------------------------------------------------------


def test_the_receiver_reports_the_outcome_and_the_sender_sees_it_and_is_told(
    accepted: Referral, ngo_worker: User, caseworker: User
) -> None:
    response = client_for(ngo_worker).post(
        reverse("partnership:referral_outcome", args=[accepted.pk]),
        {"outcome": ReferralOutcome.DID_NOT_START, "note": "Nie zgłosiła się na pierwsze zajęcia."},
    )

    assert response.status_code == 302
    page = client_for(caseworker).get(reverse("partnership:referral_detail", args=[accepted.pk]))
    assert "did not start" in page.content.decode()
    assert "Nie zgłosiła się" in page.content.decode()
    told = Notification.objects.filter(user=caseworker).latest("pk")
    assert "did not start" in told.message
    assert told.url == reverse("partnership:referral_detail", args=[accepted.pk])
    report = accepted.outcomes.get()
    assert AuditEntry.objects.get_for_object(report).filter(action=AuditEntry.Action.CREATE).exists()


@pytest.mark.parametrize(
    ("posted", "field"),
    [
        ({"outcome": ""}, "outcome"),
        ({"outcome": "graduated"}, "outcome"),
        ({"outcome": "took_part", "note": "x" * 501}, "note"),
    ],
)
def test_a_bad_outcome_is_named_on_its_field(
    posted: dict[str, str], field: str, accepted: Referral, ngo_worker: User
) -> None:
    response = client_for(ngo_worker).post(
        reverse("partnership:referral_outcome", args=[accepted.pk]), posted
    )

    assert response.status_code == 200
    assert field in response.context["outcome_form"].errors
    assert not accepted.outcomes.exists()


def test_an_outcome_waits_for_acceptance(referral: Referral, ngo_worker: User) -> None:
    response = client_for(ngo_worker).post(
        reverse("partnership:referral_outcome", args=[referral.pk]), {"outcome": "took_part"}
    )

    assert response.status_code == 200
    assert "accepted referral" in response.context["outcome_form"].non_field_errors()[0]
    assert not referral.outcomes.exists()


# --- The partner viewer is told -------------------------------------------------------------------


def test_the_receivers_partner_viewer_is_told_of_a_new_referral_and_of_its_withdrawal(
    partnership: Partnership,
    person: Participant,
    caseworker: User,
    ngo: Organisation,
    ngo_coordinator: User,
    ngo_viewer: User,
) -> None:
    consent_for(person, caseworker)
    referral = send(caseworker, person, ngo, fields=["name"])
    assert Notification.objects.filter(user=ngo_viewer).count() == 1
    assert Notification.objects.filter(user=ngo_coordinator).count() == 1

    services.referral_withdraw(actor=caseworker, referral=referral)

    told = Notification.objects.filter(user=ngo_viewer).order_by("pk")
    assert len(told) == 2
    assert "has withdrawn referral" in told[1].message
