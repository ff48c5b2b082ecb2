"""Writes to job fairs (*Ryneczek pracy*): each a transaction, checked against the policy, audited.

The rules these services enforce:

* a coordinator of the organising organisation sets a fair up: its day and hours (ending after
  they start), its place (a venue of the organisation, or an address) and the last day on which
  employers sign up (not after the fair);
* an employer takes one stand at a fair: its contact signs it up through her own log-in while
  sign-up is open, or a coordinator adds it at any time before the fair is over; the employer is
  one the organiser works with (it keeps it, or both are in one partnership); a second stand of
  the same employer is refused; a stand gets the next free number unless one is given, and the
  offers it shows are the employer's own; the organiser's coordinators are told of a sign-up;
* the staff invite people they may see; a person is on a fair's list once;
* at the door a guest is checked in with one tap, not before the day of the fair; a person not
  on the list is refused unless added as a walk-in, who is put on the list and checked in at once;
* a short interview at a stand, and what followed (an invitation to an interview, an
  internship, a job — linked to one of the stand's employer's offers if there is one), are
  recorded only for a guest who came, and only at a stand of the same fair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, Role, User
from reintegra.activities.models import Venue
from reintegra.dates import day
from reintegra.employers.models import (
    Employer,
    FairGuest,
    FairInterview,
    FairOutcome,
    FairStand,
    JobFair,
    Offer,
    OutcomeKind,
)
from reintegra.notifications.services import notify
from reintegra.people.models import Participant

EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def _require(actor: User | None, permission: str, obj: policy.Scoped) -> None:
    if actor is not None and not policy.can(actor, permission, obj):
        raise PermissionDenied


def employers_of_organisation(organisation_id: int) -> Q:
    """The employers an organisation works with: those it keeps, and those in its partnerships."""
    return Q(kept_by_id=organisation_id) | Q(partnership__members__organisation_id=organisation_id)


def works_with(organisation_id: int, employer: Employer) -> bool:
    return Employer.objects.filter(employers_of_organisation(organisation_id), pk=employer.pk).exists()


# --- Fairs ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class FairData:
    title: str
    held_on: date
    starts_at: time
    ends_at: time
    sign_up_until: date
    venue: Venue | None = None
    address: str = ""
    description: str = ""


FAIR_FIELDS = tuple(FairData.__dataclass_fields__)


def _check_fair(organisation_id: int, data: FairData) -> None:
    if not EARLIEST <= data.held_on <= LATEST:
        raise ValidationError({"held_on": _("Give the date of the fair.")}, code="implausible")
    if data.ends_at <= data.starts_at:
        raise ValidationError({"ends_at": _("A fair ends after it starts.")}, code="ends_first")
    if data.sign_up_until > data.held_on:
        raise ValidationError(
            {"sign_up_until": _("Employers sign up by the day of the fair at the latest.")},
            code="sign_up_after_fair",
        )
    if data.venue is not None and data.venue.organisation_id != organisation_id:
        raise ValidationError({"venue": _("Choose a venue of the organising organisation.")}, code="venue")
    if data.venue is None and not data.address.strip():
        raise ValidationError(
            {"address": _("Choose a venue or write the address of the fair.")}, code="no_place"
        )


@transaction.atomic
def fair_create(*, actor: User | None, organisation: Organisation, data: FairData) -> JobFair:
    """A coordinator sets up a fair of her organisation."""
    _require(actor, "fair.manage", organisation)
    _check_fair(organisation.pk, data)
    fair = JobFair(organisation=organisation, created_by=actor, **_fields(data))
    fair.full_clean()
    fair.save()
    return fair


@transaction.atomic
def fair_update(*, actor: User | None, fair: JobFair, data: FairData) -> JobFair:
    _require(actor, "fair.manage", fair)
    _check_fair(fair.organisation_id, data)
    for name, value in _fields(data).items():
        setattr(fair, name, value)
    fair.full_clean()
    fair.save(update_fields=list(FAIR_FIELDS))
    return fair


def _fields(data: FairData) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(data, name) for name in FAIR_FIELDS}
    for name in ("title", "address", "description"):
        values[name] = str(values[name]).strip()
    return values


def sign_up_open(fair: JobFair, today: date | None = None) -> bool:
    return (today or timezone.localdate()) <= fair.sign_up_until


# --- Stands --------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class StandData:
    employer: Employer
    offering: str = ""
    offers: Sequence[Offer] = ()
    number: int | None = None


@transaction.atomic
def stand_add(*, actor: User | None, fair: JobFair, data: StandData) -> FairStand:
    """An employer's contact signs it up while sign-up is open; a coordinator adds it until the
    fair is over. Once per employer per fair."""
    fair = JobFair.objects.select_for_update().get(pk=fair.pk)
    employer = data.employer
    today = timezone.localdate()
    by_contact = False
    if actor is not None and policy.can(actor, "fair.manage", fair):
        if today > fair.held_on:
            raise ValidationError({"employer": _("The fair is over.")}, code="fair_over")
    elif actor is not None and policy.can(actor, "fair.sign_up", employer):
        by_contact = True
        if not sign_up_open(fair, today):
            raise ValidationError(
                {
                    "employer": _("Sign-up for this fair closed on %(date)s.")
                    % {"date": day(fair.sign_up_until)}
                },
                code="sign_up_closed",
            )
    elif actor is not None:
        raise PermissionDenied
    if not works_with(fair.organisation_id, employer):
        raise ValidationError(
            {"employer": _("The organiser of this fair does not work with this employer.")},
            code="not_an_employer_of_the_organiser",
        )
    if fair.stands.filter(employer=employer).exists():
        raise ValidationError(
            {"employer": _("%(employer)s has already signed up for this fair.") % {"employer": employer}},
            code="signed_up_twice",
        )
    number = data.number
    if number is None:
        number = (fair.stands.aggregate(top=Max("number"))["top"] or 0) + 1
    elif fair.stands.filter(number=number).exists():
        raise ValidationError(
            {"number": _("Stand %(number)d is taken.") % {"number": number}}, code="number_taken"
        )
    for offer in data.offers:
        if offer.employer_id != employer.pk:
            raise ValidationError(
                {"offers": _("“%(offer)s” is another employer's offer.") % {"offer": offer}}, code="offer"
            )
    stand = FairStand(
        fair=fair,
        employer=employer,
        number=number,
        offering=data.offering.strip(),
        signed_up_by=actor,
        signed_up_at=timezone.now(),
    )
    stand.full_clean()
    stand.save()
    stand.offers.set(data.offers)
    if by_contact:
        _tell_organisers(stand)
    return stand


def _tell_organisers(stand: FairStand) -> None:
    """The organiser's coordinators hear of an employer that signed up on its own."""
    fair = stand.fair
    message = _("%(employer)s signed up for %(fair)s on %(date)s: stand %(number)d.") % {
        "employer": stand.employer,
        "fair": fair,
        "date": day(fair.held_on),
        "number": stand.number,
    }
    url = reverse("employers:fairs:fair_detail", args=[fair.pk])
    coordinators = User.objects.filter(
        is_active=True,
        memberships__in=Membership.objects.in_force().filter(
            organisation_id=fair.organisation_id, role__in=[Role.ORG_ADMIN, Role.COORDINATOR]
        ),
    ).distinct()
    for user in coordinators:
        notify(user, message, url)


# --- Guests, check-in ----------------------------------------------------------------------


def _check_visible(actor: User | None, participant: Participant) -> None:
    if actor is not None and not policy.can(actor, "participant.view", participant):
        raise ValidationError(
            {"participant": _("Choose a person whose file you may see.")}, code="person_not_visible"
        )


@transaction.atomic
def guests_invite(*, actor: User | None, fair: JobFair, people: Sequence[Participant]) -> list[FairGuest]:
    """The staff put people they may see on the fair's list, each once."""
    _require(actor, "fair.record", fair)
    if not people:
        raise ValidationError({"participant": _("Choose at least one person.")}, code="nobody")
    listed = set(fair.guests.filter(participant__in=people).values_list("participant_id", flat=True))
    guests = []
    for person in people:
        _check_visible(actor, person)
        if person.pk in listed:
            raise ValidationError(
                {"participant": _("%(person)s is already invited.") % {"person": person}},
                code="invited_twice",
            )
        listed.add(person.pk)
        guest = FairGuest(fair=fair, participant=person, invited_by=actor, invited_at=timezone.now())
        guest.full_clean(validate_constraints=False)
        guest.save()
        guests.append(guest)
    return guests


def _check_day(fair: JobFair) -> None:
    if timezone.localdate() < fair.held_on:
        raise ValidationError(
            {
                "participant": _("Check-in opens on the day of the fair, %(date)s.")
                % {"date": day(fair.held_on)}
            },
            code="too_early",
        )


@transaction.atomic
def guest_check_in(*, actor: User | None, fair: JobFair, participant: Participant) -> FairGuest:
    """One tap at the door: a person on the list has come (a second tap changes nothing)."""
    _require(actor, "fair.record", fair)
    _check_day(fair)
    guest = FairGuest.objects.select_for_update().filter(fair=fair, participant=participant).first()
    if guest is None:
        raise ValidationError(
            {
                "participant": _("%(person)s is not invited to this fair: add her as a walk-in.")
                % {"person": participant}
            },
            code="not_invited",
        )
    if guest.checked_in_at is None:
        guest.checked_in_at, guest.checked_in_by = timezone.now(), actor
        guest.save(update_fields=["checked_in_at", "checked_in_by"])
    return guest


@transaction.atomic
def walk_in_add(*, actor: User | None, fair: JobFair, participant: Participant) -> FairGuest:
    """A person who came without an invitation is put on the list and checked in at once."""
    _require(actor, "fair.record", fair)
    _check_day(fair)
    _check_visible(actor, participant)
    if fair.guests.filter(participant=participant).exists():
        return guest_check_in(actor=actor, fair=fair, participant=participant)
    now = timezone.now()
    guest = FairGuest(
        fair=fair,
        participant=participant,
        walk_in=True,
        invited_by=actor,
        invited_at=now,
        checked_in_at=now,
        checked_in_by=actor,
    )
    guest.full_clean(validate_constraints=False)
    guest.save()
    return guest


# --- Interviews and outcomes ---------------------------------------------------------------


def _check_guest_at(guest: FairGuest, stand: FairStand, field: str) -> None:
    if guest.checked_in_at is None:
        raise ValidationError(
            {field: _("%(person)s did not come to the fair.") % {"person": guest.participant}},
            code="did_not_come",
        )
    if stand.fair_id != guest.fair_id:
        raise ValidationError({"stand": _("Choose a stand of this fair.")}, code="stand")


@transaction.atomic
def interview_record(
    *, actor: User | None, guest: FairGuest, stand: FairStand, note: str = ""
) -> FairInterview:
    """A short conversation at a stand, of a guest who came."""
    _require(actor, "fair.record", guest.fair)
    _check_guest_at(guest, stand, "stand")
    interview = FairInterview(
        guest=guest, stand=stand, note=note.strip(), recorded_by=actor, recorded_at=timezone.now()
    )
    interview.full_clean()
    interview.save()
    return interview


@dataclass(frozen=True, kw_only=True)
class OutcomeData:
    stand: FairStand
    kind: str
    offer: Offer | None = None
    note: str = ""


@transaction.atomic
def outcome_record(*, actor: User | None, guest: FairGuest, data: OutcomeData) -> FairOutcome:
    """What followed a visit to a stand, for a guest who came; the offer is the stand's employer's."""
    _require(actor, "fair.record", guest.fair)
    _check_guest_at(guest, data.stand, "kind")
    if data.kind not in OutcomeKind.values:
        raise ValidationError({"kind": _("Choose what followed.")}, code="kind")
    if data.offer is not None and data.offer.employer_id != data.stand.employer_id:
        raise ValidationError(
            {"offer": _("Choose an offer of %(employer)s.") % {"employer": data.stand.employer}},
            code="offer",
        )
    if guest.outcomes.filter(stand=data.stand, kind=data.kind).exists():
        raise ValidationError({"kind": _("This outcome is already recorded.")}, code="outcome_twice")
    outcome = FairOutcome(
        guest=guest,
        stand=data.stand,
        kind=data.kind,
        offer=data.offer,
        note=data.note.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    outcome.full_clean()
    outcome.save()
    return outcome
