"""Pagination that stays cheap on very long lists.

Counting every match of a broad search over a million people costs more than the page itself,
and nobody pages through thousands of results: past ``cap`` matches the count stops and the
page says "more than …", asking for a narrower search instead.

Deep pages of one person's long history (thousands of meetings) are read by key
(``KeysPagePaginator``): page 500 of a person's meetings skips 9,980 rows. Read with the rows
and their relations, the database visits every skipped row; read as keys first, it walks only
the index (the model's index runs in the page's order to the primary key), and then fetches
the page's 20 rows with their relations. Both happen in one query: the keys are a subquery of
the rows' query.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        cap: int = COUNT_CAP,
        count_from_short_page: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.count_from_short_page = count_from_short_page

    def get_page(self, number: Any) -> Page:
        """With ``count_from_short_page``, the first page is read before anything is counted:
        when it is not full, it is the count, so a narrow search costs one query, not two."""
        if not self.count_from_short_page or not _is_first(number):
            return super().get_page(number)
        rows = list(self.object_list[: self.per_page])
        if len(rows) < self.per_page:
            self.__dict__["count"] = len(rows)  # fills the cached property
        return Page(rows, 1, self)

    @cached_property
    def count(self) -> int:
        # Only the matching keys are counted: no joins, no ordering (they cost more than the count).
        keys = self.object_list.order_by().select_related(None).values("pk")  # type: ignore[attr-defined]
        return int(keys[: self.cap + 1].count())

    @property
    def count_is_capped(self) -> bool:
        return self.count > self.cap


class KeysFirstPaginator(CappedPaginator):
    """Pages of a search the database answers by finding every match at once (a trigram scan).

    Counting and then paging would run that scan twice. Here one query takes the keys of all the
    matches in order, up to the cap, which is the count; the page's rows are then read by key.
    """

    @cached_property
    def keys(self) -> list[Any]:
        return list(self.object_list.values_list("pk", flat=True)[: self.cap + 1])  # type: ignore[attr-defined]

    @cached_property
    def count(self) -> int:
        return len(self.keys)

    def get_page(self, number: Any) -> Page:
        return Paginator.get_page(self, number)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = self.keys[bottom : bottom + self.per_page]
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=keys)}  # type: ignore[attr-defined]
        return Page([rows[key] for key in keys], number, self)


class KeysPagePaginator(CappedPaginator):
    """A capped paginator whose page is the rows whose keys the page's slice of the index holds."""

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]  # type: ignore[attr-defined]
        rows = list(self.object_list.filter(pk__in=keys))  # type: ignore[attr-defined]
        return Page(rows, number, self)


def _is_first(number: Any) -> bool:
    """Page 1, or what Django's paginator turns into page 1 (no number, not a number)."""
    try:
        return int(number) == 1
    except (TypeError, ValueError):
        return True
