"""Writes to exit records and follow-ups: each a transaction, checked against the policy, audited
(django-auditlog, ``outcomes.audit_registration``).

The rules these services enforce:

* an exit is recorded only for a person who took part (was enrolled): a coordinator of the
  programme's organisation records it; for someone still enrolled it makes the person leave
  (``programmes.services.enrolment_leave``, with the reason chosen) in the same transaction,
  for someone who left already it is written for the day they left;
* the situation on leaving is at least one of: seeking work, in education or training, gained a
  qualification (with the document that proves it), employed (with the form of employment and
  the hours a week, 1 to 80), or none of these — which goes with no other;
* the date of leaving is not in the future and not before the person was enrolled;
* a record may be corrected later (every change is in the audit log); the follow-ups due 3, 6
  and 12 months after the exit are created with the record, once;
* a follow-up is recorded by the staff of the organisation (by phone, at a meeting…) or by the
  person herself from her own page, from ``EARLY_DAYS`` days before it is due; its contact date
  is not before the exit, not in the future and not before that window opens; an improved
  situation counts only for a person employed at entry (the entry snapshot) who is employed now;
* a person who could not be reached is marked so, which may be recorded over later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.dates import day
from reintegra.outcomes.models import (
    FOLLOW_UP_MONTHS,
    EmploymentForm,
    ExitRecord,
    FollowUp,
    FollowUpChannel,
    FollowUpStatus,
    Improvement,
)
from reintegra.people.models import LabourStatus
from reintegra.programmes.models import Enrolment, EnrolmentStatus
from reintegra.programmes.services import enrolment_leave

# A follow-up may be recorded from this many days before it is due (a call a little early is
# still the situation at the mark).
EARLY_DAYS = 14
MAX_WEEKLY_HOURS = Decimal(80)

Errors = dict[str, list[str]]


def _require(actor: User | None, permission: str, enrolment: Enrolment) -> None:
    if actor is not None and not policy.can(actor, permission, enrolment):
        raise PermissionDenied


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def follow_up_opens_on(follow_up: FollowUp) -> date:
    """The first day the follow-up may be recorded."""
    return follow_up.due_on - timedelta(days=EARLY_DAYS)


def employed_at_entry(enrolment: Enrolment) -> bool:
    """Whether the entry snapshot says the person was employed when enrolled."""
    snapshot = getattr(enrolment, "entry_snapshot", None)
    return snapshot is not None and snapshot.data.get("labour_status") == LabourStatus.EMPLOYED


# --- Employment, shared by the exit and the follow-ups ------------------------------------------


@dataclass(frozen=True)
class Employment:
    """Work at the time: the form of employment and the hours a week, or not employed."""

    employed: bool = False
    form: str = ""
    weekly_hours: Decimal | None = None


def _check_employment(employment: Employment, errors: Errors) -> Employment:
    """The employment as stored: checked when employed, emptied when not."""
    if not employment.employed:
        return Employment()
    if employment.form not in EmploymentForm.values:
        _add(errors, "employment_form", _("Choose the form of employment (contract, own business…)."))
    hours = employment.weekly_hours
    if hours is None:
        _add(errors, "weekly_hours", _("Give the hours a week the person works."))
    elif not 0 < hours <= MAX_WEEKLY_HOURS:
        _add(
            errors,
            "weekly_hours",
            _("The hours a week are between 1 and %(most)s; %(hours)s is out of range.")
            % {"most": MAX_WEEKLY_HOURS, "hours": hours},
        )
    return employment


# --- The exit -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Situation:
    """The person's situation on leaving; several may hold at once."""

    job_seeking: bool = False
    in_education: bool = False
    qualification_gained: bool = False
    qualification_document: str = ""
    employment: Employment = Employment()
    other_situation: bool = False

    @property
    def any(self) -> bool:
        return (
            self.job_seeking
            or self.in_education
            or self.qualification_gained
            or self.employment.employed
            or self.other_situation
        )


def _check_situation(situation: Situation, errors: Errors) -> Situation:
    if not situation.any:
        _add(errors, "situation", _("Choose the person's situation on leaving."))
    elif situation.other_situation and (
        situation.job_seeking
        or situation.in_education
        or situation.qualification_gained
        or situation.employment.employed
    ):
        _add(errors, "situation", _("“None of these” cannot go with another situation."))
    document = situation.qualification_document.strip()
    if situation.qualification_gained and not document:
        _add(
            errors,
            "qualification_document",
            _("Name the document of the qualification (a certificate, a diploma…)."),
        )
    return Situation(
        job_seeking=situation.job_seeking,
        in_education=situation.in_education,
        qualification_gained=situation.qualification_gained,
        qualification_document=document if situation.qualification_gained else "",
        employment=_check_employment(situation.employment, errors),
        other_situation=situation.other_situation,
    )


def _check_left_on(enrolment: Enrolment, left_on: date | None, errors: Errors) -> None:
    if left_on is None:
        _add(errors, "left_on", _("Give the date the person left."))
    elif left_on > timezone.localdate():
        _add(
            errors,
            "left_on",
            _("%(date)s is in the future: give the day the person left.") % {"date": day(left_on)},
        )
    elif enrolment.enrolled_on is not None and left_on < enrolment.enrolled_on:
        _add(
            errors,
            "left_on",
            _("The person was enrolled on %(enrolled)s; she cannot leave before that (%(date)s).")
            % {"enrolled": day(enrolment.enrolled_on), "date": day(left_on)},
        )


@transaction.atomic
def exit_record(
    *,
    actor: User | None,
    enrolment: Enrolment,
    planned_completion: bool,
    situation: Situation,
    left_on: date | None = None,
    exit_reason: str = "",
    note: str = "",
) -> ExitRecord:
    """Records (or corrects) the person's situation on leaving; a person still enrolled leaves
    on ``left_on`` for ``exit_reason``; one who left keeps her day of leaving."""
    enrolment = Enrolment.objects.select_related("programme", "participant").get(pk=enrolment.pk)
    _require(actor, "exit.record", enrolment)
    if enrolment.enrolled_on is None or enrolment.status not in (
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.LEFT,
    ):
        raise ValidationError(
            _("%(person)s never took part in the programme, so there is no exit to record.")
            % {"person": enrolment.participant},
            code="never_enrolled",
        )
    errors: Errors = {}
    still_enrolled = enrolment.status == EnrolmentStatus.ENROLLED
    if still_enrolled:
        _check_left_on(enrolment, left_on, errors)
    situation = _check_situation(situation, errors)
    if errors:
        raise ValidationError(errors)
    if still_enrolled:
        enrolment = enrolment_leave(
            actor=actor, enrolment=enrolment, exit_reason=exit_reason, left_on=left_on, note=note
        )
    assert enrolment.left_on is not None
    record = ExitRecord.objects.select_for_update().filter(enrolment=enrolment).first() or ExitRecord(
        enrolment=enrolment
    )
    record.left_on = enrolment.left_on
    record.planned_completion = planned_completion
    record.job_seeking = situation.job_seeking
    record.in_education = situation.in_education
    record.qualification_gained = situation.qualification_gained
    record.qualification_document = situation.qualification_document
    record.employed = situation.employment.employed
    record.employment_form = situation.employment.form
    record.weekly_hours = situation.employment.weekly_hours
    record.other_situation = situation.other_situation
    record.recorded_by, record.recorded_at = actor, timezone.now()
    record.full_clean()
    record.save()
    _create_follow_ups(enrolment, record.left_on)
    return record


def _create_follow_ups(enrolment: Enrolment, left_on: date) -> None:
    """The follow-ups due at each mark after the exit that the enrolment does not have yet."""
    have = set(enrolment.follow_ups.values_list("months", flat=True))
    for months in FOLLOW_UP_MONTHS:
        if months not in have:
            follow_up = FollowUp(
                enrolment=enrolment, months=months, due_on=left_on + relativedelta(months=months)
            )
            follow_up.full_clean()
            follow_up.save()


# --- Follow-ups ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpAnswer:
    """What the person said: her work, whether she seeks work or learns, and how her situation
    improved (only for someone employed at entry)."""

    contacted_on: date | None
    channel: str
    employment: Employment = Employment()
    job_seeking: bool = False
    in_education: bool = False
    improvement: str = ""


def _locked_follow_up(follow_up: FollowUp) -> FollowUp:
    return (
        FollowUp.objects.select_for_update()
        .select_related("enrolment__programme", "enrolment__participant")
        .get(pk=follow_up.pk)
    )


def _exit_day(follow_up: FollowUp) -> date | None:
    record = ExitRecord.objects.filter(enrolment_id=follow_up.enrolment_id).first()
    return record.left_on if record is not None else follow_up.enrolment.left_on


def _check_contact_day(follow_up: FollowUp, contacted_on: date | None, errors: Errors) -> None:
    exit_day = _exit_day(follow_up)
    if contacted_on is None:
        _add(errors, "contacted_on", _("Give the day of the contact."))
    elif exit_day is not None and contacted_on < exit_day:
        _add(
            errors,
            "contacted_on",
            _("The contact (%(date)s) comes before the exit on %(exit)s.")
            % {"date": day(contacted_on), "exit": day(exit_day)},
        )
    elif contacted_on > timezone.localdate():
        _add(
            errors,
            "contacted_on",
            _("%(date)s is in the future: give the day of the contact.") % {"date": day(contacted_on)},
        )
    elif contacted_on < follow_up_opens_on(follow_up):
        _add(
            errors,
            "contacted_on",
            _("This follow-up is due on %(due)s; it is recorded from %(opens)s.")
            % {"due": day(follow_up.due_on), "opens": day(follow_up_opens_on(follow_up))},
        )


def _check_answer(follow_up: FollowUp, answer: FollowUpAnswer, errors: Errors) -> Employment:
    _check_contact_day(follow_up, answer.contacted_on, errors)
    if answer.channel not in FollowUpChannel.values:
        _add(errors, "channel", _("Say how the person was contacted."))
    employment = _check_employment(answer.employment, errors)
    if answer.improvement:
        if answer.improvement not in Improvement.values:
            _add(errors, "improvement", _("Choose how the situation improved from the list."))
        elif not employed_at_entry(follow_up.enrolment):
            _add(
                errors,
                "improvement",
                _("An improved situation counts only for a person employed when she joined the programme."),
            )
        elif not employment.employed:
            _add(errors, "improvement", _("An improved situation needs the person to be employed now."))
    return employment


def _save_answer(
    follow_up: FollowUp,
    answer: FollowUpAnswer,
    employment: Employment,
    actor: User | None,
    status: str = FollowUpStatus.DONE,
) -> None:
    follow_up.status = status
    follow_up.contacted_on, follow_up.channel = answer.contacted_on, answer.channel
    follow_up.employed = employment.employed
    follow_up.employment_form = employment.form
    follow_up.weekly_hours = employment.weekly_hours
    follow_up.job_seeking, follow_up.in_education = answer.job_seeking, answer.in_education
    follow_up.improvement = answer.improvement
    follow_up.recorded_by, follow_up.recorded_at = actor, timezone.now()
    follow_up.full_clean()
    follow_up.save()


@transaction.atomic
def follow_up_record(*, actor: User | None, follow_up: FollowUp, answer: FollowUpAnswer) -> FollowUp:
    """The staff record (or correct) a follow-up: what the person said, when and how."""
    stored = _locked_follow_up(follow_up)
    _require(actor, "follow_up.record", stored.enrolment)
    errors: Errors = {}
    employment = _check_answer(stored, answer, errors)
    if errors:
        raise ValidationError(errors)
    _save_answer(stored, answer, employment, actor)
    return stored


def is_own(actor: User, follow_up: FollowUp) -> bool:
    """The follow-up is of the person whose own account this is."""
    participant = follow_up.enrolment.participant
    return (
        participant.account_id == actor.pk
        and participant.organisation_id in policy.organisation_ids_where(actor, "own_page.view")
    )


@transaction.atomic
def follow_up_answer_own(
    *,
    actor: User,
    follow_up: FollowUp,
    employment: Employment,
    job_seeking: bool,
    in_education: bool,
    improvement: str = "",
) -> FollowUp:
    """The person answers her own follow-up from her page, today; once answered, it is the
    staff who correct it."""
    stored = _locked_follow_up(follow_up)
    if not is_own(actor, stored):
        raise PermissionDenied
    if stored.status == FollowUpStatus.DONE:
        raise ValidationError(_("You have already answered this question. Thank you!"), code="answered")
    answer = FollowUpAnswer(
        contacted_on=timezone.localdate(),
        channel=FollowUpChannel.BY_THE_PERSON,
        employment=employment,
        job_seeking=job_seeking,
        in_education=in_education,
        improvement=improvement,
    )
    errors: Errors = {}
    employment = _check_answer(stored, answer, errors)
    if errors:
        raise ValidationError(errors)
    _save_answer(stored, answer, employment, actor)
    return stored


@transaction.atomic
def follow_up_unreachable(
    *, actor: User | None, follow_up: FollowUp, tried_on: date | None, channel: str
) -> FollowUp:
    """The staff could not reach the person for the follow-up; an answer may still come later."""
    stored = _locked_follow_up(follow_up)
    _require(actor, "follow_up.record", stored.enrolment)
    errors: Errors = {}
    _check_contact_day(stored, tried_on, errors)
    if channel not in FollowUpChannel.values or channel == FollowUpChannel.BY_THE_PERSON:
        _add(errors, "channel", _("Say how you tried to reach the person."))
    if errors:
        raise ValidationError(errors)
    answer = FollowUpAnswer(contacted_on=tried_on, channel=channel)
    _save_answer(stored, answer, Employment(), actor, status=FollowUpStatus.UNREACHABLE)
    return stored
