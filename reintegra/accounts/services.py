"""Writes to organisations and users. Each is one transaction; django-auditlog writes the
audit row (who, when, what, before/after, from where) inside it."""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.core.exceptions import PermissionDenied
from django.db import transaction

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, Role, User


@dataclass(frozen=True, kw_only=True)
class ProfileData:
    """What a user's profile says of them (an unknown field is a ``TypeError``)."""

    first_name: str
    last_name: str
    email: str
    phone: str
    job_title: str

    @classmethod
    def of(cls, user: User) -> ProfileData:
        return cls(**{field.name: getattr(user, field.name) for field in fields(cls)})


@transaction.atomic
def user_update_profile(*, actor: User, user: User, data: ProfileData) -> User:
    """Only the user or an administrator of one of their organisations may edit a profile."""
    if not policy.can(actor, "user.change", user):
        raise PermissionDenied
    # Compare with the stored row, not the instance: a ModelForm has already written to that.
    stored = User.objects.select_for_update().get(pk=user.pk)
    values = {field.name: getattr(data, field.name) for field in fields(data)}
    changed = [name for name, value in values.items() if getattr(stored, name) != value]
    for name in changed:
        setattr(stored, name, values[name])
    if changed:
        stored.full_clean(exclude=["password", "username"])
        stored.save(update_fields=changed)
    return stored


@transaction.atomic
def organisation_update_security(
    *, actor: User, organisation: Organisation, require_2fa_for_staff: bool
) -> Organisation:
    """Only an administrator of the organisation decides whether its staff must use 2FA."""
    if not policy.can(actor, "organisation.manage", organisation):
        raise PermissionDenied
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if stored.require_2fa_for_staff != require_2fa_for_staff:
        stored.require_2fa_for_staff = require_2fa_for_staff
        stored.save(update_fields=["require_2fa_for_staff"])
    return stored


@transaction.atomic
def membership_create(*, user: User, organisation: Organisation, role: Role) -> Membership:
    membership, _created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return membership
