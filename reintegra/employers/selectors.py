"""Reads of employers and offers, scoped to the requesting user: the access functions.

Who reaches an employer (and its sites and offers):

* the staff of the organisation that keeps it (``Employer.kept_by``), by their roles' rules;
* for reading only, the staff of every member organisation of the partnership it belongs to;
* the employer's own contacts (users with the *employer contact* role in the employer's
  organisation), and those only for their own employer.

An employer or offer the user may not reach answers ``Http404``, as one that does not exist.
Employers and offers are not personal data, so their reads are not logged; whatever a part of
the app shows of a person goes through that part's own audited selectors.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from reintegra.accounts import policy
from reintegra.accounts.models import Role, User
from reintegra.collation import by_name
from reintegra.employers.models import Employer, Offer, Site
from reintegra.partnership.models import PartnershipMember

# The permissions that reach an employer through its partnership: reading, never managing.
PARTNERSHIP_WIDE = frozenset({"employer.view", "offer.view"})


def _reach(user: User, permission: str, *, prefix: str = "") -> Q | None:
    """The condition on an employer (at ``prefix``) that grants the user the permission."""
    rule = policy.RULES[permission]
    staff_ids: set[int] = set()
    contact_ids: set[int] = set()
    for organisation_id, roles in policy.roles_by_organisation(user).items():
        granting = roles & rule.roles
        if granting & policy.STAFF_ROLES:
            staff_ids.add(organisation_id)
        if Role.EMPLOYER_CONTACT in granting:
            contact_ids.add(organisation_id)
    if not staff_ids and not contact_ids:
        return None
    reach = Q(**{f"{prefix}kept_by_id__in": staff_ids}) | Q(**{f"{prefix}organisation_id__in": contact_ids})
    if permission in PARTNERSHIP_WIDE and staff_ids:
        members = PartnershipMember.objects.filter(organisation_id__in=staff_ids)
        partnerships = members.values("partnership_id")
        reach |= Q(**{f"{prefix}partnership_id__in": partnerships})
    return reach


def employers_for_user(user: User, *, permission: str = "employer.view") -> QuerySet[Employer]:
    reach = _reach(user, permission)
    if reach is None:
        return Employer.objects.none()
    return (
        Employer.objects.filter(reach)
        .select_related("organisation", "kept_by", "partnership")
        .order_by(*by_name("organisation__name"), "pk")
    )


def employer_get_for_user(user: User, pk: int, *, permission: str = "employer.view") -> Employer:
    employer = employers_for_user(user, permission=permission).filter(pk=pk).first()
    if employer is None:
        raise Http404
    return employer


def employer_allows(user: User, permission: str, employer: Employer) -> bool:
    """Whether the user holds the permission on this employer (to show or hide an action)."""
    return employers_for_user(user, permission=permission).filter(pk=employer.pk).exists()


def employer_of_contact(user: User) -> Employer | None:
    """The employer whose contact the user is (the first by name if she is one of several)."""
    return employers_for_user(user, permission="employer.own").first()


def sites_for_user(user: User, *, permission: str = "employer.view") -> QuerySet[Site]:
    reach = _reach(user, permission, prefix="employer__")
    if reach is None:
        return Site.objects.none()
    return Site.objects.filter(reach).select_related("employer__organisation", "gmina")


def site_get_for_user(user: User, pk: int, *, permission: str = "employer.view") -> Site:
    site = sites_for_user(user, permission=permission).filter(pk=pk).first()
    if site is None:
        raise Http404
    return site


def offers_for_user(user: User, *, permission: str = "offer.view") -> QuerySet[Offer]:
    reach = _reach(user, permission, prefix="employer__")
    if reach is None:
        return Offer.objects.none()
    return Offer.objects.filter(reach).select_related(
        "employer__organisation", "site__gmina", "occupation", "created_by"
    )


def offer_get_for_user(user: User, pk: int, *, permission: str = "offer.view") -> Offer:
    offer = offers_for_user(user, permission=permission).filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


def offer_allows(user: User, permission: str, offer: Offer) -> bool:
    """Whether the user holds the permission on this offer (to show or hide an action)."""
    return offers_for_user(user, permission=permission).filter(pk=offer.pk).exists()
