"""The PDF renderer shared by every printed document."""

from __future__ import annotations

from django.test import RequestFactory

from reintegra.documents import pdf_response, render_pdf
from tests.pdf import pdf_text


def test_a_rendered_pdf_carries_polish_diacritics_in_its_text(tmp_path, settings):
    first, *rest = settings.TEMPLATES
    settings.TEMPLATES = [{**first, "DIRS": [*first["DIRS"], tmp_path]}, *rest]
    (tmp_path / "sample.html").write_text(
        '{% extends "print/base.html" %}{% block heading %}Zażółć gęślą jaźń ąćęłńóśźż{% endblock %}',
        encoding="utf-8",
    )
    pdf = render_pdf("sample.html", {})
    assert "Zażółć gęślą jaźń ąćęłńóśźż" in pdf_text(pdf)


def test_a_pdf_download_is_an_attachment_that_is_never_cached():
    request = RequestFactory().get("/")
    response = pdf_response(request, "print/base.html", {}, "Plan – Żółkiewska.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan-zolkiewska.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")


def test_pdfs_drawn_one_after_another_with_the_threads_fonts_keep_their_text():
    first = render_pdf("print/base.html", {"title": "x"})
    second = render_pdf("print/base.html", {})

    assert first.startswith(b"%PDF-")
    assert second.startswith(b"%PDF-")
    assert "Wydrukowano" in pdf_text(second) or "Printed" in pdf_text(second)
