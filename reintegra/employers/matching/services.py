"""Writes of matching: a person's job profile, and a case worker's override of a suggestion.

The rules these services enforce:

* a job profile is the person's side of matching, saved by staff who may change the person's
  file; wanted occupations are KZiS codes (1–4 or 6 digits), kinds and shifts are of the lists
  offers use, a home is both coordinates or neither, the day she is available from lies between
  2000 and five years ahead, and a limit of minutes or km is a limit the person declared (none:
  no limit);
* an override promotes an offer for a person (shown first, whatever the score) or hides it
  (not suggested again), always with a reason; one per person and offer, a new one replacing the
  old; the people who may override are the coordinators and case workers of the person's
  organisation, and only for an offer they may see.

Every write is audited (``audit_registration.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.dates import day
from reintegra.employers.models import JobProfile, MatchOverride, Offer, OfferKind, OverrideAction, Shift
from reintegra.people.models import Participant

KZIS_CODE = re.compile(r"^(\d|\d{2}|\d{3}|\d{4}|\d{6})$")
MOST_CODES = 10
MOST_SKILLS = 50
EARLIEST_AVAILABLE = date(2000, 1, 1)
AVAILABLE_WITHIN = timedelta(days=5 * 365)


def _require(actor: User | None, permission: str, obj: policy.Scoped) -> None:
    if actor is not None and not policy.can(actor, permission, obj):
        raise PermissionDenied


@dataclass(frozen=True, kw_only=True)
class JobProfileData:
    wanted_occupations: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    preferred_kinds: list[str] = field(default_factory=list)
    has_driving_licence: bool = False
    has_car: bool = False
    travel_mode: str = "public_transport"
    max_distance_km: int | None = None
    max_travel_minutes: int | None = None
    home_latitude: Decimal | None = None
    home_longitude: Decimal | None = None
    available_shifts: list[str] = field(default_factory=list)
    max_hours_per_week: int | None = None
    care_duties: str = ""
    available_from: date | None = None


JOB_PROFILE_FIELDS = tuple(JobProfileData.__dataclass_fields__)


def normalised_skills(skills: list[str]) -> list[str]:
    """Skills as matching compares them: trimmed, lower case, each once, in the order given."""
    seen: dict[str, None] = {}
    for skill in skills:
        text = " ".join(skill.split()).lower()
        if text:
            seen.setdefault(text, None)
    return list(seen)


def _check_profile(data: JobProfileData) -> None:
    errors: dict[str, list[str]] = {}
    wrong = [code for code in data.wanted_occupations if not KZIS_CODE.match(code)]
    if wrong:
        errors["wanted_occupations"] = [
            _("%(codes)s: a KZiS code has 1–4 or 6 digits.") % {"codes": ", ".join(wrong)}
        ]
    elif len(data.wanted_occupations) > MOST_CODES:
        errors["wanted_occupations"] = [_("Give at most %(most)s occupations.") % {"most": MOST_CODES}]
    if len(data.skills) > MOST_SKILLS:
        errors["skills"] = [_("Give at most %(most)s skills.") % {"most": MOST_SKILLS}]
    if set(data.preferred_kinds) - set(OfferKind.values):
        errors["preferred_kinds"] = [_("Choose kinds of offer from the list.")]
    if set(data.available_shifts) - set(Shift.values):
        errors["available_shifts"] = [_("Choose shifts from the list.")]
    if data.available_from is not None and not (
        EARLIEST_AVAILABLE <= data.available_from <= timezone.localdate() + AVAILABLE_WITHIN
    ):
        errors["available_from"] = [
            _("Give a date between %(earliest)s and five years from today.")
            % {"earliest": day(EARLIEST_AVAILABLE)}
        ]
    if (data.home_latitude is None) != (data.home_longitude is None):
        errors["home_longitude"] = [_("Give both the latitude and the longitude of the home, or neither.")]
    if errors:
        raise ValidationError(errors, code="invalid_job_profile")


@transaction.atomic
def job_profile_save(*, actor: User | None, participant: Participant, data: JobProfileData) -> JobProfile:
    """Creates or replaces the person's job profile (staff who may change the person's file)."""
    _require(actor, "participant.change", participant)
    data = JobProfileData(
        **{name: getattr(data, name) for name in JOB_PROFILE_FIELDS}
        | {
            "skills": normalised_skills(data.skills),
            "wanted_occupations": list(dict.fromkeys(code.strip() for code in data.wanted_occupations)),
        }
    )
    _check_profile(data)
    profile = JobProfile.objects.select_for_update().filter(participant=participant).first()
    if profile is None:
        profile = JobProfile(participant=participant)
    for name in JOB_PROFILE_FIELDS:
        setattr(profile, name, getattr(data, name))
    profile.updated_by = actor
    profile.full_clean()
    if profile.pk is None:
        profile.save()
    else:
        profile.save(update_fields=[*JOB_PROFILE_FIELDS, "updated_by", "updated_at"])
    return profile


@transaction.atomic
def match_override_set(
    *, actor: User | None, participant: Participant, offer: Offer, action: str, reason: str
) -> MatchOverride:
    """Promotes or hides an offer for a person, with a reason; replaces an earlier override.

    The caller reached the offer through the user's access functions; the person is checked here.
    """
    _require(actor, "match.override", participant)
    if action not in OverrideAction.values:
        raise ValidationError({"action": _("Choose to promote or to hide the offer.")}, code="action")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you override the suggestion.")}, code="no_reason")
    override = MatchOverride.objects.select_for_update().filter(participant=participant, offer=offer).first()
    if override is not None:
        override.delete()
    override = MatchOverride(
        participant=participant, offer=offer, action=action, reason=reason.strip(), created_by=actor
    )
    override.full_clean()
    override.save()
    return override


@transaction.atomic
def match_override_remove(*, actor: User | None, override: MatchOverride) -> None:
    """Withdraws an override: the offer is ranked by its score again."""
    _require(actor, "match.override", override)
    override.delete()
