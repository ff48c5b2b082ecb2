"""``manage.py import_participants FILE --programme CODE [--dry-run]``: see docs/import.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from reintegra.programmes.imports.services import participants_import, report_summary
from reintegra.programmes.models import Programme


class Command(BaseCommand):
    help = "Import participants from a CSV or XLSX file into a programme: all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV (UTF-8 or Windows-1250) or XLSX file")
        parser.add_argument("--programme", required=True, help="the programme's code")
        parser.add_argument("--dry-run", action="store_true", help="validate and report; write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            programme = Programme.objects.select_related("organisation").get(code=options["programme"])
        except Programme.DoesNotExist:
            raise CommandError(
                _("No programme has the code %(code)s.") % {"code": options["programme"]}
            ) from None
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("No file at %(path)s.") % {"path": path})
        with path.open("rb") as source:
            report = participants_import(
                actor=None, programme=programme, source=source, dry_run=options["dry_run"]
            )
        for problem in report.problems:
            where = _("line %(line)s") % {"line": problem.line} if problem.line else _("file")
            column = f" [{problem.column}]" if problem.column else ""
            self.stderr.write(f"{where}{column}: {problem.message}")
        for warning in report.warnings:
            where = _("line %(line)s") % {"line": warning.line}
            self.stderr.write(
                _("%(where)s [%(column)s], warning: %(message)s")
                % {"where": where, "column": warning.column, "message": warning.message}
            )
        if not report.ok:
            raise CommandError(report_summary(report))
        self.stdout.write(report_summary(report))
