"""``manage.py purge_attachments``: delete the bytes of attachments removed long enough ago.

Run it daily (cron, a systemd timer); the period is ``ATTACHMENTS_KEEP_REMOVED_DAYS`` unless
``--days`` says otherwise.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from reintegra.attachments.services import attachments_purge


class Command(BaseCommand):
    help = "Deletes the stored bytes of attachments removed more than the retention period ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="removed more than this many days ago (default: ATTACHMENTS_KEEP_REMOVED_DAYS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else settings.ATTACHMENTS_KEEP_REMOVED_DAYS
        purged = attachments_purge(older_than=timedelta(days=max(days, 0)))
        self.stdout.write(_("Attachments: the bytes of %(count)d removed files deleted.") % {"count": purged})
