"""What a file is, told by its first bytes and, for office documents, by the entries of its zip.

A pure core: plain bytes in, a kind or a refusal out; no Django, so the rules can be tested
alone. The name a file came with decides nothing but is held to what the content is: a PDF must
be called ``.pdf``, and an executable called ``.pdf`` is neither, so it is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from enum import StrEnum
from typing import BinaryIO

HEAD = 8192  # enough bytes to tell the kind and whether text is text


@dataclass(frozen=True)
class Kind:
    content_type: str
    extensions: tuple[str, ...]
    label: str


PDF = Kind("application/pdf", (".pdf",), "PDF")
PNG = Kind("image/png", (".png",), "PNG")
JPEG = Kind("image/jpeg", (".jpg", ".jpeg"), "JPEG")
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), "DOCX")
ODT = Kind("application/vnd.oasis.opendocument.text", (".odt",), "ODT")
TEXT = Kind("text/plain", (".txt",), "TXT")

# No spreadsheets: a sheet someone uploaded may carry formulas that run when a colleague opens
# it, and only the exports of reintegra/tables.py are made safe from them.
KINDS = (PDF, PNG, JPEG, DOCX, ODT, TEXT)

# Office Open XML keeps its main part at a fixed place; OpenDocument names itself in a first,
# stored entry called "mimetype".
_OOXML_PARTS = {"word/document.xml": DOCX}
_OPENDOCUMENT = {ODT.content_type: ODT}
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


class Refusal(StrEnum):
    EMPTY = "empty"
    UNKNOWN = "unknown"  # no kind we accept: an executable, an archive, a script of bytes…
    MACROS = "macros"
    NAME = "name"  # the content is one kind, the name says another


@dataclass(frozen=True)
class Verdict:
    kind: Kind | None = None
    refusal: Refusal | None = None


def examine(stream: BinaryIO, name: str) -> Verdict:
    """The kind of the file in ``stream`` (read from its start, left at its start) given ``name``."""
    stream.seek(0)
    head = stream.read(HEAD)
    if not head:
        return Verdict(refusal=Refusal.EMPTY)
    kind: Kind | None
    if head.startswith(b"PK\x03\x04"):
        stream.seek(0)
        kind, refusal = _office_document(stream)
        if refusal is not None:
            stream.seek(0)
            return Verdict(refusal=refusal)
    else:
        kind = _by_signature(head)
    stream.seek(0)
    if kind is None:
        return Verdict(refusal=Refusal.UNKNOWN)
    if not name.lower().endswith(kind.extensions):
        return Verdict(kind=kind, refusal=Refusal.NAME)
    return Verdict(kind=kind)


def _by_signature(head: bytes) -> Kind | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if _is_text(head):
        return TEXT
    return None


def _is_text(head: bytes) -> bool:
    """UTF-8 (a character cut at the end of the head is fine) without control characters."""
    if any(byte in _CONTROL for byte in head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3 and error.reason == "unexpected end of data"
    return True


def _office_document(stream: BinaryIO) -> tuple[Kind | None, Refusal | None]:
    """DOCX by its main part, ODT by its "mimetype" entry (other such documents are no kind we
    accept); macros refused.

    Only the directory and the few bytes of "mimetype" are read: nothing is unpacked.
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if any(name.endswith("vbaProject.bin") or name.startswith("Basic/") for name in names):
                return None, Refusal.MACROS
            if "[Content_Types].xml" in names:
                for part, kind in _OOXML_PARTS.items():
                    if part in names:
                        return kind, None
                return None, None
            if entries and entries[0].filename == "mimetype" and entries[0].file_size < 100:
                declared = archive.read(entries[0]).decode("ascii", "replace").strip()
                return _OPENDOCUMENT.get(declared), None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None, None
    return None, None
