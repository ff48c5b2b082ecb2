"""Importing participants into a programme from a file: all rows or none.

The whole file is read and every row validated first (conversion, the participant's own rules
through ``participant_build``, the TERC register, duplicates within the file and applications
already in the programme) with a handful of queries for the whole file, not per row. Only a file
without a single problem is written, in one transaction, in bulk: the people validated by the
same ``participant_build`` a form uses, their applications, and an audit entry for each row.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import log_bulk_create
from reintegra.people.models import Participant, TercUnit
from reintegra.people.services import ParticipantData, participant_build
from reintegra.programmes.imports import parsing
from reintegra.programmes.imports.parsing import IMPORT_MAX_BYTES, Problem, Row
from reintegra.programmes.models import Enrolment, Programme
from reintegra.programmes.services import enrolments_apply_in_bulk

LOOKUP_CHUNK = 2000
BULK_BATCH = 2000


@dataclass
class ImportReport:
    programme: Programme
    dry_run: bool
    format: str = ""
    encoding: str = ""
    delimiter: str = ""
    rows: int = 0
    new_people: int = 0
    existing_people: int = 0
    written: bool = False
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Planned:
    row: Row
    existing_id: int | None = None
    built: Participant | None = None


def participants_import(
    *,
    actor: User | None,
    programme: Programme,
    source: IO[bytes],
    dry_run: bool = False,
    max_bytes: int = IMPORT_MAX_BYTES,
) -> ImportReport:
    """Coordinators of the programme's organisation (None: the command line) import people into it.

    Any problem anywhere in the file means nothing is written; the report lists every problem.
    """
    if actor is not None and not policy.can(actor, "programme.manage", programme):
        raise PermissionDenied
    report = ImportReport(programme=programme, dry_run=dry_run)
    size = source.seek(0, os.SEEK_END)
    source.seek(0)
    if size > max_bytes:
        report.problems.append(
            Problem(
                None,
                "",
                _("The file has %(size)s bytes; the limit is %(limit)s bytes.")
                % {"size": size, "limit": max_bytes},
            )
        )
        return report
    try:
        table = parsing.read_table(source.read())
    except parsing.FileRefusedError as error:
        report.problems.append(Problem(None, "", error.message))
        return report
    report.format, report.encoding, report.delimiter = table.format, table.encoding, table.delimiter
    planned = _validate(table, programme, report)
    report.problems.sort(key=lambda problem: (problem.line or 0, problem.column))
    if report.problems or dry_run:
        return report
    _write(actor, programme, planned, report)
    return report


def _validate(table: parsing.Table, programme: Programme, report: ImportReport) -> list[_Planned]:
    names, header_problems = parsing.check_header(table.header)
    if header_problems:
        report.problems.extend(header_problems)
        return []
    terc_codes = set(TercUnit.objects.filter(code__regex=r"^\d{7}$").values_list("code", flat=True))
    rows: list[Row] = []
    first_line_of: dict[tuple[str, str], int] = {}
    for line, cells in table.rows:
        report.rows += 1
        row, problems = parsing.convert_row(line, names, cells, terc_codes=terc_codes)
        problems.extend(_duplicate_problems(row, first_line_of))
        if problems:
            report.problems.extend(problems)
        else:
            rows.append(row)
    if report.rows == 0:
        report.problems.append(Problem(None, "", _("The file has a header but no rows of data.")))
        return []
    planned = _match_existing(rows, programme, report)
    units = TercUnit.objects.in_bulk({row.terc_code for row in rows if row.terc_code})
    for item in planned:
        if item.existing_id is None:
            item.built = _build(item.row, programme, units, report)
    report.new_people = sum(1 for item in planned if item.existing_id is None)
    report.existing_people = len(planned) - report.new_people
    return planned


def _duplicate_problems(row: Row, first_line_of: dict[tuple[str, str], int]) -> list[Problem]:
    keys = []
    if row.data.get("pesel"):
        keys.append((("pesel", row.data["pesel"]), "pesel"))
    elif row.data.get("identity_document_number"):
        document = (row.data.get("identity_document_type", ""), row.data["identity_document_number"])
        keys.append((("document", "/".join(document).upper()), "numer_dokumentu"))
    problems = []
    for key, column in keys:
        first = first_line_of.setdefault(key, row.line)
        if first != row.line:
            problems.append(
                Problem(
                    row.line,
                    column,
                    _("The same person already appears on line %(line)d.") % {"line": first},
                )
            )
    return problems


def _match_existing(rows: list[Row], programme: Programme, report: ImportReport) -> list[_Planned]:
    """People already registered with the organisation (same PESEL) are applied, not duplicated."""
    pesels = [row.data["pesel"] for row in rows if row.data.get("pesel")]
    existing: dict[str, int] = {}
    for start in range(0, len(pesels), LOOKUP_CHUNK):
        existing.update(
            Participant.objects.filter(
                organisation_id=programme.organisation_id, pesel__in=pesels[start : start + LOOKUP_CHUNK]
            ).values_list("pesel", "pk")
        )
    applied = set(
        Enrolment.objects.filter(programme=programme)
        .exclude(participant__pesel="")
        .values_list("participant__pesel", flat=True)
    )
    planned = []
    for row in rows:
        pesel = row.data.get("pesel", "")
        if pesel in applied:
            report.problems.append(
                Problem(row.line, "pesel", _("This person has already applied to this programme."))
            )
        else:
            planned.append(_Planned(row, existing.get(pesel)))
    return planned


def _build(
    row: Row, programme: Programme, units: dict[str, TercUnit], report: ImportReport
) -> Participant | None:
    """The validated participant of a row, or None with its problems in the report.

    The row holds only the columns the parser knows (``check_header`` refused any other) and
    only its filled cells: an empty name is given as empty, for ``full_clean`` to name it.
    """
    data = ParticipantData(
        **{"first_name": "", "last_name": "", **row.data},
        gmina=units[row.terc_code] if row.terc_code else None,
    )
    try:
        return participant_build(organisation=programme.organisation, data=data)
    except ValidationError as error:
        report.problems.extend(
            Problem(row.line, parsing.COLUMN_OF_FIELD.get(name, ""), message)
            for name, messages in error.message_dict.items()
            for message in messages
        )
        return None


def _write(actor: User | None, programme: Programme, planned: list[_Planned], report: ImportReport) -> None:
    """Writes the validated people and their applications in bulk, each with its audit entry.

    The rules were all checked on the whole file; the database constraints still hold the line
    against a change made between checking and writing, which undoes the whole transaction.
    """
    reason = _("Imported from a file.")
    try:
        with transaction.atomic():
            new_people = [item.built for item in planned if item.built is not None]
            for person in new_people:
                person.created_by = actor
                person.set_search_key()
            Participant.objects.bulk_create(new_people, batch_size=BULK_BATCH)
            log_bulk_create(new_people, actor=actor)
            existing = Participant.objects.in_bulk(
                [item.existing_id for item in planned if item.existing_id is not None]
            )
            people = [
                item.built if item.built is not None else existing[item.existing_id] for item in planned
            ]
            enrolments_apply_in_bulk(actor=actor, programme=programme, participants=people, reason=reason)
    except IntegrityError:
        # Someone changed the data between validation and writing (another upload of the same
        # file, a colleague registering one of its people): the transaction is undone.
        report.problems.append(
            Problem(
                None,
                "",
                _(
                    "Some of these people were registered or applied to the programme by someone "
                    "else while this file was being imported (another upload of the same file?). "
                    "Nothing was written; import the file again to see what is left to do."
                ),
            )
        )
        return
    report.written = True


def report_summary(report: ImportReport) -> str:
    """One sentence for the command line and the page: what was read and what happened."""
    if report.format == "csv":
        source = _("CSV file, encoding %(encoding)s, columns separated by '%(delimiter)s'") % {
            "encoding": report.encoding,
            "delimiter": report.delimiter,
        }
    elif report.format == "xlsx":
        source = _("XLSX workbook, first sheet")
    else:
        source = _("file not read")
    counts = {"rows": report.rows, "new": report.new_people, "existing": report.existing_people}
    if report.problems:
        outcome = _("%(count)d problems found; nothing was imported.") % {"count": len(report.problems)}
    elif report.written:
        outcome = (
            _("Imported %(rows)d rows: %(new)d new people and %(existing)d already registered applied.")
            % counts
        )
    else:
        outcome = (
            _(
                "Dry run: %(rows)d rows are valid: %(new)d new people and %(existing)d already "
                "registered would apply; nothing was written."
            )
            % counts
        )
    return f"{source}. {outcome}"
