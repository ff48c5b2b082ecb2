"""Writes to partnerships and referrals: each a transaction, checked against the policy, audited.

The rules these services enforce:

* any organisation's administrator may start a partnership, which their organisation leads;
  only the administrators of a leading member run it: its name, its area, its members and
  their roles, the role each member plays at each stage and the agreements with the members;
  a partnership keeps at least one leader;
* a person is referred only by staff of the organisation that keeps their file, only to
  another member of a partnership both organisations belong to;
* a group of fields goes to an organisation only while an agreement with it, in force on the
  day and covering that group, binds it (``cooperation``); the refusal names the groups and the
  organisation;
* no referral leaves without either the person's consent to sharing with partners in force, or
  a recorded legal basis with the provision it rests on;
* a group of fields that needs a consent of its own (``snapshot.FIELD_CONSENTS``: contact
  needs the consent to contact, special-category data the consent to processing them or an
  art. 9 basis) leaves only while that consent is in force; the refusal names the group and
  says whether the consent was withdrawn (when) or never given;
* the referral stores a snapshot of exactly the chosen fields; the receiver's coordinators
  (or case workers) and its partner viewers are notified;
* only the receiver's coordinators and case workers accept, decline and complete a referral; a
  decline needs a reason; the sender is told;
* only the sender's staff (those who may send) withdraw a referral, sent or accepted, with an
  optional reason; the receiver's coordinators and whoever of the receiver answered it are told;
* once it accepted a referral, the receiver takes the person in: it registers its own
  participant record from exactly the referred fields (through the people service that
  registers anyone) or links a record of its own it already keeps; the referral remembers it;
* the receiver reports the outcome of the support (takes part, did not start, dropped out,
  completed) with a short note, as often as it changes; the sender is told;
* every move is recorded with who, when and why.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, Role, User
from reintegra.notifications.services import notify
from reintegra.partnership.models import (
    MemberRole,
    Partnership,
    PartnershipMember,
    Referral,
    ReferralOutcome,
    ReferralOutcomeReport,
    ReferralStatus,
    ReferralStatusChange,
)
from reintegra.partnership.selectors import agreed_fields, can_lead
from reintegra.partnership.snapshot import REFERABLE_FIELDS, field_blocks, take_snapshot
from reintegra.partnership.workflow import REASON_REQUIRED, SENDER_MOVES, TAKES_IN, check_move
from reintegra.people import services as people_services
from reintegra.people.models import Consent, ConsentKind, Participant

S = ReferralStatus


# --- Partnerships ---------------------------------------------------------------------


@transaction.atomic
def partnership_create(
    *, actor: User | None, organisation: Organisation, name: str, area_description: str = ""
) -> Partnership:
    """A new partnership, led by the organisation of the administrator who creates it."""
    if actor is not None and not policy.can(actor, "partnership.manage", organisation):
        raise PermissionDenied
    partnership = Partnership(name=name.strip(), area_description=area_description.strip())
    partnership.full_clean()
    partnership.save()
    _member_save(partnership, organisation, MemberRole.LEADER)
    return partnership


def check_leads(actor: User | None, partnership: Partnership) -> None:
    """Only the administrators of a leading member run the partnership (``actor=None``: the
    system, e.g. the demo)."""
    if actor is not None and not can_lead(actor, partnership):
        raise PermissionDenied


@transaction.atomic
def partnership_update(
    *, actor: User | None, partnership: Partnership, name: str, area_description: str = ""
) -> Partnership:
    """An administrator of a leading member renames the partnership or changes its area."""
    check_leads(actor, partnership)
    before = (partnership.name, partnership.area_description)
    partnership.name, partnership.area_description = name.strip(), area_description.strip()
    try:
        partnership.full_clean()
    except ValidationError:
        # The caller's page still shows the partnership as it is stored.
        partnership.name, partnership.area_description = before
        raise
    partnership.save(update_fields=["name", "area_description"])
    return partnership


@transaction.atomic
def partnership_member_add(
    *, actor: User | None, partnership: Partnership, organisation: Organisation, role: str
) -> PartnershipMember:
    """An administrator of a leading member adds another organisation."""
    check_leads(actor, partnership)
    return _member_save(partnership, organisation, role)


@transaction.atomic
def partnership_member_change_role(
    *, actor: User | None, member: PartnershipMember, role: str
) -> PartnershipMember:
    """An administrator of a leading member changes a member's role; a leader stays."""
    partnership = Partnership.objects.select_for_update().get(pk=member.partnership_id)
    check_leads(actor, partnership)
    stored = PartnershipMember.objects.get(pk=member.pk)
    if stored.role == MemberRole.LEADER and role != MemberRole.LEADER:
        _keep_a_leader(partnership, stored)
    stored.role = role
    stored.full_clean()
    stored.save(update_fields=["role"])
    member.role = stored.role
    return stored


def _keep_a_leader(partnership: Partnership, leaving: PartnershipMember) -> None:
    if not partnership.members.filter(role=MemberRole.LEADER).exclude(pk=leaving.pk).exists():
        raise ValidationError(
            _("A partnership keeps at least one leader; name another leader first."), code="last_leader"
        )


def _member_save(partnership: Partnership, organisation: Organisation, role: str) -> PartnershipMember:
    member = PartnershipMember(
        partnership=partnership, organisation=organisation, role=role, joined_on=timezone.localdate()
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def partnership_member_remove(*, actor: User | None, member: PartnershipMember) -> None:
    """Referrals already sent stay; the partnership keeps at least one leader."""
    partnership = Partnership.objects.select_for_update().get(pk=member.partnership_id)
    check_leads(actor, partnership)
    if member.role == MemberRole.LEADER:
        _keep_a_leader(partnership, member)
    member.delete()


def partnership_shared(first: Organisation | int, second: Organisation | int) -> Partnership | None:
    """A partnership both organisations are members of, if any."""
    first_id = first if isinstance(first, int) else first.pk
    second_id = second if isinstance(second, int) else second.pk
    return (
        Partnership.objects.filter(members__organisation_id=first_id)
        .filter(members__organisation_id=second_id)
        .order_by("pk")
        .first()
    )


# --- Referrals ------------------------------------------------------------------------


def _consent(participant: Participant, kind: str) -> Consent | None:
    return participant.consents.filter(kind=kind, withdrawn_on__isnull=True).order_by("-given_on").first()


@transaction.atomic
def referral_send(
    *,
    actor: User,
    participant: Participant,
    to_organisation: Organisation | None,
    fields: list[str],
    reason: str,
    legal_basis: str = "",
    legal_basis_reference: str = "",
) -> Referral:
    """Sends the chosen fields of the person to a partner; refused, naming the field, when a rule fails."""
    if not policy.can(actor, "referral.send", participant):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    partnership = None
    if to_organisation is None:
        errors.setdefault("to_organisation", []).append(_("Choose the organisation to refer the person to."))
    elif to_organisation.pk == participant.organisation_id:
        errors.setdefault("to_organisation", []).append(
            _("A person cannot be referred to the organisation that already keeps their file.")
        )
    else:
        partnership = partnership_shared(participant.organisation_id, to_organisation)
        if partnership is None:
            errors.setdefault("to_organisation", []).append(
                _("%(organisation)s is not a member of a partnership with your organisation.")
                % {"organisation": to_organisation}
            )
    chosen = [key for key in REFERABLE_FIELDS if key in set(fields)]
    if not chosen or len(chosen) != len(set(fields)):
        errors.setdefault("fields", []).append(_("Choose at least one field to refer, from the list."))
    if partnership is not None and to_organisation is not None and chosen:
        _check_agreement(errors, participant.organisation_id, to_organisation, chosen)
    blocks = field_blocks(participant.consents.all(), legal_basis)
    for key in chosen:
        if key in blocks:
            errors.setdefault("fields", []).append(blocks[key].message)
    reason = reason.strip()
    if not reason:
        errors.setdefault("reason", []).append(_("Say why the person is referred."))
    consent = _consent(participant, ConsentKind.SHARING_WITH_PARTNERS)
    legal_basis_reference = legal_basis_reference.strip()
    if legal_basis and not legal_basis_reference:
        errors.setdefault("legal_basis_reference", []).append(
            _("Give the provision the legal basis rests on (the act and article).")
        )
    if not legal_basis and consent is None:
        errors.setdefault("legal_basis", []).append(
            _(
                "The person's consent to sharing data with partner organisations is not in force: "
                "record the consent, or choose the legal basis of the referral."
            )
        )
    if errors:
        raise ValidationError(errors)
    assert partnership is not None
    assert to_organisation is not None
    now = timezone.now()
    referral = Referral(
        partnership=partnership,
        participant=participant,
        from_organisation_id=participant.organisation_id,
        to_organisation=to_organisation,
        status=S.SENT,
        fields=chosen,
        snapshot=take_snapshot(participant, chosen, reader=actor),
        reason=reason,
        consent=consent,
        legal_basis=legal_basis,
        legal_basis_reference=legal_basis_reference if legal_basis else "",
        sent_by=actor,
        sent_at=now,
    )
    referral.full_clean()
    referral.save()
    ReferralStatusChange.objects.create(
        referral=referral, from_status="", to_status=S.SENT, changed_at=now, changed_by=actor, reason=reason
    )
    _notify_receivers(referral)
    return referral


def _check_agreement(
    errors: dict[str, list[str]], sender_id: int, receiver: Organisation, chosen: list[str]
) -> None:
    """Every chosen group must be covered by an agreement with the receiver in force today."""
    agreed = agreed_fields(sender_id, receiver.pk, timezone.localdate())
    labels = ", ".join(f"“{REFERABLE_FIELDS[key]}”" for key in chosen if agreed is None or key not in agreed)
    if agreed is None:
        errors.setdefault("to_organisation", []).append(
            _(
                "%(organisation)s has no partnership agreement in force today, so %(fields)s cannot be "
                "sent to it. The administrators of the partnership's leader record the signed agreement "
                "on the partnership's page."
            )
            % {"organisation": receiver, "fields": labels}
        )
    elif labels:
        errors.setdefault("fields", []).append(
            _(
                "The agreement with %(organisation)s in force today does not cover %(fields)s: untick it, "
                "or ask the partnership's leader for an annex to the agreement."
            )
            % {"organisation": receiver, "fields": labels}
        )


def receiving_coordinators(organisation: Organisation) -> list[User]:
    """The receiver's coordinators; its case workers when it has none (a small NGO)."""
    for role in (Role.COORDINATOR, Role.CASE_WORKER):
        users = list(
            User.objects.filter(
                is_active=True, memberships__organisation=organisation, memberships__role=role
            ).distinct()
        )
        if users:
            return users
    return []


def receiving_viewers(organisation: Organisation) -> list[User]:
    """The receiver's partner viewers: they follow the referrals without answering them."""
    return list(
        User.objects.filter(
            is_active=True, memberships__organisation=organisation, memberships__role=Role.PARTNER_VIEWER
        ).distinct()
    )


def _notify_receivers(referral: Referral) -> None:
    message = _("%(organisation)s has referred a person to your organisation.") % {
        "organisation": referral.from_organisation
    }
    url = reverse("partnership:referral_detail", args=[referral.pk])
    receivers = [
        *receiving_coordinators(referral.to_organisation),
        *receiving_viewers(referral.to_organisation),
    ]
    for user in {user.pk: user for user in receivers}.values():
        notify(user, message, url)


def referral_accept(*, actor: User, referral: Referral, note: str = "") -> Referral:
    return referral_move(actor=actor, referral=referral, to_status=S.ACCEPTED, reason=note)


def referral_decline(*, actor: User, referral: Referral, reason: str) -> Referral:
    return referral_move(actor=actor, referral=referral, to_status=S.DECLINED, reason=reason)


def referral_complete(*, actor: User, referral: Referral, note: str = "") -> Referral:
    return referral_move(actor=actor, referral=referral, to_status=S.COMPLETED, reason=note)


def referral_withdraw(*, actor: User, referral: Referral, reason: str = "") -> Referral:
    return referral_move(actor=actor, referral=referral, to_status=S.WITHDRAWN, reason=reason)


def _may_move(actor: User, referral: Referral, to_status: str) -> bool:
    if to_status in SENDER_MOVES:
        return referral.from_organisation_id in policy.organisation_ids_where(actor, "referral.send")
    return referral.to_organisation_id in policy.organisation_ids_where(actor, "referral.act")


@transaction.atomic
def referral_move(*, actor: User, referral: Referral, to_status: str, reason: str = "") -> Referral:
    """Moves a referral along the workflow: the receiver's coordinators and case workers accept,
    decline and complete it, the sender's staff withdraw it; the other side is told."""
    if not _may_move(actor, referral, to_status):
        raise PermissionDenied
    stored = Referral.objects.select_for_update().get(pk=referral.pk)
    check_move(stored.status, to_status)
    reason = reason.strip()
    if to_status in REASON_REQUIRED and not reason:
        raise ValidationError({"reason": _("Say why the referral is declined.")}, code="reason_required")
    from_status = stored.status
    stored.status = to_status
    stored.save(update_fields=["status", "updated_at"])
    ReferralStatusChange.objects.create(
        referral=stored,
        from_status=from_status,
        to_status=to_status,
        changed_at=timezone.now(),
        changed_by=actor,
        reason=reason,
    )
    if to_status in SENDER_MOVES:
        _notify_receivers_of_withdrawal(stored, actor)
    else:
        _notify_sender(stored, to_status)
    referral.status = stored.status
    return stored


def _notify_sender(referral: Referral, to_status: str) -> None:
    message = _("%(organisation)s changed the status of referral no. %(number)s to “%(status)s”.") % {
        "organisation": referral.to_organisation,
        "number": referral.pk,
        "status": S(to_status).label,
    }
    if referral.sent_by.is_active:
        notify(referral.sent_by, message, reverse("partnership:referral_detail", args=[referral.pk]))


def _notify_receivers_of_withdrawal(referral: Referral, actor: User) -> None:
    """The receiver's coordinators, and whoever of the receiver already answered the referral."""
    answered_by = User.objects.filter(
        is_active=True,
        pk__in=referral.status_changes.exclude(changed_by=actor).values("changed_by"),
        memberships__organisation_id=referral.to_organisation_id,
    )
    receivers = [
        *receiving_coordinators(referral.to_organisation),
        *receiving_viewers(referral.to_organisation),
        *answered_by,
    ]
    users = {user.pk: user for user in receivers}
    message = _("%(organisation)s has withdrawn referral no. %(number)s.") % {
        "organisation": referral.from_organisation,
        "number": referral.pk,
    }
    url = reverse("partnership:referral_detail", args=[referral.pk])
    for user in users.values():
        notify(user, message, url)


# --- Taking the person in, and the outcome ----------------------------------------------------


def _check_receiver(actor: User, referral: Referral) -> None:
    if referral.to_organisation_id not in policy.organisation_ids_where(actor, "referral.act"):
        raise PermissionDenied


def _check_takes_in(stored: Referral) -> None:
    if stored.status not in TAKES_IN:
        raise ValidationError(
            _("Only an accepted referral can be taken in: this one is “%(status)s”.")
            % {"status": S(stored.status).label},
            code="not_accepted",
        )
    if stored.received_participant_id is not None:
        raise ValidationError(
            _("The person has already been taken in from this referral."), code="already_taken_in"
        )


@transaction.atomic
def referral_take_in(
    *, actor: User, referral: Referral, data: people_services.ParticipantData
) -> Participant:
    """The receiver registers its own record of the person (the same rules as any registration,
    in the people service) and the referral remembers it."""
    _check_receiver(actor, referral)
    stored = Referral.objects.select_for_update().get(pk=referral.pk)
    _check_takes_in(stored)
    participant = people_services.participant_create(
        actor=actor, organisation=stored.to_organisation, data=data
    )
    return _taken_in(stored, referral, participant)


@transaction.atomic
def referral_link(*, actor: User, referral: Referral, participant: Participant) -> Participant:
    """The receiver already keeps a file of the person: the referral is linked to it."""
    _check_receiver(actor, referral)
    stored = Referral.objects.select_for_update().get(pk=referral.pk)
    _check_takes_in(stored)
    if participant.organisation_id != stored.to_organisation_id:
        raise PermissionDenied
    return _taken_in(stored, referral, participant)


def _taken_in(stored: Referral, referral: Referral, participant: Participant) -> Participant:
    stored.received_participant = participant
    stored.save(update_fields=["received_participant", "updated_at"])
    referral.received_participant = participant
    return participant


@transaction.atomic
def referral_report_outcome(
    *, actor: User, referral: Referral, outcome: str, note: str = ""
) -> ReferralOutcomeReport:
    """The receiver tells the sender how the person's support goes, once the referral is
    accepted; the sender is told."""
    _check_receiver(actor, referral)
    stored = Referral.objects.select_for_update().get(pk=referral.pk)
    if stored.status not in TAKES_IN:
        raise ValidationError(
            _("An outcome is reported on an accepted referral: this one is “%(status)s”.")
            % {"status": S(stored.status).label},
            code="not_accepted",
        )
    report = ReferralOutcomeReport(
        referral=stored, outcome=outcome, note=note.strip(), reported_at=timezone.now(), reported_by=actor
    )
    report.full_clean()
    report.save()
    message = _("%(organisation)s reported on referral no. %(number)s: %(outcome)s.") % {
        "organisation": stored.to_organisation,
        "number": stored.pk,
        "outcome": ReferralOutcome(outcome).label,
    }
    if stored.sent_by.is_active:
        notify(stored.sent_by, message, reverse("partnership:referral_detail", args=[stored.pk]))
    return report
