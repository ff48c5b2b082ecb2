"""What a programme cost: one entry per expense, by category and by the source that paid it.

Seed 002 (the animators' model) names both: the costs of putting a model in place are
recruitment, training and the animators' salaries, preparing their place of work (venues),
courses for the unemployed and social support, and they may be paid "from public funds, EU funds,
sponsors or the students' own fees". An entry is an amount in złoty on a day (a monthly cost such
as a salary is dated on the first day of its month), with a description. Programme money, not a
person's data: the programme's organisation keeps it; the reports divide it by the people
supported and by their results (docs/indicators.md, "Costs").
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.dates import day, not_in_the_future
from reintegra.fields import bounded_text
from reintegra.programmes.models import Programme

# The smallest expense is a grosz; more than five million złoty in one entry is a typing error (a
# local programme's whole budget is rarely that: seed 002's animators cost a few hundred thousand).
SMALLEST_AMOUNT = Decimal("0.01")
LARGEST_AMOUNT = Decimal("5000000.00")
DESCRIPTION_LIMIT = 1_000
# Recruitment is paid for before a programme starts and the last invoices come after it ends:
# a cost within half a year either side of the programme's period is plausible, beyond it a typo.
MARGIN = timedelta(days=183)


class CostCategory(models.TextChoices):
    RECRUITMENT = "recruitment", _("recruitment")
    TRAINING = "training", _("staff training")
    SALARIES = "salaries", _("salaries")
    VENUES = "venues", _("venues and workplaces")
    COURSES = "courses", _("courses for participants")
    SOCIAL_SUPPORT = "social_support", _("social support")
    EXTRA_SERVICES = "extra_services", _("extra services")


class FundingSource(models.TextChoices):
    PUBLIC = "public", _("public funds")
    EU = "eu", _("EU funds")
    SPONSORS = "sponsors", _("sponsors")
    FEES = "fees", _("participants' fees")


class ProgrammeCost(models.Model):
    """One expense of a programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="costs", verbose_name=_("programme")
    )
    category = models.CharField(_("category"), max_length=20, choices=CostCategory.choices)
    source = models.CharField(_("funding source"), max_length=10, choices=FundingSource.choices)
    amount = models.DecimalField(
        _("amount (PLN)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(SMALLEST_AMOUNT), MaxValueValidator(LARGEST_AMOUNT)],
    )
    incurred_on = models.DateField(
        _("incurred on"),
        validators=[not_in_the_future],
        help_text=_(
            "The day of the expense; for a monthly cost such as a salary, the first day of its month."
        ),
    )
    description = bounded_text(_("description"), limit=DESCRIPTION_LIMIT)
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
        verbose_name = _("programme cost")
        verbose_name_plural = _("programme costs")
        ordering = ["-incurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=SMALLEST_AMOUNT, amount__lte=LARGEST_AMOUNT),
                name="programme_cost_amount_plausible",
                violation_error_message=_("A cost is more than 0 and at most 5,000,000 PLN."),
            ),
        ]
        indexes = [models.Index(fields=["programme", "incurred_on"])]

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_category_display()} {self.amount} PLN"

    def clean(self) -> None:
        if self.incurred_on is None or self.programme_id is None:
            return
        earliest = self.programme.start_date - MARGIN
        latest = self.programme.end_date + MARGIN
        if not earliest <= self.incurred_on <= latest:
            raise ValidationError(
                {
                    "incurred_on": ValidationError(
                        _(
                            "%(date)s is too far from the programme's period (%(start)s–%(end)s): "
                            "a cost is dated at most half a year before it starts or after it ends."
                        ),
                        code="incurred_outside_programme",
                        params={
                            "date": day(self.incurred_on),
                            "start": day(self.programme.start_date),
                            "end": day(self.programme.end_date),
                        },
                    )
                }
            )

    def scope_organisation_ids(self) -> list[int]:
        return [self.programme.organisation_id]
