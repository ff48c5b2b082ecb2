"""Reads of participants, always scoped to the organisations where the user may see them.

A participant the user may not see is answered with ``Http404``, the same as one that does not
exist. Every function here that returns a person's data writes the reads to the audit log
itself: a file, each row of a list page or of the API list, each person of an export (with one
entry naming the export), a consent or a family member opened to be changed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.paginator import Page
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.attachments.selectors import AttachmentList, attachments_of
from reintegra.audit.bulk import log_export, log_reads, reads_together
from reintegra.collation import by_name
from reintegra.pagination import CappedPaginator, KeysFirstPaginator
from reintegra.people import identifiers
from reintegra.people.models import Consent, FamilyMember, Participant
from reintegra.people.summary import ITEMS_SHOWN, SummaryItem, SummarySection, summary_for

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.people.services import ParticipantData

PESEL_LENGTH = 11
PAGE_SIZE = 25
EXPORT_LIMIT = 100_000
PESEL_PREFIX = re.compile(r"^\d{1,11}$")


@dataclass(frozen=True)
class ParticipantFilter:
    q: str = ""
    sex: str = ""
    labour_status: str = ""
    degurba: int | None = None
    programme_id: int | None = None


def participant_page_for_user(
    user: User, filters: ParticipantFilter | None = None, number: object = 1, *, per_page: int = PAGE_SIZE
) -> Page:
    """A page of the participants the user may see, filtered; each person shown is a read."""
    participants = _matching(user, filters)
    # A name search scans the trigram index once for the count and the page; other lists read
    # the first page in index order, and count only when it is full.
    if is_name_search(filters):
        paginator: CappedPaginator = KeysFirstPaginator(participants, per_page)
    else:
        paginator = CappedPaginator(participants, per_page, count_from_short_page=True)
    page = paginator.get_page(number)
    log_reads(page.object_list, actor=user)
    return page


def participant_export_for_user(
    user: User, filters: ParticipantFilter | None, *, fmt: str, limit: int = EXPORT_LIMIT
) -> list[Participant]:
    """The participants of a list for an export (at most ``limit``).

    The export is one entry of the audit log naming its filter, format and count, and a read of
    every person in it.
    """
    people = list(_matching(user, filters)[:limit])
    log_export(
        people,
        actor=user,
        model=Participant,
        label=_("Export of the participant list (%(format)s)") % {"format": fmt.upper()},
        details={"format": fmt, "filter": asdict(filters or ParticipantFilter())},
        organisation_ids=policy.organisation_ids_where(user, "participant.view"),
    )
    return people


def _matching(user: User, filters: ParticipantFilter | None = None) -> QuerySet[Participant]:
    """Participants of the organisations where the user holds participant.view, filtered."""
    filters = filters or ParticipantFilter()
    organisation_ids = policy.organisation_ids_where(user, "participant.view")
    participants = Participant.objects.filter(organisation_id__in=organisation_ids).select_related(
        "organisation", "gmina"
    )
    participants = participants.filter(_search(filters.q))
    if filters.sex:
        participants = participants.filter(sex=filters.sex)
    if filters.labour_status:
        participants = participants.filter(labour_status=filters.labour_status)
    if filters.degurba is not None:
        participants = participants.filter(degurba=filters.degurba)
    if filters.programme_id is not None:
        # One application per person and programme (a unique constraint): the join adds no duplicates.
        participants = participants.filter(
            enrolments__programme_id=filters.programme_id,
            enrolments__programme__organisation_id__in=organisation_ids,
        )
    if _is_pesel_prefix(filters.q):
        # PESEL matches come in PESEL order, which the prefix index gives without sorting.
        return participants.order_by("pesel", "pk")
    return participants.order_by(*by_name("last_name", "first_name"), "pk")


def programmes_for_filter(user: User) -> QuerySet[Any, tuple[int, str]]:
    """The programmes of the user's organisations, by which the participant list may be narrowed,
    as (id, name) choices."""
    # By its label: people sits below programmes in the layering and never imports it.
    programme = apps.get_model("programmes", "Programme")
    organisation_ids = policy.organisation_ids_where(user, "participant.view")
    return (
        programme._default_manager.filter(organisation_id__in=organisation_ids)
        .order_by("-start_date", *by_name("name"))
        .values_list("pk", "name")
    )


def is_name_search(filters: ParticipantFilter | None) -> bool:
    """A search by name: the trigram index finds all its matches at once, in no useful order."""
    return filters is not None and bool(filters.q.strip()) and not _is_pesel_prefix(filters.q)


def _is_pesel_prefix(query: str) -> bool:
    return bool(PESEL_PREFIX.match("".join(query.split())))


def _search(query: str) -> Q:
    """Digits: a PESEL prefix. Text: every word must occur in the diacritics-free name."""
    if _is_pesel_prefix(query):
        prefix = "".join(query.split())
        # The same prefix as a range of the eleven-digit numbers too: the (organisation, PESEL)
        # index then starts at the prefix and reads the page in order, whichever plan the
        # statistics of the day choose (with LIKE alone one plan walked 170,000 rows to find 25).
        return Q(pesel__startswith=prefix, pesel__gte=prefix, pesel__lte=prefix.ljust(PESEL_LENGTH, "9"))
    condition = Q()
    for word in identifiers.search_key(query).split():
        condition &= Q(search_key__contains=word)
    return condition


def participant_get_for_user(user: User, pk: int, *, permission: str = "participant.view") -> Participant:
    """A participant's file, if the user may see it; the read is audited."""
    organisation_ids = policy.organisation_ids_where(user, permission)
    participant = (
        # The organisation and the gmina, which the file shows; nothing reads who registered
        # the person, and each join costs every page that opens a person.
        Participant.objects.select_related("organisation", "gmina")
        .filter(pk=pk, organisation_id__in=organisation_ids)
        .first()
    )
    if participant is None:
        raise Http404
    log_reads([participant], actor=user)
    return participant


@dataclass(frozen=True)
class ParticipantFile:
    """A person's file and the rows of the tab open on it."""

    participant: Participant
    consents: list[Consent] = field(default_factory=list)
    family: list[FamilyMember] = field(default_factory=list)
    enrolments: list[Any] = field(default_factory=list)  # programmes' Enrolment, by its relation
    summary: list[SummarySection] = field(default_factory=list)
    attachments: AttachmentList | None = None


FILE_TABS = ("data", "consents", "family", "programmes", "attachments")
ATTACHMENT_KIND = "participant"


def participant_file_for_user(user: User, pk: int, tab: str = "data") -> ParticipantFile:
    """The file with one tab's rows: a tab is its own page, so a file costs the same few queries
    whatever its size; the person and the rows shown are logged as read together."""
    with reads_together():
        participant = participant_get_for_user(user, pk)
        if tab == "consents":
            consents = list(
                participant.consents.select_related("recorded_by", "withdrawal_recorded_by").order_by(
                    "withdrawn_on", "-given_on", "kind"
                )
            )
            log_reads(consents, actor=user)
            return ParticipantFile(participant, consents=consents)
        if tab == "family":
            family = list(participant.family.filter(removed_on__isnull=True))
            log_reads(family, actor=user)
            return ParticipantFile(participant, family=family)
        if tab == "programmes":
            enrolments = list(
                participant.enrolments.select_related("programme", "group").order_by("-applied_at")
            )
            return ParticipantFile(participant, enrolments=enrolments)
        if tab == "attachments":
            return ParticipantFile(
                participant, attachments=attachments_of(user, ATTACHMENT_KIND, participant)
            )
        # The first tab opens with what matters now, each app's part read by its own provider.
        return ParticipantFile(participant, summary=summary_for(user, participant))


def consents_in_force_summary(user: User, participant: Participant) -> SummarySection:
    """The file's summary: the consents in force (the user opened the file, so may see them)."""
    # Each consent knows its person from the relation it was read through: no join.
    consents = list(
        participant.consents.filter(withdrawn_on__isnull=True).order_by("kind")[: ITEMS_SHOWN * 2]
    )
    log_reads(consents, actor=user)
    return SummarySection(
        key="consents",
        title=_("Consents in force"),
        empty=_("No consent in force."),
        url="?tab=consents",
        items=[
            SummaryItem(text=consent.get_kind_display(), when=consent.given_on, when_label=_("given on"))
            for consent in consents
        ],
    )


def duplicates_for(
    user: User, data: ParticipantData, *, exclude_pk: int | None = None, organisation_id: int | None = None
) -> list[Participant]:
    """Participants within the user's reach (in ``organisation_id`` only, if given) that look
    like the same person.

    Same PESEL, or the same name (ignoring diacritics and case) and birth date. A warning for
    the person registering, never a block: namesakes born on the same day exist.
    """
    key = identifiers.search_key(data.last_name, data.first_name)
    condition = Q(pk__in=[])
    if data.pesel:
        condition |= Q(pesel=data.pesel)
    if key and data.birth_date:
        condition |= Q(search_key=key, birth_date=data.birth_date)
    organisation_ids = policy.organisation_ids_where(user, "participant.view")
    if organisation_id is not None:
        organisation_ids &= {organisation_id}
    matches = Participant.objects.filter(condition, organisation_id__in=organisation_ids).select_related(
        "organisation"
    )
    if exclude_pk is not None:
        matches = matches.exclude(pk=exclude_pk)
    shown = list(matches[:10])
    log_reads(shown, actor=user)
    return shown


def family_member_get_for_user(
    user: User, participant_pk: int, pk: int, *, permission: str = "participant.view"
) -> FamilyMember:
    """A family member or contact (not removed) of a person the user may see; both are logged as read."""
    return _record_of_person(
        FamilyMember, user, participant_pk, pk, permission, current=Q(removed_on__isnull=True)
    )


def consent_get_for_user(
    user: User, participant_pk: int, pk: int, *, permission: str = "participant.view"
) -> Consent:
    """A consent of a person the user may see; both are logged as read."""
    return _record_of_person(Consent, user, participant_pk, pk, permission)


def _record_of_person[R: (FamilyMember, Consent)](
    model: type[R], user: User, participant_pk: int, pk: int, permission: str, current: Q | None = None
) -> R:
    """One record of a person's file, found through the person's organisation (404 otherwise);
    ``current`` leaves out records no longer in the file (a removed family member)."""
    record = (
        model.objects.select_related("participant__organisation")
        .filter(current or Q())
        .filter(
            pk=pk,
            participant_id=participant_pk,
            participant__organisation_id__in=policy.organisation_ids_where(user, permission),
        )
        .first()
    )
    if record is None:
        raise Http404
    log_reads([record.participant, record], actor=user)
    return record
