"""Pages of a person's long history (thousands of meetings) read by key.

Page 500 of a person's meetings skips 9,980 rows. Read with the rows and their relations, the
database visits every skipped row; read as keys first, it walks only the index (the model's
index runs in the page's order to the primary key), and then fetches the page's 20 rows with
their relations. Both happen in one query: the keys are a subquery of the rows' query.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page

from reintegra.pagination import CappedPaginator


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
