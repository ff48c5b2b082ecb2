from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from auditlog.context import auditlog_value
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reintegra.accounts import services
from reintegra.accounts.models import Organisation, Role, User
from reintegra.audit.models import AuditEntry, ImmutableEntryError
from tests.conftest import client_for


def rename(actor: User, user: User, last_name: str) -> None:
    services.user_update_profile(
        actor=actor, user=user, data=replace(services.ProfileData.of(user), last_name=last_name)
    )


@pytest.mark.django_db
def test_an_admin_sees_the_changes_in_their_organisation(
    as_admin: Client, org_admin: User, caseworker: User
) -> None:
    rename(org_admin, caseworker, "Wiśniewska")

    response = as_admin.get(reverse("audit:entry_list"))

    assert response.status_code == 200
    assert "Wiśniewska" in response.content.decode()


@pytest.mark.django_db
def test_an_admin_does_not_see_another_organisations_log(
    outsider_admin: User, org_admin: User, caseworker: User
) -> None:
    rename(org_admin, caseworker, "Wiśniewska")

    response = client_for(outsider_admin).get(reverse("audit:entry_list"))

    assert "Wiśniewska" not in response.content.decode()
    assert all(caseworker.username not in entry.object_repr for entry in response.context["page"])


@pytest.mark.django_db
def test_a_caseworker_cannot_open_the_audit_log(as_caseworker: Client) -> None:
    assert as_caseworker.get(reverse("audit:entry_list")).status_code == 403


@pytest.mark.django_db
def test_the_log_filters_by_action_and_date(as_admin: Client, org_admin: User, caseworker: User) -> None:
    rename(org_admin, caseworker, "Wiśniewska")
    as_admin.get(reverse("accounts:user_detail", args=[caseworker.pk]))
    today = timezone.localdate()

    accesses = as_admin.get(reverse("audit:entry_list"), {"action": AuditEntry.Action.ACCESS})
    tomorrow = as_admin.get(reverse("audit:entry_list"), {"date_from": today + timedelta(days=1)})

    assert {entry.action for entry in accesses.context["page"]} == {AuditEntry.Action.ACCESS}
    assert len(tomorrow.context["page"]) == 0


@pytest.mark.django_db
def test_a_date_range_ending_before_it_starts_is_refused_naming_the_field(as_admin: Client) -> None:
    response = as_admin.get(reverse("audit:entry_list"), {"date_from": "2026-05-10", "date_to": "2026-05-01"})

    assert response.status_code == 200
    assert "date_to" in response.context["form"].errors


@pytest.mark.django_db
def test_the_log_exports_to_csv_and_xlsx(as_admin: Client, org_admin: User, caseworker: User) -> None:
    rename(org_admin, caseworker, "Wiśniewska")

    csv_response = as_admin.get(reverse("audit:entry_export", args=["csv"]))
    xlsx_response = as_admin.get(reverse("audit:entry_export", args=["xlsx"]))

    assert "Wiśniewska" in csv_response.content.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert any("Wiśniewska" in str(cell.value) for row in sheet.iter_rows() for cell in row)


@pytest.mark.django_db
def test_an_entry_cannot_be_changed_or_deleted(org_admin: User, caseworker: User) -> None:
    rename(org_admin, caseworker, "Wiśniewska")
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).latest()

    entry.object_repr = "forged"
    with pytest.raises(ImmutableEntryError):
        entry.save()
    with pytest.raises(ImmutableEntryError):
        entry.delete()


class AuditStoreDownError(Exception):
    pass


def refuse_entry(**kwargs: object) -> None:
    raise AuditStoreDownError


@pytest.mark.django_db(transaction=True)
def test_a_change_is_not_kept_when_its_audit_entry_cannot_be_written(
    other_organisation: Organisation, caseworker: User
) -> None:
    """The change and its entry are one transaction: no entry, no change."""
    pre_save.connect(refuse_entry, sender=AuditEntry, dispatch_uid="refuse_entry")
    try:
        with pytest.raises(AuditStoreDownError):
            services.membership_create(
                user=caseworker, organisation=other_organisation, role=Role.PARTNER_VIEWER
            )
    finally:
        pre_save.disconnect(sender=AuditEntry, dispatch_uid="refuse_entry")

    assert not caseworker.memberships.filter(organisation=other_organisation).exists()


@pytest.mark.django_db
def test_an_entry_is_scoped_to_the_organisation_of_the_record(
    organisation: Organisation, org_admin: User
) -> None:
    services.organisation_update_security(
        actor=org_admin, organisation=organisation, require_2fa_for_staff=True
    )

    entry = AuditEntry.objects.filter(content_type__model="organisation").latest()
    assert list(entry.organisations.all()) == [organisation]
    assert entry.changes["require_2fa_for_staff"] == ["False", "True"]


@pytest.mark.django_db
def test_htmx_gets_only_the_results_and_a_plain_request_the_whole_page(
    as_admin: Client, org_admin: User, caseworker: User
) -> None:
    rename(org_admin, caseworker, "Wiśniewska")

    fragment = as_admin.get(reverse("audit:entry_list"), HTTP_HX_REQUEST="true").content.decode()
    page = as_admin.get(reverse("audit:entry_list")).content.decode()

    assert fragment.lstrip().startswith('<div id="audit-results"')
    assert "Wiśniewska" in fragment
    assert "<html" not in fragment
    assert "<html" in page
    assert 'id="audit-results"' in page


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_change_the_recorded_address(
    as_admin: Client, caseworker: User
) -> None:
    as_admin.get(
        reverse("accounts:user_detail", args=[caseworker.pk]),
        REMOTE_ADDR="10.1.2.3",
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )

    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).latest()
    assert entry.remote_addr == "10.1.2.3"


@pytest.mark.django_db
def test_deleting_an_organisation_leaves_its_deletion_in_the_log(other_organisation: Organisation) -> None:
    pk = other_organisation.pk

    other_organisation.delete()

    entry = AuditEntry.objects.filter(
        content_type__model="organisation", action=AuditEntry.Action.DELETE
    ).get()
    assert entry.object_pk == str(pk)


@pytest.mark.django_db
def test_a_request_leaves_no_actor_behind_for_later_writes_in_the_thread(
    as_admin: Client, caseworker: User
) -> None:
    as_admin.get(reverse("accounts:user_detail", args=[caseworker.pk]))

    assert auditlog_value.get({}) == {}


@pytest.mark.django_db
def test_without_database_constraints_deleting_a_user_or_an_organisation_still_clears_what_points_at_them(
    as_admin: Client, caseworker: User, other_organisation: Organisation
) -> None:
    from reintegra.audit.bulk import Read, log_reads
    from reintegra.audit.models import AuditEntryOrganisation

    log_reads([Read(Organisation, other_organisation.pk, "read", (other_organisation.pk,))], actor=caseworker)
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=caseworker).get()

    caseworker.delete()
    other_organisation.delete()

    entry.refresh_from_db()
    assert entry.actor_id is None
    assert not AuditEntryOrganisation.objects.filter(organisation_id=other_organisation.pk).exists()


@pytest.mark.django_db
def test_an_audited_read_costs_three_queries_whatever_organisations_it_is_scoped_to(
    caseworker: User, organisation: Organisation, django_assert_num_queries: Any
) -> None:
    from auditlog.signals import accessed

    with django_assert_num_queries(3):  # the entry, its organisations read, then written in one insert
        accessed.send(sender=Organisation, instance=organisation)

    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).get()
    assert list(entry.organisations.all()) == [organisation]
