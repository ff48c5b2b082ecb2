"""Writes to placements, mentors, mentoring meetings and retention follow-ups: each a
transaction, checked against the policy, audited (django-auditlog, ``audit_registration``).

The rules these services enforce:

* only staff of the organisation that keeps the person's file propose them, only for an open
  offer of an employer their organisation works with (keeps it, or shares its partnership), and
  only while the person's consent to showing a profile to employers is in force;
* a person is proposed to the same offer once while the proposal is alive (proposed, accepted
  or started); a new proposal after a decline, a withdrawal or an end is a new placement;
* an offer holds as many accepted and started placements as it has places: proposing for a
  full offer and accepting beyond its places are refused;
* an internship or traineeship lasts at most ``settings.INTERNSHIP_MAX_MONTHS`` months (six
  unless set; the offer's own extension keeps to the same setting);
* the placement moves along ``workflow.TRANSITIONS``: the employer's contacts (or the case worker
  on their behalf) accept, decline, start, finish and break off; only the case worker withdraws;
  a decline and a break-off need a reason; every move is recorded with who, when and why;
* the employer learns the person's name and phone only once the case worker records that the
  person agreed to meet; until then it sees the anonymised profile (``selectors``);
* feedback, mentoring meetings and the completion certificate come only after the start;
  the employer's contacts give the employer's feedback, the case worker records the person's;
* a job that starts gets its retention follow-ups 1, 3 and 6 months on, which the case worker
  records (still employed: yes, no, could not find out).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Role, User
from reintegra.dates import day
from reintegra.employers.models import (
    Employer,
    Mentor,
    MentoringMeeting,
    Offer,
    OfferKind,
    OfferStatus,
    Placement,
    PlacementMove,
    PlacementStatus,
    RetentionFollowUp,
    StillEmployed,
)
from reintegra.employers.placements.workflow import (
    ALIVE,
    HAS_STARTED,
    HOLDS_A_PLACE,
    REASON_REQUIRED,
    STAFF_ONLY_MOVES,
    check_move,
)
from reintegra.employers.selectors import employer_allows
from reintegra.notifications.services import notify
from reintegra.people.models import ConsentKind, Participant
from reintegra.people.services import consent_in_force

S = PlacementStatus

INTERNSHIP_KINDS = frozenset({OfferKind.INTERNSHIP, OfferKind.TRAINEESHIP})
# Offers after whose start the person's employment is followed up, and when (months on).
FOLLOWED_UP_KINDS = frozenset({OfferKind.JOB})
FOLLOW_UP_MONTHS = (1, 3, 6)


def internship_max_months() -> int:
    return int(settings.INTERNSHIP_MAX_MONTHS)


# --- Who acts ---------------------------------------------------------------------------------


def is_staff_of_person(user: User, placement: Placement) -> bool:
    return placement.participant.organisation_id in policy.organisation_ids_where(user, "placement.propose")


def is_employer_side(user: User, placement: Placement) -> bool:
    return placement.offer.employer.organisation_id in policy.organisation_ids_where(
        user, "placement.employer"
    )


def staff_sees_employer(user: User, employer: Employer) -> bool:
    """The staff of the organisation that keeps the employer, or of a member of its partnership."""
    return employer_allows(user, "employer.view", employer)


def _check_either_side(actor: User, placement: Placement) -> None:
    if not (is_staff_of_person(actor, placement) or is_employer_side(actor, placement)):
        raise PermissionDenied


def _check_staff(actor: User, placement: Placement) -> None:
    if not is_staff_of_person(actor, placement):
        raise PermissionDenied


# --- Proposing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacementTerms:
    """What the agreement says beyond the offer: the dates, the hours and the mentor."""

    starts_on: date | None = None
    ends_on: date | None = None
    hours_per_week: int | None = None
    mentor: Mentor | None = None


def places_taken(offer: Offer) -> int:
    return offer.placements.filter(status__in=HOLDS_A_PLACE).count()


def _full(offer: Offer) -> str:
    return _("The offer “%(offer)s” has no places left (%(places)s of %(places)s taken).") % {
        "offer": offer,
        "places": offer.places,
    }


def _check_terms(offer: Offer, terms: PlacementTerms, errors: dict[str, list[str]]) -> None:
    if terms.starts_on and terms.ends_on and terms.ends_on < terms.starts_on:
        errors.setdefault("ends_on", []).append(_("The planned end comes before the planned start."))
    elif terms.starts_on and terms.ends_on and offer.kind in INTERNSHIP_KINDS:
        longest = internship_max_months()
        if terms.ends_on >= terms.starts_on + relativedelta(months=longest):
            errors.setdefault("ends_on", []).append(
                _(
                    "An internship lasts at most %(months)s months: from %(start)s it ends by %(last)s "
                    "at the latest."
                )
                % {
                    "months": longest,
                    "start": day(terms.starts_on),
                    "last": day(terms.starts_on + relativedelta(months=longest) - timedelta(days=1)),
                }
            )
    if terms.mentor is not None and terms.mentor.employer_id != offer.employer_id:
        errors.setdefault("mentor", []).append(_("Choose a mentor who works for the offer's employer."))


def _default_terms(offer: Offer, terms: PlacementTerms) -> PlacementTerms:
    """The offer's start and duration, and its hours, where the proposal leaves them out."""
    starts_on = terms.starts_on or offer.starts_on
    ends_on = terms.ends_on
    if ends_on is None and starts_on is not None and offer.duration_months:
        ends_on = starts_on + relativedelta(months=offer.duration_months) - timedelta(days=1)
    return PlacementTerms(
        starts_on=starts_on,
        ends_on=ends_on,
        hours_per_week=terms.hours_per_week or offer.hours_per_week,
        mentor=terms.mentor,
    )


@transaction.atomic
def placement_propose(
    *,
    actor: User,
    participant: Participant,
    offer: Offer,
    note: str = "",
    terms: PlacementTerms | None = None,
) -> Placement:
    """Proposes the person for the offer; refused, naming the field, when a rule fails."""
    if participant.organisation_id not in policy.organisation_ids_where(actor, "placement.propose"):
        raise PermissionDenied
    offer = Offer.objects.select_for_update().select_related("employer").get(pk=offer.pk)
    if not staff_sees_employer(actor, offer.employer):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if offer.status != OfferStatus.OPEN:
        errors.setdefault("offer", []).append(
            _("People are proposed only for an open offer; “%(offer)s” is %(status)s.")
            % {"offer": offer, "status": offer.get_status_display()}
        )
    elif places_taken(offer) >= offer.places:
        errors.setdefault("offer", []).append(_full(offer))
    if not consent_in_force(participant, ConsentKind.SHARING_WITH_EMPLOYERS):
        errors.setdefault("participant", []).append(
            _(
                "%(person)s has not consented to showing a profile to employers (or withdrew it): "
                "record the consent first."
            )
            % {"person": participant}
        )
    elif offer.placements.filter(participant=participant, status__in=ALIVE).exists():
        errors.setdefault("participant", []).append(
            _("%(person)s is already proposed for this offer.") % {"person": participant}
        )
    terms = _default_terms(offer, terms or PlacementTerms())
    _check_terms(offer, terms, errors)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    last = offer.placements.aggregate(last=Max("candidate_number"))["last"] or 0
    placement = Placement(
        offer=offer,
        participant=participant,
        candidate_number=last + 1,
        status=S.PROPOSED,
        note=note.strip(),
        starts_on=terms.starts_on,
        ends_on=terms.ends_on,
        hours_per_week=terms.hours_per_week,
        mentor=terms.mentor,
        proposed_by=actor,
        proposed_at=now,
    )
    placement.full_clean()
    placement.save()
    PlacementMove.objects.create(
        placement=placement, from_status="", to_status=S.PROPOSED, changed_at=now, changed_by=actor
    )
    _notify_employer(placement, _("A candidate was proposed for your offer “%(offer)s”.") % {"offer": offer})
    return placement


@transaction.atomic
def placement_terms_set(*, actor: User, placement: Placement, terms: PlacementTerms) -> Placement:
    """Either side sets the dates, hours and mentor the agreement states, before the placement ends."""
    _check_either_side(actor, placement)
    stored = Placement.objects.select_for_update().select_related("offer").get(pk=placement.pk)
    if stored.status not in ALIVE:
        raise ValidationError(
            _("The terms of a placement that is %(status)s no longer change.")
            % {"status": stored.get_status_display()},
            code="closed",
        )
    errors: dict[str, list[str]] = {}
    _check_terms(stored.offer, terms, errors)
    if errors:
        raise ValidationError(errors)
    stored.starts_on, stored.ends_on = terms.starts_on, terms.ends_on
    stored.hours_per_week, stored.mentor = terms.hours_per_week, terms.mentor
    stored.full_clean()
    stored.save(update_fields=["starts_on", "ends_on", "hours_per_week", "mentor", "updated_at"])
    return stored


# --- Moving along the workflow ------------------------------------------------------------------


@transaction.atomic
def placement_move(
    *, actor: User, placement: Placement, to_status: str, reason: str = "", on: date | None = None
) -> Placement:
    """Moves the placement along the workflow (``on``: the day it started or ended, today if
    not given); the other side is told."""
    staff = is_staff_of_person(actor, placement)
    if not staff and (to_status in STAFF_ONLY_MOVES or not is_employer_side(actor, placement)):
        raise PermissionDenied
    stored = Placement.objects.select_for_update().select_related("offer__employer").get(pk=placement.pk)
    check_move(stored.status, to_status)
    reason = reason.strip()
    if to_status in REASON_REQUIRED and not reason:
        raise ValidationError(
            {"reason": _("Say why the placement is %(status)s.") % {"status": S(to_status).label}},
            code="reason_required",
        )
    if to_status in HOLDS_A_PLACE and stored.status not in HOLDS_A_PLACE:
        offer = Offer.objects.select_for_update().get(pk=stored.offer_id)
        if places_taken(offer) >= offer.places:
            raise ValidationError({"offer": _full(offer)}, code="no_places_left")
    fields = _move_dates(stored, to_status, on or timezone.localdate())
    from_status = stored.status
    stored.status = to_status
    stored.full_clean()
    stored.save(update_fields=["status", *fields, "updated_at"])
    PlacementMove.objects.create(
        placement=stored,
        from_status=from_status,
        to_status=to_status,
        changed_at=timezone.now(),
        changed_by=actor,
        reason=reason,
    )
    if to_status == S.STARTED and stored.offer.kind in FOLLOWED_UP_KINDS:
        _plan_follow_ups(stored)
    message = _("The placement “%(placement)s” is now %(status)s.")
    if staff:
        _notify_employer(
            stored, message % {"placement": _label_for_employer(stored), "status": S(to_status).label}
        )
    elif stored.proposed_by.is_active:
        notify(
            stored.proposed_by,
            message % {"placement": stored, "status": S(to_status).label},
            reverse("employers:placements:detail", args=[stored.pk]),
        )
    placement.status = stored.status
    return stored


def _move_dates(stored: Placement, to_status: str, on: date) -> list[str]:
    if on > timezone.localdate():
        raise ValidationError(
            {"on": _("Give the day it happened: %(date)s is in the future.") % {"date": day(on)}}
        )
    if to_status == S.STARTED:
        stored.started_on = on
        return ["started_on"]
    if to_status in (S.FINISHED, S.BROKEN_OFF):
        if stored.started_on and on < stored.started_on:
            raise ValidationError(
                {
                    "on": _("The placement ends before it started (%(date)s).")
                    % {"date": day(stored.started_on)}
                }
            )
        stored.ended_on = on
        return ["ended_on"]
    return []


def _plan_follow_ups(placement: Placement) -> None:
    assert placement.started_on is not None
    for months in FOLLOW_UP_MONTHS:
        RetentionFollowUp.objects.get_or_create(
            placement=placement,
            months=months,
            defaults={"due_on": placement.started_on + relativedelta(months=months)},
        )


def _label_for_employer(placement: Placement) -> str:
    from reintegra.employers.placements.selectors import candidate_label

    return candidate_label(placement)


def employer_contacts(employer: Employer) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=employer.organisation_id,
            memberships__role=Role.EMPLOYER_CONTACT,
        ).distinct()
    )


def _notify_employer(placement: Placement, message: str) -> None:
    url = reverse("employers:placements:candidate", args=[placement.pk])
    for user in employer_contacts(placement.offer.employer):
        notify(user, message, url)


@transaction.atomic
def placement_meeting_agreed(*, actor: User, placement: Placement) -> Placement:
    """The case worker records that the person agreed to meet the employer: from now on the
    employer sees the person's name and phone."""
    _check_staff(actor, placement)
    stored = Placement.objects.select_for_update().get(pk=placement.pk)
    if stored.status not in ALIVE:
        raise ValidationError(
            _("The placement is %(status)s: there is no meeting to agree to.")
            % {"status": stored.get_status_display()},
            code="closed",
        )
    if stored.meeting_agreed_at is None:
        stored.meeting_agreed_at, stored.meeting_agreed_by = timezone.now(), actor
        stored.save(update_fields=["meeting_agreed_at", "meeting_agreed_by", "updated_at"])
        _notify_employer(
            stored, _("%(candidate)s agreed to meet you.") % {"candidate": _label_for_employer(stored)}
        )
    return stored


# --- Feedback ----------------------------------------------------------------------------------


def _check_started(stored: Placement, field: str) -> None:
    if stored.status not in HAS_STARTED:
        raise ValidationError(
            {
                field: _("Feedback comes after the placement starts; this one is %(status)s.")
                % {"status": stored.get_status_display()}
            },
            code="not_started",
        )


@transaction.atomic
def placement_employer_feedback(
    *, actor: User, placement: Placement, feedback: str, rating: int | None = None
) -> Placement:
    """The employer's feedback on the person (given by its contact, or taken down by the case
    worker), once the placement started."""
    _check_either_side(actor, placement)
    stored = Placement.objects.select_for_update().get(pk=placement.pk)
    _check_started(stored, "employer_feedback")
    feedback = feedback.strip()
    if not feedback:
        raise ValidationError({"employer_feedback": _("Write the feedback.")})
    stored.employer_feedback, stored.employer_rating = feedback, rating
    stored.employer_feedback_at = timezone.now()
    stored.full_clean()
    stored.save(update_fields=["employer_feedback", "employer_rating", "employer_feedback_at", "updated_at"])
    return stored


@transaction.atomic
def placement_participant_feedback(*, actor: User, placement: Placement, feedback: str) -> Placement:
    """The person's feedback on the employer, as the case worker took it down, after the start."""
    _check_staff(actor, placement)
    stored = Placement.objects.select_for_update().get(pk=placement.pk)
    _check_started(stored, "participant_feedback")
    feedback = feedback.strip()
    if not feedback:
        raise ValidationError({"participant_feedback": _("Write the feedback.")})
    stored.participant_feedback, stored.participant_feedback_at = feedback, timezone.now()
    stored.full_clean()
    stored.save(update_fields=["participant_feedback", "participant_feedback_at", "updated_at"])
    return stored


# --- Mentors and mentoring ----------------------------------------------------------------------


@dataclass(frozen=True)
class MentorData:
    name: str
    job_title: str = ""
    phone: str = ""
    email: str = ""
    account: User | None = None
    active: bool = True


def _mentor_fill(mentor: Mentor, data: MentorData) -> None:
    mentor.name, mentor.job_title = data.name.strip(), data.job_title.strip()
    mentor.phone, mentor.email = data.phone.strip(), data.email.strip()
    mentor.account, mentor.active = data.account, data.active
    if (
        data.account is not None
        and not data.account.memberships.filter(organisation_id=mentor.employer.organisation_id).exists()
    ):
        raise ValidationError({"account": _("Choose an account of the employer's own people.")})
    mentor.full_clean()


@transaction.atomic
def mentor_create(*, actor: User, employer: Employer, data: MentorData) -> Mentor:
    """The employer's contacts, or the staff who keep the employer, add a mentor."""
    if not employer_allows(actor, "mentor.manage", employer):
        raise PermissionDenied
    mentor = Mentor(employer=employer)
    _mentor_fill(mentor, data)
    mentor.save()
    return mentor


@transaction.atomic
def mentor_update(*, actor: User, mentor: Mentor, data: MentorData) -> Mentor:
    if not employer_allows(actor, "mentor.manage", mentor.employer):
        raise PermissionDenied
    stored = Mentor.objects.select_for_update().select_related("employer").get(pk=mentor.pk)
    _mentor_fill(stored, data)
    stored.save(update_fields=["name", "job_title", "phone", "email", "account", "active"])
    return stored


@dataclass(frozen=True)
class MentoringMeetingData:
    held_on: date
    duration_minutes: int
    notes: str = ""


@transaction.atomic
def mentoring_meeting_record(
    *, actor: User, placement: Placement, data: MentoringMeetingData
) -> MentoringMeeting:
    """A meeting of the placement's mentor with the person, once the placement started."""
    _check_either_side(actor, placement)
    stored = Placement.objects.select_related("mentor").get(pk=placement.pk)
    if stored.status not in HAS_STARTED:
        raise ValidationError(
            {"held_on": _("Mentoring meetings are recorded once the placement has started.")},
            code="not_started",
        )
    if stored.mentor is None:
        raise ValidationError({"mentor": _("Name the placement's mentor first.")}, code="no_mentor")
    if data.held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Record a meeting once it has been held.")})
    meeting = MentoringMeeting(
        placement=stored,
        mentor=stored.mentor,
        held_on=data.held_on,
        duration_minutes=data.duration_minutes,
        notes=data.notes.strip(),
        recorded_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


# --- Retention follow-ups -----------------------------------------------------------------------


@transaction.atomic
def follow_up_record(
    *, actor: User, follow_up: RetentionFollowUp, still_employed: str, note: str = ""
) -> RetentionFollowUp:
    """The case worker records whether the person still works there, once the follow-up is due."""
    stored = (
        RetentionFollowUp.objects.select_for_update()
        .select_related("placement__participant")
        .get(pk=follow_up.pk)
    )
    _check_staff(actor, stored.placement)
    if still_employed not in StillEmployed.values:
        raise ValidationError({"still_employed": _("Say whether the person is still employed.")})
    if stored.due_on > timezone.localdate():
        raise ValidationError(
            {"still_employed": _("This follow-up is due on %(date)s.") % {"date": day(stored.due_on)}},
            code="not_due",
        )
    stored.still_employed, stored.note = still_employed, note.strip()
    stored.recorded_at, stored.recorded_by = timezone.now(), actor
    stored.full_clean()
    stored.save(update_fields=["still_employed", "note", "recorded_at", "recorded_by"])
    return stored
