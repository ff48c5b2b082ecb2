"""Ties audit entries to the request's user and address.

django-auditlog's middleware believes any X-Forwarded-For header, so a client could write a
false address into the log. Here the header counts only behind a trusted proxy (BEHIND_PROXY).
"""

from __future__ import annotations

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest


class AuditMiddleware(AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        if settings.SECURE_PROXY_SSL_HEADER is not None:
            return AuditlogMiddleware._get_remote_addr(request)
        return request.META.get("REMOTE_ADDR")
