"""The role each member plays at each stage: written by the leader's administrators, read by
every member's staff, exported; nobody outside the partnership reaches it."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.partnership.cooperation import services
from reintegra.partnership.models import Partnership, Stage, StageRole
from tests.conftest import client_for


def edit_url(partnership: Partnership, organisation: Organisation) -> str:
    member = partnership.members.get(organisation=organisation)
    return reverse("partnership:cooperation:stage_roles_edit", args=[partnership.pk, member.pk])


def test_the_leaders_administrator_writes_what_a_member_does_at_each_stage_on_record(
    partnership: Partnership, org_admin: User, ngo: Organisation, caseworker: User
) -> None:
    client = client_for(org_admin)
    url = edit_url(partnership, ngo)
    assert url in client.get(reverse("partnership:detail", args=[partnership.pk])).content.decode()

    response = client.post(
        url,
        {"recruitment": "Streetworkerzy docierają do osób w kryzysie bezdomności.", "support": "Mentoring"},
    )

    assert response["Location"] == reverse("partnership:detail", args=[partnership.pk])
    roles = {r.stage: r.description for r in StageRole.objects.filter(member__organisation=ngo)}
    assert roles == {
        Stage.RECRUITMENT: "Streetworkerzy docierają do osób w kryzysie bezdomności.",
        Stage.SUPPORT: "Mentoring",
    }
    role = StageRole.objects.get(stage=Stage.SUPPORT)
    [entry] = AuditEntry.objects.get_for_object(role)
    assert entry.actor == org_admin
    page = client_for(caseworker).get(reverse("partnership:detail", args=[partnership.pk])).content.decode()
    assert "Streetworkerzy docierają do osób w kryzysie bezdomności." in page
    assert url not in page


def test_an_emptied_stage_removes_the_role_and_a_changed_one_is_updated(
    partnership: Partnership, org_admin: User, ngo: Organisation
) -> None:
    member = partnership.members.get(organisation=ngo)
    services.stage_roles_set(
        actor=org_admin, member=member, descriptions={"promotion": "Plakaty", "support": "X"}
    )

    services.stage_roles_set(
        actor=org_admin, member=member, descriptions={"promotion": "Radio", "support": " "}
    )

    assert dict(member.stage_roles.values_list("stage", "description")) == {"promotion": "Radio"}


def test_a_partners_administrator_cannot_change_the_stage_roles(
    partnership: Partnership, ngo_admin: User, ngo: Organisation
) -> None:
    member = partnership.members.get(organisation=ngo)
    client = client_for(ngo_admin)

    page = client.get(reverse("partnership:detail", args=[partnership.pk])).content.decode()

    assert edit_url(partnership, ngo) not in page
    assert client.post(edit_url(partnership, ngo), {"promotion": "Sami"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.stage_roles_set(actor=ngo_admin, member=member, descriptions={"promotion": "Sami"})
    assert not StageRole.objects.exists()


def test_a_case_worker_cannot_change_the_stage_roles(
    partnership: Partnership, caseworker: User, ngo: Organisation
) -> None:
    assert client_for(caseworker).post(edit_url(partnership, ngo), {"promotion": "X"}).status_code == 403


def test_the_stage_table_exports_as_csv_and_xlsx(
    partnership: Partnership, org_admin: User, ngo: Organisation, ngo_worker: User
) -> None:
    services.stage_roles_set(
        actor=org_admin,
        member=partnership.members.get(organisation=ngo),
        descriptions={"diagnosis": "=Diagnoza potrzeb mieszkaniowych"},
    )
    client = client_for(ngo_worker)

    csv = client.get(reverse("partnership:cooperation:stage_roles_export", args=[partnership.pk, "csv"]))
    xlsx = client.get(reverse("partnership:cooperation:stage_roles_export", args=[partnership.pk, "xlsx"]))

    text = csv.content.decode("utf-8-sig")
    assert "Fundacja Wspólna Droga" in text
    assert "'=Diagnoza potrzeb mieszkaniowych" in text
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][2:] == ["promotion", "recruitment", "diagnosis", "support", "employment"]
    diagnosis = "=Diagnoza potrzeb mieszkaniowych"
    ngo_row = ["Fundacja Wspólna Droga", "partner", None, None, diagnosis, None, None]
    assert ngo_row in rows


def test_an_organisation_outside_the_partnership_cannot_see_its_stage_roles(
    partnership: Partnership, outsider_admin: User, ngo: Organisation
) -> None:
    client = client_for(outsider_admin)

    export = client.get(reverse("partnership:cooperation:stage_roles_export", args=[partnership.pk, "csv"]))
    edit = client.get(edit_url(partnership, ngo))

    assert (export.status_code, edit.status_code) == (404, 404)


def test_an_unknown_export_format_is_not_found(partnership: Partnership, org_admin: User) -> None:
    url = reverse("partnership:cooperation:stage_roles_export", args=[partnership.pk, "pdf"])

    assert client_for(org_admin).get(url).status_code == 404


def test_another_partnerships_member_is_not_found_through_this_one(
    partnership: Partnership, org_admin: User, organisation: Organisation
) -> None:
    from reintegra.partnership import services as partnership_services

    other = partnership_services.partnership_create(actor=None, organisation=organisation, name="Inne")
    foreign = other.members.get()
    url = reverse("partnership:cooperation:stage_roles_edit", args=[partnership.pk, foreign.pk])

    assert client_for(org_admin).post(url, {"promotion": "Przejęte"}).status_code == 404
    assert not StageRole.objects.exists()
