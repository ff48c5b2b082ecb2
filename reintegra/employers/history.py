"""The history of cooperation on an employer's page: one section from each part of the app.

The offers section is the employers app's own; placements, job fairs, mentoring and the contest
each add theirs by registering, in ``EmployersConfig.ready`` (apps.py), a *provider*: a selector
that reads its part of the history of one employer. A provider

* asks the access functions itself and answers ``None`` for a user who may not see its part;
* reads at most ``ITEMS_SHOWN`` rows in a fixed number of queries, whatever the history's length;
* shows of a person only what its part allows (an employer sees people through its own rules).

The sections use the shapes of a person's summary (``people.summary``), so one template renders both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reintegra.people.summary import ITEMS_SHOWN, SummaryItem, SummarySection

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.employers.models import Employer

__all__ = ["ITEMS_SHOWN", "Provider", "SummaryItem", "SummarySection", "history_for", "register"]

type Provider = Callable[[User, Employer], SummarySection | None]

_providers: dict[str, tuple[int, Provider]] = {}


def register(key: str, order: int, provider: Provider) -> None:
    """Adds (or replaces: ``ready`` may run twice in tests) the provider of one section."""
    _providers[key] = (order, provider)


def history_for(user: User, employer: Employer) -> list[SummarySection]:
    """The sections the user may see, in their order."""
    sections = []
    for _order, provider in sorted(_providers.values(), key=lambda entry: entry[0]):
        section = provider(user, employer)
        if section is not None:
            sections.append(section)
    return sections
