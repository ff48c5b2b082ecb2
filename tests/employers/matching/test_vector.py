"""The vectorised matching gives the loop's scores and the loop's top ten, in the loop's order."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reintegra.employers.matching import core, vector
from reintegra.employers.matching.core import Offer, Params, Person
from tests.employers.matching.strategies import offers as offers_strategy
from tests.employers.matching.strategies import people, random_offer, random_person


def _data(seed: int, people: int, offers: int) -> tuple[list[Person], list[Offer]]:
    rng = random.Random(seed)
    offer_ids = rng.sample(range(1, offers * 10), offers)
    return (
        [random_person(rng, person_id) for person_id in range(1, people + 1)],
        [random_offer(rng, offer_id) for offer_id in offer_ids],
    )


def _loop_top(person: Person, offers: list[Offer], params: Params) -> list[tuple[int, int]]:
    return [(s.offer_id, s.points) for s in core.rank_offers(person, offers, params, limit=10)]


def _vector_top(ranked: vector.Ranked, row: int) -> list[tuple[int, int]]:
    return [
        (int(offer_id), int(points))
        for offer_id, points in zip(ranked.offer_ids[row], ranked.points[row], strict=True)
        if offer_id >= 0
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_vectorised_top_ten_for_one_person_is_the_loop_s(seed: int) -> None:
    people, offers = _data(seed, 30, 2_000)
    arrays = vector.offer_arrays(offers)
    params = Params()

    for person in people:
        ranked = vector.rank_offers(person, arrays, params)
        assert _vector_top(ranked, 0) == _loop_top(person, offers, params)


def test_the_batch_in_small_chunks_gives_every_person_the_loop_s_top_ten() -> None:
    people, offers = _data(4, 120, 800)
    arrays = vector.offer_arrays(offers)
    params = Params()

    ranked = vector.top_offers_batch(
        vector.person_arrays(people, arrays, params), arrays, params, cells=7_000
    )

    assert ranked.offer_ids.shape == (120, 10)
    for row, person in enumerate(people):
        assert _vector_top(ranked, row) == _loop_top(person, offers, params)


def test_every_pair_s_score_equals_the_loop_s_to_the_last_bit() -> None:
    people, offers = _data(5, 40, 300)
    arrays = vector.offer_arrays(offers)
    params = Params()

    total, allowed = vector.scores(vector.person_arrays(people, arrays, params), arrays, params)

    for row, person in enumerate(people):
        for column, offer in enumerate(offers):
            suggestion = core.suggest(person, offer, params)
            assert bool(allowed[row, column]) == (suggestion is not None)
            if suggestion is not None:
                assert float(total[row, column]) == suggestion.score


def test_ties_are_broken_by_the_smaller_offer_id_as_in_the_loop() -> None:
    person = Person(id=1, home=(52.3, 17.6))
    twins = [Offer(id=offer_id, site=(52.3, 17.6)) for offer_id in (40, 7, 19, 3, 25)]

    ranked = vector.rank_offers(person, vector.offer_arrays(twins), limit=3)

    assert (
        list(ranked.offer_ids[0])
        == [3, 7, 19]
        == [s.offer_id for s in core.rank_offers(person, twins, limit=3)]
    )


def test_fewer_offers_than_asked_for_are_padded_and_excluded_ones_left_out() -> None:
    person = Person(id=1, has_licence=False)
    offers = [Offer(id=1), Offer(id=2, needs_licence=True)]

    ranked = vector.rank_offers(person, vector.offer_arrays(offers), limit=4)

    assert list(ranked.offer_ids[0]) == [1, -1, -1, -1]


def test_other_weights_give_the_same_ranking_both_ways() -> None:
    people, offers = _data(6, 10, 500)
    params = Params(
        weights={"occupation": 3, "skills": 0, "distance": 1, "hours": 0.5, "shifts": 0, "preference": 2},
        speed_kmh={"car": 70.0, "public_transport": 15.0, "on_foot_or_bike": 5.0},
    )
    arrays = vector.offer_arrays(offers)

    for person in people:
        assert _vector_top(vector.rank_offers(person, arrays, params), 0) == _loop_top(person, offers, params)


def test_a_skill_vocabulary_beyond_one_word_still_counts_the_overlap() -> None:
    skills = [f"skill{n:03}" for n in range(150)]
    offers = [
        Offer(id=1, skills_required=frozenset(skills[60:70]), skills_nice=frozenset(skills[130:140])),
        Offer(id=2, skills_nice=frozenset(skills)),
    ]
    person = Person(id=1, skills=frozenset(skills[65:135]))
    arrays = vector.offer_arrays(offers)

    total, _allowed = vector.scores(vector.person_arrays([person], arrays, Params()), arrays, Params())

    assert arrays.required.shape[1] == 3
    assert list(total[0]) == [core.suggest(person, offer).score for offer in offers]  # type: ignore[union-attr]


@settings(max_examples=60, deadline=None)
@given(person=people, offers=st.lists(offers_strategy, min_size=1, max_size=12, unique_by=lambda o: o.id))
def test_for_any_person_and_offers_the_vectorised_ranking_is_the_loop_s(
    person: Person, offers: list[Offer]
) -> None:
    params = Params()

    ranked = vector.rank_offers(person, vector.offer_arrays(offers), params, limit=12)

    assert _vector_top(ranked, 0) == [
        (s.offer_id, s.points) for s in core.rank_offers(person, offers, params, limit=12)
    ]
