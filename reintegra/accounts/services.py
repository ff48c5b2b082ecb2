"""Writes to organisations and users. Each is one transaction; django-auditlog writes the
audit row (who, when, what, before/after, from where) inside it.

The rules of staff administration kept here:

* only an administrator of the organisation adds a colleague, changes a member's role or
  deactivates a leaver; the roles on offer are the organisation's team roles (never a
  participant's);
* a new colleague's e-mail address is not anyone else's; she gets an e-mail with a link to set
  her password (Django's token generator), sent once the account is saved;
* an organisation keeps at least one administrator, and nobody deactivates themselves;
* a role ends by its membership's end date (kept for the record), not by deleting it; a leaver
  whose last membership in force ends is deactivated and all her sessions end at once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, OrganisationType, Role, User

if TYPE_CHECKING:
    from django.db.models import QuerySet


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


# --- Staff administration ----------------------------------------------------------------


def team_roles(organisation: Organisation) -> list[Role]:
    """The roles an administrator may give on the organisation's team."""
    if organisation.type == OrganisationType.EMPLOYER:
        return [Role.ORG_ADMIN, Role.EMPLOYER_CONTACT]
    if organisation.type == OrganisationType.FUNDING_BODY:
        # A funding body's team reads the reports of the programmes it funds, nothing else.
        return [Role.ORG_ADMIN, Role.FUNDER]
    return [Role.ORG_ADMIN, Role.COORDINATOR, Role.CASE_WORKER, Role.PARTNER_VIEWER]


@dataclass(frozen=True, kw_only=True)
class InvitationData:
    """Who a new colleague is and what she does in the organisation."""

    first_name: str
    last_name: str
    email: str
    role: Role


@transaction.atomic
def member_invite(*, actor: User, organisation: Organisation, data: InvitationData) -> User:
    """A new account (user name = e-mail address, no password yet) with the role in the
    organisation; the e-mail with the set-password link goes once the transaction commits."""
    _check_manages(actor, organisation)
    return account_invite(organisation=organisation, data=data)


@transaction.atomic
def account_invite(*, organisation: Organisation, data: InvitationData) -> User:
    """``member_invite`` without its check of the actor: for a caller that has decided who may
    add the account by its own rules (the keeping organisation's coordinator adding an
    employer's contact, employers/services.py)."""
    email = data.email.strip().lower()
    errors = {}
    if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
        errors["email"] = _("An account with this e-mail address already exists.")
    if data.role not in team_roles(organisation):
        errors["role"] = _role_not_allowed(data.role)
    if errors:
        raise ValidationError(errors)
    user = User(
        username=email, email=email, first_name=data.first_name.strip(), last_name=data.last_name.strip()
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    Membership.objects.create(user=user, organisation=organisation, role=data.role)
    transaction.on_commit(lambda: _send_invitation(user, organisation))
    return user


@transaction.atomic
def member_change_role(*, actor: User, organisation: Organisation, member: User, role: Role) -> Membership:
    """The member holds this one role on the organisation's team from today; her other team
    roles there end (yesterday was their last day). The last administrator stays one."""
    _check_manages(actor, organisation)
    if role not in team_roles(organisation):
        raise ValidationError({"role": _role_not_allowed(role)})
    current = list(_team_memberships(organisation, member).select_for_update())
    if role != Role.ORG_ADMIN and any(m.role == Role.ORG_ADMIN for m in current):
        _check_another_administrator(organisation, member, field="role")
    ends_on = min((m.ends_on for m in current if m.ends_on is not None), default=None)
    for membership in current:
        if membership.role != role:
            _membership_end(membership)
    membership, created = Membership.objects.get_or_create(
        user=member, organisation=organisation, role=role, defaults={"ends_on": ends_on}
    )
    if not created and membership.ends_on is not None and membership.ends_on < timezone.localdate():
        membership.ends_on = ends_on
        membership.save(update_fields=["ends_on"])
    return membership


@transaction.atomic
def member_deactivate(*, actor: User, organisation: Organisation, member: User) -> None:
    """A leaver's team roles in the organisation end today. If she holds no other membership in
    force, her account is deactivated: she can no longer log in or use the API, and every session
    she has open ends now."""
    _check_manages(actor, organisation)
    if member.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account; ask another administrator."))
    account_deactivate(organisation=organisation, member=member)


@transaction.atomic
def account_deactivate(*, organisation: Organisation, member: User) -> None:
    """``member_deactivate`` without its checks of the actor: for a caller that has decided who
    may end the roles by its own rules (the keeping organisation's coordinator ending an
    employer's contact, employers/services.py)."""
    for membership in _team_memberships(organisation, member).select_for_update():
        _membership_end(membership)
    if not member.memberships.in_force().exists():
        stored = User.objects.select_for_update().get(pk=member.pk)
        stored.is_active = False
        stored.save(update_fields=["is_active"])
        _sessions_end(stored)


def _check_manages(actor: User, organisation: Organisation) -> None:
    if not policy.can(actor, "user.manage", organisation):
        raise PermissionDenied


def _role_not_allowed(role: str) -> str:
    label = Role(role).label if role in Role.values else role
    return _("The role “%(role)s” cannot be given on this organisation's team.") % {"role": label}


def _team_memberships(organisation: Organisation, member: User) -> QuerySet[Membership]:
    return member.memberships.in_force().filter(organisation=organisation, role__in=policy.TEAM_ROLES)


def _check_another_administrator(organisation: Organisation, member: User, *, field: str) -> None:
    others = (
        Membership.objects.in_force()
        .filter(organisation=organisation, role=Role.ORG_ADMIN, user__is_active=True)
        .exclude(user=member)
    )
    if not others.exists():
        raise ValidationError({field: _("The organisation must keep at least one administrator.")})


def _membership_end(membership: Membership) -> None:
    """Yesterday becomes the membership's last day, so it no longer counts from today."""
    membership.ends_on = timezone.localdate() - timedelta(days=1)
    membership.save(update_fields=["ends_on"])


def _sessions_end(user: User) -> None:
    """Deletes every unexpired session of the user. Sessions do not say whose they are without
    decoding them; this runs only when an account is deactivated, so one pass is affordable."""
    key = str(user.pk)
    ended = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == key
    ]
    Session.objects.filter(session_key__in=ended).delete()


def _send_invitation(user: User, organisation: Organisation) -> None:
    link = settings.SITE_URL.rstrip("/") + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "organisation": organisation,
        "link": link,
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
    }
    subject = render_to_string("registration/invitation_subject.txt", context).strip()
    body = render_to_string("registration/invitation_email.txt", context)
    send_mail(subject, body, None, [user.email])
