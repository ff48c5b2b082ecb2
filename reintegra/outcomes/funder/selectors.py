"""Reads for funders, scoped to the requesting user.

A funding body's reviewer reads programmes linked to her body and, for one of them, its report
for a period. That report comes from one place, ``funded_report_for_user``, and always through the
suppression: the funder's pages and exports have no other source of figures, so no page of hers
can show a small cell or a person. A programme her body does not fund answers ``Http404``, as one
that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, OrganisationType, User
from reintegra.collation import by_name
from reintegra.outcomes.models import ProgrammeFunding
from reintegra.outcomes.reports.services import build_report
from reintegra.outcomes.suppression import suppress
from reintegra.outcomes.tables import Period, Report
from reintegra.programmes.models import Programme

# --- The funder's reads ------------------------------------------------------------------


def funded_programmes_for_user(user: User) -> QuerySet[Programme]:
    """The programmes funded by the bodies where the user is a funder's reviewer."""
    return (
        Programme.objects.filter(fundings__funder_id__in=policy.organisation_ids_where(user, "report.funded"))
        .distinct()
        .select_related("organisation")
        .order_by(*by_name("name"), "pk")
    )


def funded_programme_get_for_user(user: User, pk: int) -> Programme:
    programme = funded_programmes_for_user(user).filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


@dataclass(frozen=True)
class FundedReport:
    programme: Programme
    report: Report
    threshold: int


def funded_report_for_user(user: User, pk: int, period: Period) -> FundedReport:
    """The suppressed report of a programme the user's body funds, for the period."""
    programme = funded_programme_get_for_user(user, pk)
    threshold = settings.REPORT_SUPPRESSION_THRESHOLD
    return FundedReport(
        programme,
        suppress(
            _programme_report(programme, period),
            threshold=threshold,
            hide_zeros=settings.REPORT_SUPPRESSION_HIDES_ZEROS,
        ),
        threshold,
    )


def _programme_report(programme: Programme, period: Period) -> Report:
    """The indicator report of the programme with every section's tables: counts only."""
    return build_report([programme], period, title=programme.name)


# --- The programme organisation's reads --------------------------------------------------


def programmes_with_funders_for_user(user: User) -> QuerySet[Programme]:
    """The programmes of the organisations where the user keeps funding links, with the links."""
    return (
        Programme.objects.filter(organisation_id__in=policy.organisation_ids_where(user, "funding.manage"))
        .select_related("organisation")
        .prefetch_related(
            Prefetch("fundings", queryset=ProgrammeFunding.objects.select_related("funder").order_by("pk"))
        )
        .order_by(*by_name("name"), "pk")
    )


def funding_get_for_user(user: User, programme_pk: int, pk: int) -> ProgrammeFunding:
    funding = (
        ProgrammeFunding.objects.select_related("programme", "funder")
        .filter(pk=pk, programme_id=programme_pk)
        .first()
    )
    if funding is None or not policy.can(user, "funding.manage", funding):
        raise Http404
    return funding


def funding_bodies() -> QuerySet[Organisation]:
    """The organisations a programme may be linked to: funding bodies, by name."""
    return Organisation.objects.filter(type=OrganisationType.FUNDING_BODY).order_by(*by_name("name"), "pk")
