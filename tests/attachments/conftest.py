"""Attachments: a person of our organisation, a plan of hers, a storage directory per test, and
files of every kind (built here from their bytes, so nothing is read from outside)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reintegra.accounts.models import Organisation, User
from reintegra.people.models import Participant
from reintegra.plans import services as plan_services
from reintegra.plans.models import IndividualPlan
from tests.factories import ParticipantFactory

PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20)
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + bytes(56) + b"\x00\x10\x00\x00"
WINDOWS_EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(50)


@pytest.fixture(autouse=True)
def storage_directory(settings: Any, tmp_path: Path) -> Path:
    """Each test's files in a directory of its own (the storage handler resets on the change)."""
    location = tmp_path / "attachments"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "reintegra.attachments.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": location},
        },
    }
    return location


@pytest.fixture
def ours(organisation: Organisation) -> Participant:
    return ParticipantFactory(organisation=organisation, first_name="Łucja", last_name="Żółkiewska")


@pytest.fixture
def plan(ours: Participant, caseworker: User) -> IndividualPlan:
    return plan_services.plan_create(
        actor=caseworker, participant=ours, plan_type_code="ipzs", starts_on=date(2026, 11, 2)
    )


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def office_zip(entries: dict[str, bytes], *, mimetype: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype is not None:
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        for name, data in entries.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def docx_bytes(*, macros: bool = False) -> bytes:
    entries = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    if macros:
        entries["word/vbaProject.bin"] = b"\x00" * 10
    return office_zip(entries)


def odt_bytes() -> bytes:
    return office_zip(
        {"content.xml": b"<office:document-content/>"}, mimetype="application/vnd.oasis.opendocument.text"
    )
