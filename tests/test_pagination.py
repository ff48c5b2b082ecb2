from __future__ import annotations

import pytest

from reintegra.accounts.models import Organisation
from reintegra.pagination import CappedPaginator
from tests.factories import ParticipantFactory


@pytest.mark.django_db
def test_the_count_stops_past_the_cap(organisation: Organisation) -> None:
    ParticipantFactory.create_batch(7, organisation=organisation)
    queryset = organisation.participants.order_by("pk")

    capped = CappedPaginator(queryset, 2, cap=5)
    exact = CappedPaginator(queryset, 2, cap=50)

    assert (capped.count, capped.count_is_capped) == (6, True)
    assert (exact.count, exact.count_is_capped) == (7, False)
    assert [person.pk for person in capped.page(1)] == [person.pk for person in queryset[:2]]


@pytest.mark.django_db
def test_a_first_page_that_is_not_full_is_counted_without_a_count_query(
    organisation: Organisation, django_assert_num_queries: object
) -> None:
    ParticipantFactory.create_batch(3, organisation=organisation)
    queryset = organisation.participants.order_by("pk")

    with django_assert_num_queries(1):  # type: ignore[operator]
        page = CappedPaginator(queryset, 25).get_page(None)
        assert (len(page), page.paginator.count, page.has_next()) == (3, 3, False)


@pytest.mark.django_db
def test_a_full_first_page_still_counts_every_match(organisation: Organisation) -> None:
    ParticipantFactory.create_batch(5, organisation=organisation)
    queryset = organisation.participants.order_by("pk")

    page = CappedPaginator(queryset, 2).get_page("1")
    later = CappedPaginator(queryset, 2).get_page("9")

    assert (len(page), page.paginator.count, page.paginator.num_pages, page.has_next()) == (2, 5, 3, True)
    assert (later.number, len(later)) == (3, 1)
    assert CappedPaginator(queryset, 2).get_page("x").number == 1
