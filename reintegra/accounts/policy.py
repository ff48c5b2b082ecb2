"""The access policy: the one place that answers "may this user do this to this object".

Two layers use it:

* views declare who may reach them with ``@public``, ``@authenticated`` or ``@requires(...)``;
  a test walks every URL pattern and API route and fails on one without a declaration;
* access functions in the selectors ask ``can()`` / ``organisations_where()`` and answer a
  refused object with the same 404 as a missing one, so existence does not leak.

An object takes part by having ``scope_organisation_ids()``: the organisations it belongs to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from reintegra.accounts.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from reintegra.accounts.models import Organisation, User

ALL_ROLES = frozenset(Role)
STAFF_ROLES = frozenset({Role.ORG_ADMIN, Role.COORDINATOR, Role.CASE_WORKER})
# Who is on an organisation's team: everyone but the participants it serves.
TEAM_ROLES = ALL_ROLES - {Role.PARTICIPANT}


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    allows_self: bool = False


RULES: dict[str, Rule] = {
    "organisation.view": Rule(roles=ALL_ROLES),
    "organisation.manage": Rule(roles=frozenset({Role.ORG_ADMIN})),
    "audit.view": Rule(roles=frozenset({Role.ORG_ADMIN})),
    "user.list": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    "user.view": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR}), allows_self=True),
    "user.change": Rule(roles=frozenset({Role.ORG_ADMIN}), allows_self=True),
    # Staff administration: adding colleagues, changing their roles, deactivating leavers.
    "user.manage": Rule(roles=frozenset({Role.ORG_ADMIN})),
    # Participants' records: the staff of the organisation that keeps them.
    "participant.view": Rule(roles=STAFF_ROLES),
    "participant.create": Rule(roles=STAFF_ROLES),
    "participant.change": Rule(roles=STAFF_ROLES),
    # Programmes: coordinators run recruitment; staff see the programme.
    "programme.view": Rule(roles=STAFF_ROLES),
    "programme.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    # Questionnaires: coordinators build and publish them; answers follow participant.view/change.
    "questionnaire.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    # Case work: staff record meetings and services; coordinators assign case workers.
    "casework.view": Rule(roles=STAFF_ROLES),
    "casework.record": Rule(roles=STAFF_ROLES),
    "casework.assign": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    # Partnerships: members' staff and partner viewers see them; administrators manage members.
    "partnership.view": Rule(roles=STAFF_ROLES | {Role.PARTNER_VIEWER}),
    "partnership.manage": Rule(roles=frozenset({Role.ORG_ADMIN})),
    # Partnership meetings, workshop ideas and study visits (partnership/meetings): the members'
    # staff and partner viewers read them (partnership.view); the members' administrators and
    # coordinators record and edit them.
    "partnership.meet": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    # Referrals: staff send their people; the receiver's coordinators and case workers act on
    # them, its partner viewers only read them.
    "referral.send": Rule(roles=STAFF_ROLES),
    "referral.view": Rule(roles=STAFF_ROLES | {Role.PARTNER_VIEWER}),
    "referral.act": Rule(roles=frozenset({Role.COORDINATOR, Role.CASE_WORKER})),
    # Venues: staff see them, book resources and log visits; coordinators set venues up.
    "venue.view": Rule(roles=STAFF_ROLES),
    "venue.book": Rule(roles=STAFF_ROLES),
    "venue.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    # Sessions: staff see the calendars; coordinators schedule; the leader (or a coordinator)
    # marks attendance, which the services check per session.
    "session.view": Rule(roles=STAFF_ROLES),
    "session.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    "attendance.record": Rule(roles=STAFF_ROLES),
    # Placements (employers/placements): staff of the organisation that keeps the person's file
    # propose them for offers and follow the placement; an employer's contacts answer for their
    # employer and see only the candidates proposed to it; mentors are the employer's, managed
    # by its contacts and by the staff of the organisation that keeps the employer.
    "placement.view": Rule(roles=STAFF_ROLES),
    "placement.propose": Rule(roles=STAFF_ROLES),
    "placement.employer": Rule(roles=frozenset({Role.EMPLOYER_CONTACT})),
    "mentor.manage": Rule(roles=STAFF_ROLES | {Role.EMPLOYER_CONTACT}),
    # Job fairs and the CSR contest (employers/fairs): the organiser's staff see them, invite
    # people, check them in and record interviews and outcomes; its coordinators set fairs and
    # contests up; an employer contact signs her employer up for a fair and reads a published
    # result (her employer decided by the selectors). Jurors are checked per contest.
    "fair.view": Rule(roles=STAFF_ROLES),
    "fair.record": Rule(roles=STAFF_ROLES),
    "fair.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    "fair.sign_up": Rule(roles=frozenset({Role.EMPLOYER_CONTACT})),
    "contest.view": Rule(roles=STAFF_ROLES),
    "contest.nominate": Rule(roles=STAFF_ROLES),
    "contest.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    # The participant's own page: their linked record only, decided by its selectors.
    "own_page.view": Rule(roles=frozenset({Role.PARTICIPANT})),
    # Employers and offers (reintegra/employers/selectors.py decides per object): the keeping
    # organisation's staff and the staff of its partnership's members see them, the employer's
    # own contacts see their employer only; the keeping organisation's administrators and
    # coordinators manage the employer, its coordinators and case workers and the employer's
    # contacts manage offers.
    "employer.view": Rule(roles=STAFF_ROLES | {Role.EMPLOYER_CONTACT}),
    # The staff's lists and pages of employers and offers; a contact has her own pages (employer.own).
    "employer.list": Rule(roles=STAFF_ROLES),
    "employer.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    "employer.own": Rule(roles=frozenset({Role.EMPLOYER_CONTACT})),
    "offer.view": Rule(roles=STAFF_ROLES | {Role.EMPLOYER_CONTACT}),
    "offer.manage": Rule(roles=frozenset({Role.COORDINATOR, Role.CASE_WORKER, Role.EMPLOYER_CONTACT})),
    # Needs surveys of employers: the keeping organisation's coordinators open and send rounds,
    # enter answers given by phone and read the demand; an employer contact answers for her
    # own employer only (the answer's scope is the round's organisation and the employer's).
    "survey.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    "survey.answer": Rule(roles=frozenset({Role.EMPLOYER_CONTACT})),
    # Matching (reintegra/employers/matching): the staff who see a person see her suggested
    # offers and the people suggested for an offer they see; coordinators and case workers
    # override a suggestion. Employer contacts never reach these pages.
    "match.view": Rule(roles=STAFF_ROLES),
    "match.override": Rule(roles=frozenset({Role.COORDINATOR, Role.CASE_WORKER})),
    # Indicator reports (reintegra/outcomes/reports): counts only, never a person, so the whole
    # staff of an organisation report on its programmes, the organisation and its partnerships
    # (case workers already see every participant's record).
    "report.view": Rule(roles=STAFF_ROLES),
    # The data-completeness check names the people who cannot be counted yet, so it follows who
    # sees them (the staff of the organisation that keeps the programme).
    "report.completeness": Rule(roles=STAFF_ROLES),
    # The evaluation survey's before/after report (outcomes/evaluation): counts and means of the
    # organisation's programmes, for its staff; the surveys follow participant.view/change.
    "evaluation.view": Rule(roles=STAFF_ROLES),
    # Funders (reintegra/outcomes/funder): a funding body's reviewers read the aggregate,
    # suppressed reports of the programmes linked to their body (the selectors decide which) and
    # nothing else; the programme's organisation's administrators and coordinators keep those
    # links and take the anonymised row-level file for evaluators.
    "report.funded": Rule(roles=frozenset({Role.FUNDER})),
    "funding.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    "anonymised.export": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    # Dashboards (outcomes/dashboards): charts of counts, never a person, of the programmes of
    # the organisations where the user is staff, and of each organisation as a whole.
    "dashboard.view": Rule(roles=STAFF_ROLES),
    # Exits and follow-ups (outcomes/exits): the staff of the organisation that runs the
    # programme see a person's situation on leaving and her follow-ups and record the follow-ups;
    # its coordinators record the exit itself, which makes the person leave the programme. The
    # person answers her own follow-up from her own page (own_page.view).
    "exit.view": Rule(roles=STAFF_ROLES),
    "exit.record": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    "follow_up.record": Rule(roles=STAFF_ROLES),
    # Reach (outcomes/reach): the staff of the organisation that runs a programme see and record
    # how many people each participant told about it; the person records her own from her own
    # page (own_page.view).
    "reach.view": Rule(roles=STAFF_ROLES),
    "reach.record": Rule(roles=STAFF_ROLES),
    # Staff training (reintegra/training): the staff of an organisation see its trainings,
    # supervisions and the training its programmes require; its administrators and coordinators
    # set trainings up, record attendance and completions, issue certificates and set the
    # requirements. Every staff member sees their own record ("My trainings").
    "training.view": Rule(roles=STAFF_ROLES),
    "training.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    # Mobile outreach (reintegra/outreach): staff see the mobile teams, their plans and routes;
    # coordinators set a team up, plan its weeks and put the visits on the calendar.
    "outreach.view": Rule(roles=STAFF_ROLES),
    "outreach.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
    # Costs (outcomes/costs): a programme's expenses, by category and funding source. Its
    # organisation's staff see them; its administrators and coordinators record, correct and
    # remove them.
    "cost.view": Rule(roles=STAFF_ROLES),
    "cost.manage": Rule(roles=frozenset({Role.ORG_ADMIN, Role.COORDINATOR})),
}


class Scoped(Protocol):
    pk: Any

    def scope_organisation_ids(self) -> Iterable[int]: ...


def _rule(permission: str) -> Rule:
    try:
        return RULES[permission]
    except KeyError:
        raise ValueError(f"Unknown permission {permission!r}") from None


def roles_by_organisation(user: User | AnonymousUser) -> dict[int, set[str]]:
    """{organisation id: roles} of the memberships in force, cached on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached: dict[int, set[str]] | None = getattr(user, "_roles_by_organisation", None)
    if cached is None:
        cached = {}
        for organisation_id, role in user.memberships.in_force().values_list("organisation_id", "role"):
            cached.setdefault(organisation_id, set()).add(role)
        user._roles_by_organisation = cached  # type: ignore[attr-defined]
    return cached


def organisation_ids_where(user: User | AnonymousUser, permission: str) -> set[int]:
    """The organisations in which the user holds a role that grants the permission."""
    rule = _rule(permission)
    return {
        organisation_id
        for organisation_id, roles in roles_by_organisation(user).items()
        if roles & rule.roles
    }


def organisations_where(user: User | AnonymousUser, permission: str) -> QuerySet[Organisation]:
    from reintegra.accounts.models import Organisation

    return Organisation.objects.filter(pk__in=organisation_ids_where(user, permission))


def can(user: User | AnonymousUser, permission: str, obj: Scoped) -> bool:
    rule = _rule(permission)
    if not user.is_authenticated or not user.is_active:
        return False
    if rule.allows_self and obj.pk == user.pk and type(obj) is type(user):
        return True
    return bool(organisation_ids_where(user, permission) & set(obj.scope_organisation_ids()))


def holds_anywhere(user: User | AnonymousUser, permission: str) -> bool:
    return bool(organisation_ids_where(user, permission))


def requires_two_factor(user: User | AnonymousUser) -> bool:
    """Staff of an organisation that requires it must confirm their log-in with a TOTP code."""
    from reintegra.accounts.models import Organisation

    staff_organisation_ids = {
        organisation_id
        for organisation_id, roles in roles_by_organisation(user).items()
        if roles & STAFF_ROLES
    }
    return Organisation.objects.filter(pk__in=staff_organisation_ids, require_2fa_for_staff=True).exists()


# --- Qualifications for a role -----------------------------------------------------------
#
# A programme may require a qualification (a completed training) before a staff member holds
# one of its roles or leads a session in it. The apps that keep qualifications register a check
# here (accounts imports no app); the programmes and activities ask ``missing_qualification``.

type QualificationCheck = Callable[[User, Any, str, date], str | None]

_qualification_checks: list[QualificationCheck] = []


def register_qualification_check(check: QualificationCheck) -> None:
    """Add a check: (user, programme, role code, day) -> the message naming what is missing, or None."""
    if check not in _qualification_checks:
        _qualification_checks.append(check)


def missing_qualification(user: User, programme: Any, role: str, on: date | None = None) -> str | None:
    """The message naming the first qualification the user lacks on the day (today by default)
    for the role in the programme, or None when every registered check is met."""
    from django.utils import timezone

    day = on or timezone.localdate()
    for check in _qualification_checks:
        message = check(user, programme, role, day)
        if message is not None:
            return message
    return None


# --- Declarations on views -------------------------------------------------------------

V = TypeVar("V", bound=Callable[..., Any])

POLICY_ATTRIBUTE = "access_policy"


def declare[V: Callable[..., Any]](view: V, policy: str) -> V:
    setattr(view, POLICY_ATTRIBUTE, policy)
    return view


def public[V: Callable[..., Any]](view: V) -> V:
    """Anyone, logged in or not (log-in page, password reset, error pages)."""
    return declare(view, "public")


def authenticated[V: Callable[..., Any]](view: V) -> V:
    """Any logged-in user; what the page shows is still scoped by the selectors."""
    return declare(login_required(view), "authenticated")


def requires(permission: str) -> Callable[[V], V]:
    """A logged-in user who holds the permission in at least one organisation.

    Which objects they may touch is decided per object by the access functions.
    """
    _rule(permission)

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not holds_anywhere(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return cast(V, declare(login_required(wrapped), f"requires:{permission}"))

    return decorator


def authenticated_api[V: Callable[..., Any]](operation: V) -> V:
    """An API operation for any logged-in user (the API's session auth turns others away)."""
    return declare(operation, "authenticated")


def requires_api(permission: str) -> Callable[[V], V]:
    """An API operation for a user who holds the permission in at least one organisation."""
    _rule(permission)

    def decorator(operation: V) -> V:
        @wraps(operation)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not holds_anywhere(request.user, permission):
                raise PermissionDenied
            return operation(request, *args, **kwargs)

        return cast(V, declare(wrapped, f"requires:{permission}"))

    return decorator


def policy_of(view: Any) -> str | None:
    while view is not None:
        policy = getattr(view, POLICY_ATTRIBUTE, None)
        if policy is not None:
            return str(policy)
        view = getattr(view, "__wrapped__", None)
    return None
