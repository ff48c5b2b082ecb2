"""Implausible dates and endless text are refused with a message on the field, whichever way
they come in (a form, a service, an import): a birth date in 2030 or in 1899, a PESEL born in
the future, a PUP registration, consent or service dated after today, 20,001 characters of notes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.casework import services as casework
from reintegra.people import services as people
from reintegra.people.models import ConsentKind, LabourStatus, Participant, Sex
from reintegra.text import LONG_TEXT
from tests.casework.conftest import at
from tests.conftest import client_for
from tests.factories import ParticipantFactory
from tests.people.helpers import a_pesel

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + timedelta(days=1)


def registration(organisation: Organisation, **overrides: Any) -> dict[str, Any]:
    return {
        "organisation": organisation.pk,
        "first_name": "Łucja",
        "last_name": "Żółkiewska",
        "pesel": a_pesel(date(1990, 5, 17)),
        "birth_date": "",
        "sex": Sex.WOMAN,
        **overrides,
    }


def form_errors(caseworker: User, data: dict[str, Any]) -> dict[str, list[str]]:
    response = client_for(caseworker).post(reverse("people:participant_create"), data)
    assert response.status_code == 200
    assert not Participant.objects.exists()
    return dict(response.context["form"].errors)


@pytest.mark.parametrize("birth_date", ["2030-05-17", "1899-12-31"])
def test_a_birth_date_in_the_future_or_before_1900_is_refused_on_its_field(
    organisation: Organisation, caseworker: User, birth_date: str
) -> None:
    errors = form_errors(caseworker, registration(organisation, pesel="", birth_date=birth_date))

    assert "birth_date" in errors


def test_a_pesel_whose_birth_date_is_in_the_future_is_refused_on_its_field(
    organisation: Organisation, caseworker: User, in_english: None
) -> None:
    errors = form_errors(caseworker, registration(organisation, pesel=a_pesel(date(2030, 5, 17))))

    assert errors["pesel"] == ["This PESEL gives a birth date in the future: check the first six digits."]


def test_the_service_refuses_a_pesel_and_a_birth_date_from_the_future_too(
    organisation: Organisation, in_english: None
) -> None:
    data = people.ParticipantData(
        first_name="Jan", last_name="Nowak", sex=Sex.MAN, pesel=a_pesel(date(2030, 5, 17))
    )

    with pytest.raises(ValidationError) as refused:
        people.participant_create(actor=None, organisation=organisation, data=data)

    assert "pesel" in refused.value.message_dict


def test_a_pup_registration_in_the_future_is_refused_on_its_field(
    organisation: Organisation, caseworker: User
) -> None:
    data = registration(
        organisation, labour_status=LabourStatus.UNEMPLOYED, pup_registration_date=TOMORROW.isoformat()
    )

    assert "pup_registration_date" in form_errors(caseworker, data)


def test_a_consent_dated_tomorrow_is_refused_on_its_field(
    organisation: Organisation, caseworker: User
) -> None:
    person = ParticipantFactory(organisation=organisation)

    response = client_for(caseworker).post(
        reverse("people:consent_create", args=[person.pk]),
        {"kind": ConsentKind.PROCESSING, "given_on": TOMORROW.isoformat(), "document": "Deklaracja 1/2026"},
    )

    assert response.status_code == 200
    assert "given_on" in response.context["form"].errors
    assert not person.consents.exists()


def test_a_service_dated_tomorrow_is_refused_on_its_field(
    organisation: Organisation, caseworker: User
) -> None:
    person = ParticipantFactory(organisation=organisation)
    data = casework.ServiceData(kind="dentist", provider_name="MOPS", delivered_on=TOMORROW)

    with pytest.raises(ValidationError) as refused:
        casework.service_record(actor=caseworker, participant=person, data=data)

    assert "delivered_on" in refused.value.message_dict


def test_meeting_notes_longer_than_20000_characters_are_refused(
    organisation: Organisation, caseworker: User
) -> None:
    person = ParticipantFactory(organisation=organisation)
    data = casework.MeetingData(
        starts_at=at(date(2026, 1, 5)), duration_minutes=60, kind="social_work", notes="x" * (LONG_TEXT + 1)
    )

    with pytest.raises(ValidationError) as refused:
        casework.meeting_record(actor=caseworker, participant=person, data=data)

    assert "notes" in refused.value.message_dict


def test_a_meeting_of_a_month_is_refused(organisation: Organisation, caseworker: User) -> None:
    person = ParticipantFactory(organisation=organisation)
    data = casework.MeetingData(
        starts_at=at(date(2026, 1, 5)), duration_minutes=30 * 24 * 60, kind="social_work"
    )

    with pytest.raises(ValidationError) as refused:
        casework.meeting_record(actor=caseworker, participant=person, data=data)

    assert "duration_minutes" in refused.value.message_dict
