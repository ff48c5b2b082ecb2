"""A referred field leaves only while the consent that covers it is in force, and a consent
withdrawn after sending hides its field from the receiver."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.partnership.models import LegalBasis, Partnership, Referral
from reintegra.partnership.snapshot import FIELD_CONSENTS, REFERABLE_FIELDS, field_blocks
from reintegra.people import services as people_services
from reintegra.people.models import Consent, ConsentKind, Participant
from tests.conftest import client_for
from tests.partnership.conftest import consent_for, send


def _contact_consent(person: Participant) -> Consent:
    return person.consents.get(kind=ConsentKind.CONTACT, withdrawn_on__isnull=True)


def _withdraw_contact(person: Participant, actor: User, on: date = date(2026, 2, 3)) -> None:
    people_services.consent_withdraw(actor=actor, consent=_contact_consent(person), withdrawn_on=on)


# --- The table, as data ---------------------------------------------------------------------


def test_every_covered_group_is_a_referable_field_covered_by_a_known_consent() -> None:
    assert set(FIELD_CONSENTS) <= set(REFERABLE_FIELDS)
    assert {cover.consent for cover in FIELD_CONSENTS.values()} <= set(ConsentKind.values)
    assert FIELD_CONSENTS["contact"].consent == ConsentKind.CONTACT


def test_blocks_name_the_latest_withdrawal_and_a_consent_given_again_counts() -> None:
    first = Consent(kind=ConsentKind.CONTACT, given_on=date(2026, 1, 1), withdrawn_on=date(2026, 1, 10))
    second = Consent(kind=ConsentKind.CONTACT, given_on=date(2026, 1, 11), withdrawn_on=date(2026, 2, 1))
    again = Consent(kind=ConsentKind.CONTACT, given_on=date(2026, 2, 5))

    assert field_blocks([first, second])["contact"].withdrawn_on == date(2026, 2, 1)
    assert "contact" not in field_blocks([first, second, again])
    assert field_blocks([])["contact"].withdrawn_on is None


def test_an_art_9_basis_stands_in_for_the_special_category_consent_but_nothing_for_contact() -> None:
    blocks = field_blocks([], LegalBasis.OBLIGATION_SOCIAL)

    assert "disadvantages" not in blocks
    assert "contact" in blocks
    assert "disadvantages" in field_blocks([], LegalBasis.OBLIGATION)


# --- Sending ---------------------------------------------------------------------------------


def test_a_withdrawn_contact_consent_keeps_the_phone_at_home_naming_the_field_and_the_date(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    _withdraw_contact(person, caseworker)

    with pytest.raises(ValidationError) as error:
        send(caseworker, person, ngo, fields=["name", "contact"])

    message = error.value.message_dict["fields"][0]
    assert "“contact phone and e-mail” cannot be referred" in message
    assert "withdrawn on 3.2.2026" in message
    assert not Referral.objects.exists()
    referral = send(caseworker, person, ngo, fields=["name"])
    assert "contact" not in referral.snapshot


def test_a_contact_consent_never_given_is_named_as_never_given(
    partnership: Partnership, person: Participant, caseworker: User, ngo: Organisation
) -> None:
    consent_for(person, caseworker)

    with pytest.raises(ValidationError) as error:
        send(caseworker, person, ngo, fields=["name", "contact"])

    assert "has not been given" in error.value.message_dict["fields"][0]


def test_a_legal_basis_does_not_let_the_phone_leave_without_the_contact_consent(
    partnership: Partnership, person: Participant, caseworker: User, ngo: Organisation
) -> None:
    with pytest.raises(ValidationError) as error:
        send(
            caseworker,
            person,
            ngo,
            fields=["name", "contact"],
            legal_basis=LegalBasis.PUBLIC_TASK,
            legal_basis_reference="art. 46 ustawy o pomocy społecznej",
        )

    assert "fields" in error.value.message_dict


def test_an_art_9_basis_lets_disadvantages_leave_without_the_special_category_consent(
    partnership: Partnership, person: Participant, caseworker: User, ngo: Organisation
) -> None:
    referral = send(
        caseworker,
        person,
        ngo,
        fields=["name", "disadvantages"],
        legal_basis=LegalBasis.OBLIGATION_SOCIAL,
        legal_basis_reference="art. 46 ustawy o pomocy społecznej",
    )

    assert referral.snapshot["disadvantages"]["disability"] == "yes"


def test_the_send_form_shows_which_fields_are_blocked_and_why(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User
) -> None:
    _withdraw_contact(person, caseworker)

    response = client_for(caseworker).get(reverse("partnership:referral_create", args=[person.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="blocked-contact"' in page
    assert "withdrawn on 3.2.2026" in page
    assert 'data-testid="blocked-disadvantages"' in page
    assert "has not been given" in page
    assert 'data-testid="blocked-name"' not in page
    contact = next(c for c, *_ in response.context["form"].field_choices() if c.data["value"] == "contact")
    assert contact.data["attrs"]["disabled"] is True
    assert 'aria-describedby="blocked_contact"' in page


def test_a_forged_post_of_a_blocked_field_is_refused_on_the_fields_field(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    _withdraw_contact(person, caseworker)

    response = client_for(caseworker).post(
        reverse("partnership:referral_create", args=[person.pk]),
        {"to_organisation": ngo.pk, "referred_fields": ["name", "contact"], "reason": "Wsparcie"},
    )

    assert response.status_code == 200
    assert "withdrawn on" in response.context["form"].errors["referred_fields"][0]
    assert not Referral.objects.exists()


# --- After sending ----------------------------------------------------------------------------


def test_a_consent_withdrawn_after_sending_shows_the_field_as_withdrawn_to_the_receiver(
    referral: Referral, person: Participant, caseworker: User, ngo_worker: User
) -> None:
    _withdraw_contact(person, caseworker, date(2026, 3, 9))

    receiver = client_for(ngo_worker).get(reverse("partnership:referral_detail", args=[referral.pk]))
    sender = client_for(caseworker).get(reverse("partnership:referral_detail", args=[referral.pk]))

    page = receiver.content.decode()
    assert "Łucja" in page
    assert "600100200" not in page
    assert "lucja@example.org" not in page
    assert "withheld: the consent “contact by phone or e-mail” was withdrawn on 9.3.2026" in page
    assert "600100200" in sender.content.decode()  # the record of what left stays with the sender
    assert 'data-testid="hidden-from-receiver"' in sender.content.decode()
    assert 'data-testid="hidden-from-receiver"' not in page
    referral.refresh_from_db()
    assert referral.snapshot["contact"]["phone"] == "600100200"


def test_the_api_leaves_a_withdrawn_field_out_and_names_it(
    referral: Referral, person: Participant, caseworker: User, ngo_worker: User
) -> None:
    _withdraw_contact(person, caseworker)

    item = client_for(ngo_worker).get("/api/v1/referrals").json()["items"][0]

    assert item["withdrawn_fields"] == ["contact"]
    assert item["data"] == {"name": {"first_name": "Łucja", "last_name": "Żółkiewska"}}


def test_a_consent_given_again_shows_the_field_again(
    referral: Referral, person: Participant, caseworker: User, ngo_worker: User
) -> None:
    _withdraw_contact(person, caseworker)
    consent_for(person, caseworker, ConsentKind.CONTACT)

    page = client_for(ngo_worker).get(reverse("partnership:referral_detail", args=[referral.pk]))

    assert "600100200" in page.content.decode()


def test_when_the_consent_to_sharing_the_referral_rests_on_is_withdrawn_the_receiver_sees_nothing_referred(
    referral: Referral, consent: Consent, caseworker: User, ngo_worker: User
) -> None:
    people_services.consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=date(2026, 2, 1))
    client = client_for(ngo_worker)

    page = client.get(reverse("partnership:referral_detail", args=[referral.pk])).content.decode()
    inbox = client.get(reverse("partnership:referral_inbox"))
    item = client.get("/api/v1/referrals").json()["items"][0]

    for referred in ("Łucja", "Żółkiewska", "600100200"):
        assert referred not in page
        assert referred not in inbox.content.decode()
    assert "sharing data with partner organisations” was withdrawn on 1.2.2026" in page
    assert (item["data"], item["withdrawn_fields"]) == ({}, ["contact", "name"])
    assert (
        "Łucja"
        in client_for(caseworker)
        .get(reverse("partnership:referral_detail", args=[referral.pk]))
        .content.decode()
    )


def test_a_referral_on_a_legal_basis_does_not_depend_on_the_consent_to_sharing(
    partnership: Partnership, person: Participant, caseworker: User, ngo: Organisation, ngo_worker: User
) -> None:
    referral = send(
        caseworker,
        person,
        ngo,
        fields=["name"],
        legal_basis=LegalBasis.PUBLIC_TASK,
        legal_basis_reference="art. 46 ustawy o pomocy społecznej",
    )

    page = client_for(ngo_worker).get(reverse("partnership:referral_detail", args=[referral.pk]))

    assert "Łucja" in page.content.decode()
