"""A participant list as a table: the list's columns plus the EFS+ characteristics, CSV or XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from reintegra import tables
from reintegra.people.models import Participant


def headers() -> list[str]:
    return [
        _("Last name"),
        _("First name"),
        _("PESEL"),
        _("Birth date"),
        _("Organisation"),
        _("Gmina (TERC)"),
        _("Locality"),
        _("Sex"),
        _("Area of residence (DEGURBA)"),
        _("Education (ISCED)"),
        _("Labour-market status"),
        _("Registered at the PUP since"),
        _("Disability"),
        _("Third-country national"),
        _("Foreign background"),
        _("National or ethnic minority"),
        _("Homeless or affected by housing exclusion"),
    ]


def rows(participants: Iterable[Participant]) -> Iterator[list[str]]:
    for person in participants:
        yield [
            person.last_name,
            person.first_name,
            person.pesel,
            person.birth_date.isoformat(),
            person.organisation.short_name or person.organisation.name,
            person.gmina.code if person.gmina else "",
            person.locality,
            str(person.get_sex_display()),
            str(person.get_degurba_display()) if person.degurba else "",
            str(person.get_education_display()) if person.education is not None else "",
            str(person.get_labour_status_display()),
            person.pup_registration_date.isoformat() if person.pup_registration_date else "",
            str(person.get_disability_display()),
            str(person.get_third_country_national_display()),
            str(person.get_foreign_background_display()),
            str(person.get_minority_display()),
            str(person.get_homeless_display()),
        ]


def as_csv(participants: Iterable[Participant]) -> bytes:
    return tables.as_csv(headers(), rows(participants))


def as_xlsx(participants: Iterable[Participant]) -> bytes:
    return tables.as_xlsx(_("Participants"), headers(), rows(participants))
