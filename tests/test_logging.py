"""A quiet log: the libraries that draw PDFs say nothing at INFO, and a refused request is one
line, not a traceback (server errors keep theirs)."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterator

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.documents import render_pdf
from reintegra.logs import OneLineForClientErrors
from tests.conftest import client_for


def test_drawing_a_pdf_logs_nothing_at_info(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)

    render_pdf("print/base.html", {})

    assert [r for r in caplog.records if r.name.split(".")[0] in {"weasyprint", "fontTools"}] == []
    assert logging.getLogger("weasyprint").isEnabledFor(logging.WARNING)


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the settings' console handler writes, for the duration of the test."""
    [handler] = [
        handler
        for handler in logging.getLogger().handlers
        if type(handler) is logging.StreamHandler and handler.filters
    ]
    written = io.StringIO()
    stream = handler.setStream(written)
    yield written
    handler.setStream(stream)


@pytest.mark.django_db
def test_a_refused_page_is_one_line_without_a_traceback(
    caseworker: User, caplog: pytest.LogCaptureFixture, console: io.StringIO
) -> None:
    caplog.set_level(logging.INFO)

    response = client_for(caseworker).get(reverse("accounts:user_list"))

    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name.startswith("django")]
    assert (record.name, record.levelname) == ("django.request", "WARNING")
    assert record.getMessage() == "Forbidden (Permission denied): /accounts/users/"
    assert record.exc_info is None
    assert console.getvalue().count("Forbidden (Permission denied): /accounts/users/") == 1
    assert "Traceback" not in console.getvalue()


def test_a_server_error_keeps_its_traceback() -> None:
    try:
        raise RuntimeError("broken")
    except RuntimeError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", None, None)
        record.exc_info = sys.exc_info()
    record.status_code = 500

    assert OneLineForClientErrors().filter(record)
    assert record.exc_info is not None
