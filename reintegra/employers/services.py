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
  the accounts invitation (the contact sets her password from the e-mailed link);
* an offer is written by the keeping organisation's coordinators and case workers or by the
  employer's contacts, at one of the employer's own sites; it names its work (a title, a KZiS
  occupation or an occupation in words: one at least), has at least one place, and its skills
  are normalised lists (``skills.py``); an internship (staż, praktyka) lasts two months unless
  it says otherwise and at most ``settings.INTERNSHIP_MAX_MONTHS``, also when extended; a car
  needed means a driving licence needed; the offer moves draft → open → closed (and may open
  again) by ``offer_workflow.py``, each move audited.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts import services as accounts_services
from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.employers import offer_workflow, selectors
from reintegra.employers.models import (
    Employer,
    Occupation,
    Offer,
    OfferKind,
    OfferStatus,
    Shift,
    Site,
)
from reintegra.employers.skills import SKILL_MAX_LENGTH, SKILLS_MAX, normalise_skills
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


# --- Offers ----------------------------------------------------------------------------------

INTERNSHIP_KINDS = frozenset({OfferKind.INTERNSHIP, OfferKind.TRAINEESHIP})
INTERNSHIP_DEFAULT_MONTHS = 2
# A start date outside these years is a typing slip (0202 for 2026), not a plan.
STARTS_FROM, STARTS_UNTIL = date(2000, 1, 1), date(2100, 12, 31)


@dataclass(frozen=True, kw_only=True)
class OfferData:
    """What an offer says; skills and shifts as lists (a form or the API splits the text)."""

    kind: str
    site: Site
    hours_per_week: int
    contract_type: str
    places: int
    title: str = ""
    occupation: Occupation | None = None
    occupation_text: str = ""
    description: str = ""
    required_skills: tuple[str, ...] = ()
    nice_skills: tuple[str, ...] = ()
    shifts: tuple[str, ...] = ()
    needs_driving_licence: bool = False
    needs_car: bool = False
    starts_on: date | None = None
    duration_months: int | None = None


OFFER_FIELDS = tuple(field.name for field in fields(OfferData))


def internship_max_months() -> int:
    return int(settings.INTERNSHIP_MAX_MONTHS)


def _check_manages_offers(actor: User | None, employer: Employer) -> None:
    if actor is not None and not selectors.employer_allows(actor, "offer.manage", employer):
        raise PermissionDenied


def _offer_values(employer: Employer, data: OfferData) -> dict[str, object]:
    """The offer's fields from the input, normalised, or ValidationError naming each bad field."""
    errors: dict[str, str] = {}
    title, occupation_text = " ".join(data.title.split()), " ".join(data.occupation_text.split())
    if not title and data.occupation is None and not occupation_text:
        errors["title"] = _("Give the offer a title or an occupation (a KZiS code or in words).")
    if data.site.employer_id != employer.pk:
        errors["site"] = _("Choose one of the employer's own sites.")
    if data.places < 1:
        errors["places"] = _("An offer has at least one place.")
    skills = {name: normalise_skills(getattr(data, name)) for name in ("required_skills", "nice_skills")}
    for name, items in skills.items():
        if len(items) > SKILLS_MAX:
            errors[name] = _("List at most %(count)d skills.") % {"count": SKILLS_MAX}
        elif any(len(item) > SKILL_MAX_LENGTH for item in items):
            errors[name] = _("Write each skill in at most %(count)d characters.") % {
                "count": SKILL_MAX_LENGTH
            }
    if data.starts_on is not None and not STARTS_FROM <= data.starts_on <= STARTS_UNTIL:
        errors["starts_on"] = _("Give a start date from %(from)d to %(until)d.") % {
            "from": STARTS_FROM.year,
            "until": STARTS_UNTIL.year,
        }
    unknown = [shift for shift in data.shifts if shift not in Shift.values]
    if unknown:
        errors["shifts"] = _("Unknown shift: %(shifts)s.") % {"shifts": ", ".join(unknown)}
    duration = data.duration_months
    if data.kind in INTERNSHIP_KINDS:
        duration = INTERNSHIP_DEFAULT_MONTHS if duration is None else duration
        if duration > internship_max_months():
            errors["duration_months"] = _("An internship lasts at most %(months)d months.") % {
                "months": internship_max_months()
            }
    if errors:
        raise ValidationError(errors)
    values: dict[str, object] = {name: getattr(data, name) for name in OFFER_FIELDS}
    values.update(
        title=title,
        occupation_text=occupation_text,
        shifts=[shift for shift in Shift.values if shift in data.shifts],
        needs_driving_licence=data.needs_driving_licence or data.needs_car,
        duration_months=duration,
        **skills,
    )
    return values


@transaction.atomic
def offer_create(*, actor: User | None, employer: Employer, data: OfferData, publish: bool = False) -> Offer:
    """A draft offer (or, with ``publish``, an open one) of the employer."""
    _check_manages_offers(actor, employer)
    offer = Offer(employer=employer, created_by=actor, **_offer_values(employer, data))
    if publish:
        offer.status = OfferStatus.OPEN
    offer.full_clean()
    offer.save()
    return offer


@transaction.atomic
def offer_update(*, actor: User | None, offer: Offer, data: OfferData) -> Offer:
    """Changes what the offer says; its status moves only by ``offer_open`` and ``offer_close``."""
    _check_manages_offers(actor, offer.employer)
    for name, value in _offer_values(offer.employer, data).items():
        setattr(offer, name, value)
    offer.full_clean()
    offer.save(update_fields=list(OFFER_FIELDS))
    return offer


def offer_data_of(offer: Offer) -> OfferData:
    values = {name: getattr(offer, name) for name in OFFER_FIELDS}
    for name in ("required_skills", "nice_skills", "shifts"):
        values[name] = tuple(values[name])
    return OfferData(**values)


@transaction.atomic
def offer_extend(*, actor: User | None, offer: Offer, months: int) -> Offer:
    """An internship lasts ``months`` more, within the limit of the settings."""
    _check_manages_offers(actor, offer.employer)
    if months < 1:
        raise ValidationError({"duration_months": _("Extend by at least one month.")})
    data = offer_data_of(offer)
    extended = (data.duration_months or 0) + months
    return offer_update(actor=actor, offer=offer, data=_replace(data, duration_months=extended))


def _replace(data: OfferData, **changes: object) -> OfferData:
    values = {name: getattr(data, name) for name in OFFER_FIELDS}
    values.update(changes)
    return OfferData(**values)


def _move(actor: User | None, offer: Offer, to_status: str) -> Offer:
    _check_manages_offers(actor, offer.employer)
    stored = Offer.objects.select_for_update().get(pk=offer.pk)
    offer_workflow.check_move(stored.status, to_status)
    offer.status = to_status
    offer.closed_at = timezone.now() if to_status == OfferStatus.CLOSED else None
    offer.save(update_fields=["status", "closed_at"])
    return offer


@transaction.atomic
def offer_open(*, actor: User | None, offer: Offer) -> Offer:
    """Publishes a draft (or reopens a closed offer): it takes candidates."""
    return _move(actor, offer, OfferStatus.OPEN)


@transaction.atomic
def offer_close(*, actor: User | None, offer: Offer) -> Offer:
    """The offer takes no more candidates; what was started with it goes on."""
    return _move(actor, offer, OfferStatus.CLOSED)


@transaction.atomic
def employer_contact_remove(*, actor: User | None, employer: Employer, contact: User) -> None:
    """The person no longer acts for the employer: her contact role ends today, and her account
    is deactivated if she holds no other role (the accounts rule of a leaver)."""
    if actor is not None and not selectors.employer_allows(actor, "employer.manage", employer):
        raise PermissionDenied
    if contact not in selectors.contacts_of(employer):
        raise ValidationError(_("This person is not a contact of the employer."), code="not_a_contact")
    accounts_services.account_deactivate(organisation=employer.organisation, member=contact)
