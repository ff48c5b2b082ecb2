from __future__ import annotations

import pytest

from reintegra.accounts.models import Organisation
from reintegra.pagination import CappedPaginator, KeysFirstPaginator
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
        page = CappedPaginator(queryset, 25, count_from_short_page=True).get_page(None)
        assert (len(page), page.paginator.count, page.has_next()) == (3, 3, False)


@pytest.mark.django_db
def test_a_full_first_page_still_counts_every_match(organisation: Organisation) -> None:
    ParticipantFactory.create_batch(5, organisation=organisation)
    queryset = organisation.participants.order_by("pk")

    page = CappedPaginator(queryset, 2, count_from_short_page=True).get_page("1")
    later = CappedPaginator(queryset, 2, count_from_short_page=True).get_page("9")

    assert (len(page), page.paginator.count, page.paginator.num_pages, page.has_next()) == (2, 5, 3, True)
    assert (later.number, len(later)) == (3, 1)
    assert CappedPaginator(queryset, 2, count_from_short_page=True).get_page("x").number == 1


@pytest.mark.django_db
def test_without_the_option_every_page_is_counted_so_the_query_count_stays_the_same(
    organisation: Organisation, django_assert_num_queries: object
) -> None:
    ParticipantFactory.create_batch(3, organisation=organisation)

    with django_assert_num_queries(2):  # type: ignore[operator]
        list(CappedPaginator(organisation.participants.order_by("pk"), 25).get_page(None))


@pytest.mark.django_db
def test_keys_first_pages_count_and_page_a_search_with_one_scan_of_the_matches(
    organisation: Organisation, django_assert_num_queries: object
) -> None:
    ParticipantFactory.create_batch(7, organisation=organisation)
    queryset = organisation.participants.select_related("organisation").order_by("-pk")
    expected = [person.pk for person in queryset]

    with django_assert_num_queries(2):  # type: ignore[operator]
        page = KeysFirstPaginator(queryset, 3).get_page("2")
        assert [person.pk for person in page] == expected[3:6]
        assert (page.paginator.count, page.paginator.num_pages, page[0].organisation) == (7, 3, organisation)
    capped = KeysFirstPaginator(queryset, 3, cap=4)
    assert (capped.count, capped.count_is_capped, len(capped.get_page("99"))) == (5, True, 2)
