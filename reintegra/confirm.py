"""The one confirmation page of a destructive action (it imports no app).

Nothing is removed, withdrawn or ended in one click. The page's link carries ``data-confirm``:
with JavaScript, ``static/js/confirm.js`` asks in a dialog and posts; without it, the link opens
this page (GET), whose button posts to the same address, which does it (POST).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirm_page(
    request: HttpRequest, *, title: str, question: str, confirm_label: str, back: str
) -> HttpResponse:
    """Asks ``question`` under ``title``; the button (``confirm_label``) posts to this address,
    "Cancel" goes ``back``."""
    context = {"title": title, "question": question, "confirm_label": confirm_label, "back": back}
    return render(request, "confirm.html", context)
