"""How far a participant's word reached: the women (or men) she told about the programme.

Seed 004 (the mobile activation centre) measured it: each of the 48 women told at least 4–5
others in a similar situation, and some of them applied. A participant's reach is recorded
now and then (at a visit, at the exit), each record adding to her total: how many people she
told since the last record, and how many of them applied. Counts only, never who they are:
the people told are not participants yet. A record belongs to an enrolment, so it is read
through the outcomes selectors like the rest of the case file.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.dates import not_in_the_future
from reintegra.fields import bounded_text
from reintegra.programmes.models import Enrolment

# More people told at once than a village has women of working age is a typing error.
MOST_TOLD = 500
NOTE_LIMIT = 1_000


class ReachRecord(models.Model):
    """People a participant told about the programme, and how many of them applied."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="reach_records", verbose_name=_("enrolment")
    )
    recorded_on = models.DateField(_("recorded on"), validators=[not_in_the_future])
    people_told = models.PositiveIntegerField(
        _("people told about the programme"), validators=[MaxValueValidator(MOST_TOLD)]
    )
    applied = models.PositiveIntegerField(_("of whom applied"), default=0)
    note = bounded_text(_("note"), limit=NOTE_LIMIT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("reach record")
        verbose_name_plural = _("reach records")
        ordering = ["-recorded_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(applied__lte=models.F("people_told")),
                name="reach_applied_within_told",
                violation_error_message=_("Of the people told, no more can have applied than were told."),
            ),
        ]
        indexes = [models.Index(fields=["enrolment", "recorded_on"])]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.people_told}"

    def clean(self) -> None:
        if self.applied is not None and self.people_told is not None and self.applied > self.people_told:
            raise ValidationError(
                {
                    "applied": ValidationError(
                        _("%(applied)s applied of %(told)s told: no more can apply than were told."),
                        code="applied_above_told",
                        params={"applied": self.applied, "told": self.people_told},
                    )
                }
            )

    def scope_organisation_ids(self) -> list[int]:
        return [self.enrolment.programme.organisation_id]
