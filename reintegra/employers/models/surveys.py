"""Needs surveys (model 002's procedure): a keeping organisation asks the employers it keeps,
round after round, whom they will hire and what training those people need.

A round covers whole quarters (a quarter, a half-year, a year); it is opened as a draft, sent to
the employers (each invitation recorded), takes answers until it closes, and the next round can
be opened from it. An employer answers once per round, through its contact's own log-in or by
phone to a coordinator, who records that she entered it; each line of the answer says which
occupation (a KZiS code, or words flagged until coded), how many people, in which quarter and
gmina, the skills and conditions, and the training they need. The rules are in
``reintegra/employers/surveys/services.py``.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.employers.models.core import ContractType, Employer, Occupation, Site
from reintegra.employers.quarter_labels import period_label, quarter_label
from reintegra.employers.quarters import quarters_between
from reintegra.fields import bounded_text
from reintegra.people.models import TercUnit
from reintegra.text import SHORT_TEXT


class SurveyRoundStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("sent, taking answers")
    CLOSED = "closed", _("closed")


class SurveyRound(models.Model):
    """One period's survey of the employers an organisation keeps."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="survey_rounds", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=200)
    first_quarter = models.DateField(_("first quarter"), help_text=_("The first day of the quarter."))
    last_quarter = models.DateField(_("last quarter"), help_text=_("The first day of the quarter."))
    closes_on = models.DateField(_("answers until"))
    message = bounded_text(_("message to employers"), limit=SHORT_TEXT, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyRoundStatus.choices, default=SurveyRoundStatus.DRAFT
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened after"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("needs survey round")
        verbose_name_plural = _("needs survey rounds")
        ordering = ["-first_quarter", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_quarter__gte=models.F("first_quarter")),
                name="survey_round_ends_after_it_starts",
                violation_error_message=_("The last quarter of a round is not before its first."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]

    @property
    def quarters(self) -> list[date]:
        return quarters_between(self.first_quarter, self.last_quarter)

    @property
    def period(self) -> str:
        return period_label(self.first_quarter, self.last_quarter)


class SurveyInvitation(models.Model):
    """That a round was sent to an employer, and when."""

    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey round")
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="survey_invitations", verbose_name=_("employer")
    )
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "employer"], name="one_invitation_per_employer_and_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} → {self.employer}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.round.organisation_id, self.employer.organisation_id]


class AnswerChannel(models.TextChoices):
    ONLINE = "online", _("through the employer's own log-in")
    PHONE = "phone", _("entered by a coordinator, on the phone")


class SurveyAnswer(models.Model):
    """An employer's answer to a round: its lines say whom it will hire."""

    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="answers", verbose_name=_("survey round")
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="survey_answers", verbose_name=_("employer")
    )
    channel = models.CharField(_("how it was given"), max_length=10, choices=AnswerChannel.choices)
    informant = models.CharField(
        _("who answered"),
        max_length=200,
        blank=True,
        help_text=_("On the phone: the employer's person who gave the answer."),
    )
    note = bounded_text(_("note"), limit=SHORT_TEXT, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["round", "employer__organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "employer"], name="one_answer_per_employer_and_round")
        ]

    def __str__(self) -> str:
        return f"{self.employer} · {self.round}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.round.organisation_id, self.employer.organisation_id]


class SurveyAnswerLine(models.Model):
    """People of one occupation the employer will hire in one quarter and gmina."""

    answer = models.ForeignKey(
        SurveyAnswer, on_delete=models.CASCADE, related_name="lines", verbose_name=_("survey answer")
    )
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (KZiS)"),
    )
    occupation_text = models.CharField(
        _("occupation in words"),
        max_length=200,
        blank=True,
        help_text=_("When the KZiS code is not known; the line is flagged until it is coded."),
    )
    count = models.PositiveSmallIntegerField(
        _("how many people"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    quarter = models.DateField(_("quarter"), help_text=_("The first day of the quarter."))
    site = models.ForeignKey(
        Site, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("site")
    )
    gmina = models.ForeignKey(TercUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("gmina"))
    skills = models.JSONField(_("skills wanted"), default=list, blank=True)
    contract_type = models.CharField(
        _("contract type"), max_length=20, choices=ContractType.choices, blank=True
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    shifts = models.JSONField(_("shifts"), default=list, blank=True)
    training = bounded_text(_("training needed"), limit=SHORT_TEXT, blank=True)

    class Meta:
        verbose_name = _("survey answer line")
        verbose_name_plural = _("survey answer lines")
        ordering = ["quarter", "pk"]
        indexes = [models.Index(fields=["quarter"], name="survey_line_quarter")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(occupation__isnull=False) | ~models.Q(occupation_text=""),
                name="survey_line_names_an_occupation",
                violation_error_message=_("Give the occupation's KZiS code or name it in words."),
            ),
            models.CheckConstraint(
                condition=models.Q(count__gte=1),
                name="survey_line_hires_someone",
                violation_error_message=_("Give how many people, at least one."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.occupation or self.occupation_text}"

    @property
    def occupation_uncoded(self) -> bool:
        return self.occupation_id is None and bool(self.occupation_text)

    @property
    def quarter_label(self) -> str:
        return quarter_label(self.quarter)

    def scope_organisation_ids(self) -> list[int]:
        return self.answer.scope_organisation_ids()
