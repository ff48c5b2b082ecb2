"""``manage.py send_reminders``: queue the reminders due now; run it every hour (cron, a
systemd timer). The tasks are run by ``manage.py db_worker``; docs/configuration.md."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reintegra.notifications.tasks import reminders_enqueue


class Command(BaseCommand):
    help = "Queues the e-mail reminders and digests due now (run it every hour)."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = reminders_enqueue()
        self.stdout.write(self.style.SUCCESS(_("Reminders: %(queued)d tasks queued.") % {"queued": queued}))
