"""Agreements with the members: recorded by the leader's administrators, listed and exported,
and binding on referrals: a field goes to an organisation only under an agreement in force
that day that covers it."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.partnership.cooperation import services
from reintegra.partnership.cooperation.services import AgreementData
from reintegra.partnership.models import Agreement, Partnership, Referral
from reintegra.people.models import Consent, Participant
from tests.conftest import client_for
from tests.partnership.conftest import send


def data(**changes: object) -> AgreementData:
    values: dict[str, object] = {
        "number": "PL/3/2026",
        "scope": "Streetworking i mieszkania treningowe.",
        "signed_on": date(2026, 2, 1),
        "valid_from": date(2026, 2, 1),
        "valid_until": None,
        "fields": ["name", "contact"],
    }
    values.update(changes)
    return AgreementData(**values)


def ngo_agreement(ngo: Organisation) -> Agreement:
    return Agreement.objects.get(organisation=ngo)


def form(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "number": "PL/7/2026",
        "scope": "Doradztwo zawodowe dla osób skierowanych.",
        "signed_on": "2026-03-02",
        "valid_from": "2026-03-02",
        "valid_until": "",
        "data_fields": ["name", "education"],
    }
    values.update(changes)
    return values


# --- Recording them ---------------------------------------------------------------------


def test_the_leaders_administrator_records_an_agreement_listed_on_the_partnership_page(
    partnership: Partnership, org_admin: User, ngo: Organisation, caseworker: User
) -> None:
    client = client_for(org_admin)
    url = reverse("partnership:cooperation:agreement_create", args=[partnership.pk])

    response = client.post(url, form(organisation=ngo.pk))

    assert response["Location"] == reverse("partnership:detail", args=[partnership.pk])
    agreement = Agreement.objects.get(number="PL/7/2026")
    assert (agreement.organisation, agreement.fields, agreement.created_by) == (
        ngo,
        ["name", "education"],
        org_admin,
    )
    [entry] = AuditEntry.objects.get_for_object(agreement)
    assert entry.actor == org_admin
    page = client_for(caseworker).get(reverse("partnership:detail", args=[partnership.pk])).content.decode()
    assert "PL/7/2026" in page
    assert url not in page


def test_an_agreement_that_ends_before_it_starts_is_refused_on_the_end_date(
    partnership: Partnership, org_admin: User, ngo: Organisation
) -> None:
    response = client_for(org_admin).post(
        reverse("partnership:cooperation:agreement_create", args=[partnership.pk]),
        form(organisation=ngo.pk, valid_until="2026-03-01"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["valid_until"] == [
        "The agreement cannot end before it starts: give a later date."
    ]
    assert not Agreement.objects.filter(number="PL/7/2026").exists()


def test_an_agreement_is_signed_only_with_a_member_and_names_only_referable_fields(
    partnership: Partnership, org_admin: User, other_organisation: Organisation, ngo: Organisation
) -> None:
    with pytest.raises(ValidationError) as outsider:
        services.agreement_record(
            actor=org_admin, partnership=partnership, organisation=other_organisation, data=data()
        )
    with pytest.raises(ValidationError) as unknown:
        services.agreement_record(
            actor=org_admin, partnership=partnership, organisation=ngo, data=data(fields=["name", "income"])
        )

    assert "organisation" in outsider.value.message_dict
    assert "fields" in unknown.value.message_dict


def test_the_leaders_administrator_ends_an_agreement_and_it_shows_as_expired(
    partnership: Partnership, org_admin: User, ngo: Organisation
) -> None:
    agreement = ngo_agreement(ngo)
    client = client_for(org_admin)
    url = reverse("partnership:cooperation:agreement_edit", args=[partnership.pk, agreement.pk])
    assert "P/" in client.get(url).content.decode()

    client.post(url, form(number=agreement.number, valid_from="2020-01-02", valid_until="2025-12-31"))

    agreement.refresh_from_db()
    assert agreement.valid_until == date(2025, 12, 31)
    page = client.get(reverse("partnership:detail", args=[partnership.pk])).content.decode()
    assert "expired" in page


def test_a_partners_administrator_cannot_record_or_change_an_agreement(
    partnership: Partnership, ngo_admin: User, ngo: Organisation
) -> None:
    agreement = ngo_agreement(ngo)
    client = client_for(ngo_admin)

    page = client.get(reverse("partnership:detail", args=[partnership.pk])).content.decode()
    created = client.post(
        reverse("partnership:cooperation:agreement_create", args=[partnership.pk]), form(organisation=ngo.pk)
    )
    edited = client.post(
        reverse("partnership:cooperation:agreement_edit", args=[partnership.pk, agreement.pk]), form()
    )

    assert reverse("partnership:cooperation:agreement_create", args=[partnership.pk]) not in page
    assert (created.status_code, edited.status_code) == (404, 404)
    with pytest.raises(PermissionDenied):
        services.agreement_update(actor=ngo_admin, agreement=agreement, data=data())
    assert not Agreement.objects.filter(number__in=["PL/7/2026", "PL/3/2026"]).exists()


def test_a_case_worker_cannot_record_an_agreement(partnership: Partnership, caseworker: User) -> None:
    url = reverse("partnership:cooperation:agreement_create", args=[partnership.pk])

    assert client_for(caseworker).post(url, form()).status_code == 403


def test_an_organisation_outside_the_partnership_cannot_see_its_agreements(
    partnership: Partnership, outsider_admin: User, ngo: Organisation
) -> None:
    client = client_for(outsider_admin)
    agreement = ngo_agreement(ngo)

    exported = client.get(reverse("partnership:cooperation:agreements_export", args=[partnership.pk, "csv"]))
    edit = client.get(reverse("partnership:cooperation:agreement_edit", args=[partnership.pk, agreement.pk]))

    assert (exported.status_code, edit.status_code) == (404, 404)


def test_another_partnerships_agreement_is_not_found_through_this_one(
    partnership: Partnership, org_admin: User, organisation: Organisation
) -> None:
    from reintegra.partnership import services as partnership_services

    other = partnership_services.partnership_create(actor=None, organisation=organisation, name="Inne")
    foreign = services.agreement_record(actor=None, partnership=other, organisation=organisation, data=data())

    url = reverse("partnership:cooperation:agreement_edit", args=[partnership.pk, foreign.pk])

    assert client_for(org_admin).get(url).status_code == 404


def test_the_agreements_export_as_csv_and_xlsx_with_their_state(
    partnership: Partnership, ngo_worker: User, ngo: Organisation
) -> None:
    Agreement.objects.filter(organisation=ngo).update(valid_until=date(2025, 6, 30))
    client = client_for(ngo_worker)

    csv = client.get(reverse("partnership:cooperation:agreements_export", args=[partnership.pk, "csv"]))
    xlsx = client.get(reverse("partnership:cooperation:agreements_export", args=[partnership.pk, "xlsx"]))

    lines = csv.content.decode("utf-8-sig").splitlines()
    ngo_line = next(line for line in lines if "Fundacja Wspólna Droga" in line)
    assert '"expired"' in ngo_line
    assert "first and last name" in ngo_line
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert len(list(sheet.iter_rows())) == 3


# --- Binding on referrals ----------------------------------------------------------------


def test_a_field_outside_the_receivers_agreement_is_refused_naming_it_and_the_organisation(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    Agreement.objects.filter(organisation=ngo).update(fields=["name", "education"])

    with pytest.raises(ValidationError) as error:
        send(caseworker, person, ngo, fields=["name", "contact", "pesel"])

    [message] = error.value.message_dict["fields"]
    assert "Fundacja Wspólna Droga" in message
    assert "“PESEL”" in message
    assert "“contact phone and e-mail”" in message
    assert "first and last name" not in message
    assert not Referral.objects.exists()


def test_an_organisation_without_an_agreement_in_force_receives_nothing(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    today = timezone.localdate()
    for valid_from, valid_until in (
        (date(2020, 1, 2), today - timedelta(days=1)),
        (today + timedelta(days=1), None),
    ):
        Agreement.objects.filter(organisation=ngo).update(valid_from=valid_from, valid_until=valid_until)

        with pytest.raises(ValidationError) as error:
            send(caseworker, person, ngo, fields=["name"])

        [message] = error.value.message_dict["to_organisation"]
        assert "Fundacja Wspólna Droga has no partnership agreement in force today" in message
        assert "“first and last name”" in message
    assert not Referral.objects.exists()


def test_an_agreement_ending_today_still_lets_the_referral_leave(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    Agreement.objects.filter(organisation=ngo).update(valid_until=timezone.localdate())

    referral = send(caseworker, person, ngo, fields=["name"])

    assert referral.fields == ["name"]


def test_an_agreement_does_not_stand_in_for_the_consent_to_special_category_data(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    with pytest.raises(ValidationError) as error:
        send(caseworker, person, ngo, fields=["name", "disadvantages"])

    assert "disadvantages" in " ".join(error.value.message_dict["fields"])


def test_the_referral_form_offers_only_the_fields_the_receivers_agreement_allows_and_says_so(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    Agreement.objects.filter(organisation=ngo).update(fields=["name", "education"])
    url = reverse("partnership:referral_create", args=[person.pk])
    client = client_for(caseworker)

    overview = client.get(url).content.decode()
    chosen = client.get(url, {"to": ngo.pk})

    assert "first and last name, education" in overview
    page = chosen.content.decode()
    assert "Only the fields the agreement with Fundacja Wspólna Droga allows can be chosen." in page
    assert 'data-testid="outside-contact"' in page
    assert 'data-testid="outside-name"' not in page
    checkboxes = {
        c.data["value"]: c.data["attrs"].get("disabled", False)
        for c in chosen.context["form"]["referred_fields"]
    }
    assert checkboxes["contact"]
    assert not checkboxes["name"]


def test_the_referral_form_says_when_the_receiver_has_no_agreement_and_how_to_get_one(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    Agreement.objects.filter(organisation=ngo).delete()

    page = (
        client_for(caseworker)
        .get(reverse("partnership:referral_create", args=[person.pk]), {"to": ngo.pk})
        .content.decode()
    )

    assert "Fundacja Wspólna Droga has no partnership agreement in force today" in page
    assert "record the signed agreement on the partnership" in page


# --- The API -------------------------------------------------------------------------------


def api_send(user: User, person: Participant, to: Organisation, fields: list[str]) -> Any:
    payload = {
        "participant_id": person.pk,
        "to_organisation_id": to.pk,
        "fields": fields,
        "reason": "Potrzebne wsparcie mieszkaniowe.",
    }
    return client_for(user).post("/api/v1/referrals", payload, content_type="application/json")


def test_the_api_sends_a_referral_the_agreement_covers(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    response = api_send(caseworker, person, ngo, ["name", "contact"])

    assert response.status_code == 201
    referral = Referral.objects.get(pk=response.json()["id"])
    assert (referral.to_organisation, referral.fields) == (ngo, ["name", "contact"])


def test_the_api_refuses_a_field_outside_the_agreement_naming_it_and_the_organisation(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    Agreement.objects.filter(organisation=ngo).update(fields=["name"])

    response = api_send(caseworker, person, ngo, ["name", "contact"])

    assert response.status_code == 400
    [message] = response.json()["fields"]["fields"]
    assert "Fundacja Wspólna Droga" in message
    assert "“contact phone and e-mail”" in message
    assert not Referral.objects.exists()


def test_the_api_refuses_an_organisation_without_an_agreement_on_the_organisation_field(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    Agreement.objects.filter(organisation=ngo).delete()

    response = api_send(caseworker, person, ngo, ["name"])

    assert response.status_code == 400
    assert "no partnership agreement in force" in response.json()["fields"]["to_organisation_id"][0]


def test_the_api_cannot_refer_another_organisations_person_nor_to_an_outsider(
    partnership: Partnership,
    person: Participant,
    consent: Consent,
    caseworker: User,
    ngo: Organisation,
    ngo_worker: User,
    other_organisation: Organisation,
) -> None:
    foreign = api_send(ngo_worker, person, ngo, ["name"])
    outside = api_send(caseworker, person, other_organisation, ["name"])

    assert foreign.status_code == 404
    assert outside.status_code == 400
    assert "to_organisation_id" in outside.json()["fields"]
    assert not Referral.objects.exists()
