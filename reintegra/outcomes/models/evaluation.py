"""The evaluation survey's answers, tied to the enrolment and the moment they were given at.

The answers themselves are an ordinary questionnaire response (the shipped ``evaluation``
questionnaire, on the engine that checks them); this row says which enrolment they belong to and
whether they were given at entry or at exit, so the before/after report can pair them. One
response per enrolment and moment; the exit one is never dated before the entry one (the
services check it).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.programmes.models import Enrolment
from reintegra.questionnaires.models import Response

EVALUATION_CODE = "evaluation"


class EvaluationMoment(models.TextChoices):
    ENTRY = "entry", _("at entry")
    EXIT = "exit", _("at exit")


class EvaluationResponse(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("enrolment")
    )
    moment = models.CharField(_("moment"), max_length=5, choices=EvaluationMoment.choices)
    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("answers")
    )
    by_the_person = models.BooleanField(_("filled in by the person herself"), default=False)

    class Meta:
        verbose_name = _("evaluation survey")
        verbose_name_plural = _("evaluation surveys")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "moment"],
                name="outcomes_evaluation_once_per_moment",
                violation_error_message=_("This survey has already been filled in for this moment."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.get_moment_display()}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.enrolment.programme.organisation_id]
