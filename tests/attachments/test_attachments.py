"""Files attached to a person and to a plan: upload, list, download (audited), remove; never
seen by anyone who may not see the owner, never reachable at a public address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from reintegra.accounts.models import Organisation, Role, User
from reintegra.attachments.models import Attachment
from reintegra.attachments.storage import attachment_storage
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Participant
from reintegra.plans.models import IndividualPlan
from tests.attachments.conftest import ELF_BYTES, PDF_BYTES, WINDOWS_EXE_BYTES, docx_bytes, upload
from tests.conftest import client_for
from tests.factories import member

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def upload_url(kind: str, pk: int) -> str:
    return reverse("attachments:upload", args=[kind, pk])


def attach(client: Client, kind: str, pk: int, name: str, data: bytes, **fields: str) -> Any:
    return client.post(upload_url(kind, pk), {"file": upload(name, data), **fields})


def file_page(person: Participant) -> str:
    return reverse("people:participant_detail", args=[person.pk]) + "?tab=attachments"


def test_a_caseworker_attaches_a_signed_plan_to_a_person_and_finds_it_on_the_file(
    ours: Participant, as_caseworker: Client
) -> None:
    response = attach(
        as_caseworker, "participant", ours.pk, "plan podpisany.pdf", PDF_BYTES, description="IPZS"
    )

    assert response.status_code == 302
    assert response["Location"] == file_page(ours)
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        "plan podpisany.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert attachment.organisation_id == ours.organisation_id
    assert len(attachment.sha256) == 64
    assert "plan podpisany" not in attachment.stored_name
    page = as_caseworker.get(file_page(ours)).content.decode()
    assert "plan podpisany.pdf" in page
    assert reverse("attachments:download", args=[attachment.pk]) in page


def test_the_download_streams_the_bytes_as_an_attachment_and_is_logged(
    ours: Participant, caseworker: User, as_caseworker: Client
) -> None:
    attach(as_caseworker, "participant", ours.pk, "Zaświadczenie.pdf", PDF_BYTES)
    attachment = Attachment.objects.get()

    response = as_caseworker.get(reverse("attachments:download", args=[attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Za%C5%9Bwiadczenie.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    downloads = AuditEntry.objects.get_for_object(attachment).filter(
        action=AuditEntry.Action.ACCESS, actor=caseworker, object_repr__contains="Zaświadczenie.pdf"
    )
    assert downloads.filter(object_repr__startswith="Pobranie").count() == 1
    assert list(downloads.get(object_repr__startswith="Pobranie").organisations.all()) == [ours.organisation]
    assert AuditEntry.objects.get_for_object(ours).filter(action=AuditEntry.Action.ACCESS).exists()


def test_each_download_is_logged_again(ours: Participant, caseworker: User, as_caseworker: Client) -> None:
    attach(as_caseworker, "participant", ours.pk, "CV.pdf", PDF_BYTES)
    attachment = Attachment.objects.get()
    address = reverse("attachments:download", args=[attachment.pk])

    for _ in range(3):
        b"".join(as_caseworker.get(address).streaming_content)

    logged = AuditEntry.objects.get_for_object(attachment).filter(object_repr__startswith="Pobranie")
    assert logged.count() == 3


def test_a_file_is_attached_to_a_plan_and_listed_on_its_page(
    plan: IndividualPlan, as_caseworker: Client
) -> None:
    response = attach(as_caseworker, "plan", plan.pk, "IPZS podpisany.pdf", PDF_BYTES)

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:plan_detail", args=[plan.pk]) + "#attachments"
    page = as_caseworker.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert page.status_code == 200
    assert "IPZS podpisany.pdf" in page.content.decode()
    assert Attachment.objects.get().owner_kind == "plan"


def test_the_list_of_files_is_logged_as_read(
    ours: Participant, caseworker: User, as_caseworker: Client
) -> None:
    attach(as_caseworker, "participant", ours.pk, "CV.pdf", PDF_BYTES)
    attachment = Attachment.objects.get()

    as_caseworker.get(file_page(ours))

    assert (
        AuditEntry.objects.get_for_object(attachment)
        .filter(action=AuditEntry.Action.ACCESS, object_repr="CV.pdf", actor=caseworker)
        .count()
        == 1
    )


# --- Who may not -----------------------------------------------------------------------


@pytest.fixture
def attached(ours: Participant, as_caseworker: Client) -> Attachment:
    attach(as_caseworker, "participant", ours.pk, "CV.pdf", PDF_BYTES)
    return Attachment.objects.get()


def test_another_organisations_administrator_cannot_download_by_id(
    attached: Attachment, outsider_admin: User
) -> None:
    client = client_for(outsider_admin)

    assert client.get(reverse("attachments:download", args=[attached.pk])).status_code == 404
    assert client.get(reverse("attachments:download", args=[attached.pk + 1000])).status_code == 404
    assert client.get(reverse("attachments:remove", args=[attached.pk])).status_code == 404
    assert not AuditEntry.objects.get_for_object(attached).filter(actor=outsider_admin).exists()


def test_a_caseworker_without_access_to_the_person_gets_404_everywhere(
    ours: Participant, attached: Attachment, outsider: User
) -> None:
    client = client_for(outsider)

    assert client.get(reverse("attachments:download", args=[attached.pk])).status_code == 404
    assert client.get(upload_url("participant", ours.pk)).status_code == 404
    assert attach(client, "participant", ours.pk, "x.pdf", PDF_BYTES).status_code == 404
    assert client.post(reverse("attachments:remove", args=[attached.pk])).status_code == 404
    assert client.get(file_page(ours)).status_code == 404
    assert Attachment.objects.kept().count() == 1


def test_a_colleague_who_may_not_see_people_cannot_download_their_files(
    organisation: Organisation, attached: Attachment
) -> None:
    viewer = client_for(member(organisation, Role.PARTNER_VIEWER, username="partner"))

    assert viewer.get(reverse("attachments:download", args=[attached.pk])).status_code == 404


def test_a_plan_of_another_organisation_takes_no_file(plan: IndividualPlan, outsider: User) -> None:
    client = client_for(outsider)

    assert attach(client, "plan", plan.pk, "x.pdf", PDF_BYTES).status_code == 404
    assert not Attachment.objects.exists()


def test_an_unknown_kind_of_owner_is_404(ours: Participant, as_caseworker: Client) -> None:
    assert attach(as_caseworker, "placement", ours.pk, "x.pdf", PDF_BYTES).status_code == 404


# --- Hostile files ---------------------------------------------------------------------


def refused(response: Any) -> str:
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["file"]
    return " ".join(errors["file"])


def test_a_15_mb_file_is_refused_naming_the_field(
    ours: Participant, as_caseworker: Client, storage_directory: Path, in_english: None
) -> None:
    response = attach(as_caseworker, "participant", ours.pk, "skan.pdf", PDF_BYTES + bytes(15 * MB))

    message = refused(response)
    assert not hasattr(response.wsgi_request, "_files"), "the body was read"

    assert "15.0\xa0MB" in message
    assert "at most 10.0\xa0MB" in message
    assert not Attachment.objects.exists()
    assert not storage_directory.exists() or not any(storage_directory.rglob("*.*"))


def test_the_size_limit_is_configurable(ours: Participant, as_caseworker: Client, settings: Any) -> None:
    settings.ATTACHMENTS_MAX_BYTES = 100

    refused(attach(as_caseworker, "participant", ours.pk, "skan.pdf", PDF_BYTES + bytes(100)))


@pytest.mark.parametrize(
    "data", [ELF_BYTES, WINDOWS_EXE_BYTES, b"#!/bin/sh\necho hi\n"], ids=["elf", "exe", "sh"]
)
def test_an_executable_renamed_pdf_is_refused_naming_the_field(
    ours: Participant, as_caseworker: Client, storage_directory: Path, data: bytes
) -> None:
    response = attach(as_caseworker, "participant", ours.pk, "umowa.pdf", data)

    assert refused(response)
    assert 'id="id_file_error"' in response.content.decode()
    assert not Attachment.objects.exists()
    assert not storage_directory.exists() or not [
        path for path in storage_directory.rglob("*") if path.is_file()
    ]


def test_a_document_with_macros_is_refused(
    ours: Participant, as_caseworker: Client, in_english: None
) -> None:
    message = refused(attach(as_caseworker, "participant", ours.pk, "CV.docx", docx_bytes(macros=True)))

    assert "macros" in message


def test_a_post_without_a_file_names_the_field(ours: Participant, as_caseworker: Client) -> None:
    refused(as_caseworker.post(upload_url("participant", ours.pk), {"description": "CV"}))


def test_a_name_longer_than_the_column_is_shortened_keeping_its_extension(
    ours: Participant, as_caseworker: Client
) -> None:
    attach(as_caseworker, "participant", ours.pk, "ż" * 400 + ".pdf", PDF_BYTES)

    name = Attachment.objects.get().original_name
    assert len(name) == 255
    assert name.endswith("ż.pdf")


# --- Not public ------------------------------------------------------------------------


def test_the_files_are_kept_outside_every_public_directory() -> None:
    from tests import settings as configured

    location = Path(configured.STORAGES["attachments"]["OPTIONS"]["location"]).resolve()
    public = [Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT), *map(Path, settings.STATICFILES_DIRS)]

    for directory in public:
        assert not location.is_relative_to(directory.resolve()), directory
        assert not directory.resolve().is_relative_to(location), directory


def test_a_stored_file_has_no_public_address(attached: Attachment, as_caseworker: Client) -> None:
    storage = attachment_storage()

    assert storage.exists(attached.stored_name)
    with pytest.raises(NotImplementedError):
        storage.url(attached.stored_name)
    for prefix in ("/static/", "/media/", "/", "/attachments/"):
        assert as_caseworker.get(prefix + attached.stored_name).status_code == 404, prefix


# --- Removing --------------------------------------------------------------------------


def test_removing_asks_first_then_hides_the_file_and_its_download(
    ours: Participant, attached: Attachment, caseworker: User, as_caseworker: Client
) -> None:
    address = reverse("attachments:remove", args=[attached.pk])

    asked = as_caseworker.get(address)
    removed = as_caseworker.post(address)

    assert asked.status_code == 200
    assert "CV.pdf" in asked.content.decode()
    assert removed.status_code == 302
    attached.refresh_from_db()
    assert attached.removed_at is not None
    assert attached.removed_by == caseworker
    assert attachment_storage().exists(attached.stored_name)  # until the retention routine
    assert "CV.pdf" not in as_caseworker.get(file_page(ours)).content.decode()
    assert as_caseworker.get(reverse("attachments:download", args=[attached.pk])).status_code == 404
    assert AuditEntry.objects.get_for_object(attached).filter(action=AuditEntry.Action.UPDATE).exists()


def test_a_colleague_who_may_only_see_the_plan_cannot_attach_nor_remove(
    plan: IndividualPlan, as_caseworker: Client, organisation: Organisation
) -> None:
    attach(as_caseworker, "plan", plan.pk, "IPZS.pdf", PDF_BYTES)
    attachment = Attachment.objects.get()
    viewer = client_for(member(organisation, Role.PARTNER_VIEWER, username="partner"))

    assert attach(viewer, "plan", plan.pk, "x.pdf", PDF_BYTES).status_code == 404
    assert viewer.post(reverse("attachments:remove", args=[attachment.pk])).status_code == 404


def test_a_name_with_a_line_break_is_stored_without_it_and_downloads(
    ours: Participant, caseworker: User, as_caseworker: Client
) -> None:
    from reintegra.attachments import services

    attachment = services.attachment_add(
        actor=caseworker,
        owner_kind="participant",
        owner=ours,
        upload=upload("CV\r\nX-Evil: 1.pdf", PDF_BYTES),
    )

    assert attachment.original_name == "CVX-Evil: 1.pdf"
    response = as_caseworker.get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert "X-Evil" not in response.headers


def test_no_view_reads_attachments_around_their_selectors() -> None:
    # An attachment points at no person by a foreign key, so the project-wide check does not find
    # it from the relations; its names and bytes are personal all the same.
    from tests.test_personal_data_access import ROOT, entry_modules, problems

    assert problems(entry_modules(ROOT / "reintegra"), {"Attachment"}) == []


def test_an_upload_without_the_csrf_token_is_refused(ours: Participant, caseworker: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker, backend="django.contrib.auth.backends.ModelBackend")

    response = attach(client, "participant", ours.pk, "CV.pdf", PDF_BYTES)

    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_a_removal_without_the_csrf_token_is_refused(attached: Attachment, caseworker: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker, backend="django.contrib.auth.backends.ModelBackend")

    assert client.post(reverse("attachments:remove", args=[attached.pk])).status_code == 403
    attached.refresh_from_db()
    assert attached.removed_at is None
