"""The demo's staff training: MOPS's five-module training of animators (002: IT, psychology,
social work, the labour market, entrepreneurship) and the foundation's four-stage training of
akompaniators (003), each with its sessions, attendance and certificates; a monthly supervision
of the club „Przystań”'s staff (000); and the akompaniator role of the activation point's
programme, which requires the training, given to the foundation's streetworker, who completed
it, with her first accompaniment meetings on the calendar.

The ``seed_training`` step of ``manage.py seed_demo``: after the programmes and the activities
(the club's staff roles, the point's venue). The requirement is added before the role is given,
so the role goes through the same check as any coordinator's. Seeding twice writes nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.activities import services as activities
from reintegra.activities.models import Venue
from reintegra.demo.context import DemoContext
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import Programme
from reintegra.training import services
from reintegra.training.models import Training

AKOMPANIATOR_PROGRAMME = "pab-zalesie-2026"  # 003's activation point at the shelter
AKOMPANIATOR = "pracownik.ngo"
CLUB_PROGRAMME = "karnet-zalesie-2026"  # 000's club „Przystań”
POINT = "Punkt Aktywizacji przy schronisku"
SUPERVISIONS = (
    "Granice w relacji z wychowankiem pieczy zastępczej",
    "Praca z grupą: konflikt przy wyborze aktywności",
    "Wypalenie zawodowe w pracy z młodzieżą",
    "Współpraca z rodziną zastępczą i koordynatorem pieczy",
    "Usamodzielnienie: pierwsza praca wychowanka",
    "Omówienie półrocza pracy Klubu",
)


@dataclass(frozen=True)
class TrainingSpec:
    organisation: str
    issuer: str  # the coordinator who sets it up and issues the certificates
    name: str
    description: str
    modules: tuple[tuple[str, str, int], ...]  # title, topic, hours
    trainer: str
    place: str
    weeks_back: int  # the first session, this many weeks before today; one module a week
    completed: tuple[str, ...]  # attended every module and hold the certificate
    partly: tuple[str, ...]  # attended the first modules only


TRAININGS: tuple[TrainingSpec, ...] = (
    TrainingSpec(
        "mops",
        "koordynator.mops",
        "Program szkoleniowy dla animatorów – opiekunów",
        "Wielomodułowy program szkoleniowy dla przyszłych animatorów (model 002), "
        "z podręcznikiem i zeszytem ćwiczeń.",
        (
            ("Technologie informacyjne w pracy animatora", "IT", 16),
            ("Psychologia pracy z osobą wykluczoną", "psychologia", 24),
            ("Praca socjalna z elementami pedagogiki", "praca socjalna", 24),
            ("Rynek pracy i aktywne metody poszukiwania pracy", "rynek pracy", 16),
            ("Ekonomia i przedsiębiorczość", "przedsiębiorczość", 12),
        ),
        "Ośrodek szkoleniowy Partnerstwa Lokalnego",
        "MOPS Zalesie, sala konferencyjna, ul. Ogrodowa 3",
        30,
        ("pracownik.mops", "asystent.mops"),
        ("koordynator.mops",),
    ),
    TrainingSpec(
        "ngo",
        "admin.ngo",
        "Szkolenie Akompaniatorów",
        "Przygotowanie do zadań Akompaniatora w Punkcie Aktywizacji Bezrobotnych (model 003) "
        "według Praktycznego Przewodnika Akompaniatora.",
        (
            ("Etap 1: Metoda Towarzyszenia", "Metoda Towarzyszenia", 16),
            ("Etap 2: Problematyka wykluczenia społecznego", "wykluczenie społeczne", 12),
            ("Etap 3: Zagadnienia bezdomności i bezrobocia", "bezdomność i bezrobocie", 12),
            ("Etap 4: Podstawy psychologii – budowanie relacji", "psychologia", 16),
        ),
        "Partnerstwo Lokalne – zespół trenerów",
        "Schronisko dla osób bezdomnych, ul. Przemysłowa 9, Zalesie",
        26,
        (AKOMPANIATOR, "admin.ngo"),
        ("partner.ngo",),
    ),
)


def seed_training(ctx: DemoContext) -> None:
    today = timezone.localdate()
    for spec in TRAININGS:
        organisation = ctx.organisations[spec.organisation]
        created = not Training.objects.filter(organisation=organisation, name=spec.name).exists()
        if created:
            _training(ctx, spec, today)
        ctx.count_created("trainings", created)
    _supervision(ctx, today)
    _akompaniator(ctx, today)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _training(ctx: DemoContext, spec: TrainingSpec, today: date) -> None:
    issuer = ctx.users[spec.issuer]
    training = services.training_create(
        actor=issuer,
        organisation=ctx.organisations[spec.organisation],
        name=spec.name,
        description=spec.description,
    )
    monday = today - timedelta(weeks=spec.weeks_back, days=today.weekday())
    completed = [ctx.users[username] for username in spec.completed]
    partly = [ctx.users[username] for username in spec.partly]
    for week, (title, topic, hours) in enumerate(spec.modules):
        module = services.module_add(
            actor=issuer, training=training, title=title, topic=topic, hours=Decimal(hours)
        )
        day = monday + timedelta(weeks=week)
        session = services.session_add(
            actor=issuer,
            module=module,
            data=services.SessionData(
                starts_at=_at(day, 9), ends_at=_at(day, 17), trainer=spec.trainer, place=spec.place
            ),
        )
        present = completed + (partly if week < 2 else [])
        services.attendance_record(actor=issuer, session=session, present=present)
    finished = monday + timedelta(weeks=len(spec.modules) - 1, days=4)
    for user in completed:
        services.completion_record(actor=issuer, training=training, user=user, completed_on=finished)


def _supervision(ctx: DemoContext, today: date) -> None:
    """A monthly supervision of the club's staff over the last half-year (000)."""
    programme = Programme.objects.filter(code=CLUB_PROGRAMME).first()
    if programme is None or programme.supervisions.exists():
        ctx.count_created("supervisions", False)
        return
    staff = [ctx.users[username] for username in ("koordynator.mops", "asystent.mops", "pracownik.mops")]
    for months_back, topic in zip(range(len(SUPERVISIONS), 0, -1), SUPERVISIONS, strict=True):
        held_on = today - timedelta(days=30 * months_back)
        services.supervision_record(
            actor=ctx.users["koordynator.mops"],
            organisation=programme.organisation,
            data=services.SupervisionData(
                held_on=held_on,
                supervisor="dr Halina Zawadzka, superwizorka pracy socjalnej",
                topic=topic,
                duration_minutes=120,
                programme=programme,
            ),
            staff=staff,
        )
    ctx.count_created("supervisions", True)


def _akompaniator(ctx: DemoContext, today: date) -> None:
    """The point's akompaniator role requires the training; the streetworker, who completed it,
    is given the role and leads her first accompaniment meetings."""
    programme = Programme.objects.filter(code=AKOMPANIATOR_PROGRAMME).first()
    training = Training.objects.filter(organisation=ctx.organisations["ngo"], name=TRAININGS[1].name).first()
    if programme is None or training is None:
        return
    coordinator, akompaniator = ctx.users["admin.ngo"], ctx.users[AKOMPANIATOR]
    if not programme.training_requirements.filter(role="akompaniator", training=training).exists():
        services.requirement_add(
            actor=coordinator, programme=programme, role="akompaniator", training=training
        )
    if programme.staff_roles.filter(user=akompaniator, role="akompaniator").exists():
        return
    completion = training.completions.get(user=akompaniator)
    programme_services.programme_staff_add(
        actor=coordinator,
        programme=programme,
        data=programme_services.StaffRoleData(
            user=akompaniator, role="akompaniator", starts_on=completion.completed_on
        ),
    )
    first = _at(today + timedelta(days=7 - today.weekday()), 10)  # next Monday
    activities.session_schedule(
        actor=None,  # the demo's rows are the system's (written in bulk, they would name an actor)
        data=activities.SessionData(
            programme=programme,
            kind="consultation",
            title="Spotkanie z Akompaniatorem",
            leader=akompaniator,
            starts_at=first,
            ends_at=first + timedelta(hours=1),
            planned_hours=Decimal(1),
            venue=Venue.objects.filter(name=POINT, organisation=programme.organisation).first(),
            recurrence="FREQ=WEEKLY;COUNT=4",
        ),
    )
