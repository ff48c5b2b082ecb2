"""The pure matching core: hard constraints never let an impossible offer through, the soft
factors order offers as a case worker would, and every suggestion explains itself."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra.employers.matching import core
from reintegra.employers.matching.core import Offer, Params, Person
from tests.employers.matching.strategies import coordinates, offers, people

HOME = (52.3, 17.6)


def _person(**changes: object) -> Person:
    base = Person(id=1, wanted_codes=("512001",), skills=frozenset({"baking"}), home=HOME, max_km=30)
    return dataclasses.replace(base, **changes)


def _offer(**changes: object) -> Offer:
    base = Offer(id=10, code="512001", skills_required=frozenset({"baking"}), site=(52.35, 17.6), hours=40)
    return dataclasses.replace(base, **changes)


def _km_north(km: float) -> tuple[float, float]:
    return (HOME[0] + km / core.KM_PER_DEGREE, HOME[1])


# -- hard constraints ----------------------------------------------------------------------------


@given(person=people, offer=offers)
def test_an_offer_the_person_cannot_reach_or_lacks_a_licence_or_car_for_is_never_ranked(
    person: Person, offer: Offer
) -> None:
    ranked = core.rank_offers(person, [offer], limit=None)

    reach = core.reach_km(person, Params())
    out_of_reach = (
        person.home is not None
        and offer.site is not None
        and reach is not None
        and core.distance_km(person.home, offer.site, core.km_per_degree_of_longitude(person.home[0])) > reach
    )
    if out_of_reach or (offer.needs_licence and not person.has_licence):
        assert ranked == []
    if (offer.needs_car and not person.has_car) or offer.places_left <= 0:
        assert ranked == []


@given(person=people, offer=offers)
def test_an_offer_is_ranked_exactly_when_nothing_excludes_it(person: Person, offer: Offer) -> None:
    ranked = core.rank_offers(person, [offer], limit=None)

    assert (ranked != []) == (core.exclusions(person, offer) == [])


def test_each_hard_constraint_names_itself() -> None:
    person = _person(has_licence=False, has_car=False, available_from=date(2026, 9, 1))
    offer = _offer(
        needs_licence=True, needs_car=True, places_left=0, starts_on=date(2026, 8, 1), site=_km_north(31)
    )

    assert core.exclusions(person, offer) == [
        core.STARTS_BEFORE_AVAILABLE,
        core.NO_PLACES_LEFT,
        core.NEEDS_LICENCE,
        core.NEEDS_CAR,
        core.OUT_OF_REACH,
    ]


def test_an_offer_starting_within_the_grace_days_before_the_person_is_available_is_kept() -> None:
    person = _person(available_from=date(2026, 9, 15))

    assert core.exclusions(person, _offer(starts_on=date(2026, 9, 1))) == []
    assert core.exclusions(person, _offer(starts_on=date(2026, 8, 31))) == [core.STARTS_BEFORE_AVAILABLE]


def test_minutes_of_travel_reach_as_far_as_the_person_s_way_of_travelling_goes() -> None:
    by_bus = _person(max_km=None, max_minutes=60, travel_mode="public_transport")
    by_car = dataclasses.replace(by_bus, travel_mode="car")
    forty_km = _offer(site=_km_north(40))

    assert core.exclusions(by_bus, forty_km) == [core.OUT_OF_REACH]  # 25 km in an hour
    assert core.exclusions(by_car, forty_km) == []  # 50 km in an hour


def test_the_nearer_of_declared_km_and_minutes_is_the_reach() -> None:
    person = _person(max_km=20, max_minutes=60, travel_mode="car")

    assert core.reach_km(person, Params()) == 20.0
    assert core.reach_km(dataclasses.replace(person, max_km=None), Params(speed_kmh={"car": 30.0})) == 30.0


def test_a_person_or_site_without_coordinates_is_not_excluded_for_distance_and_scores_neutrally() -> None:
    suggestion = core.suggest(_person(home=None), _offer())

    assert suggestion is not None
    distance = next(f for f in suggestion.factors if f.code == "distance")
    assert (distance.value, distance.params["km"]) == (0.5, None)


# -- soft factors --------------------------------------------------------------------------------


# Both places are drawn, not filtered for: a filter on the optional coordinates made hypothesis
# reject too many examples now and then (its "filtering too much" health check).
@given(person=people, offer=offers, home=coordinates, site=coordinates, toward=st.floats(0.0, 0.999))
def test_moving_a_site_closer_never_lowers_its_score(
    person: Person, offer: Offer, home: tuple[float, float], site: tuple[float, float], toward: float
) -> None:
    person = dataclasses.replace(person, home=home)
    offer = dataclasses.replace(offer, site=site)
    assert person.home is not None
    assert offer.site is not None
    closer_site = (
        offer.site[0] + toward * (person.home[0] - offer.site[0]),
        offer.site[1] + toward * (person.home[1] - offer.site[1]),
    )
    far = core.suggest(person, offer)
    near = core.suggest(person, dataclasses.replace(offer, site=closer_site))

    if far is not None:
        assert near is not None
        assert near.score >= far.score - 1e-9


@given(person=people, offer=offers, code=st.sampled_from(["512001", "911207", "611303"]))
def test_an_exact_occupation_match_ranks_above_a_same_group_match_when_all_else_is_equal(
    person: Person, offer: Offer, code: str
) -> None:
    person = dataclasses.replace(person, wanted_codes=(code,))
    exact = dataclasses.replace(offer, id=2, code=code)
    same_unit_group = dataclasses.replace(offer, id=1, code=code[:4] + "99")
    same_sub_major_group = dataclasses.replace(offer, id=0, code=code[:2] + "9999")

    ranked = core.rank_offers(person, [same_sub_major_group, same_unit_group, exact], limit=None)

    assert [s.offer_id for s in ranked] in ([], [2, 1, 0])


def test_occupation_closeness_reads_the_code_s_levels() -> None:
    wanted = core.prepare(_person(wanted_codes=("512001", "9112")), Params()).wanted

    assert core.closeness_level(wanted, "512001") == core.EXACT
    assert core.closeness_level(wanted, "512099") == core.UNIT_GROUP
    assert core.closeness_level(wanted, "911299") == core.UNIT_GROUP
    assert core.closeness_level(wanted, "519999") == core.SUB_MAJOR_GROUP
    assert core.closeness_level(wanted, "5120") == core.UNIT_GROUP
    assert core.closeness_level(wanted, "") == core.NO_MATCH
    assert core.closeness_level(wanted, "611303") == core.NO_MATCH


def test_a_required_skill_counts_twice_a_nice_one() -> None:
    offer = _offer(skills_required=frozenset({"baking"}), skills_nice=frozenset({"cashier", "cleaning"}))

    only_required = core.suggest(_person(skills=frozenset({"baking"})), offer)
    only_nice = core.suggest(_person(skills=frozenset({"cashier", "cleaning"})), offer)

    assert only_required is not None
    assert only_nice is not None
    assert only_required.factors[1].value == 0.5
    assert only_nice.factors[1].value == 0.5
    assert only_required.factors[1].params == {"required_met": 1, "required": 1, "nice_met": 0, "nice": 2}


def test_hours_beyond_what_care_duties_leave_lower_the_fit_in_proportion() -> None:
    suggestion = core.suggest(_person(max_hours=20), _offer(hours=40))

    assert suggestion is not None
    assert suggestion.factors[3].value == 0.5


def test_shifts_the_person_cannot_work_lower_the_fit() -> None:
    person = _person(shifts=frozenset({"morning"}))

    both = core.suggest(person, _offer(shifts=frozenset({"morning", "night"})))
    any_shift = core.suggest(person, _offer(shifts=frozenset()))

    assert both is not None
    assert any_shift is not None
    assert (both.factors[4].value, any_shift.factors[4].value) == (0.5, 1.0)


def test_a_preferred_kind_of_offer_scores_above_no_preference_above_another_kind() -> None:
    person = _person(preferred_kinds=frozenset({"internship"}))

    fits = [
        core.suggest(p, _offer(kind="internship")).factors[5].value  # type: ignore[union-attr]
        for p in (person, _person(), dataclasses.replace(person, preferred_kinds=frozenset({"job"})))
    ]

    assert fits == [1.0, 0.5, 0.0]


def test_the_score_is_the_weighted_sum_of_the_factors_and_each_factor_carries_its_weight() -> None:
    params = Params(
        weights={"occupation": 2, "skills": 1, "distance": 0, "hours": 0, "shifts": 0, "preference": 0}
    )

    suggestion = core.suggest(_person(), _offer(code="512099"), params)

    assert suggestion is not None
    assert [(f.code, f.value, f.weight) for f in suggestion.factors[:2]] == [
        ("occupation", 0.6, 2),
        ("skills", 1.0, 1),
    ]
    assert suggestion.score == pytest.approx(2 * 0.6 + 1.0)
    assert suggestion.points == 2_200_000


def test_ties_are_broken_by_the_smaller_id() -> None:
    twins = [_offer(id=7), _offer(id=3), _offer(id=5)]

    assert [s.offer_id for s in core.rank_offers(_person(), twins)] == [3, 5, 7]
    assert [s.person_id for s in core.rank_people(_offer(), [_person(id=9), _person(id=4)])] == [4, 9]


def test_people_are_ranked_for_an_offer_best_first_without_those_it_excludes() -> None:
    baker = _person(id=1)
    cook = _person(id=2, wanted_codes=("512099",))
    far_away = _person(id=3, max_km=1)

    ranked = core.rank_people(_offer(), [far_away, cook, baker])

    assert [s.person_id for s in ranked] == [1, 2]


def test_weights_must_name_every_factor_and_not_all_be_zero() -> None:
    with pytest.raises(ValueError, match="weights must name"):
        Params(weights={"occupation": 1.0})
    with pytest.raises(ValueError, match="not all zero"):
        Params(weights=dict.fromkeys(core.FACTORS, 0.0))
