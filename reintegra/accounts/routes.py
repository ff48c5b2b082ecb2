"""Finds routes that declare no access policy, so no page or API operation can be forgotten.

Every URL pattern's view must carry a policy (``@public``, ``@authenticated``, ``@requires``);
every django-ninja operation likewise. Two kinds of route are declared here instead, because
their code is not ours: the Django admin (its own staff-only permission checks) and
django-ninja's schema and docs pages (they describe the API and hold no personal data).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from ninja.operation import PathView

from reintegra.accounts.policy import policy_of

DELEGATED_NAMESPACES = {
    "admin": "Django admin: active staff accounts with model permissions only",
}
# django-ninja's schema, docs and root views: public, they describe the API only.
NINJA_DOC_VIEWS_MODULE = "ninja.openapi.views"


def undeclared_routes(patterns: Iterable[Any] | None = None) -> list[str]:
    """Routes (as 'prefix/route [name]') whose view declares no access policy."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    return sorted(_walk(patterns, prefix="", namespace=""))


def _walk(patterns: Iterable[Any], *, prefix: str, namespace: str) -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace in DELEGATED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix=route, namespace=inner)
        elif isinstance(pattern, URLPattern) and not _declared(pattern):
            yield f"{route} [{namespace}{pattern.name or '?'}]"


def _declared(pattern: URLPattern) -> bool:
    path_view = _ninja_path_view(pattern.callback)
    if path_view is not None:
        return all(policy_of(operation.view_func) is not None for operation in path_view.operations)
    callback = pattern.callback
    if isinstance(callback, functools.partial):
        callback = callback.func
        if callback.__module__ == NINJA_DOC_VIEWS_MODULE:
            return True
    return policy_of(callback) is not None


def _ninja_path_view(callback: Any) -> PathView | None:
    """django-ninja routes a path through a closure over its PathView."""
    for cell in getattr(callback, "__closure__", None) or ():
        contents = cell.cell_contents
        if isinstance(contents, PathView):
            return contents
    return None
