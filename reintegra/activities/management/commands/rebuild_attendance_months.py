"""``manage.py rebuild_attendance_months``: count every person's attendance by month again from the
marks, after data was loaded in bulk (which bypasses ``attendance_record``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reintegra.activities.services import attendance_months_rebuild


class Command(BaseCommand):
    help = "Counts each person's present marks and hours by programme and month again from all the marks."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = attendance_months_rebuild()
        self.stdout.write(
            self.style.SUCCESS(_("Attendance counted again: %(rows)d person-months.") % {"rows": rows})
        )
