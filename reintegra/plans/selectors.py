"""Reads of individual plans, scoped to the organisations where the user may see the person.

A plan of another organisation is a 404, the same as one that does not exist. The functions
that return plans log the reads themselves: a plan opened with its goals, actions and signatures
(one statement for all of them), a person's or a group's list of plans.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.attachments.selectors import AttachmentList, attachments_of
from reintegra.audit.bulk import log_reads, reads_together
from reintegra.collation import by_name
from reintegra.people.models import Participant
from reintegra.people.selectors import participant_get_for_user
from reintegra.people.summary import SummaryItem, SummarySection
from reintegra.plans.models import IndividualPlan, PlanAction, PlanGoal, PlanSignature, PlanStatus
from reintegra.programmes.models import Group, Programme
from reintegra.questionnaires.models import Response

PLAN_RELATED = (
    "participant",
    "participant__organisation",
    "group__programme",
    "organisation",
    "programme",
    "created_by",
)
GROUP_LIMIT = 200
ATTACHMENT_KIND = "plan"


def plan_get_for_user(user: User, pk: int, *, permission: str = "casework.view") -> IndividualPlan:
    """A plan (any version), if the user may see its person; the read is audited."""
    plan = (
        IndividualPlan.objects.select_related(*PLAN_RELATED, "source_response__version__questionnaire")
        .filter(pk=pk, organisation_id__in=policy.organisation_ids_where(user, permission))
        .first()
    )
    if plan is None:
        raise Http404
    log_reads([plan], actor=user)
    return plan


@dataclass(frozen=True)
class PlanFile:
    """A plan as its pages and its PDF show it."""

    plan: IndividualPlan
    goals: list[PlanGoal]
    actions: list[PlanAction]
    signatures: list[PlanSignature]
    attachments: AttachmentList | None = None


def plan_file_for_user(
    user: User, pk: int, *, permission: str = "casework.view", with_attachments: bool = False
) -> PlanFile:
    """A plan (any version) with its goals, actions and signatures (and, asked, the files
    attached to it), all logged as read together."""
    with reads_together():
        file = _file_of(user, plan_get_for_user(user, pk, permission=permission))
        if with_attachments:
            file = replace(file, attachments=attachments_of(user, ATTACHMENT_KIND, file.plan))
        return file


def current_plan_file_for_user(user: User, plan: IndividualPlan) -> PlanFile:
    """The newest version of a plan the user has opened (say, after someone else saved it)."""
    current = (
        IndividualPlan.objects.filter(series=plan.series, next_version__isnull=True)
        .select_related(*PLAN_RELATED)
        .first()
    ) or plan
    with reads_together():
        log_reads([current], actor=user)
        return _file_of(user, current)


def _file_of(user: User, plan: IndividualPlan) -> PlanFile:
    file = PlanFile(
        plan,
        goals=list(_goals_of(plan)),
        actions=list(_actions_of(plan)),
        signatures=list(_signatures_of(plan)),
    )
    log_reads([*file.goals, *file.actions, *file.signatures], actor=user)
    return file


PLANS_LISTED = 100


def person_plans_for_user(
    user: User, participant_pk: int, *, permission: str = "casework.view"
) -> tuple[Participant, list[IndividualPlan]]:
    """A person and their plans (the newest version of each, at most ``PLANS_LISTED``), all
    logged as read together."""
    with reads_together():
        participant = participant_get_for_user(user, participant_pk, permission=permission)
        plans = list(_plans_of(participant)[:PLANS_LISTED])
        log_reads(plans, actor=user)
    return participant, plans


def group_plans_for_user(user: User, group: Group) -> list[IndividualPlan]:
    """The plans of a group the user has opened (``group_get_for_user``), each logged as read."""
    plans = list(_plans_of_group(group)[:PLANS_LISTED])
    log_reads(plans, actor=user)
    return plans


def _plans_of(participant: Participant) -> QuerySet[IndividualPlan]:
    """The person's plans, newest version of each."""
    return (
        IndividualPlan.objects.filter(participant=participant, next_version__isnull=True)
        .select_related("participant", "programme")
        .order_by("-starts_on", "-pk")
    )


def open_plans_of(participant: Participant) -> QuerySet[IndividualPlan]:
    return _plans_of(participant).exclude(status=PlanStatus.CLOSED)


def versions_of(plan: IndividualPlan) -> QuerySet[IndividualPlan]:
    return IndividualPlan.objects.filter(series=plan.series).select_related("participant").order_by("-number")


def _goals_of(plan: IndividualPlan) -> QuerySet[PlanGoal]:
    return plan.goals.select_related("plan").order_by("position", "pk")


def _actions_of(plan: IndividualPlan) -> QuerySet[PlanAction]:
    return plan.actions.select_related("plan", "worker", "next_step").order_by("position", "pk")


def _signatures_of(plan: IndividualPlan) -> QuerySet[PlanSignature]:
    return plan.signatures.select_related("plan").order_by("signed_on", "pk")


def responses_for_plan(participant: Participant) -> QuerySet[Response]:
    """The person's questionnaire responses a plan may start from (answers not loaded)."""
    return (
        Response.objects.filter(participant=participant)
        .select_related("version__questionnaire")
        .defer("answers")
        .order_by("-filled_on", "-pk")
    )


def programmes_of(participant: Participant) -> QuerySet[Programme]:
    """The programmes the person has an enrolment in: a plan may belong to one of them."""
    return Programme.objects.filter(enrolments__participant=participant).distinct().order_by(*by_name("name"))


# --- Group action plans -----------------------------------------------------------------


def groups_for_user(user: User, *, permission: str = "casework.view") -> QuerySet[Group]:
    """The groups of the programmes of the user's organisations, with their number of plans."""
    return (
        Group.objects.filter(programme__organisation_id__in=policy.organisation_ids_where(user, permission))
        .select_related("programme")
        .annotate(plan_count=Count("plans", filter=Q(plans__next_version__isnull=True)))
        .order_by(*by_name("programme__name", "name"))[:GROUP_LIMIT]
    )


def group_get_for_user(user: User, pk: int, *, permission: str = "casework.view") -> Group:
    group = (
        Group.objects.select_related("programme__organisation")
        .filter(pk=pk, programme__organisation_id__in=policy.organisation_ids_where(user, permission))
        .first()
    )
    if group is None:
        raise Http404
    return group


def _plans_of_group(group: Group) -> QuerySet[IndividualPlan]:
    """The group's plans, newest version of each."""
    return (
        IndividualPlan.objects.filter(group=group, next_version__isnull=True)
        .select_related("group", "programme")
        .order_by("-starts_on", "-pk")
    )


def current_plan_summary(user: User, participant: Participant) -> SummarySection | None:
    """The file's summary: the person's newest open plan and its next review; logged as read."""
    if not policy.can(user, "casework.view", participant):
        return None
    # The summary shows the plan's own fields: read without the person and the programme the
    # query costs a third less, on the file's first screen, opened all day long.
    plan = open_plans_of(participant).select_related(None).first()
    items = []
    if plan is not None:
        log_reads([plan], actor=user)
        items.append(
            SummaryItem(
                text=str(plan),
                url=reverse("plans:plan_detail", args=[plan.pk]),
                status=plan.get_status_display(),
                when=plan.review_on,
                when_label=_("next review"),
            )
        )
    return SummarySection(
        key="plan",
        title=_("Current plan"),
        empty=_("No open plan."),
        url=reverse("plans:plans", args=[participant.pk]),
        items=items,
    )
