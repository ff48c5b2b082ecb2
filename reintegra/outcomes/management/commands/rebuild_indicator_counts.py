"""``manage.py rebuild_indicator_counts [--programme CODE]``: count the kept indicator counts again
from the records, after data was loaded in bulk (which bypasses the signals that keep them)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from reintegra.outcomes.counts import rebuild_counts
from reintegra.programmes.models import Programme


class Command(BaseCommand):
    help = "Counts the EFS+ indicators of every programme (or one) again from the records."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", metavar="CODE", help="only this programme (its code)")

    def handle(self, *args: Any, **options: Any) -> None:
        programme_ids = None
        if options["programme"]:
            programme_ids = list(
                Programme.objects.filter(code=options["programme"]).values_list("pk", flat=True)
            )
            if not programme_ids:
                raise CommandError(_("No programme has the code %(code)s.") % {"code": options["programme"]})
        kept = rebuild_counts(programme_ids)
        self.stdout.write(self.style.SUCCESS(_("Indicator counts rebuilt: %(rows)d rows.") % {"rows": kept}))
