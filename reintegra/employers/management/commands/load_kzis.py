"""``manage.py load_kzis FILE``: load the official KZiS occupation list (CSV ``kod;nazwa``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from reintegra.employers import kzis


class Command(BaseCommand):
    help = "Loads KZiS occupation codes and names from a CSV file with the columns kod;nazwa."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="KZiS CSV file (semicolon-separated, UTF-8 or cp1250)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = kzis.load_file(options["file"])
        except OSError as error:
            raise CommandError(str(error)) from error
        except kzis.KzisFileError as error:
            raise CommandError(
                _("Nothing was loaded; correct the file and load it again:") + "\n" + str(error)
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("KZiS: %(created)d created, %(updated)d renamed, %(unchanged)d unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
            )
        )
