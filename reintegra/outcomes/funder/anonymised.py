"""The anonymised row-level file for evaluators: one line per enrolment of a programme, with no
name, no PESEL, no contact and no address, so an external evaluator can study the programme
without being given anyone's identity.

What a line holds, and what it leaves out on purpose:

* a **pseudonym** drawn at random for this file only, never an id: two files of the same
  programme cannot be joined line by line, and no line leads back to a record; lines are in the
  pseudonyms' order, not the enrolments';
* the **birth year** instead of the birth date, and the **gmina** (its TERC code and name) instead
  of the address;
* the characteristics **at entry**, from the entry snapshot (what the indicators count), not the
  live record; the months registered at the labour office instead of the day of registration;
* the **month** of entry and of exit, not the day;
* the situation **on leaving** and at each **follow-up** (3, 6, 12 months), without the document of
  a qualification or any free text, which could name someone.

Columns have stable names (``birth_year``, ``exit_employed``, ``follow_up_6m_improvement``) and
values are the stored codes (``woman``, ``long_term_unemployed``, ISCED ``3``), and yes/no as
``1``/``0``, so the file reads the same whatever the language of the one who took it. The export is
a read of every enrolment in it: logged in the audit log, one entry per enrolment, in one statement.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit.bulk import Read, log_reads
from reintegra.outcomes.models import FOLLOW_UP_MONTHS, ExitRecord, FollowUp
from reintegra.people.models import TercUnit
from reintegra.programmes.models import Enrolment, EntrySnapshot, Programme
from reintegra.programmes.selectors import programme_get_for_user

SNAPSHOT_FIELDS = (
    "sex",
    "age_at_entry",
    "education",
    "labour_status",
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless",
    "degurba",
    "rural",
)
EXIT_FIELDS = (
    "planned_completion",
    "job_seeking",
    "in_education",
    "qualification_gained",
    "employed",
    "employment_form",
    "weekly_hours",
    "other_situation",
)
FOLLOW_UP_FIELDS = (
    "status",
    "employed",
    "employment_form",
    "weekly_hours",
    "job_seeking",
    "in_education",
    "improvement",
)


@dataclass(frozen=True)
class AnonymisedFile:
    programme: Programme
    headers: list[str]
    rows: list[list[str]]


def anonymised_file_for_user(user: User, programme_pk: int) -> AnonymisedFile:
    """The file of a programme of an organisation where the user may take it (``anonymised.export``);
    404 for any other. Every enrolment in it is logged as read."""
    programme = programme_get_for_user(user, programme_pk, permission="anonymised.export")
    snapshots = list(
        EntrySnapshot.objects.filter(enrolment__programme=programme).values(
            "enrolment_id",
            "enrolment__enrolled_on",
            "data",
            birth_year=ExtractYear("enrolment__participant__birth_date"),
        )
    )
    ids = [row["enrolment_id"] for row in snapshots]
    exits = {
        row["enrolment_id"]: row
        for row in ExitRecord.objects.filter(enrolment_id__in=ids).values(
            "enrolment_id", "left_on", *EXIT_FIELDS
        )
    }
    follow_ups: dict[tuple[int, int], dict[str, Any]] = {
        (row["enrolment_id"], row["months"]): row
        for row in FollowUp.objects.filter(enrolment_id__in=ids).values(
            "enrolment_id", "months", *FOLLOW_UP_FIELDS
        )
    }
    gminas = dict(
        TercUnit.objects.filter(code__in={row["data"].get("gmina_terc") for row in snapshots}).values_list(
            "code", "name"
        )
    )
    pseudonyms = _pseudonyms(len(snapshots))
    rows = sorted(
        (
            [pseudonym, programme.code, *_row(row, exits.get(row["enrolment_id"]), follow_ups, gminas)]
            for pseudonym, row in zip(pseudonyms, snapshots, strict=True)
        ),
        key=lambda line: line[0],
    )
    label = _("Anonymised file of %(programme)s") % {"programme": programme.name}
    log_reads([Read(Enrolment, pk, label, (programme.organisation_id,)) for pk in ids], actor=user)
    return AnonymisedFile(programme, headers(), rows)


def headers() -> list[str]:
    """Stable column names, the same in every language, so an evaluator's scripts keep working."""
    return [
        "pseudonym",
        "programme",
        "birth_year",
        "gmina_terc",
        "gmina_name",
        "entry_month",
        *SNAPSHOT_FIELDS,
        "pup_registration_months",
        "exit_month",
        *(f"exit_{name}" for name in EXIT_FIELDS),
        *(f"follow_up_{months}m_{name}" for months in FOLLOW_UP_MONTHS for name in FOLLOW_UP_FIELDS),
    ]


def _pseudonyms(count: int) -> list[str]:
    """``count`` distinct random codes, drawn anew for every file."""
    drawn: set[str] = set()
    while len(drawn) < count:
        drawn.add(secrets.token_hex(5))
    return list(drawn)


def _row(
    snapshot: Mapping[str, Any],
    exit: dict[str, Any] | None,
    follow_ups: dict[tuple[int, int], dict[str, Any]],
    gminas: dict[str, str],
) -> list[str]:
    data = snapshot["data"] or {}
    entered: date | None = snapshot["enrolment__enrolled_on"]
    gmina = data.get("gmina_terc") or ""
    line = [
        _text(snapshot["birth_year"]),
        gmina,
        gminas.get(gmina, ""),
        f"{entered:%Y-%m}" if entered else "",
        *(_text(data.get(name)) for name in SNAPSHOT_FIELDS),
        _text(_months_registered(data.get("pup_registration_date"), entered)),
    ]
    if exit is None:
        line += [""] * (1 + len(EXIT_FIELDS))
    else:
        line += [f"{exit['left_on']:%Y-%m}", *(_text(exit[name]) for name in EXIT_FIELDS)]
    for months in FOLLOW_UP_MONTHS:
        follow_up = follow_ups.get((snapshot["enrolment_id"], months))
        line += [_text(follow_up[name]) if follow_up else "" for name in FOLLOW_UP_FIELDS]
    return line


def _months_registered(registered: str | None, entered: date | None) -> int | None:
    if not registered or entered is None:
        return None
    since = date.fromisoformat(registered)
    return max(0, (entered.year - since.year) * 12 + entered.month - since.month - (entered.day < since.day))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
