"""Writes to employers, their sites and contacts, and offers: each a transaction, checked against
the access functions of ``selectors.py``, validated with ``full_clean`` and audited
(django-auditlog writes the row inside the transaction).

The rules these services enforce:

* an employer is an organisation of type *employer* kept by one organisation, whose
  administrators and coordinators add and edit it; its NIP and REGON, when given, are valid
  numbers (checksums, accounts' validators) and the NIP is not another organisation's; the
  partnership it belongs to is one of which the keeping organisation is a member;
* a site has an address (street and number, town) and lies in a gmina of the TERC register;
  its coordinates are optional, but a latitude comes with a longitude; sites are added and
  edited by whoever manages the employer's offers (the keeping organisation's coordinators
  and case workers, the employer's own contacts) and by its administrators;
* an employer's contact is a user account with the *employer contact* role in the employer's
  organisation, added by the keeping organisation's administrators and coordinators through
  the accounts invitation (the contact sets her password from the e-mailed link).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts import services as accounts_services
from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.employers import selectors
from reintegra.employers.models import Employer, Site
from reintegra.partnership.models import Partnership
from reintegra.people.models import TercUnit

# --- Employers -------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EmployerData:
    """The employer organisation (name, identifiers, contact details) and what is known of it."""

    name: str
    sector: str
    size: str
    short_name: str = ""
    nip: str = ""
    regon: str = ""
    city: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    partnership: Partnership | None = None
    cooperating_since: date | None = None
    description: str = ""


ORGANISATION_FIELDS = ("name", "short_name", "nip", "regon", "city", "address", "email", "phone")
EMPLOYER_FIELDS = ("sector", "size", "partnership", "cooperating_since", "description")


def _check_keeps(actor: User | None, kept_by: Organisation) -> None:
    if kept_by.type == OrganisationType.EMPLOYER:
        raise PermissionDenied  # an employer keeps no employers; its administrators manage its team
    if actor is not None and kept_by.pk not in policy.organisation_ids_where(actor, "employer.manage"):
        raise PermissionDenied


def _check_employer_data(data: EmployerData, kept_by: Organisation, own: Organisation | None) -> None:
    errors: dict[str, str] = {}
    if data.nip:
        others = Organisation.objects.filter(nip=data.nip)
        if own is not None:
            others = others.exclude(pk=own.pk)
        if others.exists():
            errors["nip"] = _("An organisation with this NIP is already registered.")
    if data.partnership is not None and not data.partnership.members.filter(organisation=kept_by).exists():
        errors["partnership"] = _("Choose a partnership of which %(organisation)s is a member.") % {
            "organisation": kept_by
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def employer_create(*, actor: User | None, kept_by: Organisation, data: EmployerData) -> Employer:
    """The keeping organisation's administrator or coordinator registers an employer it works with."""
    _check_keeps(actor, kept_by)
    _check_employer_data(data, kept_by, None)
    organisation = Organisation(
        type=OrganisationType.EMPLOYER, **{name: getattr(data, name) for name in ORGANISATION_FIELDS}
    )
    employer = Employer(kept_by=kept_by, **{name: getattr(data, name) for name in EMPLOYER_FIELDS})
    _validate_both(organisation, employer)
    organisation.save()
    employer.organisation = organisation
    employer.save()
    return employer


@transaction.atomic
def employer_update(*, actor: User | None, employer: Employer, data: EmployerData) -> Employer:
    if actor is not None and not selectors.employer_allows(actor, "employer.manage", employer):
        raise PermissionDenied
    organisation = employer.organisation
    _check_employer_data(data, employer.kept_by, organisation)
    for name in ORGANISATION_FIELDS:
        setattr(organisation, name, getattr(data, name))
    for name in EMPLOYER_FIELDS:
        setattr(employer, name, getattr(data, name))
    _validate_both(organisation, employer)
    organisation.save(update_fields=list(ORGANISATION_FIELDS))
    employer.save(update_fields=list(EMPLOYER_FIELDS))
    return employer


def _validate_both(organisation: Organisation, employer: Employer) -> None:
    """Both records' errors at once, each on its field."""
    errors: dict[str, list[str]] = {}
    for record, exclude in ((organisation, []), (employer, ["organisation"])):
        try:
            record.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def employer_data_of(employer: Employer) -> EmployerData:
    """What an edit form starts from."""
    values = {name: getattr(employer.organisation, name) for name in ORGANISATION_FIELDS}
    values.update({name: getattr(employer, name) for name in EMPLOYER_FIELDS})
    return EmployerData(**values)


# --- Sites -----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SiteData:
    name: str
    street: str
    town: str
    gmina: TercUnit | None
    postal_code: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None


SITE_FIELDS = tuple(field.name for field in fields(SiteData))


def may_edit_sites(actor: User, employer: Employer) -> bool:
    return selectors.employer_allows(actor, "offer.manage", employer) or selectors.employer_allows(
        actor, "employer.manage", employer
    )


def _check_site(data: SiteData) -> None:
    errors: dict[str, str] = {}
    if not data.street.strip():
        errors["street"] = _("A site needs an address: give the street and number.")
    if not data.town.strip():
        errors["town"] = _("A site needs an address: give the town.")
    if data.gmina is None:
        errors["gmina"] = _("Give the gmina (TERC) in which the site lies.")
    elif len(data.gmina.code) != 7:
        errors["gmina"] = _("Give the 7-digit TERC code of a gmina, not of a county or voivodeship.")
    if data.latitude is None and data.longitude is not None:
        errors["latitude"] = _("Give the latitude with the longitude, or neither.")
    if data.longitude is None and data.latitude is not None:
        errors["longitude"] = _("Give the longitude with the latitude, or neither.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def site_create(*, actor: User | None, employer: Employer, data: SiteData) -> Site:
    """A place of work of the employer, with its address and, if known, its coordinates."""
    if actor is not None and not may_edit_sites(actor, employer):
        raise PermissionDenied
    _check_site(data)
    site = Site(employer=employer, **{name: getattr(data, name) for name in SITE_FIELDS})
    site.full_clean()
    site.save()
    return site


@transaction.atomic
def site_update(*, actor: User | None, site: Site, data: SiteData) -> Site:
    if actor is not None and not may_edit_sites(actor, site.employer):
        raise PermissionDenied
    _check_site(data)
    for name in SITE_FIELDS:
        setattr(site, name, getattr(data, name))
    site.full_clean()
    site.save(update_fields=list(SITE_FIELDS))
    return site


def site_data_of(site: Site) -> SiteData:
    return SiteData(**{name: getattr(site, name) for name in SITE_FIELDS})


# --- Contacts --------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ContactData:
    first_name: str
    last_name: str
    email: str


@transaction.atomic
def employer_contact_add(*, actor: User | None, employer: Employer, data: ContactData) -> User:
    """An account for a person of the employer, who logs in as its contact (an e-mailed link
    sets her password); the keeping organisation's administrators and coordinators add her."""
    if actor is not None and not selectors.employer_allows(actor, "employer.manage", employer):
        raise PermissionDenied
    return accounts_services.account_invite(
        organisation=employer.organisation,
        data=accounts_services.InvitationData(
            first_name=data.first_name, last_name=data.last_name, email=data.email, role=Role.EMPLOYER_CONTACT
        ),
    )
