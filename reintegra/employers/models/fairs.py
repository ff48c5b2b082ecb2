"""Job fairs (*Ryneczek pracy*, seed 001) and the contest for a socially responsible employer.

A fair is an event of the organising organisation: employers take stands (signing up through
their own log-in, or added by a coordinator), the staff invite people they may see, check them
in at the door, note the short interviews at the stands and what followed. A contest has
criteria with weights, a jury of the organising organisation's users, nominations of employers
and the jurors' scores; its result is worked out by ``fairs/contest_result.py``.

Guests, interviews and outcomes name people: they are read only through the selectors of
``fairs/selectors.py``, which audit every read. Stands, contests and their nominations name
employers only. The rules of writing are in ``fairs/services.py`` and ``fairs/contest.py``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.activities.models import Venue
from reintegra.employers.models.core import Employer, Offer
from reintegra.fields import bounded_text
from reintegra.people.models import Participant
from reintegra.text import SHORT_TEXT

# --- Job fairs -----------------------------------------------------------------------------


class JobFair(models.Model):
    """One *Ryneczek pracy*: when and where, and until when employers may sign up."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="job_fairs", verbose_name=_("organiser")
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="job_fairs",
        verbose_name=_("venue"),
    )
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("Where the fair is held, when it is not at one of the organisation's venues."),
    )
    sign_up_until = models.DateField(
        _("employers sign up until"),
        help_text=_("The last day on which employers may sign up for a stand."),
    )
    description = bounded_text(_("description"), limit=SHORT_TEXT, blank=True)
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
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="job_fair_ends_after_start",
                violation_error_message=_("A fair ends after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(venue__isnull=False) | ~models.Q(address=""),
                name="job_fair_has_a_place",
                violation_error_message=_("Choose a venue or write the address of the fair."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def place(self) -> str:
        """Where the fair is, in one line: the venue's name and address, or the address given."""
        if self.venue is None:
            return self.address
        venue = self.venue
        return ", ".join(
            part for part in (venue.name, venue.street, f"{venue.postal_code} {venue.town}".strip()) if part
        )

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]


class FairStand(models.Model):
    """An employer's stand at a fair: its number and what the employer offers there."""

    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="stands", verbose_name=_("fair"))
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="fair_stands", verbose_name=_("employer")
    )
    number = models.PositiveSmallIntegerField(
        _("stand number"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    offering = bounded_text(_("what the employer offers"), limit=SHORT_TEXT, blank=True)
    offers = models.ManyToManyField(Offer, blank=True, related_name="fair_stands", verbose_name=_("offers"))
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed up by"),
    )
    signed_up_at = models.DateTimeField(_("signed up"))

    class Meta:
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        ordering = ["number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "employer"],
                name="fair_stand_once_per_employer",
                violation_error_message=_("This employer already has a stand at this fair."),
            ),
            models.UniqueConstraint(
                fields=["fair", "number"],
                name="fair_stand_number_unique",
                violation_error_message=_("Another stand of this fair has this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.employer}"

    def scope_organisation_ids(self) -> list[int]:
        return sorted({self.fair.organisation_id, self.employer.organisation_id})


class FairGuest(models.Model):
    """A person invited to a fair (or who walked in), and when she checked in at the door."""

    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="guests", verbose_name=_("fair"))
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="fair_visits", verbose_name=_("person")
    )
    walk_in = models.BooleanField(_("came without an invitation"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited"))
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("guest of a fair")
        verbose_name_plural = _("guests of a fair")
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "participant"],
                name="fair_guest_once",
                violation_error_message=_("This person is already on the fair's list."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.fair}"

    @property
    def came(self) -> bool:
        return self.checked_in_at is not None

    def scope_organisation_ids(self) -> list[int]:
        return sorted({self.participant.organisation_id, self.fair.organisation_id})


class FairInterview(models.Model):
    """A short conversation of a guest at an employer's stand."""

    guest = models.ForeignKey(
        FairGuest, on_delete=models.CASCADE, related_name="interviews", verbose_name=_("guest")
    )
    stand = models.ForeignKey(
        FairStand, on_delete=models.PROTECT, related_name="interviews", verbose_name=_("stand")
    )
    note = bounded_text(_("note"), limit=SHORT_TEXT, blank=True)
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
        verbose_name = _("interview at a fair")
        verbose_name_plural = _("interviews at a fair")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.guest.participant} – {self.stand}"

    def scope_organisation_ids(self) -> list[int]:
        return self.guest.scope_organisation_ids()


class OutcomeKind(models.TextChoices):
    INTERVIEW_INVITATION = "interview_invitation", _("invitation to an interview")
    INTERNSHIP = "internship", _("internship")
    JOB = "job", _("job")


class FairOutcome(models.Model):
    """What followed a guest's visit to a stand: an invitation to interview, an internship, a job."""

    guest = models.ForeignKey(
        FairGuest, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("guest")
    )
    stand = models.ForeignKey(
        FairStand, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("stand")
    )
    kind = models.CharField(_("what followed"), max_length=24, choices=OutcomeKind.choices)
    offer = models.ForeignKey(
        Offer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fair_outcomes",
        verbose_name=_("offer"),
    )
    note = bounded_text(_("note"), limit=SHORT_TEXT, blank=True)
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
        verbose_name = _("outcome of a fair")
        verbose_name_plural = _("outcomes of a fair")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["guest", "stand", "kind"],
                name="fair_outcome_once",
                violation_error_message=_("This outcome is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.guest.participant} – {self.stand}: {self.get_kind_display()}"

    def scope_organisation_ids(self) -> list[int]:
        return self.guest.scope_organisation_ids()


# --- The CSR employer contest --------------------------------------------------------------


class ContestStatus(models.TextChoices):
    OPEN = "open", _("open: nominations and scoring")
    CLOSED = "closed", _("closed: scores are final")
    PUBLISHED = "published", _("result published")


class Contest(models.Model):
    """A year's contest for the socially responsible employer, run by one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contests", verbose_name=_("organiser")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    description = bounded_text(_("description"), limit=SHORT_TEXT, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ContestStatus.choices, default=ContestStatus.OPEN
    )
    jury = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="juries", verbose_name=_("jury")
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("CSR contest")
        verbose_name_plural = _("CSR contests")
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "title"],
                name="contest_unique_per_year",
                violation_error_message=_("The organisation already runs a contest of this title this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]


class Criterion(models.Model):
    """What the jury scores, on a scale from ``scale_min`` to ``scale_max`` points, with a weight."""

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("contest")
    )
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
    )
    scale_min = models.PositiveSmallIntegerField(
        _("lowest score"), default=0, validators=[MaxValueValidator(100)]
    )
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="criterion_scale_rises",
                violation_error_message=_("The highest score is above the lowest."),
            ),
            models.UniqueConstraint(
                fields=["contest", "name"],
                name="criterion_unique_per_contest",
                violation_error_message=_("The contest already has a criterion of this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def scope_organisation_ids(self) -> list[int]:
        return [self.contest.organisation_id]


class Nomination(models.Model):
    """An employer nominated for the contest by the staff, with the reasons."""

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("contest")
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("employer")
    )
    justification = bounded_text(_("justification"), limit=SHORT_TEXT)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    nominated_at = models.DateTimeField(_("nominated"))

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["employer__organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "employer"],
                name="nomination_once_per_contest",
                violation_error_message=_("This employer is already nominated."),
            )
        ]

    def __str__(self) -> str:
        return str(self.employer)

    def scope_organisation_ids(self) -> list[int]:
        return [self.contest.organisation_id]


class Score(models.Model):
    """One juror's score of one nomination on one criterion; changeable until the contest closes."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="scores", verbose_name=_("nomination")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("juror")
    )
    points = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])
    scored_at = models.DateTimeField(_("scored"))

    class Meta:
        verbose_name = _("jury score")
        verbose_name_plural = _("jury scores")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "criterion", "juror"],
                name="score_once_per_juror",
                violation_error_message=_("This juror has already scored this criterion."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.nomination} – {self.criterion}: {self.points}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.nomination.contest.organisation_id]
