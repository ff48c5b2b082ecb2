"""``manage.py indicators --programme CODE --from DATE --to DATE --format json|csv|xlsx
[--output FILE]``: the report of a programme (or, with ``--organisation ID|NAME``, of a whole
organisation) for a period, in the files the report page exports.

Run by whoever runs the server, so no reader's scope applies; every refusal is a
``CommandError`` naming the option at fault. JSON and CSV go to the standard output unless
``--output`` names a file; XLSX needs ``--output``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from reintegra.outcomes.reports import compose, export, scopes
from reintegra.outcomes.reports.period import period_of
from reintegra.outcomes.tables import Period


class Command(BaseCommand):
    help = "Writes the indicator report of a programme or an organisation for a period as JSON, CSV or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--programme", metavar="CODE", help="the programme's code")
        which.add_argument(
            "--organisation", metavar="ID|NAME", help="a whole organisation, by id or exact name"
        )
        parser.add_argument(
            "--from", dest="start", metavar="DATE", required=True, help="first day, YYYY-MM-DD"
        )
        parser.add_argument("--to", dest="end", metavar="DATE", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--format", choices=export.FORMATS, default="json")
        parser.add_argument(
            "--output", metavar="FILE", help="write to this file instead of the standard output"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scope = self._scope(options)
        period = _period(options["start"], options["end"])
        fmt = options["format"]
        if fmt == "xlsx" and not options["output"]:
            raise CommandError(_("--output: an XLSX file cannot go to the standard output; name a file."))
        report = compose.report_for(scope, period)
        body = export.render(report, scope, fmt)
        if options["output"]:
            try:
                Path(options["output"]).write_bytes(body)
            except OSError as error:
                raise CommandError(
                    _("--output: %(file)s cannot be written (%(reason)s).")
                    % {"file": options["output"], "reason": error.strerror}
                ) from error
        else:
            self.stdout.write(body.decode("utf-8"), ending="")

    def _scope(self, options: dict[str, Any]) -> scopes.Scope:
        if options["programme"] is not None:
            programme = scopes.programme_by_code(options["programme"])
            if programme is None:
                raise CommandError(
                    _("--programme: there is no programme %(code)s.") % {"code": options["programme"]}
                )
            return scopes.of_programme(programme)
        organisation = scopes.organisation_by_id_or_name(options["organisation"])
        if organisation is None:
            raise CommandError(
                _("--organisation: no single organisation has the id or name %(key)s.")
                % {"key": options["organisation"]}
            )
        return scopes.of_organisation(organisation)


def _period(start: str, end: str) -> Period:
    days = []
    for option, text in (("--from", start), ("--to", end)):
        try:
            days.append(date.fromisoformat(text))
        except ValueError:
            raise CommandError(
                _("%(option)s: %(text)s is not a date; give it as YYYY-MM-DD.")
                % {"option": option, "text": text}
            ) from None
    try:
        return period_of(days[0], days[1], names=("--from", "--to"))
    except ValidationError as error:
        raise CommandError(
            " ".join(
                f"{option}: {message}"
                for option, messages in error.message_dict.items()
                for message in messages
            )
        ) from error
