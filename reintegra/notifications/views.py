"""The user's notifications, newest first, with a "mark read" button each."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import authenticated
from reintegra.notifications import selectors, services

PAGE_SIZE = 30


@authenticated
@require_GET
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.notification_list_for_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@authenticated
@require_POST
def notification_mark_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notification = selectors.notification_get_for_user(request.user, pk)
    services.notification_mark_read(user=request.user, notification=notification)
    return redirect("notifications:list")
