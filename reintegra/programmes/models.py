"""Programme templates (the five models), programmes, recruitment and the entry snapshot.

Recruitment is an explicit workflow (see ``workflow.py``): every move between statuses is
recorded in ``EnrolmentStatusChange`` with who and why.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.fields import bounded_text
from reintegra.people.models import Participant
from reintegra.text import SHORT_TEXT


class ProgrammeTemplate(models.Model):
    """One of the validated support models, shipped as data (``data/templates.json``).

    ``definition`` holds the target group, eligibility rules, roles, questionnaire and plan
    types and session types of the model.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    definition = models.JSONField(_("definition"), default=dict)

    class Meta:
        verbose_name = _("programme template")
        verbose_name_plural = _("programme templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("organisation")
    )
    template = models.ForeignKey(
        ProgrammeTemplate, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("template")
    )
    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Short unique code, used e.g. by imports.")
    )
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    places = models.PositiveIntegerField(_("places"))
    venues = bounded_text(_("venues"), limit=SHORT_TEXT, blank=True, help_text=_("One venue per line."))
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    contact_interval_days = models.PositiveSmallIntegerField(
        _("contact at least every (days)"),
        null=True,
        blank=True,
        # A longer interval is a typing error: the caseload's arithmetic on dates would overflow.
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Empty: the organisation's case-work setting applies."),
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="programmes", blank=True, verbose_name=_("staff")
    )
    partners = models.ManyToManyField(
        Organisation, related_name="partner_programmes", blank=True, verbose_name=_("partners")
    )
    eligibility_rules = models.JSONField(_("eligibility rules"), default=list, blank=True)
    priority_rules = models.JSONField(_("priority criteria"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="programme_ends_after_start",
                violation_error_message=_("The end of the programme cannot be before its start."),
            ),
            models.CheckConstraint(
                condition=models.Q(contact_interval_days__gte=1, contact_interval_days__lte=365)
                | models.Q(contact_interval_days__isnull=True),
                name="programme_contact_interval_at_most_a_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]


class Group(models.Model):
    """A cohort within a programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="groups", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="group_name_unique_in_programme")
        ]

    def __str__(self) -> str:
        return self.name

    def scope_organisation_ids(self) -> list[int]:
        return [self.programme.organisation_id]


class EnrolmentStatus(models.TextChoices):
    APPLIED = "applied", _("applied")
    ELIGIBLE = "eligible", _("eligible")
    NOT_ELIGIBLE = "not_eligible", _("not eligible")
    RESERVE = "reserve", _("on the reserve list")
    OFFERED = "offered", _("offered a place")
    ENROLLED = "enrolled", _("enrolled")
    LEFT = "left", _("left")


class ExitReason(models.TextChoices):
    COMPLETED = "completed", _("completed the programme")
    EMPLOYMENT = "employment", _("took up employment")
    EDUCATION = "education", _("took up education or training")
    RESIGNED = "resigned", _("resigned")
    EXCLUDED = "excluded", _("excluded for breaching the rules")
    DECLINED_OFFER = "declined_offer", _("declined the offered place")
    MOVED = "moved", _("moved away")
    HEALTH = "health", _("health reasons")
    OTHER = "other", _("other reason")


class Enrolment(models.Model):
    """A person's path through one programme, from application to leaving."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("programme")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("participant")
    )
    status = models.CharField(
        _("status"), max_length=15, choices=EnrolmentStatus.choices, default=EnrolmentStatus.APPLIED
    )
    applied_at = models.DateTimeField(_("applied"))
    priority = models.PositiveSmallIntegerField(_("priority points"), default=0)
    eligibility = models.JSONField(_("eligibility assessment"), default=list, blank=True)
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("group"),
    )
    offered_at = models.DateTimeField(_("place offered"), null=True, blank=True)
    enrolled_on = models.DateField(_("enrolled on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    exit_reason = models.CharField(_("exit reason"), max_length=20, choices=ExitReason.choices, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["programme", "status", "-priority", "applied_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "participant"], name="enrolment_one_per_programme"),
        ]
        indexes = [models.Index(fields=["programme", "status", "-priority", "applied_at"])]

    def __str__(self) -> str:
        return f"{self.participant} – {self.programme}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.programme.organisation_id]


class EnrolmentStatusChange(models.Model):
    """One recorded move of the recruitment workflow: from, to, when, who, why."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=15, choices=EnrolmentStatus.choices, blank=True)
    to_status = models.CharField(max_length=15, choices=EnrolmentStatus.choices)
    changed_at = models.DateTimeField(_("when"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"


class EntrySnapshot(models.Model):
    """The EFS+ characteristics as they were at enrolment; indicators read this, never the live record."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="entry_snapshot", verbose_name=_("enrolment")
    )
    taken_at = models.DateTimeField(_("taken"))
    data = models.JSONField(_("characteristics at entry"))

    class Meta:
        verbose_name = _("entry snapshot")
        verbose_name_plural = _("entry snapshots")

    def __str__(self) -> str:
        return f"{self.enrolment} @ {self.taken_at:%Y-%m-%d}"


class KeptImportFile(models.Model):
    """A participants file a dry run found without problems, kept so one click imports it.

    Only the user who checked it may import it, into the same programme, until it expires; it is
    removed when imported. It holds personal data, so it is kept briefly and never listed.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("kept import file")
        verbose_name_plural = _("kept import files")

    def __str__(self) -> str:
        return self.name


class ProgrammeStaff(models.Model):
    """A user who works in a programme in one of the roles its template names, for a period.

    Sessions are led by them (``services.may_lead``); the role is a code of the template's
    ``roles`` and the user is on the staff of the programme's organisation.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="staff_roles", verbose_name=_("programme")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="programme_roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=40)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme role")
        verbose_name_plural = _("programme roles")
        ordering = ["programme", "role", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_staff_ends_after_start",
                violation_error_message=_("The role cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["user", "programme"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.role_name()}"

    def role_name(self) -> str:
        return role_names(self.programme.template).get(self.role, self.role)

    def scope_organisation_ids(self) -> list[int]:
        return [self.programme.organisation_id]


def role_names(template: ProgrammeTemplate) -> dict[str, str]:
    """The roles a template names, {code: name}, in its order."""
    return {role["code"]: role["name"] for role in (template.definition or {}).get("roles", [])}
