"""Counts kept up to date on write, so a report adds up a few rows instead of scanning every person.

One row per programme, month and indicator, split by women, men and non-binary persons. The month
is the month the indicator's date falls in (entry for output indicators, exit for result
indicators). Only additive indicators are kept here; a count of distinct people over a period is
not a sum of months.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.programmes.models import Programme


class IndicatorCount(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    code = models.CharField(_("indicator"), max_length=20)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    non_binary = models.PositiveIntegerField(_("non-binary persons"), default=0)

    class Meta:
        verbose_name = _("indicator count")
        verbose_name_plural = _("indicator counts")
        constraints = [
            models.UniqueConstraint(fields=["programme", "month", "code"], name="indicator_count_once"),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.month:%Y-%m} {self.code}"
