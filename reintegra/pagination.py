"""Pagination that stays cheap on very long lists.

Counting every match of a broad search over a million people costs more than the page itself,
and nobody pages through thousands of results: past ``cap`` matches the count stops and the
page says "more than …", asking for a narrower search instead.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    def __init__(self, object_list: Any, per_page: int, *, cap: int = COUNT_CAP, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    def get_page(self, number: Any) -> Page:
        """The first page is read before anything is counted: when it is not full, it is the count.

        A narrow search (a name, a PESEL) mostly fits on one page, so it costs one query, not two.
        """
        if not _is_first(number):
            return super().get_page(number)
        rows = list(self.object_list[: self.per_page])
        if len(rows) < self.per_page:
            self.__dict__["count"] = len(rows)  # fills the cached property
        return self._get_page(rows, 1, self)

    @cached_property
    def count(self) -> int:
        # Only the matching keys are counted: no joins, no ordering (they cost more than the count).
        keys = self.object_list.order_by().select_related(None).values("pk")  # type: ignore[attr-defined]
        return int(keys[: self.cap + 1].count())

    @property
    def count_is_capped(self) -> bool:
        return self.count > self.cap


def _is_first(number: Any) -> bool:
    """Page 1, or what Django's paginator turns into page 1 (no number, not a number)."""
    try:
        return int(number) == 1
    except (TypeError, ValueError):
        return True
