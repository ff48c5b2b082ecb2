"""One person, one record in an organisation: a PESEL or an identity document registered twice
(a double submit, two workers at once, two uploads of one file) leaves one record and a clear
message on the field. The database's unique constraints decide, on SQLite and PostgreSQL
(tests/imports/test_parallel_uploads.py: two uploads of one file)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.people import services
from reintegra.people.models import IdentityDocumentType, Participant, Sex
from tests.conftest import client_for
from tests.factories import ParticipantFactory
from tests.people.helpers import a_pesel
from tests.threads import in_parallel

BIRTH = date(1990, 5, 17)
PESEL = a_pesel(BIRTH)


def person(**overrides: Any) -> services.ParticipantData:
    fields: dict[str, Any] = {
        "first_name": "Łucja",
        "last_name": "Żółkiewska",
        "sex": Sex.WOMAN,
        "pesel": PESEL,
    }
    return services.ParticipantData(**{**fields, **overrides})


def field_of(outcome: object) -> list[str]:
    assert isinstance(outcome, ValidationError), outcome
    return list(outcome.message_dict)


@pytest.mark.django_db(transaction=True)
def test_four_parallel_registrations_of_one_pesel_leave_one_record(
    organisation: Organisation, caseworker: User
) -> None:
    outcomes = in_parallel(
        4, lambda: services.participant_create(actor=caseworker, organisation=organisation, data=person())
    )

    registered = [outcome for outcome in outcomes if isinstance(outcome, Participant)]
    refused = [field_of(outcome) for outcome in outcomes if not isinstance(outcome, Participant)]
    assert len(registered) == 1
    assert refused == [["pesel"]] * 3
    assert Participant.objects.filter(pesel=PESEL).count() == 1


@pytest.mark.django_db
def test_a_registration_form_sent_twice_gives_one_record_and_a_message_on_the_pesel(
    organisation: Organisation, caseworker: User, in_english: None
) -> None:
    client = client_for(caseworker)
    form = {
        "organisation": organisation.pk,
        "first_name": "Łucja",
        "last_name": "Żółkiewska",
        "pesel": PESEL,
        "birth_date": "",
        "sex": Sex.WOMAN,
        "confirm_different_person": "on",
    }

    first = client.post(reverse("people:participant_create"), form)
    second = client.post(reverse("people:participant_create"), form)

    assert first.status_code == 302
    assert second.status_code == 200
    assert second.context["form"].errors["pesel"] == [
        "A participant with this PESEL is already registered in this organisation."
    ]
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_the_same_identity_document_twice_is_refused_on_its_field(organisation: Organisation) -> None:
    document = {"pesel": "", "birth_date": BIRTH, "identity_document_type": IdentityDocumentType.ID_CARD}
    data = person(**document, identity_document_number="ZZD123456")
    services.participant_create(actor=None, organisation=organisation, data=data)

    with pytest.raises(ValidationError) as refused:
        services.participant_create(actor=None, organisation=organisation, data=data)

    assert list(refused.value.message_dict) == ["identity_document_number"]
    assert Participant.objects.count() == 1


@pytest.mark.django_db
def test_an_edit_that_gives_a_person_anothers_pesel_is_refused_on_the_field(
    organisation: Organisation, caseworker: User
) -> None:
    services.participant_create(actor=None, organisation=organisation, data=person())
    other = ParticipantFactory(organisation=organisation, birth_date=BIRTH)
    data = services.ParticipantData.of(other)

    with pytest.raises(ValidationError) as refused:
        services.participant_update(
            actor=caseworker,
            participant=other,
            data=services.ParticipantData(**{**data.values(), "pesel": PESEL}),
        )

    assert list(refused.value.message_dict) == ["pesel"]


@pytest.mark.django_db
def test_the_same_pesel_in_two_organisations_is_two_records(
    organisation: Organisation, other_organisation: Organisation
) -> None:
    services.participant_create(actor=None, organisation=organisation, data=person())
    services.participant_create(actor=None, organisation=other_organisation, data=person())

    assert Participant.objects.filter(pesel=PESEL).count() == 2
