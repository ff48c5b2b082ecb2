"""``manage.py load_terc FILE``: load the GUS TERC register (CSV export) into the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from reintegra.people import terc


class Command(BaseCommand):
    help = "Loads voivodeships, counties and gminas from the official GUS TERC CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="TERC CSV file (semicolon-separated, UTF-8 or cp1250)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = terc.load_file(options["file"])
        except (OSError, terc.TercFileError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("TERC: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
            )
        )
