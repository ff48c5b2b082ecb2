"""The one confirmation page of a destructive action (it imports no app).

Nothing is removed, withdrawn, ended or closed in one click:

* an action without fields is a link marked ``data-confirm``: with JavaScript,
  ``static/js/confirm.js`` asks in a dialog and posts; without it, the link opens this page (GET),
  whose button posts to the same address, which does it (POST) — ``confirm_page``;
* a form with fields (a reason, a date) is marked ``data-confirm`` too: with JavaScript the dialog
  asks and sends the form with ``confirmed=1``; without it, the view answers a POST that lacks it
  with this page, carrying the fields on, whose button sends them again with ``confirmed=1``
  — ``is_confirmed`` and ``confirm_post_page``.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED = "confirmed"
NOT_CARRIED = frozenset({"csrfmiddlewaretoken", CONFIRMED})


def confirm_page(
    request: HttpRequest, *, title: str, question: str, confirm_label: str, back: str
) -> HttpResponse:
    """Asks ``question`` under ``title``; the button (``confirm_label``) posts to this address,
    "Cancel" goes ``back``."""
    context = {"title": title, "question": question, "confirm_label": confirm_label, "back": back}
    return render(request, "confirm.html", context)


def is_confirmed(request: HttpRequest) -> bool:
    """Whether the POST says the user confirmed (the dialog, or the confirmation page, did)."""
    return request.POST.get(CONFIRMED) == "1"


def confirm_post_page(
    request: HttpRequest, *, title: str, question: str, confirm_label: str, back: str
) -> HttpResponse:
    """The confirmation page of a form with fields: what was filled in goes again, confirmed."""
    carried = [
        (name, value) for name, values in request.POST.lists() if name not in NOT_CARRIED for value in values
    ]
    context = {
        "title": title,
        "question": question,
        "confirm_label": confirm_label,
        "back": back,
        "carried": carried,
    }
    return render(request, "confirm.html", context)
