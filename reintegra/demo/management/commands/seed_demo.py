"""``manage.py seed_demo``: a fictional local partnership in powiat zalesiański to click through.

The steps are in ``reintegra/demo/seed.py``; with ``--participants``/``--meetings`` the command
then tops the database up at scale for benchmarks, and with ``--karnet-scale`` adds a year of the
two clubs at the size of the KARnet15+ pilot (``reintegra/demo/scale_clubs.py``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from reintegra.demo.accounts import login_table
from reintegra.demo.scale_clubs import fill_clubs
from reintegra.demo.seed import demo_is_seeded, fill_to_scale, seed


class Command(BaseCommand):
    help = "Creates the demo partnership of powiat zalesiański and prints its log-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="If the demo is already there, only print the log-ins and write nothing.",
        )
        # At scale, for benchmarks: fictional load added in bulk on top of the demo.
        parser.add_argument(
            "--participants",
            type=int,
            default=0,
            metavar="N",
            help="Add fictional participants until there are N (bulk inserts, for benchmarks).",
        )
        parser.add_argument(
            "--meetings",
            type=int,
            default=0,
            metavar="M",
            help="Add case assignments and meetings until there are M meetings (for benchmarks).",
        )

        parser.add_argument(
            "--karnet-scale",
            action="store_true",
            help=(
                "Add a year of the two clubs at the KARnet15+ pilot's size: 656 young people, "
                "47 activities, 1,059 meetings of five kinds, with votes and attendance."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            if options["once"] and demo_is_seeded():
                self.stdout.write(_("The demo data is already there; nothing was changed."))
            else:
                ctx = seed()
                self.stdout.write(
                    self.style.SUCCESS(
                        _("Demo data ready: %(organisations)d organisations and %(users)d users created.")
                        % {
                            "organisations": ctx.created.get("organisations", 0),
                            "users": ctx.created.get("users", 0),
                        }
                    )
                )
            self.stdout.write(login_table())
            fill_to_scale(participants=options["participants"], meetings=options["meetings"])
            if options["karnet_scale"]:
                filled = fill_clubs()
                if filled.meetings:
                    self.stdout.write(
                        _(
                            "The two clubs at the pilot's size: %(people)d young people, "
                            "%(activities)d activities, %(meetings)d meetings, %(marks)d attendance marks."
                        )
                        % {
                            "people": filled.people,
                            "activities": filled.activities,
                            "meetings": filled.meetings,
                            "marks": filled.attendance,
                        }
                    )
                else:
                    self.stdout.write(
                        _("The clubs at the pilot's size are already there; nothing was changed.")
                    )
