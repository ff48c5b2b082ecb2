"""The demo's programme costs: what each demo programme spent so far, by category and source.

The animators' programme (seed 002's model) has the fullest budget, as the seed lists it:
recruiting and training the animators (a multi-module course: IT, psychology, social work, the
labour market, entrepreneurship), their salaries, their workplace, a course for the unemployed,
social support and extra services, paid from public funds, EU funds, a sponsor and the
participants' own exam fees. The other programmes keep a smaller budget of their own. Monthly
costs (salaries, rent, allowances) are dated on the first day of each month from the programme's
start up to today, never in the future; a recruitment cost falls a month before the start.
Amounts are fixed (no random draw, so adding this step changed nothing drawn before). Idempotent:
a programme that already has a cost is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.demo.context import DemoContext
from reintegra.outcomes.costs.services import CostData, cost_record
from reintegra.outcomes.models import CostCategory, FundingSource, ProgrammeCost
from reintegra.programmes.models import Programme

C, S = CostCategory, FundingSource
BEFORE_START = -1  # the month before the programme starts: recruitment


@dataclass(frozen=True)
class Spend:
    category: str
    source: str
    amount: str  # złoty, as Decimal reads it
    description: str
    month: int | None = None  # the month after the start (0 = the first) of a one-off; None: monthly
    day: int = 1


ANIMATORS = (
    Spend(
        C.RECRUITMENT,
        S.PUBLIC,
        "1850.00",
        "Ogłoszenia i rozmowy z kandydatami na animatorów",
        BEFORE_START,
        1,
    ),
    Spend(C.RECRUITMENT, S.PUBLIC, "640.00", "Spotkania informacyjne dla uczestników w OPS", 0, 12),
    Spend(
        C.TRAINING,
        S.EU,
        "12400.00",
        "Szkolenie wielomodułowe animatorów: IT, psychologia, praca socjalna, rynek pracy, przedsiębiorczość",
        0,
        20,
    ),
    Spend(C.TRAINING, S.EU, "1180.00", "Podręczniki i zeszyty ćwiczeń dla animatorów", 0, 20),
    Spend(C.SALARIES, S.EU, "7350.00", "Wynagrodzenia animatorów (3 × ½ etatu)"),
    Spend(
        C.VENUES, S.SPONSORS, "2400.00", "Wyposażenie pokoju animatorów (sponsor: Drukarnia Zalesie)", 1, 3
    ),
    Spend(C.VENUES, S.PUBLIC, "600.00", "Najem pokoju animatorów w MOPS"),
    Spend(C.COURSES, S.EU, "9600.00", "Kurs opiekuna osoby starszej dla 6 uczestników", 2, 10),
    Spend(C.COURSES, S.FEES, "450.00", "Opłaty uczestników za egzamin zewnętrzny", 5, 2),
    Spend(C.SOCIAL_SUPPORT, S.PUBLIC, "1200.00", "Zasiłki celowe i bilety dojazdowe uczestników"),
    Spend(
        C.EXTRA_SERVICES, S.SPONSORS, "1500.00", "Poradnictwo psychologiczne dla rodzin uczestników", 3, 14
    ),
)
CLUB = (
    Spend(C.RECRUITMENT, S.PUBLIC, "420.00", "Plakaty i spotkanie w szkole", BEFORE_START, 15),
    Spend(C.SALARIES, S.EU, "3900.00", "Wynagrodzenie animatora klubu (½ etatu)"),
    Spend(C.VENUES, S.PUBLIC, "350.00", "Media i sprzątanie sali klubu"),
    Spend(C.COURSES, S.EU, "2800.00", "Warsztaty umiejętności dla uczestników", 1, 16),
    Spend(C.EXTRA_SERVICES, S.SPONSORS, "950.00", "Wyjazd integracyjny (sponsor)", 4, 6),
)
WORKSHOP = (
    Spend(C.RECRUITMENT, S.PUBLIC, "300.00", "Rozmowy kwalifikacyjne i diagnoza", 0, 8),
    Spend(C.SALARIES, S.PUBLIC, "5200.00", "Wynagrodzenia instruktorów zawodu"),
    Spend(C.VENUES, S.PUBLIC, "800.00", "Warsztat i pracownie CIS"),
    Spend(C.SOCIAL_SUPPORT, S.PUBLIC, "2100.00", "Świadczenia integracyjne uczestników"),
    Spend(C.TRAINING, S.EU, "3600.00", "Szkolenie kadry z pracy z osobami długotrwale bezrobotnymi", 1, 22),
)
SHELTER = (
    Spend(C.SALARIES, S.PUBLIC, "2600.00", "Doradca zawodowy w schronisku (¼ etatu)"),
    Spend(C.SOCIAL_SUPPORT, S.PUBLIC, "700.00", "Bilety, odzież robocza, badania lekarskie"),
    Spend(C.EXTRA_SERVICES, S.SPONSORS, "480.00", "Fryzjer i zdjęcia do CV (sponsor)", 2, 9),
)
MOBILE = (
    Spend(C.RECRUITMENT, S.PUBLIC, "1200.00", "Ulotki i ogłoszenia w sołectwach", BEFORE_START, 20),
    Spend(C.SALARIES, S.PUBLIC, "6800.00", "Wynagrodzenia zespołu mobilnego (doradca i pośrednik)"),
    Spend(C.VENUES, S.PUBLIC, "250.00", "Opłaty za świetlice wiejskie"),
    Spend(C.EXTRA_SERVICES, S.EU, "950.00", "Paliwo i utrzymanie samochodu zespołu mobilnego"),
    Spend(C.TRAINING, S.EU, "2400.00", "Szkolenie zespołu z wywiadu kwestionariuszowego", 0, 14),
    Spend(C.COURSES, S.EU, "5400.00", "Kurs kasjera-sprzedawcy dla uczestniczek", 3, 7),
)
BUDGETS = {
    "animator-mops-2026": ANIMATORS,
    "karnet-zalesie-2026": CLUB,
    "karnet-jarzebina-2026": CLUB,
    "cis-partnerstwo-2026": WORKSHOP,
    "pab-zalesie-2026": SHELTER,
    "mcaz-2026": MOBILE,
    "mcaz-powiat-zalesianski": MOBILE,
}


def seed_costs(ctx: DemoContext) -> None:
    today = timezone.localdate()
    for programme in Programme.objects.filter(code__in=BUDGETS).order_by("pk"):
        recorded = ProgrammeCost.objects.filter(programme=programme).exists()
        if not recorded:
            for spend in BUDGETS[programme.code]:
                for day in days(spend, programme, today):
                    _record(programme, spend, day)
        ctx.count_created("programme costs", not recorded)


def days(spend: Spend, programme: Programme, today: date) -> list[date]:
    """The days of a cost: each month's first from the start to today (monthly), or its one day."""
    first = programme.start_date.replace(day=1)
    if spend.month is None:
        found, month = [], first
        while month <= min(today, programme.end_date):
            found.append(max(month, programme.start_date))
            month = (month + timedelta(days=32)).replace(day=1)
        return found
    month = _add_months(first, spend.month)
    day = month.replace(day=min(spend.day, 28))
    if spend.month >= 0:
        day = max(day, programme.start_date)
    return [day] if day <= today else []


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _record(programme: Programme, spend: Spend, day: date) -> None:
    cost_record(
        actor=None,
        programme=programme,
        data=CostData(
            category=spend.category,
            source=spend.source,
            amount=Decimal(spend.amount),
            incurred_on=day,
            description=spend.description,
        ),
    )
