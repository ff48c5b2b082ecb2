"""Writes from the participant's own page and the worker's answers to them: audited, one
transaction each. The person acts on their own record only; staff confirm what they added."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.activities.models import Proposal, Vote, VotingRound
from reintegra.activities.services import ProposalData, proposal_create, vote_cast, vote_change
from reintegra.ownpage.models import EntryStatus, PassportEntry
from reintegra.people.models import Participant


def _check_own(actor: User, participant: Participant) -> None:
    if participant.account_id != actor.pk or not policy.can(actor, "own_page.view", participant):
        raise PermissionDenied


@transaction.atomic
def passport_entry_add(*, actor: User, participant: Participant, text: str) -> PassportEntry:
    """The person adds an entry to their passport; it waits for a worker's confirmation."""
    _check_own(actor, participant)
    entry = PassportEntry(participant=participant, text=text.strip())
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def passport_entry_confirm(*, actor: User, entry: PassportEntry) -> PassportEntry:
    """A worker of the person's organisation confirms the entry."""
    if not policy.can(actor, "participant.change", entry):
        raise PermissionDenied
    stored = PassportEntry.objects.select_for_update().get(pk=entry.pk)
    if stored.status == EntryStatus.CONFIRMED:
        raise ValidationError({"text": _("This entry is already confirmed.")}, code="confirmed")
    stored.status, stored.confirmed_by, stored.confirmed_at = EntryStatus.CONFIRMED, actor, timezone.now()
    stored.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return stored


def own_vote_cast(
    *, actor: User, participant: Participant, proposal: Proposal, vote: Vote | None, in_favour: bool
) -> Vote:
    """The person votes (or changes her vote) on a proposal of her club herself: activities'
    rule of votes (``vote_check``) decides, with her account as the actor."""
    if vote is None:
        return vote_cast(actor=actor, proposal=proposal, participant=participant, in_favour=in_favour)
    return vote_change(actor=actor, vote=vote, in_favour=in_favour)


def own_proposal_create(
    *,
    actor: User,
    participant: Participant,
    voting: VotingRound,
    title: str,
    description: str,
    builds_towards: str,
) -> Proposal:
    """The person proposes an activity to her club herself, while its vote is open.

    Activities' service checks that she acts in her own name, that the round is open and that
    she is a member of the club; a refusal about her membership is shown on the title."""
    if not title.strip():
        raise ValidationError({"title": _("Give your proposal a title.")}, code="required")
    try:
        return proposal_create(
            actor=actor,
            voting=voting,
            data=ProposalData(
                title=title, description=description, builds_towards=builds_towards, proposed_by=participant
            ),
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "proposed_by" in error.error_dict:
            raise ValidationError({"title": error.error_dict["proposed_by"]}) from error
        raise
