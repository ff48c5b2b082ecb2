"""What the top of a person's file says: the few things that matter now, from every app.

people sits below programmes, plans, casework and partnership and never imports them. Each of
those apps registers here, in its ``AppConfig.ready``, a *provider*: a selector that reads its
part of the summary for one person. A provider

* asks the policy itself and answers ``None`` for a user who may not see its part;
* reads at most ``ITEMS_SHOWN`` rows in a fixed number of queries, whatever the file's size;
* logs the rows it shows with ``log_reads`` (the file gathers them into one statement).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.people.models import Participant

ITEMS_SHOWN = 5


@dataclass(frozen=True)
class SummaryItem:
    """One line: what (linked to its page when there is one), its state, and a date that matters."""

    text: str
    url: str = ""
    status: str = ""
    when: date | datetime | None = None
    when_label: str = ""
    with_time: bool = False


@dataclass(frozen=True)
class SummarySection:
    key: str
    title: str
    empty: str
    items: list[SummaryItem] = field(default_factory=list)
    url: str = ""  # the page with the whole list


type Provider = Callable[[User, Participant], SummarySection | None]

_providers: dict[str, tuple[int, Provider]] = {}


def register(key: str, order: int, provider: Provider) -> None:
    """Adds (or replaces: ``ready`` may run twice in tests) the provider of one section."""
    _providers[key] = (order, provider)


def summary_for(user: User, participant: Participant) -> list[SummarySection]:
    """The sections the user may see, in their order; the caller gathers the reads together."""
    sections = []
    for _order, provider in sorted(_providers.values(), key=lambda entry: entry[0]):
        section = provider(user, participant)
        if section is not None:
            sections.append(section)
    return sections
