"""Who is acting and from where, for the audit entries written outside django-auditlog's signals.

django-auditlog puts the request's actor and address on the entries its signals write
(``set_actor``, its middleware). Entries written in bulk (an import, a page's reads) do not go
through those signals, so the request's address is kept here too, by ``AuditMiddleware``; a
command or a test that acts for someone says so with ``acting``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from auditlog.context import set_actor

from reintegra.accounts.models import User


@dataclass(frozen=True)
class Origin:
    remote_addr: str | None = None
    remote_port: int | None = None


NOWHERE = Origin()
_origin: ContextVar[Origin | None] = ContextVar("reintegra_audit_origin", default=None)


def origin() -> Origin:
    """The address of the request being served (none outside a request)."""
    return _origin.get() or NOWHERE


@contextmanager
def from_origin(remote_addr: str | None, remote_port: int | None = None) -> Iterator[None]:
    token = _origin.set(Origin(remote_addr, remote_port))
    try:
        yield
    finally:
        _origin.reset(token)


@contextmanager
def acting(
    actor: User | None, *, remote_addr: str | None = None, remote_port: int | None = None
) -> Iterator[None]:
    """Every entry written inside, by a signal or in bulk, is put down to this actor and address."""
    with (
        set_actor(actor, remote_addr=remote_addr, remote_port=remote_port),
        from_origin(remote_addr, remote_port),
    ):
        yield
