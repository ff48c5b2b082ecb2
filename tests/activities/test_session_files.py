"""The scan of a signed attendance list, attached to its session: by the leader or a
coordinator, listed on the attendance page, downloaded with an audit entry, out of reach of
another organisation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.activities.models import Session
from reintegra.attachments.models import Attachment
from reintegra.audit.models import AuditEntry
from reintegra.programmes.models import Group, Programme
from tests.activities.conftest import at, schedule
from tests.attachments.conftest import ELF_BYTES, PDF_BYTES, upload
from tests.conftest import client_for

pytestmark = pytest.mark.usefixtures("storage_directory")

PAST_TUESDAY = date(2026, 11, 3)


@pytest.fixture
def storage_directory(settings: Any, tmp_path: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "reintegra.attachments.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "attachments"},
        },
    }


@pytest.fixture
def session(club: Programme, leader: User, group: Group) -> Session:
    return schedule(club, leader, start=at(PAST_TUESDAY, 16), hours=2, group=group, title="Klub filmowy")[0]


def attach(client: Client, session: Session, name: str, data: bytes) -> Any:
    address = reverse("attachments:upload", args=["session", session.pk])
    return client.post(address, {"file": upload(name, data), "description": "Podpisana lista"})


def attendance_page(session: Session) -> str:
    return reverse("activities:attendance", args=[session.pk])


def test_the_leader_attaches_the_scan_of_the_signed_list_and_finds_it_on_the_attendance_page(
    session: Session, leader: User
) -> None:
    client = client_for(leader)

    response = attach(client, session, "lista podpisana.pdf", PDF_BYTES)

    assert response.status_code == 302
    assert response["Location"] == attendance_page(session) + "#attachments"
    attachment = Attachment.objects.get()
    assert (attachment.owner_kind, attachment.owner_id) == ("session", session.pk)
    assert attachment.organisation_id == session.programme.organisation_id
    page = client.get(attendance_page(session)).content.decode()
    assert "lista podpisana.pdf" in page
    assert reverse("attachments:download", args=[attachment.pk]) in page
    assert 'data-testid="attachment-form"' in page


def test_a_coordinator_attaches_to_a_session_she_does_not_lead(session: Session, coordinator: User) -> None:
    assert attach(client_for(coordinator), session, "lista.pdf", PDF_BYTES).status_code == 302
    assert Attachment.objects.filter(owner_kind="session").count() == 1


def test_the_download_of_the_scan_is_logged(session: Session, leader: User, caseworker: User) -> None:
    attach(client_for(leader), session, "lista.pdf", PDF_BYTES)
    attachment = Attachment.objects.get()

    response = client_for(caseworker).get(reverse("attachments:download", args=[attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    downloads = AuditEntry.objects.get_for_object(attachment).filter(
        action=AuditEntry.Action.ACCESS, actor=caseworker, object_repr__startswith="Pobranie"
    )
    assert downloads.count() == 1
    assert list(downloads.get().organisations.all()) == [session.programme.organisation]


def test_a_colleague_who_does_not_lead_the_session_sees_the_scan_but_cannot_attach(
    session: Session, leader: User, caseworker: User
) -> None:
    attach(client_for(leader), session, "lista.pdf", PDF_BYTES)
    attachment = Attachment.objects.get()
    colleague = client_for(caseworker)

    detail = colleague.get(reverse("activities:session_detail", args=[session.pk])).content.decode()

    assert "lista.pdf" in detail
    assert 'data-testid="attachment-form"' not in detail
    assert attach(colleague, session, "inna.pdf", PDF_BYTES).status_code == 404
    assert colleague.post(reverse("attachments:remove", args=[attachment.pk])).status_code == 404
    assert Attachment.objects.kept().count() == 1


def test_a_worker_of_another_organisation_gets_404_on_upload_and_download(
    session: Session, leader: User, outsider: User, outsider_admin: User
) -> None:
    attach(client_for(leader), session, "lista.pdf", PDF_BYTES)
    attachment = Attachment.objects.get()

    for user in (outsider, outsider_admin):
        client = client_for(user)
        assert attach(client, session, "obca.pdf", PDF_BYTES).status_code == 404
        assert client.get(reverse("attachments:download", args=[attachment.pk])).status_code == 404
        assert client.get(reverse("activities:session_detail", args=[session.pk])).status_code == 404
    assert Attachment.objects.count() == 1
    assert (
        not AuditEntry.objects.get_for_object(attachment)
        .filter(actor__in=[outsider, outsider_admin])
        .exists()
    )


def test_an_executable_renamed_pdf_is_refused_on_the_file_field(session: Session, leader: User) -> None:
    response = attach(client_for(leader), session, "lista.pdf", ELF_BYTES)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["file"]
    assert 'id="id_file_error"' in response.content.decode()
    assert not Attachment.objects.exists()
