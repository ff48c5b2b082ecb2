"""Ties audit entries to the request's user and address, for that request only.

django-auditlog's middleware believes any X-Forwarded-For header, so a client could write a
false address into the log. Here the header counts only behind a trusted proxy (BEHIND_PROXY).
The address is also kept for the entries written in bulk (``reintegra.audit.context``).
"""

from __future__ import annotations

from typing import Any

from auditlog.context import auditlog_value
from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from reintegra.audit.context import from_origin


class AuditMiddleware(AuditlogMiddleware):
    def __call__(self, request: HttpRequest) -> HttpResponse:
        data = self.get_extra_data(request)
        try:
            with from_origin(data["remote_addr"], data["remote_port"]):
                return super().__call__(request)
        finally:
            # django-auditlog leaves the request's actor and address in the thread's context;
            # clear them so nothing written later in this thread is put down to this request.
            auditlog_value.set({})

    def get_extra_data(self, request: HttpRequest) -> dict[str, Any]:
        data: dict[str, Any] = super().get_extra_data(request)
        if settings.SECURE_PROXY_SSL_HEADER is None:
            data["remote_addr"] = request.META.get("REMOTE_ADDR")
        return data
