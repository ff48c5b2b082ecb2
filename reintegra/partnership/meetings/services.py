"""Writes to the partnership's meetings, workshop ideas and study visits: each a transaction,
checked against the policy (``partnership.meet`` in a member organisation), audited by the
registration in ``audit_registration``.

The rules these services enforce:

* the administrators and coordinators of a member organisation plan meetings, keep their agenda
  (ordered, one item per line), record who was present, the minutes, numbered decisions and
  action items; they record ideas and study visits;
* a meeting is planned, then held; decisions and action items belong to a held meeting;
* who was present: member organisations, users of member organisations, guests by name; an
  organisation whose person was present was present;
* an action item's owner is a member organisation, optionally one of its users; it is raised
  at a held meeting and closed (done or dropped) at a later held meeting of the same
  partnership, recording who closed it and when; until then it stays on the agenda of every
  meeting after the one that raised it (``selectors.carried_over``);
* a workshop idea moves idea → implemented → reviewed, one step at a time, each with its day
  (not before the previous step's) and a note saying what was done or what it gave;
* a study visit names member organisations that took part and at least one person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, User
from reintegra.dates import day
from reintegra.partnership.meetings.workflow import (
    IllegalMoveError,
    check_action_move,
    check_idea_move,
    check_meeting_move,
)
from reintegra.partnership.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Decision,
    IdeaStatus,
    MeetingAttendee,
    MeetingOrganisation,
    MeetingStatus,
    Partnership,
    PartnershipMeeting,
    StudyVisit,
    WorkshopIdea,
)


def _check(actor: User | None, partnership: Partnership) -> None:
    if actor is not None and not policy.can(actor, "partnership.meet", partnership):
        raise PermissionDenied


def member_ids(partnership: Partnership) -> set[int]:
    return set(partnership.members.values_list("organisation_id", flat=True))


def member_users(partnership: Partnership) -> set[int]:
    """The active users of the partnership's member organisations, by id."""
    memberships = Membership.objects.in_force().filter(organisation_id__in=member_ids(partnership))
    return set(User.objects.filter(is_active=True, memberships__in=memberships).values_list("pk", flat=True))


# --- Meetings -------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class MeetingData:
    starts_at: datetime
    place: str
    agenda: list[str]


@transaction.atomic
def meeting_create(*, actor: User | None, partnership: Partnership, data: MeetingData) -> PartnershipMeeting:
    """A planned meeting with its agenda."""
    _check(actor, partnership)
    meeting = PartnershipMeeting(partnership=partnership, starts_at=data.starts_at, place=data.place.strip())
    meeting.full_clean()
    meeting.save()
    _agenda_save(meeting, data.agenda)
    return meeting


@transaction.atomic
def meeting_update(
    *, actor: User | None, meeting: PartnershipMeeting, data: MeetingData
) -> PartnershipMeeting:
    """A new time, place or agenda; the agenda's items are replaced in the order given."""
    _check(actor, meeting.partnership)
    stored = PartnershipMeeting.objects.select_for_update().get(pk=meeting.pk)
    _check_order_kept(stored, data.starts_at)
    stored.starts_at, stored.place = data.starts_at, data.place.strip()
    stored.full_clean()
    stored.save(update_fields=["starts_at", "place"])
    titles = [title.strip() for title in data.agenda if title.strip()]
    if titles != list(stored.agenda.values_list("title", flat=True)):
        for item in stored.agenda.all():
            item.delete()
        _agenda_save(stored, titles)
    return stored


def _check_order_kept(meeting: PartnershipMeeting, starts_at: datetime) -> None:
    """A meeting keeps its place between the meeting that raised an item it closed and the one
    that closed an item it raised."""
    closed_later = meeting.actions_raised.filter(closed_at__starts_at__lte=starts_at).exists()
    raised_later = meeting.actions_closed.filter(raised_at__starts_at__gte=starts_at).exists()
    if closed_later or raised_later:
        raise ValidationError(
            {
                "starts_at": _(
                    "The meeting cannot move past a meeting that closed its action items, nor "
                    "before one that raised an item it closed."
                )
            },
            code="order",
        )


def _agenda_save(meeting: PartnershipMeeting, agenda: list[str]) -> None:
    titles = [title.strip() for title in agenda if title.strip()]
    for position, title in enumerate(titles, start=1):
        item = AgendaItem(meeting=meeting, position=position, title=title)
        try:
            item.full_clean()
        except ValidationError:
            raise ValidationError(
                {
                    "agenda": _("Agenda item %(number)s is longer than %(limit)s characters.")
                    % {"number": position, "limit": 300}
                }
            ) from None
        item.save()


@transaction.atomic
def meeting_hold(*, actor: User | None, meeting: PartnershipMeeting) -> PartnershipMeeting:
    """The meeting took place: its decisions and action items may now be recorded."""
    _check(actor, meeting.partnership)
    stored = PartnershipMeeting.objects.select_for_update().get(pk=meeting.pk)
    try:
        check_meeting_move(stored.status, MeetingStatus.HELD)
    except IllegalMoveError as error:
        raise ValidationError(str(error), code="illegal_move") from None
    stored.status = MeetingStatus.HELD
    stored.save(update_fields=["status"])
    meeting.status = stored.status
    return stored


@transaction.atomic
def meeting_minutes_save(
    *, actor: User | None, meeting: PartnershipMeeting, minutes: str
) -> PartnershipMeeting:
    _check(actor, meeting.partnership)
    stored = PartnershipMeeting.objects.select_for_update().get(pk=meeting.pk)
    stored.minutes = minutes.strip()
    stored.full_clean()
    stored.save(update_fields=["minutes"])
    return stored


@transaction.atomic
def meeting_attendance_record(
    *,
    actor: User | None,
    meeting: PartnershipMeeting,
    organisations: list[Organisation],
    users: list[User],
    guests: list[str],
) -> None:
    """Who was present, replacing what was recorded before; an organisation of a person present
    was present too."""
    partnership = meeting.partnership
    _check(actor, partnership)
    members = member_ids(partnership)
    errors: dict[str, list[str]] = {}
    outside = [o for o in organisations if o.pk not in members]
    if outside:
        errors["organisations"] = [
            _("%(organisation)s is not a member of the partnership.") % {"organisation": outside[0]}
        ]
    allowed_users = member_users(partnership)
    strangers = [u for u in users if u.pk not in allowed_users]
    if strangers:
        errors["users"] = [
            _("%(person)s does not work in a member organisation; record them as a guest.")
            % {"person": strangers[0].get_full_name() or strangers[0].username}
        ]
    names = [name.strip() for name in guests if name.strip()]
    if any(len(name) > 200 for name in names):
        errors["guests"] = [_("A guest's name is at most 200 characters long.")]
    if errors:
        raise ValidationError(errors)
    present = {o.pk for o in organisations}
    present |= set(
        Membership.objects.in_force()
        .filter(user__in=users, organisation_id__in=members)
        .values_list("organisation_id", flat=True)
    )
    _replace_organisations(meeting, present)
    _replace_attendees(meeting, {u.pk for u in users}, names)


def _replace_organisations(meeting: PartnershipMeeting, present: set[int]) -> None:
    for row in meeting.organisations_present.exclude(organisation_id__in=present):
        row.delete()
    recorded = set(meeting.organisations_present.values_list("organisation_id", flat=True))
    for organisation_id in sorted(present - recorded):
        MeetingOrganisation.objects.create(meeting=meeting, organisation_id=organisation_id)


def _replace_attendees(meeting: PartnershipMeeting, user_ids: set[int], guests: list[str]) -> None:
    for row in meeting.attendees.exclude(user_id__in=user_ids).exclude(guest_name__in=guests):
        row.delete()
    recorded_users = set(meeting.attendees.filter(user__isnull=False).values_list("user_id", flat=True))
    for user_id in sorted(user_ids - recorded_users):
        MeetingAttendee.objects.create(meeting=meeting, user_id=user_id)
    recorded_guests = set(meeting.attendees.filter(user__isnull=True).values_list("guest_name", flat=True))
    for name in dict.fromkeys(guests):
        if name not in recorded_guests:
            MeetingAttendee.objects.create(meeting=meeting, guest_name=name)


def _check_held(meeting: PartnershipMeeting, field: str) -> None:
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            {field: _("Mark the meeting as held before recording what it decided.")}, code="not_held"
        )


@transaction.atomic
def decision_add(*, actor: User | None, meeting: PartnershipMeeting, text: str) -> Decision:
    """The meeting's next numbered decision."""
    _check(actor, meeting.partnership)
    stored = PartnershipMeeting.objects.select_for_update().get(pk=meeting.pk)
    _check_held(stored, "text")
    last = stored.decisions.aggregate(last=Max("number"))["last"] or 0
    decision = Decision(meeting=stored, number=last + 1, text=text.strip())
    decision.full_clean()
    decision.save()
    return decision


# --- Action items -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ActionData:
    what: str
    owner: Organisation | None
    owner_person: User | None = None
    deadline: date | None = None


@transaction.atomic
def action_raise(*, actor: User | None, meeting: PartnershipMeeting, data: ActionData) -> ActionItem:
    """An action item raised at a held meeting, owned by a member organisation (and one of its
    people)."""
    partnership = meeting.partnership
    _check(actor, partnership)
    _check_held(meeting, "what")
    errors: dict[str, list[str]] = {}
    if data.owner is None or data.owner.pk not in member_ids(partnership):
        errors["owner"] = [_("Choose the member organisation responsible for the action.")]
    elif data.owner_person is not None and not (
        Membership.objects.in_force().filter(user=data.owner_person, organisation=data.owner).exists()
    ):
        errors["owner_person"] = [
            _("%(person)s does not work in %(organisation)s.")
            % {
                "person": data.owner_person.get_full_name() or data.owner_person.username,
                "organisation": data.owner,
            }
        ]
    if data.deadline is not None and data.deadline < timezone.localtime(meeting.starts_at).date():
        errors["deadline"] = [_("The deadline cannot be before the meeting that set it.")]
    if errors:
        raise ValidationError(errors)
    action = ActionItem(
        raised_at=meeting,
        what=data.what.strip(),
        owner=data.owner,
        owner_person=data.owner_person,
        deadline=data.deadline,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_close(
    *, actor: User | None, action: ActionItem, meeting: PartnershipMeeting, status: str, note: str = ""
) -> ActionItem:
    """Closes an open action item, done or dropped, at a held meeting later than the one that
    raised it; records who, when and at which meeting."""
    stored = ActionItem.objects.select_for_update().select_related("raised_at").get(pk=action.pk)
    partnership = stored.raised_at.partnership
    _check(actor, partnership)
    if meeting.partnership_id != partnership.pk:
        raise PermissionDenied
    if status not in {ActionStatus.DONE, ActionStatus.DROPPED}:
        raise ValidationError({"status": _("Choose whether the action was done or dropped.")})
    try:
        check_action_move(stored.status, status)
    except IllegalMoveError as error:
        raise ValidationError(str(error), code="illegal_move") from None
    _check_held(meeting, "status")
    if meeting.starts_at <= stored.raised_at.starts_at:
        raise ValidationError(
            _("An action item is closed at a meeting after the one that raised it."), code="too_early"
        )
    stored.status = status
    stored.closed_at = meeting
    stored.closed_on = timezone.now()
    stored.closed_by = actor
    stored.closing_note = note.strip()
    stored.full_clean()
    stored.save(update_fields=["status", "closed_at", "closed_on", "closed_by", "closing_note"])
    action.status, action.closed_at_id = stored.status, meeting.pk
    return stored


# --- Workshop ideas ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class IdeaData:
    title: str
    description: str
    workshop: str
    meeting: PartnershipMeeting | None
    proposed_by: Organisation | None
    proposed_on: date


def _idea_errors(partnership: Partnership, data: IdeaData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.proposed_by is None or data.proposed_by.pk not in member_ids(partnership):
        errors["proposed_by"] = [_("Choose the member organisation that proposed the idea.")]
    if data.meeting is not None and data.meeting.partnership_id != partnership.pk:
        errors["meeting"] = [_("Choose a meeting of this partnership.")]
    return errors


@transaction.atomic
def idea_create(*, actor: User | None, partnership: Partnership, data: IdeaData) -> WorkshopIdea:
    _check(actor, partnership)
    errors = _idea_errors(partnership, data)
    if errors:
        raise ValidationError(errors)
    idea = WorkshopIdea(
        partnership=partnership,
        title=data.title.strip(),
        description=data.description.strip(),
        workshop=data.workshop.strip(),
        meeting=data.meeting,
        proposed_by=data.proposed_by,
        proposed_on=data.proposed_on,
    )
    idea.full_clean()
    idea.save()
    return idea


IDEA_FIELDS = ("title", "description", "workshop", "meeting", "proposed_by", "proposed_on")


@transaction.atomic
def idea_update(*, actor: User | None, idea: WorkshopIdea, data: IdeaData) -> WorkshopIdea:
    _check(actor, idea.partnership)
    errors = _idea_errors(idea.partnership, data)
    if errors:
        raise ValidationError(errors)
    stored = WorkshopIdea.objects.select_for_update().get(pk=idea.pk)
    for name in IDEA_FIELDS:
        value = getattr(data, name)
        setattr(stored, name, value.strip() if isinstance(value, str) else value)
    stored.full_clean()
    stored.save(update_fields=list(IDEA_FIELDS))
    return stored


@transaction.atomic
def idea_move(*, actor: User | None, idea: WorkshopIdea, to_status: str, on: date, note: str) -> WorkshopIdea:
    """The idea's next step: implemented (what was done) or reviewed (what it gave), on a day not
    before the previous step's, with a note."""
    _check(actor, idea.partnership)
    stored = WorkshopIdea.objects.select_for_update().get(pk=idea.pk)
    if to_status not in IdeaStatus.values:
        raise ValidationError({"to_status": _("Choose the idea's next step.")})
    try:
        check_idea_move(stored.status, to_status)
    except IllegalMoveError as error:
        raise ValidationError(str(error), code="illegal_move") from None
    note = note.strip()
    previous = stored.implemented_on if to_status == IdeaStatus.REVIEWED else stored.proposed_on
    errors: dict[str, list[str]] = {}
    if previous is not None and on < previous:
        errors["on"] = [_("The day cannot be before the previous step (%(day)s).") % {"day": day(previous)}]
    if not note:
        errors["note"] = [
            _("Say what was done.") if to_status == IdeaStatus.IMPLEMENTED else _("Say what the idea gave.")
        ]
    if errors:
        raise ValidationError(errors)
    if to_status == IdeaStatus.IMPLEMENTED:
        stored.implemented_on, stored.implementation_note = on, note
        fields = ["status", "implemented_on", "implementation_note"]
    else:
        stored.reviewed_on, stored.review_note = on, note
        fields = ["status", "reviewed_on", "review_note"]
    stored.status = to_status
    stored.full_clean()
    stored.save(update_fields=fields)
    idea.status = stored.status
    return stored


# --- Study visits -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class VisitData:
    visited_on: date
    place: str
    host: str
    purpose: str
    organisations: list[Organisation]
    people_count: int
    conclusions: str


def _visit_errors(partnership: Partnership, data: VisitData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    members = member_ids(partnership)
    if not data.organisations:
        errors["organisations"] = [_("Choose the member organisations that took part.")]
    elif any(o.pk not in members for o in data.organisations):
        errors["organisations"] = [_("Choose only member organisations of the partnership.")]
    if data.people_count < max(1, len(data.organisations)):
        errors["people_count"] = [_("At least one person of each organisation that took part went.")]
    return errors


@transaction.atomic
def visit_create(*, actor: User | None, partnership: Partnership, data: VisitData) -> StudyVisit:
    _check(actor, partnership)
    errors = _visit_errors(partnership, data)
    if errors:
        raise ValidationError(errors)
    visit = StudyVisit(partnership=partnership)
    return _visit_save(visit, data, created=True)


VISIT_FIELDS = ("visited_on", "place", "host", "purpose", "people_count", "conclusions")


@transaction.atomic
def visit_update(*, actor: User | None, visit: StudyVisit, data: VisitData) -> StudyVisit:
    _check(actor, visit.partnership)
    errors = _visit_errors(visit.partnership, data)
    if errors:
        raise ValidationError(errors)
    stored = StudyVisit.objects.select_for_update().get(pk=visit.pk)
    return _visit_save(stored, data, created=False)


def _visit_save(visit: StudyVisit, data: VisitData, *, created: bool) -> StudyVisit:
    for name in VISIT_FIELDS:
        value = getattr(data, name)
        setattr(visit, name, value.strip() if isinstance(value, str) else value)
    visit.full_clean()
    if created:
        visit.save()
    else:
        visit.save(update_fields=list(VISIT_FIELDS))
    visit.organisations.set(data.organisations)
    return visit
