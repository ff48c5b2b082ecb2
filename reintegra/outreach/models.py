"""Mobile teams (seed 004's PUP teams that drive to village halls): their members, vehicle,
base and working days, the locations (venues of the organisation) they visit, and the weekly
visit plans the planner makes, which put ``mobile_visit`` sessions on the calendar once accepted.

The rules of writing are in ``services.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.activities.models import Session, Venue
from reintegra.dates import WEEKDAYS
from reintegra.fields import latitude_field, longitude_field
from reintegra.programmes.models import Programme

DEFAULT_SPEED_KMH = 45  # county roads with villages on the way, seed 004's "dojazd"
DEFAULT_VISIT_MINUTES = 120


class MobileTeam(models.Model):
    """A team that serves one programme from a base (e.g. the PUP's office), where each of its
    working days starts and ends."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="mobile_teams", verbose_name=_("organisation")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="mobile_teams", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    vehicle = models.CharField(_("vehicle"), max_length=200, blank=True)
    registration = models.CharField(_("registration number"), max_length=12, blank=True)
    base_name = models.CharField(_("base"), max_length=200)
    base_latitude = latitude_field(_("base latitude"))
    base_longitude = longitude_field(_("base longitude"))
    visit_minutes = models.PositiveSmallIntegerField(
        _("visit length (minutes)"),
        default=DEFAULT_VISIT_MINUTES,
        validators=[MinValueValidator(15), MaxValueValidator(600)],
    )
    speed_kmh = models.PositiveSmallIntegerField(
        _("average speed (km/h)"),
        default=DEFAULT_SPEED_KMH,
        validators=[MinValueValidator(5), MaxValueValidator(130)],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("mobile team")
        verbose_name_plural = _("mobile teams")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]


class TeamMember(models.Model):
    """A staff member on the team; the one who ``leads`` leads the team's sessions."""

    team = models.ForeignKey(
        MobileTeam, on_delete=models.CASCADE, related_name="members", verbose_name=_("mobile team")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    leads = models.BooleanField(_("leads the sessions"), default=False)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["-leads", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="team_member_once"),
            models.UniqueConstraint(
                fields=["team"], condition=models.Q(leads=True), name="team_one_leading_member"
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username

    def scope_organisation_ids(self) -> list[int]:
        return [self.team.organisation_id]


class WorkingDay(models.Model):
    """A weekday (0 = Monday) the team works, from a time until a time, base to base."""

    team = models.ForeignKey(
        MobileTeam, on_delete=models.CASCADE, related_name="working_days", verbose_name=_("mobile team")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), validators=[MaxValueValidator(6)])
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))

    class Meta:
        verbose_name = _("working day")
        verbose_name_plural = _("working days")
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(fields=["team", "weekday"], name="working_day_once_a_weekday"),
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")),
                name="working_day_ends_after_start",
                violation_error_message=_("A working day ends after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekday_name} {self.starts:%H:%M}–{self.ends:%H:%M}"

    @property
    def weekday_name(self) -> str:
        return str(WEEKDAYS[self.weekday])

    def scope_organisation_ids(self) -> list[int]:
        return [self.team.organisation_id]


class TeamLocation(models.Model):
    """A venue (a village hall) of the organisation that the team may visit."""

    team = models.ForeignKey(
        MobileTeam, on_delete=models.CASCADE, related_name="locations", verbose_name=_("mobile team")
    )
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="+", verbose_name=_("venue"))

    class Meta:
        verbose_name = _("team location")
        verbose_name_plural = _("team locations")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["team", "venue"], name="team_location_once")]

    def __str__(self) -> str:
        return str(self.venue)

    def scope_organisation_ids(self) -> list[int]:
        return [self.team.organisation_id]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ACCEPTED = "accepted", _("accepted")


class VisitPlan(models.Model):
    """A week of the team's routes as the planner made them; accepted, they are sessions.

    ``routes`` is a list of days, each ``{"date", "metres", "back_metres", "visits": [{"venue",
    "name", "gmina", "latitude", "longitude", "arrives", "leaves", "metres"}]}`` (minutes since
    midnight, metres from the previous point), with ``base`` the team's base as it was; the
    picture and the sessions are made from this copy, not from today's venues.
    """

    team = models.ForeignKey(
        MobileTeam, on_delete=models.CASCADE, related_name="plans", verbose_name=_("mobile team")
    )
    week_starts = models.DateField(_("first day of the week"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    routes = models.JSONField(_("routes"), default=dict, blank=True)
    left_out = models.JSONField(_("left out"), default=list, blank=True)
    metres = models.PositiveIntegerField(_("metres driven"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")
        ordering = ["-week_starts", "-pk"]
        indexes = [models.Index(fields=["team", "week_starts"])]

    def __str__(self) -> str:
        return f"{self.team} – {self.week_starts:%Y-%m-%d}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.team.organisation_id]


class PlannedVisit(models.Model):
    """A session an accepted plan put on the calendar."""

    plan = models.ForeignKey(
        VisitPlan, on_delete=models.CASCADE, related_name="visits", verbose_name=_("visit plan")
    )
    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="planned_visit", verbose_name=_("session")
    )

    class Meta:
        verbose_name = _("planned visit")
        verbose_name_plural = _("planned visits")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.session)

    def scope_organisation_ids(self) -> list[int]:
        return [self.plan.team.organisation_id]
