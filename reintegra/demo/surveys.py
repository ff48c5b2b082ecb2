"""The demo's needs surveys (model 002's procedure): two rounds of the PUP's survey of the
employers it keeps, the bakery and the logistics centre.

The ``seed_surveys`` step of ``manage.py seed_demo``, after the employers. The last two quarters'
round was sent, answered by the bakery's owner through her own log-in and by the logistics
centre on the phone to the PUP's coordinator, and closed; the next round, opened from it for
this quarter and the next, was sent and has the logistics centre's answer, while the bakery's
is still to come (``pracodawca`` answers it in the demo). The rounds' quarters follow the day of
seeding, since a round takes answers only until it closes. Idempotent: the rounds are written
only when the PUP has none.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.demo.context import DemoContext
from reintegra.demo.employers import employer_of
from reintegra.employers import quarters
from reintegra.employers.models import AnswerChannel, ContractType, Employer, Occupation, Shift, SurveyRound
from reintegra.employers.quarter_labels import period_label
from reintegra.employers.surveys import services

ORGANISER, COORDINATOR = "pup", "koordynator.pup"
MESSAGE = (
    "Prosimy o informację, ile osób i w jakich zawodach planują Państwo zatrudnić oraz jakich "
    "szkoleń potrzebowaliby kandydaci. Na tej podstawie PUP planuje szkolenia na kolejne kwartały."
)


def seed_surveys(ctx: DemoContext) -> None:
    organisation = ctx.organisations[ORGANISER]
    exists = SurveyRound.objects.filter(organisation=organisation).exists()
    ctx.count_created("survey rounds", not exists)
    if exists:
        return
    coordinator = ctx.users[COORDINATOR]
    bakery, logistics = employer_of(ctx, "piekarnia"), employer_of(ctx, "logistyka")
    today = timezone.localdate()
    first, last = quarters.shifted(today, -2), quarters.shifted(today, -1)
    closed = services.survey_round_open(
        actor=coordinator,
        organisation=organisation,
        data=services.RoundData(
            title=_("Employers' needs, %(period)s") % {"period": period_label(first, last)},
            first_quarter=first,
            last_quarter=last,
            closes_on=today,
            message=MESSAGE,
        ),
    )
    services.survey_round_send(actor=coordinator, survey=closed)
    _answer(ctx, closed, bakery, "pracodawca", _bakery_lines(bakery, closed))
    _answer(
        ctx,
        closed,
        logistics,
        COORDINATOR,
        _warehouse_lines(logistics, closed),
        informant="Ewa Marczak, kadry",
    )
    services.survey_round_close(actor=coordinator, survey=closed)
    current = services.survey_round_open_next(actor=coordinator, previous=closed)
    services.survey_round_send(actor=coordinator, survey=current)
    _answer(ctx, current, logistics, "pracodawca.logistyka", _warehouse_lines(logistics, current, more=2))


def _answer(
    ctx: DemoContext,
    survey: SurveyRound,
    employer: Employer,
    username: str,
    lines: list[services.LineData],
    *,
    informant: str = "",
) -> None:
    """Through the employer's own log-in, or (with an informant) taken down on the phone."""
    services.survey_answer_save(
        actor=ctx.users[username],
        survey=survey,
        employer=employer,
        data=services.AnswerData(lines=lines, informant=informant),
        channel=AnswerChannel.PHONE if informant else AnswerChannel.ONLINE,
    )


def _bakery_lines(bakery: Employer, survey: SurveyRound) -> list[services.LineData]:
    first, last = survey.first_quarter, survey.last_quarter
    plant = bakery.sites.get(name="Piekarnia – zakład")
    return [
        services.LineData(
            count=2,
            quarter=first,
            occupation=Occupation.objects.get(code="751204"),
            site=plant,
            skills=("higiena pracy z żywnością",),
            contract_type=ContractType.EMPLOYMENT,
            hours_per_week=40,
            shifts=(Shift.NIGHT,),
            training="Kurs HACCP i badania sanitarno-epidemiologiczne",
        ),
        services.LineData(
            count=1,
            quarter=last,
            occupation=Occupation.objects.get(code="522301"),
            site=bakery.sites.get(name="Sklep firmowy w Starych Łąkach"),
            contract_type=ContractType.MANDATE,
            hours_per_week=30,
            shifts=(Shift.MORNING,),
            training="Obsługa kasy fiskalnej",
        ),
    ]


def _warehouse_lines(logistics: Employer, survey: SurveyRound, *, more: int = 0) -> list[services.LineData]:
    first, last = survey.first_quarter, survey.last_quarter
    warehouse = logistics.sites.get(name="Magazyn centralny")
    return [
        services.LineData(
            count=3 + more,
            quarter=first,
            occupation=Occupation.objects.get(code="432106"),
            site=warehouse,
            skills=("kompletowanie zamówień",),
            contract_type=ContractType.EMPLOYMENT,
            hours_per_week=40,
            shifts=(Shift.MORNING, Shift.AFTERNOON),
            training="Uprawnienia UDT na wózki widłowe",
        ),
        services.LineData(
            count=2,
            quarter=last,
            occupation=Occupation.objects.get(code="932101"),
            site=logistics.sites.get(name="Punkt przeładunkowy"),
            contract_type=ContractType.MANDATE,
            hours_per_week=20,
        ),
        services.LineData(
            count=1,
            quarter=last,
            occupation_text="kierowca samochodu dostawczego",
            site=warehouse,
            contract_type=ContractType.EMPLOYMENT,
            training="Prawo jazdy kat. C",
        ),
    ]
