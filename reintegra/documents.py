"""Printed documents: an HTML template rendered to PDF by WeasyPrint.

Every printable document (a plan with its signature fields, the labour-market passport, a
meeting summary) is a template that extends ``print/base.html`` and goes through
:func:`pdf_response`. The caller has already read the record through its selector, so the
read is scoped and audited there; this module only turns HTML into a PDF.

Each thread keeps one font configuration for all its PDFs: a new one per PDF (WeasyPrint's
default) loads and measures the fonts again every time, about a fifth of a short document's
time. Pango's font map is not shared across threads, so neither is the configuration.
"""

from __future__ import annotations

import threading
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from reintegra.text import search_key

_per_thread = threading.local()


def _font_config() -> FontConfiguration:
    config: FontConfiguration | None = getattr(_per_thread, "font_config", None)
    if config is None:
        config = _per_thread.font_config = FontConfiguration()
    return config


def render_pdf(template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    """The PDF bytes of ``template_name`` rendered with ``context``."""
    html = render_to_string(template_name, context, request=request)
    pdf = HTML(string=html).write_pdf(font_config=_font_config())
    assert pdf is not None
    return bytes(pdf)


def pdf_response(
    request: HttpRequest, template_name: str, context: dict[str, Any], filename: str
) -> HttpResponse:
    """A download of the rendered PDF; never cached, as it carries personal data."""
    stem = slugify(search_key(filename.removesuffix(".pdf"))) or "document"
    response = HttpResponse(render_pdf(template_name, context, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
