"""Organisations, users and the memberships that give a user a role in an organisation."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon


class OrganisationType(models.TextChoices):
    PUP = "pup", _("County labour office (PUP)")
    CAZ = "caz", _("Vocational activation centre (CAZ)")
    OPS = "ops", _("Social assistance centre (OPS/MOPS)")
    PCPR = "pcpr", _("County family support centre (PCPR)")
    CIS = "cis", _("Social integration centre (CIS)")
    NGO = "ngo", _("Non-governmental organisation")
    SCHOOL = "school", _("School")
    EMPLOYER = "employer", _("Employer")
    SHELTER = "shelter", _("Shelter for homeless people")
    # A body that funds programmes (a voivodeship labour office, a managing authority, a
    # foundation): its users see only the aggregate reports of the programmes it funds.
    FUNDING_BODY = "funding_body", _("Funding body")
    # Partners the models' local partnerships name (seeds 002, 003, 004): the gmina or county
    # office, private employment services, the local press and radio, universities, training
    # institutions and social-economy entities such as a social cooperative.
    LOCAL_GOVERNMENT = "local_government", _("Local government unit")
    EMPLOYMENT_AGENCY = "employment_agency", _("Employment agency")
    MEDIA = "media", _("Local media")
    UNIVERSITY = "university", _("University")
    TRAINING_INSTITUTION = "training_institution", _("Training institution")
    SOCIAL_ECONOMY = "social_economy", _("Social economy entity (e.g. a social cooperative)")
    DEVELOPMENT_AGENCY = "development_agency", _("Regional development agency")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    ORG_ADMIN = "org_admin", _("Organisation administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    CASE_WORKER = "case_worker", _("Case worker")
    PARTNER_VIEWER = "partner_viewer", _("Partner viewer")
    EMPLOYER_CONTACT = "employer_contact", _("Employer contact")
    PARTICIPANT = "participant", _("Participant")
    FUNDER = "funder", _("Funder's reviewer")


def validate_nip(value: str) -> None:
    if not stdnum_nip.is_valid(value):
        raise ValidationError(
            _("Enter a valid NIP (10 digits with a correct check digit)."), code="invalid_nip"
        )


def validate_regon(value: str) -> None:
    if not stdnum_regon.is_valid(value):
        raise ValidationError(
            _("Enter a valid REGON (9 or 14 digits with a correct check digit)."), code="invalid_regon"
        )


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    nip = models.CharField(_("NIP"), max_length=10, blank=True, validators=[validate_nip])
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    require_2fa_for_staff = models.BooleanField(
        _("require two-factor authentication for staff"),
        default=False,
        help_text=_("Administrators, coordinators and case workers must confirm log-in with a code."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nip"], condition=~models.Q(nip=""), name="organisation_nip_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def scope_organisation_ids(self) -> list[int]:
        return [self.pk]


class User(AbstractUser):
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="Membership", related_name="users", verbose_name=_("organisations")
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")  # type: ignore[assignment]
        verbose_name_plural = _("users")  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def scope_organisation_ids(self) -> list[int]:
        # Ended memberships too: the organisation a leaver left still sees the entries about her.
        return list(self.memberships.values_list("organisation_id", flat=True))


class MembershipQuerySet(models.QuerySet["Membership"]):
    def in_force(self, on: date | None = None) -> MembershipQuerySet:
        """Memberships that count on the day (today by default): no end date, or not yet past it."""
        day = on or timezone.localdate()
        return self.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day))


class Membership(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    ends_on = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("The last day the role counts; empty while it lasts."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]
