"""Reading the text of a PDF in a test, with poppler's pdftotext (installed by ``make test``)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-"), "not a PDF"
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is missing: run make system-packages"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        result = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode()


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, its words joined by single spaces (pdftotext ends a page with a form feed)."""
    return [" ".join(page.split()) for page in pdf_text(data).split("\f") if page.strip()]
