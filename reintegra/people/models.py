"""Participants and the people around them, with the data an EFS+ project must report.

Each participant record belongs to one organisation; partners see it only through what is
shared with them (referrals, later). Sensitive answers may be "refuses to answer".
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.collation import COLLATION
from reintegra.dates import day, not_in_the_future, plausible_birth_date
from reintegra.fields import bounded_text
from reintegra.people import identifiers
from reintegra.text import LONG_TEXT


def validate_pesel(value: str) -> None:
    try:
        identifiers.pesel_validate(value)
    except identifiers.PeselFromTheFutureError:
        raise ValidationError(PESEL_IN_THE_FUTURE, code="pesel_in_the_future") from None
    except identifiers.InvalidPeselError:
        raise ValidationError(
            _("Enter a valid PESEL: 11 digits with a correct check digit and a real birth date."),
            code="invalid_pesel",
        ) from None


PESEL_TAKEN = _("A participant with this PESEL is already registered in this organisation.")
DOCUMENT_TAKEN = _("A participant with this identity document is already registered in this organisation.")
PESEL_IN_THE_FUTURE = _("This PESEL gives a birth date in the future: check the first six digits.")

validate_postal_code = RegexValidator(
    identifiers.POSTAL_CODE.pattern, _("Enter a postal code in the form 00-000."), code="invalid_postal_code"
)


class Sex(models.TextChoices):
    """Gender as EFS+ reports it (Reg. 2021/1057: women, men, non-binary persons)."""

    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    NON_BINARY = "non_binary", _("non-binary person")


class SensitiveAnswer(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    REFUSED = "refused", _("refuses to answer")


class Degurba(models.IntegerChoices):
    CITY = 1, _("city (densely populated)")
    TOWN = 2, _("town or suburb (intermediate)")
    RURAL = 3, _("rural area (thinly populated)")


class Isced(models.IntegerChoices):
    ISCED_0 = 0, _("ISCED 0: below primary")
    ISCED_1 = 1, _("ISCED 1: primary")
    ISCED_2 = 2, _("ISCED 2: lower secondary")
    ISCED_3 = 3, _("ISCED 3: upper secondary")
    ISCED_4 = 4, _("ISCED 4: post-secondary")
    ISCED_5 = 5, _("ISCED 5: short-cycle tertiary")
    ISCED_6 = 6, _("ISCED 6: bachelor's")
    ISCED_7 = 7, _("ISCED 7: master's")
    ISCED_8 = 8, _("ISCED 8: doctoral")


class LabourStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", _("unemployed")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("long-term unemployed")
    INACTIVE = "inactive", _("economically inactive")
    EMPLOYED = "employed", _("employed (incl. self-employed)")


class IdentityDocumentType(models.TextChoices):
    ID_CARD = "id_card", _("identity card")
    PASSPORT = "passport", _("passport")
    RESIDENCE_CARD = "residence_card", _("residence card")
    OTHER = "other", _("other document")


class TercUnit(models.Model):
    """A unit of the TERYT TERC register (GUS): voivodeship, county or gmina.

    The code is WOJ(2) for a voivodeship, WOJ+POW(4) for a county and WOJ+POW+GMI+RODZ(7)
    for a gmina. A migration loads the real register of 2020-01-01 (``data/``); ``manage.py load_terc``
    loads a newer official file; the demo adds its fictional county.
    """

    code = models.CharField(_("TERC code"), max_length=7, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=50, blank=True)
    degurba = models.PositiveSmallIntegerField(_("DEGURBA"), choices=Degurba.choices, null=True, blank=True)

    class Meta:
        verbose_name = _("TERC unit")
        verbose_name_plural = _("TERC units")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_rural(self) -> bool:
        """GUS: rural territory is RODZ 2 (rural gmina) and 5 (rural part of an urban-rural gmina)."""
        return len(self.code) == 7 and self.code[6] in {"2", "5"}


class Participant(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participants", verbose_name=_("organisation")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    pesel = models.CharField(_("PESEL"), max_length=11, blank=True, validators=[validate_pesel])
    birth_date = models.DateField(_("birth date"), validators=[plausible_birth_date])
    identity_document_type = models.CharField(
        _("identity document"), max_length=20, choices=IdentityDocumentType.choices, blank=True
    )
    identity_document_number = models.CharField(_("document number"), max_length=40, blank=True)
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    gmina = models.ForeignKey(
        TercUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gmina (TERC)"),
    )
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=6, blank=True, validators=[validate_postal_code]
    )
    street_address = models.CharField(_("street and number"), max_length=150, blank=True)
    degurba = models.PositiveSmallIntegerField(
        _("area of residence (DEGURBA)"), choices=Degurba.choices, null=True, blank=True
    )

    education = models.PositiveSmallIntegerField(
        _("education (ISCED)"), choices=Isced.choices, null=True, blank=True
    )
    labour_status = models.CharField(
        _("labour-market status"), max_length=25, choices=LabourStatus.choices, blank=True
    )
    pup_registration_date = models.DateField(
        _("registered at the PUP since"), null=True, blank=True, validators=[not_in_the_future]
    )

    disability = models.CharField(_("disability"), max_length=8, choices=SensitiveAnswer.choices, blank=True)
    third_country_national = models.CharField(
        _("third-country national"), max_length=8, choices=SensitiveAnswer.choices, blank=True
    )
    foreign_background = models.CharField(
        _("foreign background"), max_length=8, choices=SensitiveAnswer.choices, blank=True
    )
    minority = models.CharField(
        _("national or ethnic minority"), max_length=8, choices=SensitiveAnswer.choices, blank=True
    )
    homeless = models.CharField(
        _("homeless or affected by housing exclusion"),
        max_length=8,
        choices=SensitiveAnswer.choices,
        blank=True,
    )

    search_key = models.CharField(_("search key"), max_length=210, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The start of the person's last held meeting, kept by casework's services as meetings are
    # held: the caseload reads it with the person instead of searching their meetings.
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # The person's own account (role "participant"), linked by a worker on the file: it opens
    # the participant's own page, which shows this record only.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant_record",
        verbose_name=_("own account"),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            models.Index(fields=["organisation", "last_name", "first_name"]),
            models.Index(fields=["organisation", "pesel"]),
            # The list's own order, Polish within each organisation (reintegra/collation.py): a
            # model index, so that SQLite keeps it when a migration rebuilds the table.
            models.Index(
                F("organisation"),
                Collate(F("last_name"), COLLATION),
                Collate(F("first_name"), COLLATION),
                F("id"),
                name="people_participant_org_name_pl",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(pesel="") | ~Q(identity_document_number=""),
                name="participant_pesel_or_document",
                violation_error_message=_(
                    "Without a PESEL, give the type and number of an identity document."
                ),
            ),
            # One person, one record in an organisation, even when a form is sent twice at once
            # or two imports of the same file run together (people.services names the field).
            models.UniqueConstraint(
                fields=["organisation", "pesel"],
                condition=~Q(pesel=""),
                name="participant_pesel_unique_in_organisation",
                violation_error_message=PESEL_TAKEN,
            ),
            models.UniqueConstraint(
                fields=["organisation", "identity_document_type", "identity_document_number"],
                condition=~Q(identity_document_number=""),
                name="participant_document_unique_in_organisation",
                violation_error_message=DOCUMENT_TAKEN,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.set_search_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and ({"first_name", "last_name"} & set(update_fields)):  # type: ignore[call-overload]
            kwargs["update_fields"] = {*update_fields, "search_key"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def set_search_key(self) -> None:
        """Called by save(); a bulk insert, which skips save(), calls it itself."""
        self.search_key = identifiers.search_key(self.last_name, self.first_name)

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        if self.pesel:
            try:
                derived = identifiers.pesel_birth_date(self.pesel)
            except (identifiers.InvalidPeselError, ValueError):
                derived = None
            if derived is not None and self.birth_date and self.birth_date != derived:
                errors.setdefault("birth_date", []).append(
                    ValidationError(
                        _("The birth date %(given)s does not match the PESEL, which says %(derived)s."),
                        code="birth_date_mismatch",
                        params={"given": day(self.birth_date), "derived": day(derived)},
                    )
                )
        elif not (self.identity_document_type and self.identity_document_number):
            errors.setdefault("identity_document_number", []).append(
                ValidationError(
                    _("Without a PESEL, give the type and number of an identity document."),
                    code="document_required",
                )
            )
        if self.pup_registration_date and self.labour_status not in {
            LabourStatus.UNEMPLOYED,
            LabourStatus.LONG_TERM_UNEMPLOYED,
        }:
            errors.setdefault("pup_registration_date", []).append(
                ValidationError(
                    _("Only an unemployed person has a PUP registration date."), code="not_unemployed"
                )
            )
        if errors:
            raise ValidationError(errors)

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("spouse or partner")
    CHILD = "child", _("child")
    PARENT = "parent", _("parent")
    SIBLING = "sibling", _("brother or sister")
    GUARDIAN = "guardian", _("legal guardian")
    OTHER_RELATIVE = "other_relative", _("other relative")
    CLOSE_CONTACT = "close_contact", _("close contact")


class FamilyMember(models.Model):
    """A family member or close contact; the animator model (002) supports families too."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="family", verbose_name=_("participant")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True, validators=[plausible_birth_date])
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    shares_household = models.BooleanField(_("shares the household"), default=False)
    receives_support = models.BooleanField(_("receives support too"), default=False)
    notes = bounded_text(_("notes"), limit=LONG_TEXT, blank=True)
    # Removal is recorded, never a deletion: meetings and the audit log still name the person.
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )

    class Meta:
        verbose_name = _("family member or close contact")
        verbose_name_plural = _("family members and close contacts")
        ordering = ["relation", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]


class ConsentKind(models.TextChoices):
    INFORMATION_NOTICE = "information_notice", _("RODO information notice delivered (art. 13/14)")
    PROCESSING = "processing", _("processing of personal data for the programme")
    SPECIAL_CATEGORY = "special_category", _("processing of special-category data (health, disability)")
    EFS_MONITORING = "efs_monitoring", _("EFS+ monitoring and evaluation")
    SHARING_WITH_PARTNERS = "sharing_with_partners", _("sharing data with partner organisations")
    SHARING_WITH_EMPLOYERS = "sharing_with_employers", _("showing a profile to employers")
    CONTACT = "contact", _("contact by phone or e-mail")
    IMAGE = "image", _("use of image (photos, films)")


class Consent(models.Model):
    """What the person consented to (or was informed of), when, recorded by whom, on which document.

    A withdrawal is recorded, not deleted, and from then on the consent no longer counts.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="consents", verbose_name=_("participant")
    )
    kind = models.CharField(_("consent"), max_length=30, choices=ConsentKind.choices)
    given_on = models.DateField(_("given on"), validators=[not_in_the_future])
    document = models.CharField(
        _("document"),
        max_length=200,
        help_text=_("Name or number of the signed document and where it is kept."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True, validators=[not_in_the_future])
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )
    withdrawal_note = models.CharField(_("withdrawal note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "kind"],
                condition=Q(withdrawn_on__isnull=True),
                name="consent_one_active_per_kind",
                violation_error_message=_("This consent is already recorded and in force."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.given_on})"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]
