"""Reads for the participant's own page: only the record linked to the user's own account.

Every access function starts from ``own_record``: the participant whose ``account`` is the
user, in an organisation where the user holds the participant role. Anything asked for by id
(an attachment, a proposal) is looked up among that record's rows only, so someone else's id
answers 404 like one that does not exist. What the page shows is logged as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.activities.models import Proposal, Session, Vote, VotingRound
from reintegra.attachments.models import Attachment
from reintegra.attachments.storage import attachment_storage
from reintegra.audit.bulk import Read, log_reads, reads_together
from reintegra.casework.models import CaseAssignment
from reintegra.dates import day
from reintegra.ownpage.models import EntryStatus, PassportEntry
from reintegra.pagination import CappedPaginator
from reintegra.people.models import Participant
from reintegra.people.selectors import ATTACHMENT_KIND
from reintegra.plans.models import ActionStatus, IndividualPlan, PlanAction, PlanGoal
from reintegra.plans.selectors import open_plans_of
from reintegra.programmes.models import EnrolmentStatus
from reintegra.questionnaires.models import Response

if TYPE_CHECKING:
    from reintegra.accounts.models import User

UPCOMING = 10
AWAITING_PAGE_SIZE = 25
PASSPORT_CODE = "passport"


def own_record(user: User) -> Participant | None:
    """The participant record linked to the user's account, or None when none is linked."""
    organisation_ids = policy.organisation_ids_where(user, "own_page.view")
    participant = (
        Participant.objects.filter(account=user, organisation_id__in=organisation_ids)
        .select_related("organisation")
        .first()
    )
    if participant is not None:
        log_reads([participant], actor=user)
    return participant


def own_record_or_404(user: User) -> Participant:
    participant = own_record(user)
    if participant is None:
        raise Http404
    return participant


def upcoming_sessions(participant: Participant) -> list[Session]:
    """The next sessions of the programmes (and groups) the person is enrolled in."""
    enrolments = participant.enrolments.filter(status=EnrolmentStatus.ENROLLED)
    scope = Q()
    for programme_id, group_id in enrolments.values_list("programme_id", "group_id"):
        if group_id is None:
            scope |= Q(programme_id=programme_id)
        else:
            scope |= Q(programme_id=programme_id, group__isnull=True) | Q(group_id=group_id)
    if not scope:
        return []
    return list(
        Session.objects.filter(scope, ends_at__gte=timezone.now())
        .select_related("venue", "activity", "programme")
        .order_by("starts_at", "pk")[:UPCOMING]
    )


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str


@dataclass(frozen=True)
class Passport:
    filled_on: date | None
    answers: list[Answer]
    entries: list[PassportEntry]


def _answer_text(question: dict[str, Any], value: Any) -> str:
    if question.get("kind") == "date" and isinstance(value, str):
        try:
            return day(date.fromisoformat(value))
        except ValueError:
            return value
    labels = {str(choice.get("value")): str(choice.get("label")) for choice in question.get("choices", [])}
    if isinstance(value, list):
        return ", ".join(labels.get(str(item), str(item)) for item in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return labels.get(str(value), str(value))


def passport(user: User, participant: Participant) -> Passport:
    """The person's newest *Paszport na rynek pracy* (questions with answers only) and their
    own entries, newest first."""
    response = (
        Response.objects.filter(participant=participant, version__questionnaire__code=PASSPORT_CODE)
        .select_related("version")
        .order_by("-filled_on", "-pk")
        .first()
    )
    answers: list[Answer] = []
    if response is not None:
        log_reads([response], actor=user)
        for section in response.version.definition.get("sections", []):
            for question in section.get("questions", []):
                value = response.answers.get(question.get("key"))
                if value in (None, "", []):
                    continue
                answers.append(Answer(str(question.get("label", "")), _answer_text(question, value)))
    entries = list(participant.passport_entries.all()[:50])
    log_reads(entries, actor=user)
    return Passport(response.filled_on if response else None, answers, entries)


@dataclass(frozen=True)
class PlainPlan:
    plan: IndividualPlan
    goals: list[PlanGoal]
    actions: list[PlanAction] = field(default_factory=list)


def current_plan(user: User, participant: Participant) -> PlainPlan | None:
    """The person's newest open plan: its goals and its open or done actions, with dates."""
    plan = open_plans_of(participant).first()
    if plan is None:
        return None
    log_reads([plan], actor=user)
    return PlainPlan(
        plan,
        list(plan.goals.all()),
        list(plan.actions.exclude(status=ActionStatus.DROPPED).order_by("position", "pk")),
    )


@dataclass(frozen=True)
class OpenProposal:
    proposal: Proposal
    vote: Vote | None


@dataclass(frozen=True)
class OpenRound:
    voting: VotingRound
    proposals: list[OpenProposal]


def open_votes(participant: Participant) -> list[OpenRound]:
    """The open voting rounds of the person's clubs, each proposal with the person's vote."""
    rounds = list(
        VotingRound.objects.of_member(participant).open_at(timezone.now()).order_by("closes_at", "pk")
    )
    votes = {
        vote.proposal_id: vote
        for vote in Vote.objects.filter(participant=participant, proposal__round__in=rounds)
    }
    proposals: dict[int, list[OpenProposal]] = {voting.pk: [] for voting in rounds}
    for proposal in Proposal.objects.filter(round__in=rounds).order_by("created_at", "pk"):
        proposals[proposal.round_id].append(OpenProposal(proposal, votes.get(proposal.pk)))
    return [OpenRound(voting, proposals[voting.pk]) for voting in rounds]


def own_proposal(participant: Participant, pk: int) -> Proposal:
    """A proposal of a round of the person's club (open or not: activities' rule of votes says
    when it is closed); a proposal of any other club answers 404."""
    proposal = (
        Proposal.objects.filter(pk=pk, round__in=VotingRound.objects.of_member(participant))
        .select_related("round")
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def own_round(participant: Participant, pk: int) -> VotingRound:
    """A voting round of the person's club (open or not: the service says when it is closed);
    a round of any other club answers 404."""
    voting = VotingRound.objects.of_member(participant).filter(pk=pk).select_related("programme").first()
    if voting is None:
        raise Http404
    return voting


def own_vote(participant: Participant, proposal: Proposal) -> Vote | None:
    return Vote.objects.filter(participant=participant, proposal=proposal).select_related("proposal").first()


def _own_attachments(participant: Participant) -> QuerySet[Attachment]:
    return Attachment.objects.kept().filter(
        organisation_id=participant.organisation_id, owner_kind=ATTACHMENT_KIND, owner_id=participant.pk
    )


def own_attachments(user: User, participant: Participant) -> list[Attachment]:
    items = list(_own_attachments(participant).order_by("-uploaded_at", "-pk")[:100])
    log_reads(items, actor=user)
    return items


def own_attachment_download(user: User, participant: Participant, pk: int) -> tuple[Attachment, File]:
    """A file of the person's own record and its bytes; the download is logged by name."""
    with reads_together():
        attachment = _own_attachments(participant).filter(pk=pk).first()
        if attachment is None:
            raise Http404
        try:
            handle = attachment_storage().open(attachment.stored_name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        label = _("Download of %(name)s") % {"name": attachment.original_name}
        log_reads([Read(Attachment, attachment.pk, label, (attachment.organisation_id,))], actor=user)
    return attachment, handle


# --- For workers: the entries awaiting confirmation, and accounts to link ------------------


def entry_get_for_user(user: User, pk: int) -> PassportEntry:
    entry = PassportEntry.objects.select_related("participant").filter(pk=pk).first()
    if entry is None or not policy.can(user, "participant.change", entry):
        raise Http404
    return entry


def awaiting_entries(user: User, participant: Participant) -> list[PassportEntry]:
    if not policy.can(user, "participant.view", participant):
        return []
    entries = list(participant.passport_entries.filter(status=EntryStatus.AWAITING))
    log_reads(entries, actor=user)
    return entries


def _awaiting_in_scope(user: User, *, mine: bool = False) -> QuerySet[PassportEntry]:
    """Entries awaiting confirmation of the people of the organisations where the user may see
    people (the caseload's scope); with ``mine``, only of the people in the user's care."""
    entries = PassportEntry.objects.filter(
        status=EntryStatus.AWAITING,
        participant__organisation_id__in=policy.organisation_ids_where(user, "participant.view"),
    )
    if mine:
        in_care = CaseAssignment.objects.filter(
            participant_id=OuterRef("participant_id"), worker=user, ended_on__isnull=True
        )
        entries = entries.filter(Exists(in_care))
    return entries


def awaiting_entries_page(user: User, number: object, *, mine: bool = False) -> Page:
    """A page of the entries awaiting confirmation across people, the longest waiting first;
    each entry and its person are logged as read, in one statement (two queries in all)."""
    entries = _awaiting_in_scope(user, mine=mine).select_related("participant").order_by("created_at", "pk")
    page = CappedPaginator(entries, AWAITING_PAGE_SIZE, count_from_short_page=True).get_page(number)
    shown: list[PassportEntry] = list(page.object_list)
    people = {entry.participant_id: entry.participant for entry in shown}
    log_reads([*shown, *people.values()], actor=user)
    return page


def awaiting_count(user: User) -> int:
    """How many entries await confirmation in the user's scope (a number: nobody is shown)."""
    if not policy.holds_anywhere(user, "participant.view"):
        return 0
    return _awaiting_in_scope(user).count()
