"""Importing participants into a programme from a file: all rows or none.

The whole file is read and every row validated first (conversion, the participant's own rules
through ``participant_build``, the TERC register, duplicates within the file and applications
already in the programme) with a handful of queries for the whole file, not per row. Only a file
without a single problem is written, in one transaction, in bulk: the people validated by the
same ``participant_build`` a form uses, their applications, and an audit entry for each row.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from datetime import timedelta
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import log_bulk_create, log_reads
from reintegra.people import identifiers
from reintegra.people.models import Participant, Sex, TercUnit
from reintegra.people.services import ParticipantData, participant_build
from reintegra.programmes.imports import parsing
from reintegra.programmes.imports.parsing import IMPORT_MAX_BYTES, Problem, Row
from reintegra.programmes.models import Enrolment, KeptImportFile, Programme
from reintegra.programmes.services import enrolments_apply_in_bulk

LOOKUP_CHUNK = 2000
BULK_BATCH = 2000
KEEP_FOR = timedelta(hours=2)  # long enough to read the report, short for a file of personal data


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
    warnings: list[Problem] = field(default_factory=list)  # reported, but do not stop the import
    kept: KeptImportFile | None = None  # a checked file, for one click to import
    people: list[Participant] = field(default_factory=list)  # who applied, once written

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Registered:
    pk: int
    first_name: str
    last_name: str
    sex: str


@dataclass
class _Planned:
    row: Row
    existing_id: int | None = None
    built: Participant | None = None
    registered: _Registered | None = None


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
        report.problems.append(Problem(error.line, "", error.message))
        return report
    report.format, report.encoding, report.delimiter = table.format, table.encoding, table.delimiter
    planned = _validate(table, programme, report)
    _warn_of_other_names(actor, planned, report)
    report.problems.sort(key=lambda problem: (problem.line or 0, problem.column))
    if report.problems or dry_run:
        return report
    _write(actor, programme, planned, report)
    return report


def participants_import_check(
    *, actor: User, programme: Programme, source: IO[bytes], name: str
) -> ImportReport:
    """A dry run that keeps a file without problems, so that one click imports it without uploading again.

    The user's earlier file for the same programme and every expired file are removed (here and
    when a kept file is imported: there is no scheduled job).
    """
    report = participants_import(actor=actor, programme=programme, source=source, dry_run=True)
    if not report.ok:
        return report
    source.seek(0)
    now = timezone.now()
    with transaction.atomic():
        KeptImportFile.objects.filter(expires_at__lte=now).delete()
        KeptImportFile.objects.filter(uploaded_by=actor, programme=programme).delete()
        report.kept = KeptImportFile.objects.create(
            programme=programme,
            organisation=programme.organisation,
            uploaded_by=actor,
            name=name[:255],
            content=source.read(),
            expires_at=now + KEEP_FOR,
        )
    return report


def participants_import_kept(*, actor: User, programme: Programme, kept_id: int) -> ImportReport:
    """Imports the file the user checked earlier, if it is still kept: it is taken once, then gone.

    Taking it in its own transaction means a second click (or a second tab) finds nothing to
    import instead of applying the same people twice.
    """
    if not policy.can(actor, "programme.manage", programme):
        raise PermissionDenied
    with transaction.atomic():
        KeptImportFile.objects.filter(expires_at__lte=timezone.now()).delete()
        kept = (
            KeptImportFile.objects.select_for_update()
            .filter(
                pk=kept_id,
                uploaded_by=actor,
                programme=programme,
                organisation_id=programme.organisation_id,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if kept is not None:
            content = bytes(kept.content)
            kept.delete()
    if kept is None:
        report = ImportReport(programme=programme, dry_run=False)
        report.problems.append(
            Problem(
                None,
                "",
                _(
                    "The checked file is no longer kept (it was imported already or has expired): "
                    "upload it again."
                ),
            )
        )
        return report
    return participants_import(actor=actor, programme=programme, source=io.BytesIO(content))


def _validate(table: parsing.Table, programme: Programme, report: ImportReport) -> list[_Planned]:
    names, header_problems = parsing.check_header(table.header)
    if header_problems:
        report.problems.extend(header_problems)
        return []
    terc_codes = set(TercUnit.objects.filter(code__regex=r"^\d{7}$").values_list("code", flat=True))
    rows: list[Row] = []
    first_line_of: dict[tuple[str, str], int] = {}
    try:
        for line, cells in table.rows:
            report.rows += 1
            row, problems = parsing.convert_row(line, names, cells, terc_codes=terc_codes)
            problems.extend(_duplicate_problems(row, first_line_of))
            if problems:
                report.problems.extend(problems)
            else:
                rows.append(row)
    except parsing.FileRefusedError as error:  # a broken quote: the rest cannot be read
        report.problems.append(Problem(error.line, "", error.message))
        return []
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
    existing: dict[str, _Registered] = {}
    for start in range(0, len(pesels), LOOKUP_CHUNK):
        existing.update(
            (pesel, _Registered(pk, first_name, last_name, sex))
            for pesel, pk, first_name, last_name, sex in Participant.objects.filter(
                organisation_id=programme.organisation_id, pesel__in=pesels[start : start + LOOKUP_CHUNK]
            ).values_list("pesel", "pk", "first_name", "last_name", "sex")
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
            registered = existing.get(pesel)
            planned.append(_Planned(row, registered.pk if registered else None, registered=registered))
    return planned


def _warn_of_other_names(actor: User | None, planned: list[_Planned], report: ImportReport) -> None:
    """A PESEL registered under another name or sex is a warning, not an error: the existing record
    is applied unchanged, and the coordinator checks that it is the same person (a typo in the file,
    a changed surname) and not a wrong PESEL. The records named in the warnings are logged as read.
    """
    shown = []
    for item in planned:
        registered = item.registered
        if registered is None:
            continue
        data = item.row.data
        in_file = (
            identifiers.search_key(f"{data.get('first_name', '')} {data.get('last_name', '')}"),
            data.get("sex", ""),
        )
        on_record = (
            identifiers.search_key(f"{registered.first_name} {registered.last_name}"),
            registered.sex,
        )
        if in_file == on_record:
            continue
        shown.append(registered.pk)
        report.warnings.append(
            Problem(
                item.row.line,
                "pesel",
                _(
                    "This PESEL is registered as %(name)s (%(sex)s), the file says %(file_name)s "
                    "(%(file_sex)s): the registered person applies, unchanged. Check that it is "
                    "the same person."
                )
                % {
                    "name": f"{registered.first_name} {registered.last_name}",
                    "sex": Sex(registered.sex).label if registered.sex in Sex.values else registered.sex,
                    "file_name": f"{data.get('first_name', '')} {data.get('last_name', '')}".strip(),
                    "file_sex": Sex(data["sex"]).label if data.get("sex") in Sex.values else "–",
                },
            )
        )
    if actor is not None and shown:
        log_reads(Participant.objects.filter(pk__in=shown), actor=actor)


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
            report.people = people
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
    if report.problems:
        count = len(report.problems)
        outcome = ngettext(
            "%(count)d problem found; nothing was imported.",
            "%(count)d problems found; nothing was imported.",
            count,
        ) % {"count": count}
    else:
        people = {
            "new": ngettext("%(count)d new person", "%(count)d new people", report.new_people)
            % {"count": report.new_people},
            "existing": ngettext(
                "%(count)d already registered", "%(count)d already registered", report.existing_people
            )
            % {"count": report.existing_people},
        }
        if report.written:
            rows = ngettext("Imported %(count)d row", "Imported %(count)d rows", report.rows)
            outcome = _("%(rows)s: %(new)s and %(existing)s, all applied to the programme.") % {
                "rows": rows % {"count": report.rows},
                **people,
            }
        else:
            rows = ngettext("%(count)d row is valid", "%(count)d rows are valid", report.rows)
            outcome = _("Dry run: %(rows)s: %(new)s and %(existing)s would apply; nothing was written.") % {
                "rows": rows % {"count": report.rows},
                **people,
            }
    if report.warnings:
        count = len(report.warnings)
        outcome += " " + ngettext(
            "%(count)d warning: check it in the list.", "%(count)d warnings: check them in the list.", count
        ) % {"count": count}
    return f"{source}. {outcome}"
