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

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, Role, User
from reintegra.collation import by_name
from reintegra.employers.history import ITEMS_SHOWN, SummaryItem, SummarySection
from reintegra.employers.models import Employer, Occupation, Offer, OfferStatus, Site
from reintegra.partnership.models import Partnership, PartnershipMember

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


# --- Lists and pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class EmployerFilter:
    text: str = ""  # a part of the name, or the NIP or REGON
    sector: str = ""


def employer_list_for_user(user: User, filters: EmployerFilter | None = None) -> QuerySet[Employer]:
    """The employers the user sees, filtered, with their number of sites and of open offers."""
    employers = employers_for_user(user)
    if filters is not None and filters.text.strip():
        text = filters.text.strip()
        digits = "".join(char for char in text if char.isdigit())
        match = Q(organisation__name__icontains=text) | Q(organisation__short_name__icontains=text)
        if len(digits) >= 9 and len(digits) == len(text.replace("-", "").replace(" ", "")):
            match |= Q(organisation__nip=digits) | Q(organisation__regon=digits)
        employers = employers.filter(match)
    if filters is not None and filters.sector:
        employers = employers.filter(sector=filters.sector)
    return employers.annotate(
        site_count=Count("sites", distinct=True),
        open_offer_count=Count("offers", filter=Q(offers__status=OfferStatus.OPEN), distinct=True),
    )


def organisations_keeping(user: User) -> list[Organisation]:
    """The organisations for which the user registers employers (not employers themselves)."""
    organisations = policy.organisations_where(user, "employer.manage").exclude(type="employer")
    return list(organisations.order_by(*by_name("name")))


def partnerships_of(organisation: Organisation) -> QuerySet[Partnership]:
    """The partnerships an employer of this organisation may belong to."""
    return Partnership.objects.filter(members__organisation=organisation).order_by(*by_name("name"))


def contacts_of(employer: Employer) -> list[User]:
    """The employer's contacts: users who hold the employer-contact role there today."""
    user_ids = (
        Membership.objects.in_force()
        .filter(organisation_id=employer.organisation_id, role=Role.EMPLOYER_CONTACT)
        .values("user_id")
    )
    return list(
        User.objects.filter(pk__in=user_ids, is_active=True).order_by(*by_name("last_name", "first_name"))
    )


def contact_get(employer: Employer, pk: int) -> User:
    """One of the employer's contacts, or 404."""
    contact = next((user for user in contacts_of(employer) if user.pk == pk), None)
    if contact is None:
        raise Http404
    return contact


def sites_of(employer: Employer) -> QuerySet[Site]:
    return employer.sites.select_related("gmina").order_by(*by_name("name"), "pk")


def offers_of(employer: Employer) -> QuerySet[Offer]:
    return employer.offers.select_related("site", "occupation").order_by("-created_at", "-pk")


@dataclass(frozen=True)
class OfferFilter:
    kind: str = ""
    status: str = ""
    occupation: str = ""  # a KZiS code or its beginning (a group); "-" for offers without a code
    gmina: str = ""  # a TERC code or its beginning (a voivodeship, a county)
    employer: int | None = None


UNCODED = "-"


def offer_list_for_user(user: User, filters: OfferFilter | None = None) -> QuerySet[Offer]:
    """The offers the user sees, filtered, latest first."""
    offers = offers_for_user(user).order_by("-created_at", "-pk")
    if filters is None:
        return offers
    if filters.kind:
        offers = offers.filter(kind=filters.kind)
    if filters.status:
        offers = offers.filter(status=filters.status)
    if filters.occupation == UNCODED:
        offers = offers.filter(occupation=None)
    elif filters.occupation:
        offers = offers.filter(occupation__code__startswith=filters.occupation)
    if filters.gmina:
        offers = offers.filter(site__gmina__code__startswith=filters.gmina)
    if filters.employer is not None:
        offers = offers.filter(employer_id=filters.employer)
    return offers


def occupation_search(text: str, *, limit: int = 50) -> list[Occupation]:
    """Loaded KZiS codes that begin with the digits typed, or whose name holds every word typed;
    occupations (6 digits) first, then the groups."""
    text = text.strip()
    if not text:
        return []
    if text.isdigit():
        found = Occupation.objects.filter(code__startswith=text)
    else:
        found = Occupation.objects.all()
        for word in text.split()[:5]:
            found = found.filter(name__icontains=word)
    return list(found.order_by("-level", "code")[:limit])


def occupation_by_code(code: str) -> Occupation | None:
    return Occupation.objects.filter(code=code.strip()).first() if code.strip().isdigit() else None


def offers_history(user: User, employer: Employer) -> SummarySection | None:
    """The history of cooperation's first section: the employer's offers so far, latest first."""
    if not employer_allows(user, "offer.view", employer):
        return None
    offers = list(offers_of(employer)[:ITEMS_SHOWN])
    return SummarySection(
        key="offers",
        title=_("Offers"),
        empty=_("No offers yet."),
        items=[
            SummaryItem(
                text=str(offer),
                url=reverse("employers:offer_detail", args=[offer.pk]),
                status=str(offer.get_status_display()),
                when=offer.created_at,
                when_label=_("posted"),
            )
            for offer in offers
        ],
        url=reverse("employers:offer_list") + f"?employer={employer.pk}",
    )
