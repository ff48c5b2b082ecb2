"""Who told an applicant about the programme: the staff name a participant of the same programme
(not the applicant herself), one per applicant, audited; the reach page lists the links; another
organisation's worker gets 404."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.outcomes.models import HeardFrom
from reintegra.outcomes.reach.services import heard_from_record
from reintegra.programmes.models import EnrolmentStatus, Programme
from tests.conftest import client_for
from tests.factories import ProgrammeFactory, member
from tests.outcomes.reach.conftest import enrol
from tests.reads import reads_of


def test_a_case_worker_records_who_told_an_applicant(caseworker: User, programme: Programme) -> None:
    teller, applicant = enrol(programme), enrol(programme, status=EnrolmentStatus.APPLIED)

    link = heard_from_record(actor=caseworker, applicant=applicant, told_by=teller)

    assert (link.enrolment, link.told_by, link.recorded_by) == (applicant, teller, caseworker)
    assert AuditEntry.objects.filter(
        content_type__model="heardfrom", action=AuditEntry.Action.CREATE, object_pk=str(link.pk)
    ).exists()


def test_a_second_choice_replaces_the_first(caseworker: User, programme: Programme) -> None:
    first, second, applicant = (
        enrol(programme),
        enrol(programme),
        enrol(programme, status=EnrolmentStatus.RESERVE),
    )
    heard_from_record(actor=caseworker, applicant=applicant, told_by=first)

    heard_from_record(actor=caseworker, applicant=applicant, told_by=second)

    assert HeardFrom.objects.get().told_by == second


def test_she_cannot_have_heard_from_herself_or_from_someone_not_taking_part(
    caseworker: User,
    programme: Programme,
) -> None:
    woman, candidate = enrol(programme), enrol(programme, status=EnrolmentStatus.APPLIED)

    with pytest.raises(ValidationError) as herself:
        heard_from_record(actor=caseworker, applicant=woman, told_by=woman)
    with pytest.raises(ValidationError) as not_taking_part:
        heard_from_record(actor=caseworker, applicant=woman, told_by=candidate)

    assert "told_by" in herself.value.message_dict
    assert "told_by" in not_taking_part.value.message_dict
    assert not HeardFrom.objects.exists()


def test_the_teller_takes_part_in_the_same_programme(caseworker: User, programme: Programme) -> None:
    elsewhere = enrol(ProgrammeFactory(organisation=programme.organisation))
    applicant = enrol(programme, status=EnrolmentStatus.APPLIED)

    with pytest.raises(ValidationError) as refused:
        heard_from_record(actor=caseworker, applicant=applicant, told_by=elsewhere)

    assert "told_by" in refused.value.message_dict


def test_another_organisations_worker_cannot_record_it(outsider: User, programme: Programme) -> None:
    with pytest.raises(PermissionDenied):
        heard_from_record(actor=outsider, applicant=enrol(programme), told_by=enrol(programme))


def test_the_form_records_it_and_the_page_lists_it(
    as_caseworker: Client,
    caseworker: User,
    programme: Programme,
) -> None:
    teller = enrol(programme, last_name="Opowiadająca")
    applicant = enrol(programme, status=EnrolmentStatus.APPLIED, last_name="Zgłoszona")
    url = reverse("outcomes:reach:heard_from", args=[programme.pk])

    assert as_caseworker.get(url, {"applicant": applicant.pk}).context["form"]["applicant"].value() == str(
        applicant.pk
    )
    answer = as_caseworker.post(url, {"applicant": applicant.pk, "told_by": teller.pk})

    assert answer.status_code == 302
    assert HeardFrom.objects.get().told_by == teller
    page = as_caseworker.get(reverse("outcomes:reach:list", args=[programme.pk]))
    assert [link.enrolment for link in page.context["heard_from"]] == [applicant]
    assert "Zgłoszona" in page.content.decode()
    assert ("heardfrom", HeardFrom.objects.get().pk) in reads_of(caseworker)


def test_the_form_names_the_field_of_bad_input(as_caseworker: Client, programme: Programme) -> None:
    woman = enrol(programme)
    url = reverse("outcomes:reach:heard_from", args=[programme.pk])

    page = as_caseworker.post(url, {"applicant": woman.pk, "told_by": woman.pk})

    assert page.status_code == 400
    assert "told_by" in page.context["form"].errors
    assert not HeardFrom.objects.exists()


def test_an_applicant_of_another_programme_cannot_be_chosen(
    as_caseworker: Client, programme: Programme
) -> None:
    stranger = enrol(ProgrammeFactory(organisation=programme.organisation), status=EnrolmentStatus.APPLIED)
    url = reverse("outcomes:reach:heard_from", args=[programme.pk])

    page = as_caseworker.post(url, {"applicant": stranger.pk, "told_by": enrol(programme).pk})

    assert "applicant" in page.context["form"].errors
    assert not HeardFrom.objects.exists()


def test_another_organisations_coordinator_gets_404(
    other_organisation: Organisation,
    programme: Programme,
) -> None:
    stranger = member(other_organisation, Role.COORDINATOR, username="obca.koordynatorka")
    url = reverse("outcomes:reach:heard_from", args=[programme.pk])

    client = client_for(stranger)

    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"applicant": enrol(programme).pk, "told_by": enrol(programme).pk}).status_code
        == 404
    )
    assert not HeardFrom.objects.exists()


def test_a_participant_cannot_open_the_form(participant: User, programme: Programme) -> None:
    assert client_for(participant).get(
        reverse("outcomes:reach:heard_from", args=[programme.pk])
    ).status_code in (
        403,
        404,
    )


def test_a_wrong_link_is_removed_after_a_confirmation_and_audited(
    as_caseworker: Client, programme: Programme
) -> None:
    link = heard_from_record(actor=None, applicant=enrol(programme), told_by=enrol(programme))
    url = reverse("outcomes:reach:heard_from_remove", args=[programme.pk, link.pk])

    assert 'data-testid="confirm-form"' in as_caseworker.get(url).content.decode()
    assert HeardFrom.objects.exists()
    assert as_caseworker.post(url).status_code == 302

    assert not HeardFrom.objects.exists()
    assert AuditEntry.objects.filter(
        content_type__model="heardfrom", action=AuditEntry.Action.DELETE, object_pk=str(link.pk)
    ).exists()


def test_another_organisations_coordinator_cannot_remove_a_link(
    other_organisation: Organisation, programme: Programme
) -> None:
    link = heard_from_record(actor=None, applicant=enrol(programme), told_by=enrol(programme))
    stranger = client_for(member(other_organisation, Role.COORDINATOR, username="obca.koordynatorka"))
    url = reverse("outcomes:reach:heard_from_remove", args=[programme.pk, link.pk])

    assert stranger.get(url).status_code == 404
    assert stranger.post(url).status_code == 404
    assert HeardFrom.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_word_of_mouth_list_exports_and_the_export_is_logged(
    as_caseworker: Client, caseworker: User, programme: Programme, fmt: str
) -> None:
    link = heard_from_record(
        actor=None,
        applicant=enrol(programme, status=EnrolmentStatus.APPLIED, last_name="Zgłoszona"),
        told_by=enrol(programme, last_name="Opowiadająca"),
    )

    answer = as_caseworker.get(reverse("outcomes:reach:heard_from_export", args=[programme.pk, fmt]))

    assert answer.status_code == 200
    if fmt == "csv":
        text = answer.content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(answer.content)).active
        assert sheet is not None
        text = " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    assert "Zgłoszona" in text
    assert "Opowiadająca" in text
    assert AuditEntry.objects.filter(actor=caseworker, content_type__model="heardfrom", object_pk="").exists()
    assert ("heardfrom", link.pk) in reads_of(caseworker)


def test_another_organisations_worker_cannot_export_the_word_of_mouth_list(
    outsider: User, programme: Programme
) -> None:
    url = reverse("outcomes:reach:heard_from_export", args=[programme.pk, "csv"])

    assert client_for(outsider).get(url).status_code == 404
