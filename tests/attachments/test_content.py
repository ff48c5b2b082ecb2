"""The pure core tells a file's kind from its bytes and holds its name to it."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra.attachments import content
from tests.attachments.conftest import (
    ELF_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    WINDOWS_EXE_BYTES,
    docx_bytes,
    odt_bytes,
    office_zip,
)


def examine(data: bytes, name: str) -> content.Verdict:
    return content.examine(io.BytesIO(data), name)


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (PDF_BYTES, "plan podpisany.PDF", content.PDF),
        (PNG_BYTES, "skan.png", content.PNG),
        (JPEG_BYTES, "zdjęcie.jpeg", content.JPEG),
        (docx_bytes(), "CV.docx", content.DOCX),
        (odt_bytes(), "zaświadczenie.odt", content.ODT),
        ("Lista obecności: Łucja, Zofia\n".encode(), "lista.txt", content.TEXT),
    ],
)
def test_each_accepted_kind_is_told_by_its_content(data: bytes, name: str, kind: content.Kind) -> None:
    assert examine(data, name) == content.Verdict(kind=kind)


@pytest.mark.parametrize(
    "data", [ELF_BYTES, WINDOWS_EXE_BYTES, b"\x00\x01\x02binary", office_zip({"a.exe": b"MZ"})]
)
def test_an_executable_or_unknown_bytes_renamed_pdf_are_no_kind_we_accept(data: bytes) -> None:
    assert examine(data, "umowa.pdf").refusal == content.Refusal.UNKNOWN


def test_a_script_renamed_pdf_is_text_whose_name_disagrees() -> None:
    verdict = examine(b"#!/bin/sh\nrm -rf /\n", "umowa.pdf")

    assert verdict == content.Verdict(kind=content.TEXT, refusal=content.Refusal.NAME)


def test_a_pdf_renamed_docx_is_refused_for_its_name() -> None:
    assert examine(PDF_BYTES, "CV.docx").refusal == content.Refusal.NAME


def test_a_document_with_macros_is_refused() -> None:
    assert examine(docx_bytes(macros=True), "CV.docx").refusal == content.Refusal.MACROS


def test_an_empty_file_is_refused() -> None:
    assert examine(b"", "pusty.txt").refusal == content.Refusal.EMPTY


def test_a_broken_zip_is_no_kind_we_accept() -> None:
    assert examine(b"PK\x03\x04" + b"\x00" * 40, "CV.docx").refusal == content.Refusal.UNKNOWN


def test_text_cut_in_the_middle_of_a_character_at_the_end_of_the_head_is_still_text() -> None:
    data = b"a" * (content.HEAD - 1) + "ż".encode()

    assert examine(data, "notatka.txt").kind == content.TEXT


def test_the_stream_is_left_at_its_start() -> None:
    stream = io.BytesIO(PDF_BYTES)

    content.examine(stream, "plan.pdf")

    assert stream.tell() == 0


@given(data=st.binary(max_size=2048), name=st.text(max_size=40))
def test_any_bytes_under_any_name_get_a_verdict_and_an_accepted_one_agrees_with_its_name(
    data: bytes, name: str
) -> None:
    verdict = examine(data, name)

    assert (verdict.kind is None) == (
        verdict.refusal in {content.Refusal.EMPTY, content.Refusal.UNKNOWN, content.Refusal.MACROS}
    )
    if verdict.refusal is None:
        assert verdict.kind is not None
        assert name.lower().endswith(verdict.kind.extensions)


@given(data=st.binary(min_size=1, max_size=512))
def test_bytes_with_an_executables_signature_are_never_accepted(data: bytes) -> None:
    for signature in (b"\x7fELF", b"MZ"):
        assert examine(signature + data, "umowa.pdf").refusal is not None


def test_a_spreadsheet_is_no_kind_we_accept() -> None:
    sheet = office_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})

    assert examine(sheet, "lista.xlsx").refusal == content.Refusal.UNKNOWN
