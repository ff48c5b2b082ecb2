"""The scan of a signed agreement, attached to it by the leader's administrators, downloaded by
the partnership's members, out of reach of anyone else."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.attachments.models import Attachment
from reintegra.partnership.models import Agreement, Partnership
from tests.attachments.conftest import PDF_BYTES, upload
from tests.conftest import client_for

pytestmark = pytest.mark.usefixtures("storage_directory")


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
def agreement(partnership: Partnership, ngo: Organisation) -> Agreement:
    return Agreement.objects.get(partnership=partnership, organisation=ngo)


def attach(client: Client, agreement: Agreement) -> Any:
    address = reverse("attachments:upload", args=["agreement", agreement.pk])
    return client.post(address, {"file": upload("porozumienie.pdf", PDF_BYTES), "description": "Skan"})


def detail(agreement: Agreement) -> str:
    return reverse("partnership:cooperation:agreement_detail", args=[agreement.partnership_id, agreement.pk])


def test_the_leaders_administrator_attaches_the_signed_scan_and_a_partners_worker_downloads_it(
    agreement: Agreement, org_admin: User, ngo_worker: User
) -> None:
    response = attach(client_for(org_admin), agreement)

    assert response.status_code == 302
    scan = Attachment.objects.get()
    page = client_for(ngo_worker).get(detail(agreement)).content.decode()
    assert "porozumienie.pdf" in page
    assert 'data-testid="attachment-form"' not in page
    download = client_for(ngo_worker).get(reverse("attachments:download", args=[scan.pk]))
    assert download.status_code == 200


def test_a_partners_administrator_cannot_attach_a_scan(agreement: Agreement, ngo_admin: User) -> None:
    response = attach(client_for(ngo_admin), agreement)

    assert response.status_code == 404
    assert not Attachment.objects.exists()


def test_an_organisation_outside_the_partnership_cannot_see_an_agreement_or_its_scan(
    agreement: Agreement, org_admin: User, outsider_admin: User
) -> None:
    attach(client_for(org_admin), agreement)
    scan = Attachment.objects.get()
    client = client_for(outsider_admin)

    assert client.get(detail(agreement)).status_code == 404
    assert client.get(reverse("attachments:download", args=[scan.pk])).status_code == 404
