"""The audit log reads as an administrator who is not a developer expects: labels, not columns."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from openpyxl import load_workbook

from reintegra.accounts import services
from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry, AuditEntryOrganisation
from reintegra.partnership.models import Referral
from reintegra.people.models import Participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def logged(
    organisation: Organisation, record: Participant, changes: dict[str, Any], *, model: Any = Participant
) -> AuditEntry:
    entry = AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(record.pk),
        object_id=record.pk,
        object_repr=str(record),
        action=AuditEntry.Action.UPDATE,
        changes=changes,
    )
    AuditEntryOrganisation.objects.create(auditentry=entry, organisation=organisation)
    return entry


def the_page(client: Client, **query: Any) -> str:
    response = client.get(reverse("audit:entry_list"), query, HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 200
    return response.content.decode()


def test_a_change_shows_labels_choices_names_and_local_dates(
    as_admin: Client, organisation: Organisation, caseworker: User
) -> None:
    caseworker.first_name, caseworker.last_name = "Ewa", "Dębosz"
    caseworker.save()
    person = ParticipantFactory(organisation=organisation)
    logged(
        organisation,
        person,
        {
            "labour_status": ["unemployed", "employed"],
            "created_by": ["None", str(caseworker.pk)],
            "birth_date": ["1990-05-17", "1990-05-07"],
            "last_contact_at": ["None", "2026-12-02 13:30:00"],
        },
    )

    html = the_page(as_admin)

    assert "<strong>Status na rynku pracy</strong>: osoba bezrobotna → osoba pracująca" in html
    assert not [column for column in ("labour_status", "created_by", "birth_date") if column in html]
    assert "Ewa Dębosz" in html  # the reference by name, not its key
    assert "17.5.1990 → 7.5.1990" in html
    assert "2.12.2026 14:30" in html  # 13:30 UTC is 14:30 in Warsaw


def test_actions_are_named_in_polish(as_admin: Client, org_admin: User, organisation: Organisation) -> None:
    for required in (True, False):  # back to False, or the administrator is sent to set up 2FA
        services.organisation_update_security(
            actor=org_admin, organisation=organisation, require_2fa_for_staff=required
        )

    html = the_page(as_admin)

    with translation.override("pl"):
        label = capfirst(str(Organisation._meta.get_field("require_2fa_for_staff").verbose_name))
    assert "<td>zmieniono</td>" in html
    assert f"<strong>{label}</strong>: nie → tak" in html


def test_a_reference_to_a_deleted_record_still_shows_its_key(
    as_admin: Client, organisation: Organisation
) -> None:
    person = ParticipantFactory(organisation=organisation)
    logged(organisation, person, {"created_by": ["None", "987654"]})

    assert "987654" in the_page(as_admin)


def test_the_entry_time_is_local(as_admin: Client, organisation: Organisation) -> None:
    with time_machine.travel(datetime(2026, 1, 15, 23, 30, tzinfo=UTC), tick=False):
        logged(organisation, ParticipantFactory(organisation=organisation), {"phone": ["", "600100200"]})

    assert "16.1.2026 00:30:00" in the_page(as_admin)


def test_the_page_reads_references_in_bulk_whatever_the_number_of_entries(
    as_admin: Client, organisation: Organisation, caseworker: User, coordinator: User
) -> None:
    def log(count: int) -> None:
        for index in range(count):
            person = ParticipantFactory(organisation=organisation)
            worker = caseworker if index % 2 else coordinator
            logged(
                organisation,
                person,
                {"created_by": ["None", str(worker.pk)], "labour_status": ["", "employed"]},
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            the_page(as_admin)
        return len(captured)

    log(2)
    queries()  # the first page fills the process's caches (content types), whatever ran before
    few = queries()
    log(30)

    assert queries() == few


def test_the_export_shows_the_same_readable_changes(
    as_admin: Client, organisation: Organisation, caseworker: User
) -> None:
    logged(
        organisation,
        ParticipantFactory(organisation=organisation),
        {"created_by": ["None", str(caseworker.pk)]},
    )

    response = as_admin.get(reverse("audit:entry_export", args=["xlsx"]), HTTP_ACCEPT_LANGUAGE="pl")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row]

    assert any(str(caseworker) in cell and "created_by" not in cell for cell in cells)
    assert "zmieniono" in cells


def test_an_administrator_of_one_organisation_is_not_asked_to_choose_it(as_admin: Client) -> None:
    html = the_page(as_admin)

    assert 'name="organisation"' not in html
    assert 'name="content_type"' in html
    assert "people | " not in html  # record types by their name


def test_a_record_key_and_relations_seen_from_the_other_side_are_not_lines_and_lists_read_as_words(
    as_admin: Client, organisation: Organisation
) -> None:
    person = ParticipantFactory(organisation=organisation)
    logged(
        organisation,
        person,
        {"id": ["None", str(person.pk)], "enrolments": ["None", "programmes.Enrolment.None"]},
    )
    logged(organisation, person, {"fields": ["None", '["name", "contact"]']}, model=Referral)

    page = the_page(as_admin)

    assert "Enrolment.None" not in page
    assert "<strong>ID</strong>" not in page
    assert "name, contact" in page
    assert "[&quot;name&quot;" not in page


def test_every_field_of_an_audited_record_has_a_translated_label() -> None:
    unlabelled = {
        model._meta.label: [field.name for field in model._meta.concrete_fields if field_unlabelled(field)]
        for model in auditlog.get_models()
    }

    assert {label: names for label, names in unlabelled.items() if names} == {}


def field_unlabelled(field: Any) -> bool:
    """A label Django made up from the column's name (plain text), not one written to be translated."""
    return not field.primary_key and not isinstance(field.verbose_name, Promise)
