"""Reads of staff training, scoped to the requesting user.

A training, session, supervision, certificate or programme the user may not see answers
``Http404``, as one that does not exist. The staff of an organisation see its trainings; every
staff member sees their own record (attendance, certificates, supervisions), wherever it was kept.
These are records of the staff, never of the people a programme serves.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.collation import by_name
from reintegra.programmes.models import Programme, role_names
from reintegra.programmes.services import staff_roles_in_force
from reintegra.training.models import (
    Completion,
    Module,
    SupervisionSession,
    Training,
    TrainingAttendance,
    TrainingRequirement,
    TrainingSession,
)
from reintegra.training.services import attendable_staff, person_name

# --- Trainings -----------------------------------------------------------------------------


def training_list_for_user(user: User) -> QuerySet[Training]:
    """The trainings of the organisations where the user is staff, with their size."""
    return (
        Training.objects.filter(organisation_id__in=policy.organisation_ids_where(user, "training.view"))
        .select_related("organisation")
        .annotate(
            module_count=Count("modules", distinct=True),
            hours=Sum("modules__hours"),
            completion_count=Count("completions", distinct=True),
        )
        .order_by(*by_name("name"), "pk")
    )


def trainings_table(trainings: QuerySet[Training]) -> tuple[list[str], list[list[str]]]:
    """The list as a table to export; ``trainings`` as ``training_list_for_user`` annotates them."""
    headers = [_("Training"), _("Organisation"), _("Modules"), _("Hours"), _("Completed by")]
    rows = [[t.name, str(t.organisation), *(str(getattr(t, name) or 0) for name in SIZE)] for t in trainings]
    return headers, rows


SIZE = ("module_count", "hours", "completion_count")


def training_get_for_user(user: User, pk: int, *, permission: str = "training.view") -> Training:
    training = Training.objects.select_related("organisation").filter(pk=pk).first()
    if training is None or not policy.can(user, permission, training):
        raise Http404
    return training


@dataclass(frozen=True)
class TrainingPage:
    modules: list[Module]
    completions: list[Completion]
    hours: Decimal


def training_page(training: Training) -> TrainingPage:
    """The modules in order, each with its sessions and who attended them, and the completions."""
    sessions = TrainingSession.objects.order_by("starts_at", "pk").prefetch_related(
        Prefetch(
            "attendances",
            TrainingAttendance.objects.select_related("user").order_by(
                *by_name("user__last_name", "user__first_name"), "pk"
            ),
        )
    )
    modules = list(
        training.modules.order_by("position", "pk").prefetch_related(Prefetch("sessions", sessions))
    )
    completions = list(
        training.completions.select_related("user", "issued_by").order_by("-completed_on", "pk")
    )
    return TrainingPage(
        modules=modules, completions=completions, hours=sum((m.hours for m in modules), Decimal(0))
    )


def completions_table(completions: list[Completion]) -> tuple[list[str], list[list[str]]]:
    headers = [_("Person"), _("Completed on"), _("Certificate number"), _("Issued by")]
    rows = [
        [
            person_name(c.user),
            c.completed_on.isoformat(),
            c.certificate_number,
            person_name(c.issued_by) if c.issued_by else "",
        ]
        for c in completions
    ]
    return headers, rows


def session_get_for_user(user: User, pk: int, *, permission: str = "training.view") -> TrainingSession:
    session = TrainingSession.objects.select_related("module__training__organisation").filter(pk=pk).first()
    if session is None or not policy.can(user, permission, session):
        raise Http404
    return session


@dataclass(frozen=True)
class AttendanceRow:
    user: User
    present: bool

    @property
    def name(self) -> str:
        return person_name(self.user)


def attendance_rows(session: TrainingSession) -> list[AttendanceRow]:
    """The team of the training's organisation, each marked present or not; anyone marked who
    has since left the team is listed too."""
    present = {mark.user_id: mark.user for mark in session.attendances.select_related("user")}
    team = attendable_staff(session)
    shown = {user.pk for user in team}
    everyone = team + [user for pk, user in present.items() if pk not in shown]
    return [AttendanceRow(user=user, present=user.pk in present) for user in everyone]


def trainees(training: Training) -> list[User]:
    """Whom a completion may be recorded for: the organisation's team."""
    from reintegra.training.services import team

    return team(training.organisation_id)


# --- Certificates and one's own record -----------------------------------------------------


def completion_get_for_user(user: User, pk: int) -> Completion:
    """A certificate: its holder's own, or one of an organisation where the user sees trainings."""
    completion = (
        Completion.objects.select_related("training__organisation", "user", "issued_by").filter(pk=pk).first()
    )
    if completion is None or not (
        completion.user_id == user.pk or policy.can(user, "training.view", completion)
    ):
        raise Http404
    return completion


def certificate_modules(completion: Completion) -> list[Module]:
    return list(completion.training.modules.order_by("position", "pk"))


@dataclass(frozen=True)
class TrainingRecord:
    completions: list[Completion]
    attended: list[TrainingSession]
    supervisions: list[SupervisionSession]


def own_record(user: User) -> TrainingRecord:
    """The user's own certificates, training sessions attended and supervisions taken part in."""
    return TrainingRecord(
        completions=list(
            user.training_completions.select_related("training__organisation").order_by("-completed_on", "pk")
        ),
        attended=list(
            TrainingSession.objects.filter(attendances__user=user)
            .select_related("module__training")
            .order_by("-starts_at", "pk")
        ),
        supervisions=list(user.supervisions.select_related("organisation").order_by("-held_on", "-pk")),
    )


# --- Supervision ---------------------------------------------------------------------------


def supervision_list_for_user(user: User) -> QuerySet[SupervisionSession]:
    return (
        SupervisionSession.objects.filter(
            organisation_id__in=policy.organisation_ids_where(user, "training.view")
        )
        .select_related("organisation", "programme")
        .prefetch_related(Prefetch("staff", User.objects.order_by(*by_name("last_name", "first_name"), "pk")))
        .order_by("-held_on", "-pk")
    )


def supervisions_table(supervisions: QuerySet[SupervisionSession]) -> tuple[list[str], list[list[str]]]:
    headers = [
        _("Date"),
        _("Organisation"),
        _("Programme"),
        _("Supervisor"),
        _("Topic"),
        _("Duration (min)"),
        _("Staff"),
    ]
    rows = [
        [
            s.held_on.isoformat(),
            str(s.organisation),
            str(s.programme or ""),
            s.supervisor,
            s.topic,
            str(s.duration_minutes),
            ", ".join(person_name(u) for u in s.staff.all()),
        ]
        for s in supervisions
    ]
    return headers, rows


# --- Requirements --------------------------------------------------------------------------


def programmes_for_user(user: User) -> QuerySet[Programme]:
    """The programmes whose requirements the user sees: those of organisations where they are staff."""
    return (
        Programme.objects.filter(organisation_id__in=policy.organisation_ids_where(user, "training.view"))
        .select_related("organisation")
        .annotate(requirement_count=Count("training_requirements"))
        .order_by(*by_name("name"), "pk")
    )


def programme_get_for_user(user: User, pk: int, *, permission: str = "training.view") -> Programme:
    programme = Programme.objects.select_related("organisation", "template").filter(pk=pk).first()
    if programme is None or not policy.can(user, permission, programme):
        raise Http404
    return programme


@dataclass(frozen=True)
class RequirementRow:
    requirement: TrainingRequirement
    role_name: str
    untrained: list[User]  # holders of the role today who have not completed the training


def requirement_rows(programme: Programme) -> list[RequirementRow]:
    """Each requirement with the role's name and today's holders who lack the training (they
    keep the role, but lead no session until they complete it)."""
    names = role_names(programme.template)
    requirements = list(programme.training_requirements.select_related("training").order_by("role", "pk"))
    holders = list(staff_roles_in_force(programme).select_related("user"))
    completed = set(
        Completion.objects.filter(
            training_id__in=[r.training_id for r in requirements], user_id__in=[h.user_id for h in holders]
        ).values_list("training_id", "user_id")
    )
    return [
        RequirementRow(
            requirement=r,
            role_name=names.get(r.role, r.role),
            untrained=[
                h.user for h in holders if h.role == r.role and (r.training_id, h.user_id) not in completed
            ],
        )
        for r in requirements
    ]


def requirement_get(programme: Programme, pk: int) -> TrainingRequirement:
    requirement = programme.training_requirements.filter(pk=pk).select_related("training").first()
    if requirement is None:
        raise Http404
    return requirement


def trainings_of(programme: Programme) -> QuerySet[Training]:
    return Training.objects.filter(organisation_id=programme.organisation_id).order_by(*by_name("name"), "pk")


def supervision_programmes(organisation_ids: list[int]) -> QuerySet[Programme]:
    return Programme.objects.filter(organisation_id__in=organisation_ids).order_by(*by_name("name"), "pk")


def staff_of(organisation_ids: list[int]) -> QuerySet[User]:
    """The active team of the organisations, for a supervision's list of who took part."""
    return (
        User.objects.filter(
            Q(memberships__organisation_id__in=organisation_ids) & Q(memberships__role__in=policy.TEAM_ROLES),
            is_active=True,
        )
        .distinct()
        .order_by(*by_name("last_name", "first_name"), "pk")
    )
