"""Ties audit entries to the request's user and address, for that request only.

django-auditlog's middleware believes any X-Forwarded-For header, so a client could write a
false address into the log. Here the header counts only behind a trusted proxy (BEHIND_PROXY).
"""

from __future__ import annotations

from auditlog.context import auditlog_value
from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse


class AuditMiddleware(AuditlogMiddleware):
    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().__call__(request)
        finally:
            # django-auditlog leaves the request's actor and address in the thread's context;
            # clear them so nothing written later in this thread is put down to this request.
            auditlog_value.set({})

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        if settings.SECURE_PROXY_SSL_HEADER is not None:
            return AuditlogMiddleware._get_remote_addr(request)
        return request.META.get("REMOTE_ADDR")
