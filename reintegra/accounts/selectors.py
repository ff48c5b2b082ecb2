"""Reads of organisations and users, always scoped to the requesting user.

An object the user may not see is answered with ``Http404``, the same as one that does not exist.
Reads of a user's profile are personal data and are written to the audit log.
"""

from __future__ import annotations

from auditlog.signals import accessed
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, User


def organisation_list_for_user(user: User) -> QuerySet[Organisation]:
    return policy.organisations_where(user, "organisation.view").order_by("name")


def organisation_get_for_user(user: User, pk: int, *, permission: str = "organisation.view") -> Organisation:
    organisation = policy.organisations_where(user, permission).filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


def user_list_for_user(user: User, *, organisation: Organisation | None = None) -> QuerySet[User]:
    """The team of the organisations where the user may list colleagues: active accounts with a
    membership in force in a team role (the participants an organisation serves are not its team)."""
    organisation_ids = policy.organisation_ids_where(user, "user.list")
    if organisation is not None:
        organisation_ids &= {organisation.pk}
    memberships = (
        Membership.objects.in_force()
        .filter(organisation_id__in=organisation_ids, role__in=policy.TEAM_ROLES)
        .select_related("organisation")
    )
    return (
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="visible_memberships"))
        .order_by("last_name", "first_name", "username")
    )


def member_get_for_user(viewer: User, *, organisation_pk: int, pk: int) -> tuple[Organisation, User]:
    """A member of an organisation the viewer administers, with her roles there in force
    (``roles``); 404 for anyone else. The read is audited."""
    organisation = organisation_get_for_user(viewer, organisation_pk, permission="user.manage")
    member = User.objects.filter(pk=pk, is_active=True).first()
    roles = (
        sorted(
            member.memberships.in_force()
            .filter(organisation=organisation, role__in=policy.TEAM_ROLES)
            .values_list("role", flat=True)
        )
        if member is not None
        else []
    )
    if member is None or not roles:
        raise Http404
    member.roles = roles  # type: ignore[attr-defined]
    accessed.send(sender=User, instance=member)
    return organisation, member


def user_get_for_user(viewer: User, pk: int, *, permission: str = "user.view") -> User:
    """A user's profile, if the viewer may see it; the read is audited."""
    target = User.objects.filter(pk=pk, is_active=True).first() if pk != viewer.pk else viewer
    if target is None or not policy.can(viewer, permission, target):
        raise Http404
    accessed.send(sender=User, instance=target)
    return target


def staff_of(organisation_id: int) -> QuerySet[User]:
    """Who may look after a person of the organisation: its administrators, coordinators, case workers."""
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.in_force()
        .filter(organisation_id=organisation_id, role__in=policy.STAFF_ROLES)
        .values("user_id"),
    ).order_by("last_name", "first_name", "username")


def is_staff_of(user: User, organisation_id: int) -> bool:
    """Whether the user is one of ``staff_of(organisation_id)``."""
    return (
        user.is_active
        and user.memberships.in_force()
        .filter(organisation_id=organisation_id, role__in=policy.STAFF_ROLES)
        .exists()
    )


def memberships_of(user: User) -> QuerySet[Membership]:
    """The user's memberships in force."""
    return user.memberships.in_force().select_related("organisation").order_by("organisation__name", "role")
