"""What the import guide page and the template files say about the columns: the parser's own list.

Every column the parser accepts (``parsing.COLUMNS``) has a line here, in the parser's order, so
the page and the template files cannot drift from what the import reads; the allowed values of a
choice column are written out from the parser's own table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reintegra import tables
from reintegra.programmes.imports import parsing

MEANINGS: dict[str, tuple[Promise, Promise | str]] = {
    "imie": (_("first name"), _("text, required")),
    "nazwisko": (_("last name"), _("text, required")),
    "pesel": (
        _("PESEL"),
        _(
            "11 digits with a correct check digit and a real birth date. In a workbook, a number "
            "that lost its leading zero (people born 2000–2009) is padded back; in CSV keep it as text."
        ),
    ),
    "data_urodzenia": (
        _("birth date"),
        _(
            "YYYY-MM-DD or DD.MM.YYYY (or a date cell). With a PESEL it may be left empty; if given, "
            "it must agree with the PESEL."
        ),
    ),
    "rodzaj_dokumentu": (_("identity document type (people without a PESEL)"), ""),
    "numer_dokumentu": (_("identity document number"), _("text")),
    "plec": (_("sex or gender as EFS+ reports it, required"), ""),
    "telefon": (_("phone"), _("text")),
    "email": (_("e-mail"), _("a valid address")),
    "teryt_gminy": (
        _("gmina of residence, TERC code"),
        _("7 digits (WOJ POW GMI RODZ), e.g. 0201011; must be a gmina of the TERC register"),
    ),
    "miejscowosc": (_("locality"), _("text")),
    "kod_pocztowy": (_("postal code"), _("00-000")),
    "ulica": (_("street and number"), _("text")),
    "degurba": (
        _("area of residence (DEGURBA)"),
        _("1 city, 2 town or suburb, 3 rural area; when empty, taken from the gmina"),
    ),
    "wyksztalcenie_isced": (_("education"), _("ISCED level 0–8")),
    "status_na_rynku_pracy": (_("labour-market status"), ""),
    "data_rejestracji_pup": (
        _("registered at the PUP since"),
        _("a date as above; only for the unemployed"),
    ),
    "niepelnosprawnosc": (_("disability"), ""),
    "obywatel_panstwa_trzeciego": (_("third-country national"), ""),
    "pochodzenie_obce": (_("foreign background"), ""),
    "mniejszosc": (_("national or ethnic minority"), ""),
    "bezdomnosc": (_("homeless or affected by housing exclusion"), ""),
}

EXAMPLE = (
    "imie;nazwisko;pesel;data_urodzenia;rodzaj_dokumentu;numer_dokumentu;plec;teryt_gminy;"
    "kod_pocztowy;status_na_rynku_pracy;data_rejestracji_pup;niepelnosprawnosc\n"
    "Zofia;Żółkiewska;90051712344;;;;K;0201011;59-700;bezrobotny;01.02.2025;nie\n"
    "Olena;Kowalenko;;1992-03-04;paszport;FX1234567;K;0201022;;bierny;;odmowa\n"
)


@dataclass(frozen=True)
class ColumnHelp:
    name: str
    meaning: Promise
    allowed: Promise | str
    choices: str  # the values a choice column accepts, as written in the file
    required: bool


def _choices(column: parsing.Column) -> str:
    if column.kind != "choice":
        return ""
    spellings: dict[str, list[str]] = {}
    for spelling, code in column.choices.items():
        spellings.setdefault(code, []).append(spelling)
    return ", ".join(f"{' / '.join(names)} ({code})" for code, names in spellings.items())


def columns() -> list[ColumnHelp]:
    """Every column the parser accepts, in its order, with its meaning and allowed values."""
    return [
        ColumnHelp(
            name=name,
            meaning=MEANINGS[name][0],
            allowed=MEANINGS[name][1],
            choices=_choices(column),
            required=name in parsing.REQUIRED_COLUMNS,
        )
        for name, column in parsing.COLUMNS.items()
    ]


def template_file(fmt: str) -> bytes:
    """An empty file to fill in: the header row with every column the parser accepts."""
    header = list(parsing.COLUMNS)
    if fmt == "xlsx":
        return tables.as_xlsx(str(_("Participants")), header, [])
    return tables.as_csv(header, [])
