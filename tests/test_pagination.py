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
