"""Which programmes a report may cover, for the user asking.

The staff of an organisation (``report.view``) report on its programmes, on the whole
organisation, and on a partnership their organisation is a member of (then every member's
programmes: counts only, never a person). A programme, organisation or partnership the user may
not report on is refused with the same message as one that does not exist, naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from reintegra.audit.bulk import Read, log_reads
from reintegra.collation import sort_key
from reintegra.outcomes import indicators
from reintegra.outcomes.facts import facts_for
from reintegra.partnership.models import Partnership, PartnershipMember
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, Programme

PERMISSION = "report.view"


@dataclass(frozen=True)
class ReportScope:
    """What a report covers: its subject's name and the programmes it adds up."""

    name: str
    programmes: list[Programme]


def _not_found(field: str) -> ValidationError:
    messages = {
        "programme": _("There is no such programme among those you may report on."),
        "organisation": _("There is no such organisation among those you may report on."),
        "partnership": _("There is no such partnership among those you may report on."),
    }
    return ValidationError({field: messages[field]}, code="not_found")


def report_scope_for_user(
    user: User,
    *,
    programme: int | None = None,
    organisation: int | None = None,
    partnership: int | None = None,
) -> ReportScope:
    """The programmes of exactly one of: a programme, an organisation, a partnership (by id).

    Raises ``ValidationError`` naming the field (code ``not_found`` for one the user may not
    report on, ``scope`` when not exactly one is given)."""
    given = [value for value in (programme, organisation, partnership) if value is not None]
    if len(given) != 1:
        raise ValidationError(
            {"programme": _("Choose one programme, one organisation or one partnership.")}, code="scope"
        )
    organisation_ids = policy.organisation_ids_where(user, PERMISSION)
    if programme is not None:
        found = Programme.objects.filter(pk=programme, organisation_id__in=organisation_ids).first()
        if found is None:
            raise _not_found("programme")
        return ReportScope(found.name, [found])
    if organisation is not None:
        if organisation not in organisation_ids:
            raise _not_found("organisation")
        name = Organisation.objects.filter(pk=organisation).values_list("name", flat=True).first()
        if name is None:
            raise _not_found("organisation")
        return ReportScope(name, list(Programme.objects.filter(organisation_id=organisation).order_by("pk")))
    assert partnership is not None  # exactly one was given
    found_partnership = Partnership.objects.filter(
        pk=partnership, members__organisation_id__in=organisation_ids
    ).first()
    if found_partnership is None:
        raise _not_found("partnership")
    members = PartnershipMember.objects.filter(partnership=found_partnership).values("organisation_id")
    programmes = list(Programme.objects.filter(organisation_id__in=members).order_by("pk"))
    return ReportScope(found_partnership.name, programmes)


# --- The data-completeness check -------------------------------------------------------------

MISSING_LABELS = {
    "entry_date": gettext_lazy("date of entry"),
    "sex": gettext_lazy("sex"),
    "age_at_entry": gettext_lazy("age at entry (birth date)"),
    "education": gettext_lazy("education (ISCED)"),
    "labour_status": gettext_lazy("labour-market status"),
    "disability": gettext_lazy("disability"),
    "third_country_national": gettext_lazy("third-country national"),
    "foreign_background": gettext_lazy("foreign background"),
    "minority": gettext_lazy("national or ethnic minority"),
    "homeless": gettext_lazy("homeless or affected by housing exclusion"),
    "residence": gettext_lazy("place of residence (gmina or DEGURBA)"),
    indicators.EXIT_SITUATION: gettext_lazy("situation on leaving (exit record)"),
    indicators.FOLLOW_UP_6: gettext_lazy("follow-up 6 months after leaving"),
}


@dataclass(frozen=True)
class Incomplete:
    """A participant who cannot be counted yet (``counted`` False: in no indicator at all), or
    not fully (``counted`` True: the exit situation or the 6-month follow-up is missing)."""

    enrolment_id: int
    participant_id: int
    name: str
    programme: str
    entered_on: date | None
    missing: tuple[str, ...]  # keys of MISSING_LABELS, in its order
    counted: bool

    @property
    def missing_labels(self) -> list[str]:
        return [str(MISSING_LABELS[key]) for key in self.missing]


def completeness_for_user(
    user: User, *, on: date, programme: int | None = None, organisation: int | None = None
) -> list[Incomplete]:
    """The participants of one programme or the whole organisation (the user's own: names are
    shown, so never a partnership's) who cannot be counted yet and what is missing, by
    docs/indicators.md's completeness rule on the day ``on``; people who cannot be counted at all
    first, then by name. Every person listed is logged as read, in one statement; three queries
    whatever the number of people."""
    scope = report_scope_for_user(user, programme=programme, organisation=organisation)
    names = {found.pk: found.name for found in scope.programmes}
    found = [(fact, missing) for fact in facts_for(names) if (missing := indicators.missing(fact, on))]
    enrolments = {
        row["pk"]: row
        for row in Enrolment.objects.filter(pk__in=[fact.enrolment_id for fact, _missing in found]).values(
            "pk",
            "participant_id",
            "participant__first_name",
            "participant__last_name",
            "participant__organisation_id",
        )
    }
    listed = []
    for fact, missing in found:
        row = enrolments[fact.enrolment_id]
        listed.append(
            Incomplete(
                enrolment_id=fact.enrolment_id,
                participant_id=row["participant_id"],
                name=f"{row['participant__first_name']} {row['participant__last_name']}",
                programme=names[fact.programme_id],
                entered_on=fact.entered_on,
                missing=tuple(missing),
                counted=indicators.is_counted(fact),
            )
        )
    by_last_name = {
        pk: sort_key(f"{row['participant__last_name']} {row['participant__first_name']}")
        for pk, row in enrolments.items()
    }
    listed.sort(key=lambda item: (item.counted, by_last_name[item.enrolment_id], item.programme))
    log_reads(
        [
            Read(
                Participant,
                item.participant_id,
                item.name,
                (enrolments[item.enrolment_id]["participant__organisation_id"],),
            )
            for item in listed
        ],
        actor=user,
    )
    return listed
