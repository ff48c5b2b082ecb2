"""The start page: what each role sees on landing, only real, scoped data.

It lives at the project level because it puts together several apps' reads (the user's
memberships and team from accounts, the latest audit entries); accounts itself stays below
audit and every domain app.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from reintegra.accounts import policy, selectors
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.models import Role, User
from reintegra.accounts.policy import authenticated
from reintegra.audit.selectors import entry_list_for_user
from reintegra.outcomes.exits.selectors import follow_ups_due_count
from reintegra.ownpage.selectors import awaiting_count


@authenticated
def home(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "home.html", landing_context(request.user))


def landing_context(user: User) -> dict[str, Any]:
    memberships = list(selectors.memberships_of(user))
    roles = {membership.role for membership in memberships}
    context: dict[str, Any] = {
        "memberships": memberships,
        "roles": roles,
        "is_staff_role": bool(roles & policy.STAFF_ROLES),
        "two_factor_required": policy.requires_two_factor(user),
        "two_factor_verified": user.is_verified(),  # type: ignore[attr-defined]
    }
    if Role.ORG_ADMIN in roles:
        context["admin_organisations"] = list(policy.organisations_where(user, "organisation.manage"))
        context["recent_audit_entries"] = list(entry_list_for_user(user)[:5])
    if roles & {Role.ORG_ADMIN, Role.COORDINATOR}:
        context["team"] = list(selectors.user_list_for_user(user)[:10])
    if policy.holds_anywhere(user, "participant.view"):
        context["passport_entries"] = {"awaiting": awaiting_count(user)}
    if policy.holds_anywhere(user, "exit.view"):
        context["follow_ups_due"] = follow_ups_due_count(user)
    return context
