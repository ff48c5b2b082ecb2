"""The lists of employers and of offers as tables (CSV or XLSX), through the one writer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from reintegra import tables
from reintegra.employers.models import Employer, Offer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def employer_headers() -> list[str]:
    return [
        _("Name"),
        _("NIP"),
        _("REGON"),
        _("Sector (PKD section)"),
        _("Size"),
        _("City"),
        _("Kept by"),
        _("Partnership"),
        _("Cooperating since"),
        _("Sites"),
        _("Open offers"),
    ]


def employer_rows(employers: Iterable[Employer]) -> Iterator[list[str]]:
    for employer in employers:
        organisation = employer.organisation
        yield [
            organisation.name,
            organisation.nip,
            organisation.regon,
            f"{employer.sector} {employer.get_sector_display()}",
            str(employer.get_size_display()),
            organisation.city,
            str(employer.kept_by),
            str(employer.partnership or ""),
            employer.cooperating_since.isoformat() if employer.cooperating_since else "",
            str(getattr(employer, "site_count", "")),
            str(getattr(employer, "open_offer_count", "")),
        ]


def employers_table(employers: Iterable[Employer], fmt: str) -> bytes:
    if fmt == "xlsx":
        return tables.as_xlsx(_("Employers"), employer_headers(), employer_rows(employers))
    return tables.as_csv(employer_headers(), employer_rows(employers))


def offer_headers() -> list[str]:
    return [
        _("Offer"),
        _("KZiS code"),
        _("Occupation"),
        _("Employer"),
        _("Site"),
        _("Gmina (TERC)"),
        _("Kind"),
        _("Status"),
        _("Places"),
        _("Hours a week"),
        _("Contract type"),
        _("Starts on"),
        _("Duration in months"),
        _("Required skills"),
        _("Nice-to-have skills"),
    ]


def offer_rows(offers: Iterable[Offer]) -> Iterator[list[str]]:
    for offer in offers:
        yield [
            str(offer),
            offer.occupation_id or _("without a KZiS code"),
            offer.occupation.name if offer.occupation else offer.occupation_text,
            offer.employer.organisation.name,
            str(offer.site),
            offer.site.gmina_id,
            str(offer.get_kind_display()),
            str(offer.get_status_display()),
            str(offer.places),
            str(offer.hours_per_week),
            str(offer.get_contract_type_display()),
            offer.starts_on.isoformat() if offer.starts_on else "",
            str(offer.duration_months or ""),
            ", ".join(offer.required_skills),
            ", ".join(offer.nice_skills),
        ]


def offers_table(offers: Iterable[Offer], fmt: str) -> bytes:
    if fmt == "xlsx":
        return tables.as_xlsx(_("Offers"), offer_headers(), offer_rows(offers))
    return tables.as_csv(offer_headers(), offer_rows(offers))
