"""Reads of placements, mentors, mentoring meetings and follow-ups, scoped to the user.

Two sides read a placement:

* the staff of the organisation that keeps the person's file (``placement.view``) see it all;
* an employer's contacts (``placement.employer``) see only the placements on their employer's
  offers, and of the person only the anonymised ``CandidateProfile`` — a label ("Kandydatka 3"),
  an age band, the gmina, skills, the wanted occupations and when and how much the person can
  work — until the case worker records that the person agreed to meet; from then on also the
  name and phone, never more. A person who withdraws the consent to showing a profile to
  employers disappears from the employer's side.

A placement the user may not see answers ``Http404``, as one that does not exist. Every
function that returns a person's data logs the reads itself, one statement per page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import log_export, log_reads, reads_together
from reintegra.casework.digests import looked_after_by
from reintegra.collation import by_name
from reintegra.employers.models import (
    Employer,
    JobProfile,
    Mentor,
    MentoringMeeting,
    Occupation,
    Offer,
    OfferStatus,
    Placement,
    PlacementStatus,
    RetentionFollowUp,
    Shift,
)
from reintegra.employers.placements.workflow import HOLDS_A_PLACE, STAFF_ONLY_MOVES
from reintegra.employers.selectors import employers_for_user, offers_for_user
from reintegra.people.models import Consent, ConsentKind, Participant, Sex
from reintegra.people.selectors import participant_get_for_user
from reintegra.people.summary import ITEMS_SHOWN, SummaryItem, SummarySection

EXPORT_LIMIT = 100_000
PROPOSABLE_SHOWN = 500  # people in the "propose" list; a longer list is searched by name


def _consent_in_force(person: str = "participant_id") -> Exists:
    return Exists(
        Consent.objects.filter(
            participant_id=OuterRef(person),
            kind=ConsentKind.SHARING_WITH_EMPLOYERS,
            withdrawn_on__isnull=True,
        )
    )


# --- The staff's side ----------------------------------------------------------------------------


def placements_for_user(user: User) -> QuerySet[Placement]:
    """The placements of the people whose files the user's organisations keep."""
    return Placement.objects.filter(
        participant__organisation_id__in=policy.organisation_ids_where(user, "placement.view")
    ).select_related("participant", "offer__employer__organisation", "offer__site", "mentor")


def placement_list_for_user(user: User, *, status: str = "") -> list[Placement]:
    """The placements the user may see, newest first; each shown is a read."""
    placements = placements_for_user(user)
    if status in PlacementStatus.values:
        placements = placements.filter(status=status)
    shown = list(placements.order_by("-proposed_at", "-pk")[:200])
    log_reads(shown, actor=user)
    return shown


def placement_export_for_user(user: User, *, status: str, fmt: str) -> list[Placement]:
    """The placements of the list for an export: one entry naming the export, a read of each."""
    placements = placements_for_user(user)
    if status in PlacementStatus.values:
        placements = placements.filter(status=status)
    exported = list(placements.order_by("-proposed_at", "-pk")[:EXPORT_LIMIT])
    log_export(
        exported,
        actor=user,
        model=Placement,
        label=_("Export of the placement list (%(format)s)") % {"format": fmt.upper()},
        details={"format": fmt, "status": status},
        organisation_ids=policy.organisation_ids_where(user, "placement.view"),
    )
    return exported


def placement_get_for_user(user: User, pk: int, *, permission: str = "placement.view") -> Placement:
    """A placement of a person the user's organisation keeps; the read is audited."""
    placement = (
        Placement.objects.select_related(
            "participant__organisation",
            "participant__gmina",
            "offer__employer__organisation",
            "offer__site__gmina",
            "offer__occupation",
            "mentor",
            "proposed_by",
            "meeting_agreed_by",
        )
        .filter(pk=pk, participant__organisation_id__in=policy.organisation_ids_where(user, permission))
        .first()
    )
    if placement is None:
        raise Http404
    log_reads([placement], actor=user)
    return placement


def person_placements_for_user(user: User, participant: Participant) -> list[Placement]:
    """The person's placements (the caller read the person through its access function)."""
    if participant.organisation_id not in policy.organisation_ids_where(user, "placement.view"):
        raise Http404
    shown = list(
        participant.placements.select_related("offer__employer__organisation", "offer__site").order_by(
            "-proposed_at", "-pk"
        )
    )
    log_reads(shown, actor=user)
    return shown


def offer_placements_for_user(user: User, offer: Offer) -> list[Placement]:
    """The placements on the offer of the people the user's organisations keep."""
    shown = list(
        placements_for_user(user).filter(offer=offer).order_by(*by_name("participant__last_name"), "pk")
    )
    log_reads(shown, actor=user)
    return shown


def proposable_people(user: User) -> list[Participant]:
    """The people the user may propose: kept by the user's organisations, with the consent to
    showing a profile to employers in force; each listed is a read."""
    people = list(
        Participant.objects.filter(
            _consent_in_force("pk"),
            organisation_id__in=policy.organisation_ids_where(user, "placement.propose"),
        ).order_by(*by_name("last_name"), *by_name("first_name"), "pk")[:PROPOSABLE_SHOWN]
    )
    log_reads(people, actor=user)
    return people


def open_offers_for_staff(user: User) -> QuerySet[Offer]:
    """The open offers of the employers the user's organisations keep or share a partnership with."""
    return (
        offers_for_user(user)
        .filter(status=OfferStatus.OPEN)
        .order_by(*by_name("employer__organisation__name"), "title", "pk")
    )


def annotate_places_taken(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    """Each offer with ``places_taken``: its placements that hold a place (accepted or started),
    counted in the same query whatever the number of offers."""
    taken = (
        Placement.objects.filter(offer=OuterRef("pk"), status__in=HOLDS_A_PLACE)
        .order_by()
        .values("offer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return offers.annotate(places_taken=Coalesce(Subquery(taken), 0))


def offer_for_staff(user: User, pk: int) -> Offer:
    offer = open_offers_for_staff(user).filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


# --- The employer's side -------------------------------------------------------------------------


def _employer_side(user: User) -> QuerySet[Placement]:
    return Placement.objects.filter(
        _consent_in_force(),
        offer__employer__organisation_id__in=policy.organisation_ids_where(user, "placement.employer"),
    ).select_related("participant__gmina", "offer__site", "offer__employer__organisation", "mentor")


AGE_BANDS = ((18, 24), (25, 34), (35, 44), (45, 54), (55, 64))


def age_band(birth_date: date, today: date) -> str:
    age = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
    if age < AGE_BANDS[0][0]:
        return _("under %(age)s") % {"age": AGE_BANDS[0][0]}
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}–{high}"
    return _("%(age)s or older") % {"age": AGE_BANDS[-1][1] + 1}


def candidate_label(placement: Placement) -> str:
    """ "Kandydatka 3": how the employer knows the person before they agree to meet."""
    sex = placement.participant.sex
    number = {"number": placement.candidate_number}
    if sex == Sex.WOMAN:
        return pgettext("a woman", "Candidate %(number)s") % number
    if sex == Sex.MAN:
        return pgettext("a man", "Candidate %(number)s") % number
    return pgettext("anyone", "Candidate %(number)s") % number


@dataclass(frozen=True)
class CandidateProfile:
    """What the employer sees of a person: never the PESEL, address, e-mail or birth date; the
    name and phone only once the person agreed to meet."""

    placement: Placement
    label: str
    age_band: str
    gmina: str
    skills: list[str] = field(default_factory=list)
    wanted_occupations: list[str] = field(default_factory=list)
    available_from: date | None = None
    shifts: list[str] = field(default_factory=list)
    max_hours_per_week: int | None = None
    name: str = ""
    phone: str = ""

    @property
    def may_meet(self) -> bool:
        return self.placement.meeting_agreed_at is not None


def _profiles(placements: list[Placement]) -> list[CandidateProfile]:
    today = timezone.localdate()
    people = [placement.participant_id for placement in placements]
    profiles = {
        profile.participant_id: profile for profile in JobProfile.objects.filter(participant_id__in=people)
    }
    codes = {code for profile in profiles.values() for code in profile.wanted_occupations}
    names = dict(Occupation.objects.filter(code__in=codes).values_list("code", "name"))
    shift_labels = dict(Shift.choices)
    found = []
    for placement in placements:
        person = placement.participant
        profile = profiles.get(person.pk)
        agreed = placement.meeting_agreed_at is not None
        found.append(
            CandidateProfile(
                placement=placement,
                label=candidate_label(placement),
                age_band=age_band(person.birth_date, today),
                gmina=person.gmina.name if person.gmina else "",
                skills=list(profile.skills) if profile else [],
                wanted_occupations=[names.get(code, code) for code in profile.wanted_occupations]
                if profile
                else [],
                available_from=profile.available_from if profile else None,
                shifts=[str(shift_labels.get(shift, shift)) for shift in profile.available_shifts]
                if profile
                else [],
                max_hours_per_week=profile.max_hours_per_week if profile else None,
                name=f"{person.first_name} {person.last_name}" if agreed else "",
                phone=person.phone if agreed else "",
            )
        )
    return found


def candidates_for_contact(user: User, *, status: str = "") -> list[CandidateProfile]:
    """The people proposed for the contact's employer's offers, as the employer may see them;
    each shown is a read of the placement."""
    placements = _employer_side(user)
    if status in PlacementStatus.values:
        placements = placements.filter(status=status)
    shown = list(placements.order_by("-proposed_at", "-pk")[:200])
    log_reads(shown, actor=user)
    return _profiles(shown)


def candidate_get_for_contact(user: User, pk: int) -> CandidateProfile:
    """One placement on the contact's employer's offers, as the employer may see it."""
    placement = _employer_side(user).filter(pk=pk).first()
    if placement is None:
        raise Http404
    log_reads([placement], actor=user)
    return _profiles([placement])[0]


def candidate_profile(placement: Placement) -> CandidateProfile:
    """The profile of a placement the caller read through ``candidate_get_for_contact``."""
    return _profiles([placement])[0]


# --- Timeline ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    text: str
    by: str = ""
    reason: str = ""


def _who(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def placement_timeline(placement: Placement, *, for_employer: bool = False) -> list[TimelineEntry]:
    """The placement's moves, the agreement to meet and the feedback, in order. The employer's
    side sees who made each move, but not why the case worker withdrew a proposal (it may say
    something of the person's life) nor the person's feedback."""
    entries = [
        TimelineEntry(
            when=move.changed_at,
            text=move.get_to_status_display(),
            by=_who(move.changed_by),
            reason="" if for_employer and move.to_status in STAFF_ONLY_MOVES else move.reason,
        )
        for move in placement.moves.select_related("changed_by").order_by("changed_at", "pk")
    ]
    if placement.meeting_agreed_at is not None:
        entries.append(
            TimelineEntry(
                when=placement.meeting_agreed_at,
                text=_("The person agreed to meet the employer."),
                by=_who(placement.meeting_agreed_by),
            )
        )
    if placement.employer_feedback_at is not None:
        entries.append(TimelineEntry(when=placement.employer_feedback_at, text=_("The employer's feedback.")))
    if placement.participant_feedback_at is not None and not for_employer:
        entries.append(
            TimelineEntry(when=placement.participant_feedback_at, text=_("The person's feedback."))
        )
    return sorted(entries, key=lambda entry: entry.when)


# --- Mentors and meetings ------------------------------------------------------------------------


def mentors_for_user(user: User, employer: Employer | None = None) -> QuerySet[Mentor]:
    """The mentors of the employers the user manages mentors for (its contacts, or the staff who
    keep it)."""
    mentors = Mentor.objects.filter(employer__in=employers_for_user(user, permission="mentor.manage"))
    if employer is not None:
        mentors = mentors.filter(employer=employer)
    return mentors.select_related("employer__organisation").order_by(*by_name("name"), "pk")


def mentor_choices(placement: Placement) -> QuerySet[Mentor]:
    """The active mentors of the placement's employer, and its own mentor if no longer active."""
    return Mentor.objects.filter(
        Q(active=True) | Q(pk=placement.mentor_id), employer_id=placement.offer.employer_id
    ).order_by(*by_name("name"), "pk")


def mentor_get_for_user(user: User, pk: int) -> Mentor:
    mentor = mentors_for_user(user).filter(pk=pk).first()
    if mentor is None:
        raise Http404
    return mentor


@dataclass(frozen=True)
class Mentee:
    """A person a mentor looks after, as the reader may see them: the staff of the person's
    organisation by name, the employer's side by the candidate's label (and name once agreed)."""

    label: str
    url: str
    offer: str
    status: str


def mentees_for_user(user: User, mentor: Mentor) -> list[Mentee]:
    """The mentor's mentees the user may see; each shown is a read."""
    staff = list(placements_for_user(user).filter(mentor=mentor).order_by("-proposed_at", "-pk"))
    seen = {placement.pk for placement in staff}
    employer_side = [
        placement
        for placement in _employer_side(user).filter(mentor=mentor).order_by("-proposed_at", "-pk")
        if placement.pk not in seen
    ]
    log_reads([*staff, *employer_side], actor=user)
    rows = [
        Mentee(
            label=str(placement.participant),
            url=reverse("employers:placements:detail", args=[placement.pk]),
            offer=str(placement.offer),
            status=placement.get_status_display(),
        )
        for placement in staff
    ]
    for profile in _profiles(employer_side):
        rows.append(
            Mentee(
                label=f"{profile.label}: {profile.name}" if profile.may_meet else profile.label,
                url=reverse("employers:placements:candidate", args=[profile.placement.pk]),
                offer=str(profile.placement.offer),
                status=profile.placement.get_status_display(),
            )
        )
    return rows


def mentor_account_choices(employer: Employer) -> QuerySet[User]:
    """The employer's own people with an account, who may be linked to a mentor."""
    return (
        User.objects.filter(is_active=True, memberships__organisation_id=employer.organisation_id)
        .distinct()
        .order_by(*by_name("last_name"), *by_name("first_name"), "pk")
    )


def employers_for_mentors(user: User) -> list[Employer]:
    return list(employers_for_user(user, permission="mentor.manage"))


def mentoring_meetings(user: User, placement: Placement) -> list[MentoringMeeting]:
    """The placement's mentoring meetings (the caller read the placement through its access
    function); each shown is a read."""
    shown = list(placement.mentoring_meetings.select_related("mentor").order_by("-held_on", "-pk"))
    log_reads(shown, actor=user)
    return shown


# --- Follow-ups ----------------------------------------------------------------------------------


# A follow-up's person, and who looks after it when nobody has her in care.
PERSON = "placement__participant_id"
FALLBACK = "placement__proposed_by"


def follow_ups_due_to(worker: User, today: date) -> QuerySet[RetentionFollowUp]:
    """The worker's follow-ups due and not recorded: of the people in their care, or of the
    placements they proposed for people nobody has in care."""
    return (
        RetentionFollowUp.objects.filter(due_on__lte=today, recorded_at__isnull=True)
        .filter(looked_after_by(worker, person=PERSON, fallback=FALLBACK))
        .select_related("placement__participant", "placement__offer__employer__organisation")
        .order_by("due_on", "pk")
    )


def follow_ups_due_for_user(
    user: User, *, today: date | None = None, mine: bool = False
) -> list[RetentionFollowUp]:
    """Follow-ups due and not yet recorded, of the people the user's organisations keep (only
    the user's own with ``mine``); each shown is a read."""
    today = today or timezone.localdate()
    organisation_ids = policy.organisation_ids_where(user, "placement.view")
    due = (
        follow_ups_due_to(user, today)
        if mine
        else RetentionFollowUp.objects.filter(due_on__lte=today, recorded_at__isnull=True)
    )
    shown = list(
        due.filter(placement__participant__organisation_id__in=organisation_ids)
        .select_related("placement__participant", "placement__offer__employer__organisation")
        .order_by("due_on", "pk")
    )
    log_reads(shown, actor=user)
    return shown


def follow_up_get_for_user(user: User, pk: int) -> RetentionFollowUp:
    follow_up = (
        RetentionFollowUp.objects.filter(
            pk=pk,
            placement__participant__organisation_id__in=policy.organisation_ids_where(user, "placement.view"),
        )
        .select_related("placement__participant", "placement__offer__employer__organisation")
        .first()
    )
    if follow_up is None:
        raise Http404
    log_reads([follow_up], actor=user)
    return follow_up


# --- Pages ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacementPage:
    placement: Placement
    timeline: list[TimelineEntry]
    meetings: list[MentoringMeeting]
    follow_ups: list[RetentionFollowUp] = field(default_factory=list)
    profile: CandidateProfile | None = None


def placement_page(user: User, placement: Placement, *, for_employer: bool = False) -> PlacementPage:
    """What a placement's page shows beyond the placement, which the caller read through its
    access function; the reads go in as one statement."""
    with reads_together():
        meetings = mentoring_meetings(user, placement)
        if for_employer:
            return PlacementPage(
                placement=placement,
                timeline=placement_timeline(placement, for_employer=True),
                meetings=meetings,
                profile=candidate_profile(placement),
            )
        follow_ups = list(placement.follow_ups.order_by("due_on", "pk"))
        log_reads(follow_ups, actor=user)
        return PlacementPage(
            placement=placement,
            timeline=placement_timeline(placement),
            meetings=meetings,
            follow_ups=follow_ups,
        )


def placement_page_for_user(user: User, pk: int) -> PlacementPage:
    with reads_together():
        return placement_page(user, placement_get_for_user(user, pk))


def candidate_page_for_contact(user: User, pk: int) -> PlacementPage:
    with reads_together():
        return placement_page(user, candidate_get_for_contact(user, pk).placement, for_employer=True)


@dataclass(frozen=True)
class PersonPlacements:
    person: Participant
    placements: list[Placement]


def person_placements_page(user: User, pk: int) -> PersonPlacements:
    """A person (read through the people app's access function) and their placements."""
    with reads_together():
        person = participant_get_for_user(user, pk, permission="placement.propose")
        return PersonPlacements(person=person, placements=person_placements_for_user(user, person))


def placements_person_summary(user: User, participant: Participant) -> SummarySection | None:
    """The file's summary: the person's latest placements with employers, and the way to propose
    the person for an offer (the section's link). One query."""
    if participant.organisation_id not in policy.organisation_ids_where(user, "placement.view"):
        return None
    shown = list(
        participant.placements.select_related("offer__employer__organisation").order_by(
            "-proposed_at", "-pk"
        )[:ITEMS_SHOWN]
    )
    log_reads(shown, actor=user)
    return SummarySection(
        key="placements",
        title=_("Placements with employers"),
        empty=_("Not proposed to any employer yet."),
        items=[
            SummaryItem(
                text=f"{placement.offer.employer}: {placement.offer}",
                url=reverse("employers:placements:detail", args=[placement.pk]),
                status=placement.get_status_display(),
                when=placement.proposed_at,
                when_label=_("proposed"),
            )
            for placement in shown
        ],
        url=reverse("employers:placements:propose_for_person", args=[participant.pk]),
    )


def placements_history(user: User, employer: Employer) -> SummarySection | None:
    """The employer's history of cooperation: how many people were proposed to it and what came
    of it, by status. Counts only, so no person is shown or read. One query."""
    if not employers_for_user(user).filter(pk=employer.pk).exists():
        return None
    counts = dict(
        Placement.objects.filter(offer__employer=employer)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return SummarySection(
        key="placements",
        title=_("Placements"),
        empty=_("No one proposed yet."),
        items=[
            SummaryItem(text=str(status.label), status=str(counts[status.value]))
            for status in PlacementStatus
            if counts.get(status.value)
        ],
    )
