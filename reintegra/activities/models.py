"""Venues (clubs, activation points, village halls, partner premises) with their opening hours
and bookable resources; activities of a programme; sessions of every kind with their leader and
venue; attendance; and the private tokens of calendar feeds.

A session belongs to a programme, so a programme's meetings can be counted by kind. The rules
of writing are in ``services.py``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.dates import WEEKDAYS
from reintegra.fields import bounded_text, latitude_field, longitude_field
from reintegra.people.models import Participant, TercUnit
from reintegra.programmes.models import EnrolmentStatus, Group, Programme
from reintegra.text import SHORT_TEXT


class VenueKind(models.TextChoices):
    CLUB = "club", _("club")
    ACTIVATION_POINT = "activation_point", _("activation point (PAB)")
    VILLAGE_HALL = "village_hall", _("village hall")
    PARTNER_PREMISES = "partner_premises", _("partner premises")


class Venue(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="venues", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=VenueKind.choices)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    town = models.CharField(_("town"), max_length=100)
    gmina = models.ForeignKey(
        TercUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("gmina (TERC)")
    )
    latitude = latitude_field(_("latitude"))
    longitude = longitude_field(_("longitude"))
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    description = bounded_text(_("description"), limit=SHORT_TEXT, blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]


class OpeningHours(models.Model):
    """One weekly opening: a weekday (0 = Monday) from a time until a time."""

    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("venue")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), validators=[MaxValueValidator(6)])
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="opening_hours_close_after_opening",
                violation_error_message=_("A venue closes after it opens."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.weekday}: {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def weekday_name(self) -> str:
        return str(WEEKDAYS[self.weekday])

    def scope_organisation_ids(self) -> list[int]:
        return [self.venue.organisation_id]


class ResourceKind(models.TextChoices):
    COMPUTER = "computer", _("computer")
    PHONE = "phone", _("free phone")
    PRESS = "press", _("job-offer press")
    LIBRARY = "library", _("library")
    ROOM = "room", _("room")
    OTHER = "other", _("other")


class Resource(models.Model):
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="resources", verbose_name=_("venue")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def scope_organisation_ids(self) -> list[int]:
        return [self.venue.organisation_id]


class Booking(models.Model):
    """A resource booked by the hour, for a person (or by staff for themselves)."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("resource")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("person"),
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["resource", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="booking_ends_after_start",
                violation_error_message=_("A booking ends after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} @ {self.starts_at:%Y-%m-%d %H:%M}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.resource.venue.organisation_id]


class Visit(models.Model):
    """Who used what, when: the visit log of an activation point (seed 003 counts it)."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="visits", verbose_name=_("venue"))
    resource = models.ForeignKey(
        Resource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("resource"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="venue_visits",
        verbose_name=_("person"),
    )
    visited_at = models.DateTimeField(_("when"))
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_at", "-pk"]
        indexes = [models.Index(fields=["venue", "-visited_at"])]

    def __str__(self) -> str:
        return f"{self.venue} @ {self.visited_at:%Y-%m-%d %H:%M}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.venue.organisation_id]


class Activity(models.Model):
    """An activity of a programme (a film club, a cooking workshop); sessions may belong to it."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="activities", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200)
    description = bounded_text(_("description"), limit=SHORT_TEXT, blank=True)
    builds_towards = bounded_text(_("what it builds towards work"), limit=SHORT_TEXT, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def scope_organisation_ids(self) -> list[int]:
        return [self.programme.organisation_id]


class SessionKind(models.TextChoices):
    ACTIVITY = "activity", _("activity meeting")
    GROUP_WORKSHOP = "group_workshop", _("group-process workshop")
    LABOUR_MARKET_WORKSHOP = "labour_market_workshop", _("labour-market workshop")
    EMPLOYER_MEETING = "employer_meeting", _("meeting with an employer")
    CONSULTATION = "consultation", _("individual consultation")
    FAMILY_WORKSHOP = "family_workshop", _("family workshop")
    SERVICE_LEARNING = "service_learning", _("service-learning meeting")
    MOBILE_VISIT = "mobile_visit", _("mobile-centre visit")


class Session(models.Model):
    """One meeting of a programme (of a group or an activity of it), led by a holder of a role."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("programme")
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("group"),
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("activity"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_sessions",
        verbose_name=_("leader"),
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("venue"),
    )
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    planned_hours = models.DecimalField(
        _("planned hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(24))],
    )
    series = models.UUIDField(_("series"), null=True, blank=True, db_index=True)
    recurrence = models.CharField(_("recurrence rule"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["leader", "starts_at"]),
            models.Index(fields=["venue", "starts_at"]),
            models.Index(fields=["programme", "starts_at"]),
            # The sessions held for a person, of their group or of the whole programme, counted
            # from the index alone (it ends with the id their marks point to).
            models.Index(fields=["programme", "group", "starts_at", "id"], name="session_held_for_a_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session ends after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def length_hours(self) -> Decimal:
        return Decimal((self.ends_at - self.starts_at) / timedelta(hours=1)).quantize(Decimal("0.01"))

    @property
    def organisation_id(self) -> int:
        """The programme's organisation: it keeps the session's files (a signed attendance list)."""
        return self.programme.organisation_id

    def scope_organisation_ids(self) -> list[int]:
        return [self.programme.organisation_id]


class AttendanceMode(models.TextChoices):
    ON_SITE = "on_site", _("on site")
    REMOTE = "remote", _("remote")


class Attendance(models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("person")
    )
    present = models.BooleanField(_("present"), default=False)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(24))],
    )
    mode = models.CharField(
        _("mode"), max_length=10, choices=AttendanceMode.choices, default=AttendanceMode.ON_SITE
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
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="attendance_once_per_session")
        ]
        indexes = [
            models.Index(fields=["participant", "session"]),
            # A person's present marks, counted from the index alone.
            models.Index(
                fields=["participant", "session"],
                condition=models.Q(present=True),
                name="attendance_present_marks",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.session}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]


class AttendanceMonth(models.Model):
    """A person's present marks and hours in one programme and month, kept up to date on write.

    The month is the month (in Warsaw) the sessions start in. ``attendance_record`` counts the
    touched person's month again from the marks; data loaded in bulk is counted by
    ``manage.py rebuild_attendance_months``. A report adds up whole months from here and counts
    the days at its edges from the marks (``outcomes/model_counts.py``). A person without a
    present mark that month has no row.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    present_sessions = models.PositiveIntegerField(_("sessions attended"))
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("attendance in a month")
        verbose_name_plural = _("attendance by month")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "month", "participant"], name="attendance_month_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.programme_id} {self.month:%Y-%m}"


class FeedScope(models.TextChoices):
    WORKER = "worker", _("worker")
    VENUE = "venue", _("venue")
    PROGRAMME = "programme", _("programme")


class CalendarFeedToken(models.Model):
    """The private address of one calendar's iCal feed; revoked, it answers 404."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feed_tokens",
        verbose_name=_("owner"),
    )
    scope = models.CharField(_("calendar"), max_length=10, choices=FeedScope.choices)
    object_id = models.PositiveBigIntegerField(_("calendar of"))
    token = models.CharField(max_length=64, unique=True, verbose_name=_("token"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.scope} {self.object_id}"


class VotingRoundQuerySet(models.QuerySet["VotingRound"]):
    def of_member(self, participant: Participant) -> VotingRoundQuerySet:
        """The rounds of the clubs (programmes) the person is enrolled in: where she may vote."""
        return self.filter(
            programme__enrolments__participant=participant,
            programme__enrolments__status=EnrolmentStatus.ENROLLED,
        ).distinct()

    def open_at(self, moment: datetime) -> VotingRoundQuerySet:
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)


class VotingRound(models.Model):
    """A period in which a club's members vote on the activities proposed to it."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="voting_rounds", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    published_at = models.DateTimeField(_("results published"), null=True, blank=True)

    objects = VotingRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("voting round")
        verbose_name_plural = _("voting rounds")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="voting_round_closes_after_opening",
                violation_error_message=_("Voting closes after it opens."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def scope_organisation_ids(self) -> list[int]:
        return [self.programme.organisation_id]


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("not chosen")


class Proposal(models.Model):
    """An activity proposed by a member (or a worker) of the club."""

    round = models.ForeignKey(
        VotingRound, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("voting round")
    )
    title = models.CharField(_("title"), max_length=200)
    description = bounded_text(_("description"), limit=SHORT_TEXT, blank=True)
    builds_towards = bounded_text(_("what it builds towards work"), limit=SHORT_TEXT, blank=True)
    proposed_by = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("proposed by"),
    )
    proposed_by_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by (worker)"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    activity = models.OneToOneField(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("activity"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def scope_organisation_ids(self) -> list[int]:
        return [self.round.programme.organisation_id]


class Vote(models.Model):
    """One member's vote on one proposal: for or against, changeable until the round closes."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="votes", verbose_name=_("proposal")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="votes", verbose_name=_("person")
    )
    in_favour = models.BooleanField(_("in favour"), default=True)
    cast_at = models.DateTimeField(_("cast"))
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "participant"], name="vote_once_per_proposal")
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.proposal}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]
