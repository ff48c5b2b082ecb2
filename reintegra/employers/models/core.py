"""Employers and their sites, the KZiS occupation list, offers, and a person's job profile.

An employer is an organisation of type *employer* (it logs in through its employer-contact
users) that another organisation keeps: the labour office, CIS or NGO whose staff work with it.
Offers are not personal data; a job profile is (it says what a person can do and reach), and is
read only through the access functions in ``selectors.py``. The rules of writing are in
``services.py``; the matching core (``matching.py``) sees neither.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, OrganisationType
from reintegra.fields import bounded_text, latitude_field, longitude_field
from reintegra.partnership.models import Partnership
from reintegra.people.models import Participant, TercUnit
from reintegra.text import SHORT_TEXT


class Sector(models.TextChoices):
    """The sections of the Polish classification of activities (PKD 2007)."""

    A = "A", _("agriculture, forestry and fishing")
    B = "B", _("mining and quarrying")
    C = "C", _("manufacturing")
    D = "D", _("electricity, gas, steam and air conditioning supply")
    E = "E", _("water supply, sewerage and waste management")
    F = "F", _("construction")
    G = "G", _("wholesale and retail trade, repair of motor vehicles")
    H = "H", _("transportation and storage")
    I = "I", _("accommodation and food service")  # noqa: E741 — the section's letter
    J = "J", _("information and communication")
    K = "K", _("financial and insurance activities")
    L = "L", _("real estate activities")
    M = "M", _("professional, scientific and technical activities")
    N = "N", _("administrative and support service activities")
    O = "O", _("public administration and defence")  # noqa: E741 — the section's letter
    P = "P", _("education")
    Q = "Q", _("human health and social work")
    R = "R", _("arts, entertainment and recreation")
    S = "S", _("other service activities")
    T = "T", _("households as employers")
    U = "U", _("extraterritorial organisations")


class CompanySize(models.TextChoices):
    MICRO = "micro", _("micro (fewer than 10 people)")
    SMALL = "small", _("small (10–49 people)")
    MEDIUM = "medium", _("medium (50–249 people)")
    LARGE = "large", _("large (250 people or more)")


class Employer(models.Model):
    """What the keeping organisation knows of an employer organisation."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="employer",
        limit_choices_to={"type": OrganisationType.EMPLOYER},
        verbose_name=_("employer organisation"),
    )
    kept_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="kept_employers",
        verbose_name=_("kept by"),
        help_text=_("The organisation whose staff work with this employer."),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employers",
        verbose_name=_("partnership"),
    )
    sector = models.CharField(_("sector (PKD section)"), max_length=1, choices=Sector.choices)
    size = models.CharField(_("size"), max_length=6, choices=CompanySize.choices)
    cooperating_since = models.DateField(_("cooperating since"), null=True, blank=True)
    description = bounded_text(_("description"), limit=SHORT_TEXT, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["organisation__name", "pk"]

    def __str__(self) -> str:
        return str(self.organisation)

    def scope_organisation_ids(self) -> list[int]:
        return sorted({self.organisation_id, self.kept_by_id})


class Site(models.Model):
    """A place of work: where an offer's work is done and how far it is from a person's home."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="sites", verbose_name=_("employer")
    )
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(
        _("postal code"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{2}-\d{3}$", _("Enter a postal code as 00-000."))],
    )
    town = models.CharField(_("town"), max_length=100)
    gmina = models.ForeignKey(
        TercUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("gmina (TERC)")
    )
    latitude = latitude_field(_("latitude"))
    longitude = longitude_field(_("longitude"))

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.town}"

    def scope_organisation_ids(self) -> list[int]:
        return self.employer.scope_organisation_ids()


KZIS_CODE = RegexValidator(r"^(\d|\d{2}|\d{3}|\d{4}|\d{6})$", _("Enter a KZiS code of 1–4 or 6 digits."))


class OccupationLevel(models.IntegerChoices):
    """The levels of the KZiS code: its length in digits."""

    MAJOR = 1, _("major group")
    SUB_MAJOR = 2, _("sub-major group")
    MINOR = 3, _("minor group")
    UNIT = 4, _("unit group")
    OCCUPATION = 6, _("occupation")


class Occupation(models.Model):
    """A code of the Polish classification of occupations and specialities (KZiS)."""

    code = models.CharField(
        _("KZiS code"),
        max_length=6,
        primary_key=True,
        validators=[
            RegexValidator(r"^(\d|\d{2}|\d{3}|\d{4}|\d{6})$", _("Enter a KZiS code of 1–4 or 6 digits."))
        ],
    )
    name = models.CharField(_("name"), max_length=300)
    level = models.PositiveSmallIntegerField(_("level"), choices=OccupationLevel.choices)

    class Meta:
        verbose_name = _("occupation (KZiS)")
        verbose_name_plural = _("occupations (KZiS)")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class OfferKind(models.TextChoices):
    JOB = "job", _("job")
    INTERNSHIP = "internship", _("internship (staż)")
    TRAINEESHIP = "traineeship", _("traineeship (praktyka)")
    MENTORING = "mentoring", _("mentoring")
    APPRENTICESHIP = "apprenticeship", _("apprenticeship")
    WORK_TRIAL = "work_trial", _("work trial")


class ContractType(models.TextChoices):
    EMPLOYMENT = "employment", _("contract of employment")
    MANDATE = "mandate", _("contract of mandate")
    SPECIFIC_TASK = "specific_task", _("contract for a specific task")
    INTERNSHIP_AGREEMENT = "internship_agreement", _("internship agreement")
    NONE = "none", _("no contract")


class Shift(models.TextChoices):
    MORNING = "morning", _("morning")
    AFTERNOON = "afternoon", _("afternoon")
    NIGHT = "night", _("night")
    WEEKEND = "weekend", _("weekends")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Offer(models.Model):
    """A job, an internship, mentoring, an apprenticeship or a work trial an employer offers.

    It names an occupation by its KZiS code, or in free text that is flagged until coded.
    """

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="offers", verbose_name=_("employer")
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="offers", verbose_name=_("site"))
    kind = models.CharField(_("kind"), max_length=20, choices=OfferKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("occupation (KZiS)"),
    )
    occupation_text = models.CharField(
        _("occupation in words"),
        max_length=200,
        blank=True,
        help_text=_("When the KZiS code is not known; the offer is flagged until it is coded."),
    )
    description = bounded_text(_("description"), limit=SHORT_TEXT, blank=True)
    required_skills = models.JSONField(_("required skills"), default=list, blank=True)
    nice_skills = models.JSONField(_("nice-to-have skills"), default=list, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    shifts = models.JSONField(_("shifts"), default=list, blank=True)
    contract_type = models.CharField(_("contract type"), max_length=20, choices=ContractType.choices)
    needs_driving_licence = models.BooleanField(_("needs a driving licence"), default=False)
    needs_car = models.BooleanField(_("needs a car"), default=False)
    places = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("An internship lasts two months unless extended."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "kind"], name="offer_status_kind")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title="")
                | models.Q(occupation__isnull=False)
                | ~models.Q(occupation_text=""),
                name="offer_names_its_work",
                violation_error_message=_("Give the offer a title or an occupation."),
            ),
        ]

    def __str__(self) -> str:
        return self.title or (self.occupation.name if self.occupation else self.occupation_text)

    @property
    def occupation_uncoded(self) -> bool:
        return self.occupation_id is None and bool(self.occupation_text)

    def scope_organisation_ids(self) -> list[int]:
        return self.employer.scope_organisation_ids()


class TravelMode(models.TextChoices):
    CAR = "car", _("own car")
    PUBLIC_TRANSPORT = "public_transport", _("public transport only")
    ON_FOOT_OR_BIKE = "on_foot_or_bike", _("on foot or by bike")


class JobProfile(models.Model):
    """What a person looks for, can do and can reach: the person's side of matching."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="job_profile", verbose_name=_("participant")
    )
    wanted_occupations = models.JSONField(_("wanted occupations (KZiS codes)"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    preferred_kinds = models.JSONField(_("preferred kinds of offer"), default=list, blank=True)
    has_driving_licence = models.BooleanField(_("has a driving licence"), default=False)
    has_car = models.BooleanField(_("has a car"), default=False)
    travel_mode = models.CharField(
        _("how the person travels"),
        max_length=20,
        choices=TravelMode.choices,
        default=TravelMode.PUBLIC_TRANSPORT,
    )
    max_distance_km = models.PositiveSmallIntegerField(
        _("farthest distance (km)"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("longest journey (minutes)"), null=True, blank=True, validators=[MaxValueValidator(600)]
    )
    home_latitude = latitude_field(_("home latitude (approximate)"))
    home_longitude = longitude_field(_("home longitude (approximate)"))
    available_shifts = models.JSONField(_("shifts the person can work"), default=list, blank=True)
    max_hours_per_week = models.PositiveSmallIntegerField(
        _("most hours a week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("What care duties and health leave for work."),
    )
    care_duties = bounded_text(_("care duties"), limit=SHORT_TEXT, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("job profile")
        verbose_name_plural = _("job profiles")

    def __str__(self) -> str:
        return str(self.participant)

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]
