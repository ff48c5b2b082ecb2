"""What a file can be attached to: each owning app registers its kind of owner here.

attachments sits below people, plans and the apps that will own files later (sessions,
placements) and never imports them. Each owning app registers, in its ``AppConfig.ready``, an
``OwnerKind``: its key, the *access function* of its own selectors that returns the owner if the
user may see it and raises ``Http404`` otherwise (it also logs the read of the owner), the
permissions to see and to attach (and, where a permission is not enough, the owner's own test of
who may attach: a session's leader), and where the owner's page is. So attachments never reads
a person or a plan itself: it asks the owner's app, and only lists files of an owner it was given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.http import Http404

from reintegra.accounts import policy

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from reintegra.accounts.models import User


class Owner(Protocol):
    pk: Any

    @property
    def organisation_id(self) -> int: ...

    def scope_organisation_ids(self) -> Iterable[int]: ...


@dataclass(frozen=True)
class OwnerKind:
    key: str
    label: Promise | str
    get_for_user: Callable[[User, int], Owner]  # raises Http404 for an owner the user may not see
    view_permission: str
    attach_permission: str
    page_url: Callable[[Owner], str]  # where the owner's attachments are shown
    # Beside the permission, for owners where it is not enough (only a session's leader or a
    # coordinator attaches the signed list): the user holds the permission *and* passes this.
    may_attach: Callable[[User, Owner], bool] | None = None

    def allows_attach(self, user: User, owner: Owner) -> bool:
        if not policy.can(user, self.attach_permission, owner):
            return False
        return self.may_attach is None or self.may_attach(user, owner)


_kinds: dict[str, OwnerKind] = {}


def register(kind: OwnerKind) -> None:
    """Adds (or replaces: ``ready`` may run twice in tests) a kind of owner."""
    _kinds[kind.key] = kind


def kind_of(key: str) -> OwnerKind:
    """The registered kind; an unknown one answers 404 like any address that leads nowhere."""
    try:
        return _kinds[key]
    except KeyError:
        raise Http404 from None


def registered() -> list[str]:
    return sorted(_kinds)
