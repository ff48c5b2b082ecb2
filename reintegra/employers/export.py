"""The lists of employers and of offers as tables (CSV or XLSX), through the one writer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from reintegra import tables
from reintegra.employers.models import Employer

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
