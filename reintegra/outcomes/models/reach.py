"""How far a participant's word reached: the women (or men) she told about the programme.

Seed 004 (the mobile activation centre) measured it: each of the 48 women told at least 4–5
others in a similar situation, and some of them applied. A participant's reach is recorded
now and then (at a visit, at the exit), each record adding to her total: how many people she
told since the last record, and how many of them applied. Counts only, never who they are:
the people told are not participants yet. When one of them applies, the staff may name the
participant who told her (``HeardFrom``): the recruitment her word led to. Both belong to
enrolments, so they are read through the outcomes selectors like the rest of the case file.
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


class HeardFrom(models.Model):
    """Who told an applicant about the programme: a participant of the same programme. A named
    link, unlike the counts of ``ReachRecord``: both are people the programme already knows."""

    enrolment = models.OneToOneField(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="heard_from",
        verbose_name=_("applicant's enrolment"),
    )
    told_by = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="brought", verbose_name=_("told about it by")
    )
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
        verbose_name = _("word of mouth")
        verbose_name_plural = _("word of mouth")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(enrolment=models.F("told_by")),
                name="heard_from_not_herself",
                violation_error_message=_("An applicant cannot have heard about the programme from herself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} ← {self.told_by}"

    def clean(self) -> None:
        if self.enrolment_id is None or self.told_by_id is None:
            return
        if self.enrolment_id == self.told_by_id:
            raise ValidationError(
                {"told_by": _("An applicant cannot have heard about the programme from herself.")},
                code="herself",
            )
        if self.enrolment.programme_id != self.told_by.programme_id:
            raise ValidationError(
                {"told_by": _("Choose a participant of the same programme as the applicant.")},
                code="other_programme",
            )

    def scope_organisation_ids(self) -> list[int]:
        return [self.enrolment.programme.organisation_id]
