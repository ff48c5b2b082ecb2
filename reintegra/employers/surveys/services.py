"""Writes to needs surveys: each a transaction, checked against the policy, audited
(django-auditlog).

The rules these services enforce:

* a coordinator (or administrator) of an organisation opens a round for it: a title, whole
  quarters from the first to the last (at most ``MAX_QUARTERS``), and the day answers close,
  which is not before the round's first quarter starts nor long after its last one ends;
* the next round is opened from the last: as long as it, starting the quarter after it ends,
  with its message; it closes as far into its own period as the last one did into its own;
* a round is sent (draft → open) to every employer the organisation keeps; sending an open
  round again reaches the employers kept since, never one twice. Each invitation is recorded,
  the employer's contacts are told in the application and by e-mail (``reminders``);
* an open round takes answers until its closing day (inclusive) or until a coordinator closes
  it (open → closed); a closed round takes no more answers and no changes;
* an employer answers once per round, and may change its answer until the round closes: its
  contact through her own log-in, for her own employer, once the round was sent to it; or a
  coordinator of the round's organisation, for an employer it keeps, recording that she
  entered it on the phone (and, if given, whom she spoke to);
* each line of an answer names an occupation (a KZiS code, or words, flagged until coded), at
  least one person, a quarter of the round, and where the work is: a site of the employer (its
  gmina), a gmina, or else the gmina of the employer's first site; the skills, contract,
  hours, shifts and the training needed are optional. A refused line is named by its position
  (``params={"line": n}``), so the form shows the message on that row's field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, Role, User
from reintegra.dates import day
from reintegra.employers import quarters
from reintegra.employers.models import (
    AnswerChannel,
    ContractType,
    Employer,
    Occupation,
    Shift,
    Site,
    SurveyAnswer,
    SurveyAnswerLine,
    SurveyInvitation,
    SurveyRound,
    SurveyRoundStatus,
)
from reintegra.employers.quarter_labels import period_label, quarter_label
from reintegra.employers.surveys import reminders
from reintegra.employers.surveys.workflow import check_move
from reintegra.notifications.services import notify
from reintegra.people.models import TercUnit

MAX_QUARTERS = 8
# A round may close this long after its last quarter ends (answers come late; the year's plan does not wait).
LATEST_CLOSE = timedelta(days=92)

S = SurveyRoundStatus


def _require(actor: User | None, permission: str, obj: policy.Scoped) -> None:
    if actor is not None and not policy.can(actor, permission, obj):
        raise PermissionDenied


# --- Rounds --------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RoundData:
    title: str
    first_quarter: date
    last_quarter: date
    closes_on: date
    message: str = ""


def _check_period(data: RoundData) -> None:
    errors: dict[str, str] = {}
    if not quarters.is_quarter_start(data.first_quarter):
        errors["first_quarter"] = _("A round starts on the first day of a quarter.")
    if not quarters.is_quarter_start(data.last_quarter):
        errors["last_quarter"] = _("Give the last quarter by its first day.")
    elif data.last_quarter < data.first_quarter:
        errors["last_quarter"] = _("The last quarter of a round is not before its first.")
    elif len(quarters.quarters_between(data.first_quarter, data.last_quarter)) > MAX_QUARTERS:
        errors["last_quarter"] = _("A round covers at most %(count)d quarters.") % {"count": MAX_QUARTERS}
    if not errors:
        latest = quarters.last_day(data.last_quarter) + LATEST_CLOSE
        if not data.first_quarter - timedelta(days=366) <= data.closes_on <= latest:
            errors["closes_on"] = _(
                "Answers close between a year before the round's first quarter and %(latest)s."
            ) % {"latest": day(latest)}
    if errors:
        raise ValidationError(errors, code="period")


@transaction.atomic
def survey_round_open(
    *, actor: User | None, organisation: Organisation, data: RoundData, previous: SurveyRound | None = None
) -> SurveyRound:
    """A coordinator opens a round (a draft, not yet sent) for her organisation."""
    _require(actor, "survey.manage", organisation)
    _check_period(data)
    survey = SurveyRound(
        organisation=organisation,
        title=data.title.strip(),
        first_quarter=data.first_quarter,
        last_quarter=data.last_quarter,
        closes_on=data.closes_on,
        message=data.message.strip(),
        previous=previous,
        created_by=actor,
    )
    survey.full_clean()
    survey.save()
    return survey


def next_round_data(previous: SurveyRound) -> RoundData:
    """The round after the given one: as long, from the quarter after it, with its message."""
    length = len(previous.quarters)
    first = quarters.shifted(previous.last_quarter, 1)
    last = quarters.shifted(first, length - 1)
    return RoundData(
        title=_("Employers' needs, %(period)s") % {"period": period_label(first, last)},
        first_quarter=first,
        last_quarter=last,
        closes_on=previous.closes_on + (first - previous.first_quarter),
        message=previous.message,
    )


def survey_round_open_next(*, actor: User | None, previous: SurveyRound) -> SurveyRound:
    """The next round of a recurring survey, opened from the last one."""
    return survey_round_open(
        actor=actor, organisation=previous.organisation, data=next_round_data(previous), previous=previous
    )


def contacts_of(employer: Employer) -> list[User]:
    """The employer's contact people whose role is in force and who may log in."""
    in_force = Membership.objects.in_force().filter(
        organisation_id=employer.organisation_id, role=Role.EMPLOYER_CONTACT
    )
    return list(User.objects.filter(is_active=True, memberships__in=in_force).distinct().order_by("pk"))


@transaction.atomic
def survey_round_send(*, actor: User | None, survey: SurveyRound) -> list[SurveyInvitation]:
    """Sends the round to every employer the organisation keeps that has not had it yet."""
    survey = SurveyRound.objects.select_for_update().get(pk=survey.pk)
    _require(actor, "survey.manage", survey)
    if survey.status == S.DRAFT:
        check_move(survey.status, S.OPEN)
        survey.status, survey.sent_at = S.OPEN, timezone.now()
        survey.save(update_fields=["status", "sent_at"])
    elif survey.status != S.OPEN:
        raise ValidationError({"status": _("A closed round is not sent again.")}, code="closed")
    _check_taking_answers(survey, "status")
    now = timezone.now()
    invited = survey.invitations.values("employer_id")
    employers = Employer.objects.filter(kept_by_id=survey.organisation_id).exclude(pk__in=invited)
    invitations = [
        SurveyInvitation.objects.create(round=survey, employer=employer, sent_at=now)
        for employer in employers.select_related("organisation").order_by("pk")
    ]
    url = reverse("employers:surveys:answer", args=[survey.pk])
    for invitation in invitations:
        message = _("%(organisation)s asks whom you will hire in %(period)s: answer by %(date)s.") % {
            "organisation": survey.organisation,
            "period": period_label(survey.first_quarter, survey.last_quarter),
            "date": day(survey.closes_on),
        }
        for contact in contacts_of(invitation.employer):
            notify(contact, message, url)
        transaction.on_commit(partial(reminders.send_invitation, invitation.pk))
    return invitations


@transaction.atomic
def survey_round_close(*, actor: User | None, survey: SurveyRound) -> SurveyRound:
    """A coordinator closes an open round: it takes no more answers."""
    survey = SurveyRound.objects.select_for_update().get(pk=survey.pk)
    _require(actor, "survey.manage", survey)
    check_move(survey.status, S.CLOSED)
    survey.status, survey.closed_at = S.CLOSED, timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    return survey


def taking_answers(survey: SurveyRound, today: date | None = None) -> bool:
    return survey.status == S.OPEN and (today or timezone.localdate()) <= survey.closes_on


def _check_taking_answers(survey: SurveyRound, field_name: str) -> None:
    if survey.status == S.DRAFT:
        refusal = ValidationError(_("The round has not been sent yet."), code="not_sent")
        raise ValidationError({field_name: refusal})
    if not taking_answers(survey):
        closed = timezone.localdate(survey.closed_at) if survey.closed_at else survey.closes_on
        refusal = ValidationError(
            _("The round closed on %(date)s: answers can no longer be changed.")
            % {"date": day(min(closed, survey.closes_on))},
            code="closed",
        )
        raise ValidationError({field_name: refusal})


# --- Answers -------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class LineData:
    count: int
    quarter: date
    occupation: Occupation | None = None
    occupation_text: str = ""
    site: Site | None = None
    gmina: TercUnit | None = None
    skills: tuple[str, ...] = ()
    contract_type: str = ""
    hours_per_week: int | None = None
    shifts: tuple[str, ...] = ()
    training: str = ""


@dataclass(frozen=True, kw_only=True)
class AnswerData:
    lines: Sequence[LineData] = field(default_factory=tuple)
    note: str = ""
    informant: str = ""


@transaction.atomic
def survey_answer_save(
    *,
    actor: User | None,
    survey: SurveyRound,
    employer: Employer,
    data: AnswerData,
    channel: AnswerChannel,
) -> SurveyAnswer:
    """The employer's answer to the round, new or changed; its lines replace the earlier ones."""
    survey = SurveyRound.objects.select_for_update().get(pk=survey.pk)
    _check_answerer(actor, survey, employer, channel)
    _check_taking_answers(survey, "__all__")
    answer = SurveyAnswer.objects.filter(round=survey, employer=employer).first()
    if answer is None:
        answer = SurveyAnswer(round=survey, employer=employer, entered_by=actor)
    answer.channel = channel
    answer.informant = data.informant.strip() if channel == AnswerChannel.PHONE else ""
    answer.note = data.note.strip()
    answer.updated_by = actor
    answer.full_clean(exclude=["round", "employer"], validate_unique=False)
    lines = [_line(answer, survey, employer, line, index) for index, line in enumerate(data.lines)]
    answer.save()
    answer.lines.all().delete()
    for line in lines:
        line.answer = answer
        line.save()
    return answer


def _check_answerer(actor: User | None, survey: SurveyRound, employer: Employer, channel: str) -> None:
    if channel == AnswerChannel.ONLINE:
        # Her own employer only, and only a round sent to it; anything else is not there for her.
        _require(actor, "survey.answer", employer)
        if not survey.invitations.filter(employer=employer).exists():
            raise PermissionDenied
        return
    _require(actor, "survey.manage", survey)
    if employer.kept_by_id != survey.organisation_id:
        raise ValidationError(
            {
                "employer": _("%(employer)s is not an employer your organisation keeps.")
                % {"employer": employer}
            },
            code="not_kept",
        )


def _line(
    answer: SurveyAnswer, survey: SurveyRound, employer: Employer, data: LineData, index: int
) -> SurveyAnswerLine:
    errors: dict[str, str] = {}
    text = data.occupation_text.strip()
    if data.occupation is None and not text:
        errors["occupation"] = _("Give the occupation's KZiS code or name it in words.")
    if data.count < 1:
        errors["count"] = _("Give how many people, at least one.")
    if data.quarter not in survey.quarters:
        errors["quarter"] = _("%(quarter)s is outside the round, which covers %(period)s.") % {
            "quarter": quarter_label(quarters.quarter_of(data.quarter)),
            "period": period_label(survey.first_quarter, survey.last_quarter),
        }
    if data.site is not None and data.site.employer_id != employer.pk:
        errors["site"] = _("Choose one of the employer's own sites.")
    if data.contract_type and data.contract_type not in ContractType.values:
        errors["contract_type"] = _("Choose a contract type from the list.")
    if any(shift not in Shift.values for shift in data.shifts):
        errors["shifts"] = _("Choose the shifts from the list.")
    gmina = _gmina(employer, data)
    if gmina is None:
        errors["gmina"] = _("Say in which gmina the people will work: the employer has no site yet.")
    elif len(gmina.code) != 7:
        errors["gmina"] = _("Give the 7-digit TERC code of a gmina, not of a county or voivodeship.")
    if errors:
        raise _indexed(ValidationError(errors, code="line"), index)
    line = SurveyAnswerLine(
        answer=answer,
        occupation=data.occupation,
        occupation_text="" if data.occupation is not None else text,
        count=data.count,
        quarter=data.quarter,
        site=data.site,
        gmina=gmina,
        skills=_cleaned(data.skills),
        contract_type=data.contract_type,
        hours_per_week=data.hours_per_week,
        shifts=list(dict.fromkeys(data.shifts)),
        training=data.training.strip(),
    )
    try:
        line.full_clean(exclude=["answer"])
    except ValidationError as error:
        raise _indexed(error, index) from None
    return line


def _gmina(employer: Employer, data: LineData) -> TercUnit | None:
    if data.site is not None and data.site.employer_id == employer.pk:
        return data.site.gmina
    if data.gmina is not None:
        return data.gmina
    first_site = employer.sites.select_related("gmina").order_by("pk").first()
    return first_site.gmina if first_site is not None else None


def _cleaned(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(item.strip() for item in items if item.strip()))


def _indexed(error: ValidationError, index: int) -> ValidationError:
    """Tag each message with the line it is about, so a form can show it on that row."""
    for errors in error.error_dict.values():
        for item in errors:
            item.params = {**(item.params or {}), "line": index}
    return error
