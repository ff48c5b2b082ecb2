"""What a file can be attached to: each owning app registers its kind of owner here.

attachments sits below people, plans and the apps that will own files later (sessions,
placements) and never imports them. Each owning app registers, in its ``AppConfig.ready``, an
``OwnerKind``: its key, the *access function* of its own selectors that returns the owner if the
user may see it and raises ``Http404`` otherwise (it also logs the read of the owner), the
permissions to see and to attach, and where the owner's page is. So attachments never reads
a person or a plan itself: it asks the owner's app, and only lists files of an owner it was given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.http import Http404

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from reintegra.accounts.models import User


class Owner(Protocol):
    pk: Any
    organisation_id: int

    def scope_organisation_ids(self) -> Iterable[int]: ...


@dataclass(frozen=True)
class OwnerKind:
    key: str
    label: Promise | str
    get_for_user: Callable[[User, int], Owner]  # raises Http404 for an owner the user may not see
    view_permission: str
    attach_permission: str
    page_url: Callable[[Owner], str]  # where the owner's attachments are shown


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
