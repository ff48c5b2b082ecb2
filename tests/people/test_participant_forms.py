"""Registering and editing a participant through the pages: clear messages, warnings, audit."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.test.html import parse_html
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.people.forms import PlainSelect
from reintegra.people.models import Degurba, Participant, Sex
from tests.conftest import client_for
from tests.factories import ParticipantFactory
from tests.people.helpers import a_pesel, gminas

pytestmark = pytest.mark.django_db

BIRTH = date(1990, 5, 17)


@pytest.fixture
def terc(db: None) -> None:
    gminas()


def form_data(organisation: Organisation, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "organisation": organisation.pk,
        "first_name": "Łucja",
        "last_name": "Żółkiewska",
        "pesel": a_pesel(BIRTH),
        "birth_date": "",
        "sex": Sex.WOMAN,
        "gmina": "3035022",
        "postal_code": "06432",
    }
    data.update(overrides)
    return data


def create(client: Client, data: dict[str, Any]) -> Any:
    return client.post(reverse("people:participant_create"), data)


def test_a_caseworker_registers_a_person_with_the_birth_date_and_area_taken_from_pesel_and_gmina(
    terc: None, organisation: Organisation, caseworker: User
) -> None:
    pesel = a_pesel(BIRTH)
    response = create(client_for(caseworker), form_data(organisation, pesel=f" {pesel[:5]} {pesel[5:]} "))

    person = Participant.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:participant_detail", args=[person.pk])
    assert person.pesel == pesel
    assert person.birth_date == BIRTH
    assert person.degurba == Degurba.RURAL
    assert person.postal_code == "06-432"
    assert person.created_by == caseworker
    entry = AuditEntry.objects.get_for_object(person).get(action=AuditEntry.Action.CREATE)
    assert entry.actor == caseworker
    assert list(entry.organisations.all()) == [organisation]


def test_an_invalid_pesel_is_named_on_the_pesel_field(
    terc: None, organisation: Organisation, caseworker: User
) -> None:
    response = create(client_for(caseworker), form_data(organisation, pesel="90051712345"))

    assert response.status_code == 200
    assert "pesel" in response.context["form"].errors
    assert "PESEL" in response.context["form"].errors["pesel"][0]
    assert not Participant.objects.exists()


def test_a_birth_date_that_disagrees_with_the_pesel_is_named_on_the_birth_date(
    terc: None, organisation: Organisation, caseworker: User
) -> None:
    response = create(client_for(caseworker), form_data(organisation, birth_date="1990-05-18"))

    errors = response.context["form"].errors
    assert "birth_date" in errors
    assert "17.5.1990" in errors["birth_date"][0]
    assert not Participant.objects.exists()


def test_an_unknown_terc_code_is_named_on_the_gmina_field(
    terc: None, organisation: Organisation, caseworker: User
) -> None:
    response = create(client_for(caseworker), form_data(organisation, gmina="3035999"))

    error = response.context["form"].errors.as_data()["gmina"][0]
    assert error.code == "unknown"
    assert "3035999" in response.context["form"].errors["gmina"][0]
    malformed = create(client_for(caseworker), form_data(organisation, gmina="30-35"))
    assert "gmina" in malformed.context["form"].errors


def test_without_a_pesel_a_birth_date_and_identity_document_are_asked_for(
    terc: None, organisation: Organisation, caseworker: User
) -> None:
    client = client_for(caseworker)
    response = create(client, form_data(organisation, pesel=""))

    assert {"birth_date", "identity_document_number"} <= set(response.context["form"].errors)
    accepted = create(
        client,
        form_data(
            organisation,
            pesel="",
            birth_date="1980-02-03",
            identity_document_type="id_card",
            identity_document_number="ZZD123456",
        ),
    )
    assert accepted.status_code == 302


def test_a_likely_duplicate_is_a_warning_that_the_worker_may_confirm(
    terc: None, organisation: Organisation, caseworker: User
) -> None:
    existing = ParticipantFactory(
        organisation=organisation, first_name="Lucja", last_name="Zolkiewska", birth_date=BIRTH
    )
    client = client_for(caseworker)

    warned = create(client, form_data(organisation))
    assert warned.status_code == 200
    assert [match.pk for match in warned.context["duplicates"]] == [existing.pk]
    assert "confirm_different_person" in warned.context["form"].fields
    assert Participant.objects.count() == 1

    confirmed = create(client, form_data(organisation, confirm_different_person="on"))
    assert confirmed.status_code == 302
    assert Participant.objects.count() == 2


def test_the_same_pesel_in_another_organisation_of_the_worker_is_found_but_not_outside_their_reach(
    terc: None, organisation: Organisation, other_organisation: Organisation, caseworker: User
) -> None:
    ParticipantFactory(organisation=other_organisation, pesel=a_pesel(BIRTH), birth_date=BIRTH)

    response = create(client_for(caseworker), form_data(organisation))

    assert response.status_code == 302  # the other organisation's record stays invisible


def test_an_edit_saves_only_what_changed_and_the_audit_log_has_before_and_after(
    terc: None, organisation: Organisation, caseworker: User
) -> None:
    person = ParticipantFactory(
        organisation=organisation, last_name="Nowak", pesel=a_pesel(BIRTH), birth_date=BIRTH
    )
    client = client_for(caseworker)
    edit_url = reverse("people:participant_edit", args=[person.pk])
    form = client.get(edit_url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(last_name="Nowak-Kowalska", gmina="3035011", birth_date=BIRTH.isoformat())

    response = client.post(edit_url, data)

    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert person.last_name == "Nowak-Kowalska"
    assert person.search_key.startswith("nowak-kowalska")
    assert person.degurba == Degurba.CITY
    entry = AuditEntry.objects.get_for_object(person).get(action=AuditEntry.Action.UPDATE)
    assert entry.actor == caseworker
    assert entry.changes["last_name"] == ["Nowak", "Nowak-Kowalska"]
    assert "first_name" not in entry.changes


def test_the_registration_form_offers_only_the_workers_organisations_and_no_confirmation_yet(
    organisation: Organisation, other_organisation: Organisation, caseworker: User
) -> None:
    response = client_for(caseworker).get(reverse("people:participant_create"))

    form = response.context["form"]
    assert list(form.fields["organisation"].queryset) == [organisation]
    assert "confirm_different_person" not in form.fields
    assert 'name="gmina"' in response.content.decode()


@pytest.mark.parametrize("value", ["", "b", 3, None])
def test_the_list_filters_plain_select_renders_the_same_html_as_djangos(value: object) -> None:
    choices = [("", "any"), ("b", "Bread & <butter>"), (3, "three")]
    attrs = {"id": "id_x", "class": "form-select"}

    plain = PlainSelect(choices=choices).render("x", value, attrs)
    django = forms.Select(choices=choices).render("x", value, attrs)

    assert parse_html(plain) == parse_html(django)
