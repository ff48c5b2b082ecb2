"""Questionnaires as versioned definitions, and the responses given on one version.

A version's definition is one JSON document checked by ``engine.definition_problems``. Only a
draft can change; publishing freezes it, and a later change is a new draft version, so every
response keeps the exact questions it was given on.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.accounts.models import Organisation
from reintegra.fields import bounded_text
from reintegra.people.models import Participant
from reintegra.text import SHORT_TEXT


class ImmutableVersionError(Exception):
    """A published or retired version was about to be changed."""


class Questionnaire(models.Model):
    """A questionnaire of one organisation, or shipped with Reintegra (no organisation)."""

    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = bounded_text(_("description"), limit=SHORT_TEXT, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questionnaires",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                name="questionnaire_code_unique_in_organisation",
                violation_error_message=_("Your organisation already has a questionnaire with this code."),
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(organisation__isnull=True),
                name="questionnaire_shipped_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id] if self.organisation_id else []


class VersionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("questionnaire version status", "draft")
    PUBLISHED = "published", _("published")
    RETIRED = "retired", _("retired")


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions", verbose_name=_("questionnaire")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    definition = models.JSONField(_("definition"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="questionnaire_version_unique"),
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=models.Q(status="draft"),
                name="questionnaire_one_draft",
                violation_error_message=_("This questionnaire already has a draft version."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The last line of defence behind the services: a frozen definition never changes.
        if not self._state.adding:
            stored = QuestionnaireVersion.objects.filter(pk=self.pk).values("status", "definition").first()
            frozen = stored is not None and stored["status"] != VersionStatus.DRAFT
            if stored and frozen and (stored["definition"] != self.definition or self.is_draft):
                raise ImmutableVersionError("A published questionnaire version cannot be changed.")
        super().save(*args, **kwargs)

    def scope_organisation_ids(self) -> list[int]:
        return self.questionnaire.scope_organisation_ids()

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Response(models.Model):
    """A person's answers, kept with the version they were given on."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="questionnaire_responses",
        verbose_name=_("participant"),
    )
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="responses", verbose_name=_("version")
    )
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filled in by"),
    )
    filled_on = models.DateField(_("filled in on"))
    answers = models.JSONField(_("answers"), default=dict)
    score = models.IntegerField(_("score"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        ordering = ["-filled_on", "-pk"]
        indexes = [models.Index(fields=["participant", "-filled_on"])]

    def __str__(self) -> str:
        return f"{self.version} – {self.participant}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]
