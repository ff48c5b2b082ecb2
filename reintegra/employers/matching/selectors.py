"""Reads of matching: the core's inputs built from job profiles and offers, and the suggestions
a page or the API shows, scoped to the user and audited.

* A person's matches: the person through ``participant_get_for_user`` (a read, audited), her job
  profile, and the open offers the user reaches as staff (``offers_for_user``, never through an
  employer contact's role), ranked by the pure core with each suggestion's explanation.
* An offer's matches: the offer as above, and the people with a job profile whose files the user
  may see, ranked; each person shown is logged as read, in one statement.
* Overrides: a promoted offer (person) comes first whatever its score, shown with what excludes
  it if anything does; a hidden one is left out of the ranking and listed apart, with its reason.

Places left: an offer's places less its placements accepted or started (annotated on the offers
in the query that reads them, ``placements.selectors.annotate_places_taken``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from django.db.models import QuerySet
from django.http import Http404

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import log_reads
from reintegra.employers.matching import core
from reintegra.employers.matching.messages import exclusion_message, factor_name, factor_value
from reintegra.employers.models import JobProfile, MatchOverride, Offer, OfferStatus, OverrideAction
from reintegra.employers.placements.selectors import annotate_places_taken
from reintegra.employers.placements.services import places_taken
from reintegra.employers.selectors import offers_for_user
from reintegra.people.models import Participant
from reintegra.people.selectors import participant_get_for_user

PARAMS = core.Params()
SHOWN = 10


def _coordinates(latitude: object, longitude: object) -> tuple[float, float] | None:
    if latitude is None or longitude is None:
        return None
    return (float(latitude), float(longitude))  # type: ignore[arg-type]


def person_of(profile: JobProfile) -> core.Person:
    """The core's facts about a person, from her job profile."""
    return core.Person(
        id=profile.participant_id,
        wanted_codes=tuple(str(code) for code in profile.wanted_occupations),
        skills=frozenset(str(skill).strip().lower() for skill in profile.skills),
        has_licence=profile.has_driving_licence,
        has_car=profile.has_car,
        travel_mode=profile.travel_mode,
        max_km=profile.max_distance_km,
        max_minutes=profile.max_travel_minutes,
        home=_coordinates(profile.home_latitude, profile.home_longitude),
        shifts=frozenset(profile.available_shifts),
        max_hours=profile.max_hours_per_week,
        available_from=profile.available_from,
        preferred_kinds=frozenset(profile.preferred_kinds),
    )


def places_left(offer: Offer) -> int:
    """The offer's places less those taken; an offer read without the annotation counts them."""
    taken = getattr(offer, "places_taken", None)
    if taken is None:
        taken = places_taken(offer)
    return max(offer.places - taken, 0)


def offer_of(offer: Offer) -> core.Offer:
    """The core's facts about an offer (its site loaded with it)."""
    return core.Offer(
        id=offer.pk,
        code=offer.occupation_id or "",
        skills_required=frozenset(str(skill).strip().lower() for skill in offer.required_skills),
        skills_nice=frozenset(str(skill).strip().lower() for skill in offer.nice_skills),
        site=_coordinates(offer.site.latitude, offer.site.longitude),
        hours=offer.hours_per_week,
        shifts=frozenset(offer.shifts),
        needs_licence=offer.needs_driving_licence,
        needs_car=offer.needs_car,
        places_left=places_left(offer),
        starts_on=offer.starts_on,
        kind=offer.kind,
    )


def staff_offers(user: User) -> QuerySet[Offer]:
    """Offers the user reaches as staff: not those of an employer she is a contact of."""
    return annotate_places_taken(
        offers_for_user(user).exclude(
            employer__organisation_id__in=policy.organisation_ids_where(user, "employer.own")
        )
    )


def staff_offer_get(user: User, pk: int) -> Offer:
    offer = staff_offers(user).filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


@dataclass(frozen=True)
class Explained:
    """One factor as a page shows it."""

    code: str
    name: str
    value: float
    weight: float
    contribution: float
    explanation: str


@dataclass
class Match:
    """A suggestion (or an overridden pair) with its explanation; ``offer`` or ``participant``
    is the other side of the pair, as the page is of a person or of an offer."""

    participant_id: int
    offer_id: int
    score: float | None
    factors: list[Explained]
    exclusions: list[str]
    override: MatchOverride | None = None
    offer: Offer | None = None
    participant: Participant | None = None

    @property
    def promoted(self) -> bool:
        return self.override is not None and self.override.action == OverrideAction.PROMOTE


@dataclass
class Matches:
    shown: list[Match] = field(default_factory=list)
    hidden: list[Match] = field(default_factory=list)
    considered: int = 0


def explained(suggestion: core.Suggestion) -> list[Explained]:
    return [
        Explained(
            factor.code,
            factor_name(factor),
            factor.value,
            factor.weight,
            factor.contribution,
            factor_value(factor),
        )
        for factor in suggestion.factors
    ]


def _match(person: core.Person, offer: core.Offer) -> Match:
    suggestion = core.suggest(person, offer, PARAMS)
    if suggestion is None:
        reasons = [exclusion_message(code) for code in core.exclusions(person, offer, PARAMS)]
        return Match(person.id, offer.id, None, [], reasons)
    return Match(person.id, offer.id, suggestion.score, explained(suggestion), [])


def _arrange(
    ranked: list[core.Suggestion],
    overrides: dict[tuple[int, int], MatchOverride],
    pair_of: dict[tuple[int, int], tuple[core.Person, core.Offer]],
    limit: int,
) -> Matches:
    """Promoted pairs first, then the best of the rest; hidden pairs apart."""
    matches = Matches(considered=len(pair_of))
    promoted = [key for key, override in overrides.items() if override.action == OverrideAction.PROMOTE]
    for key in promoted:
        if key in pair_of:
            match = _match(*pair_of[key])
            match.override = overrides[key]
            matches.shown.append(match)
    best = (s for s in ranked if (s.person_id, s.offer_id) not in overrides)
    for suggestion in islice(best, limit):
        key = (suggestion.person_id, suggestion.offer_id)
        matches.shown.append(Match(*key, suggestion.score, explained(suggestion), []))
    for key, override in overrides.items():
        if override.action == OverrideAction.HIDE and key in pair_of:
            match = _match(*pair_of[key])
            match.override = override
            matches.hidden.append(match)
    return matches


@dataclass
class PersonMatches:
    participant: Participant
    profile: JobProfile | None
    matches: Matches


def job_profile_for_user(
    user: User, participant_pk: int, *, permission: str = "participant.view"
) -> tuple[Participant, JobProfile | None]:
    """The person (a read, audited) and her job profile, if she has one."""
    participant = participant_get_for_user(user, participant_pk, permission=permission)
    return participant, JobProfile.objects.filter(participant=participant).first()


def matches_for_participant(user: User, participant_pk: int, *, limit: int = SHOWN) -> PersonMatches:
    """The open offers best for the person, with the overrides made for her."""
    participant, profile = job_profile_for_user(user, participant_pk)
    if not policy.can(user, "match.view", participant):
        raise Http404
    if profile is None:
        return PersonMatches(participant, None, Matches())
    offers = {
        offer.pk: offer
        for offer in staff_offers(user)
        .filter(status=OfferStatus.OPEN)
        .select_related("site", "occupation", "employer__organisation")
    }
    person = person_of(profile)
    facts = {pk: offer_of(offer) for pk, offer in offers.items()}
    overrides = {
        (o.participant_id, o.offer_id): o
        for o in MatchOverride.objects.filter(participant=participant, offer_id__in=offers).select_related(
            "created_by"
        )
    }
    ranked = core.rank_offers(person, facts.values(), PARAMS, limit=None)
    pairs = {(person.id, pk): (person, fact) for pk, fact in facts.items()}
    matches = _arrange(ranked, overrides, pairs, limit)
    for match in matches.shown + matches.hidden:
        match.offer = offers[match.offer_id]
    return PersonMatches(participant, profile, matches)


@dataclass
class OfferMatches:
    offer: Offer
    matches: Matches


def matches_for_offer(user: User, offer_pk: int, *, limit: int = SHOWN) -> OfferMatches:
    """The people best for the offer among those whose files the user sees; each shown is a read."""
    offer = staff_offer_get(user, offer_pk)
    profiles = list(
        JobProfile.objects.filter(
            participant__organisation_id__in=policy.organisation_ids_where(user, "match.view")
        ).select_related("participant__organisation")
    )
    people = {profile.participant_id: person_of(profile) for profile in profiles}
    by_person = {profile.participant_id: profile.participant for profile in profiles}
    fact = offer_of(offer)
    overrides = {
        (o.participant_id, o.offer_id): o
        for o in MatchOverride.objects.filter(offer=offer, participant_id__in=people).select_related(
            "created_by"
        )
    }
    ranked = core.rank_people(fact, people.values(), PARAMS, limit=None)
    pairs = {(pk, offer.pk): (person, fact) for pk, person in people.items()}
    matches = _arrange(ranked, overrides, pairs, limit)
    shown_people = []
    for match in matches.shown + matches.hidden:
        match.participant = by_person[match.participant_id]
        shown_people.append(match.participant)
    log_reads(shown_people, actor=user)
    return OfferMatches(offer, matches)


def override_get_for_user(user: User, pk: int) -> MatchOverride:
    override = MatchOverride.objects.select_related("participant", "offer").filter(pk=pk).first()
    if override is None or not policy.can(user, "match.override", override):
        raise Http404
    return override
