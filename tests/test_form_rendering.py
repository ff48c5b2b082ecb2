"""Every form shows what to correct at its top, each message linking to its field, and marks the
fields: for the eye (is-invalid) and for a screen reader (aria-invalid, aria-describedby)."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.loader import render_to_string

from reintegra.forms import add_bootstrap_classes


class ContactForm(forms.Form):
    email = forms.EmailField(label="E-mail", help_text="Służbowy.")
    agreed = forms.BooleanField(label="Zgoda")
    note = forms.CharField(label="Uwagi", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


def rendered(form: forms.Form) -> str:
    return render_to_string("includes/form.html", {"form": form})


def test_a_form_with_errors_lists_them_at_the_top_linking_to_each_field() -> None:
    form = ContactForm({"email": "nie-e-mail", "note": "ok"})
    form.is_valid()

    html = rendered(form)

    summary = html[html.index('data-testid="error-summary"') : html.index('name="email"')]
    assert '<a class="alert-link" href="#id_email">E-mail</a>' in summary
    assert '<a class="alert-link" href="#id_agreed">Zgoda</a>' in summary
    assert "id_note" not in summary


def test_an_invalid_field_is_marked_and_described_by_its_error_and_help() -> None:
    form = ContactForm({"email": "nie-e-mail"})
    form.is_valid()

    html = rendered(form)
    email = re.search(r"<input[^>]*name=\"email\"[^>]*>", html)
    agreed = re.search(r"<input[^>]*name=\"agreed\"[^>]*>", html)

    assert email is not None
    assert agreed is not None
    assert 'class="form-control is-invalid"' in email.group()
    assert 'aria-invalid="true"' in email.group()
    assert 'aria-describedby="id_email_helptext id_email_error"' in email.group()
    assert 'class="form-check-input is-invalid"' in agreed.group()
    assert 'id="id_email_error"' in html
    assert 'id="id_email_helptext"' in html


def test_a_valid_form_has_no_summary_and_no_marks() -> None:
    form = ContactForm({"email": "a@example.org", "agreed": "on"})
    form.is_valid()

    html = rendered(form)

    assert "error-summary" not in html
    assert "is-invalid" not in html
    assert "aria-invalid" not in html


def test_every_table_on_a_page_scrolls_inside_its_box() -> None:
    templates = Path(settings.BASE_DIR, "templates")
    bare = [
        f"{path.relative_to(templates)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in templates.rglob("*.html")
        if "print" not in path.relative_to(templates).parts
        for text in [path.read_text(encoding="utf-8")]
        for match in re.finditer(r"<table", text)
        if "table-responsive" not in text[max(0, match.start() - 150) : match.start()]
    ]

    assert bare == []
