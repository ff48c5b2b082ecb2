"""The demo's programmes: one running programme per model, in an organisation that fits it.

Called by the ``seed_programmes`` step of ``manage.py seed_demo``, after the participants step.
Each programme gets a few people made to fit its model (so some are enrolled and some wait on
the reserve list), plus the organisation's other participants as applicants, assessed like any
others (so the funnel also shows who is not eligible). Idempotent: a programme whose code exists
is left as it is; a demo person is looked up by organisation and identity document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from reintegra.people.models import (
    IdentityDocumentType,
    LabourStatus,
    Participant,
    SensitiveAnswer,
    Sex,
    TercUnit,
)
from reintegra.people.services import participant_create
from reintegra.programmes import services
from reintegra.programmes.models import EnrolmentStatus, ExitReason, Programme, ProgrammeTemplate

if TYPE_CHECKING:
    from reintegra.accounts.management.commands.seed_demo import DemoContext

RURAL_GMINA = "3035022"  # Borówkowo, gmina wiejska
TOWN_GMINA = "3035011"  # Zalesie, gmina miejska
WOMEN = ("Agnieszka", "Beata", "Celina", "Dorota", "Ewelina", "Filomena", "Grażyna")
MEN = ("Adam", "Bartosz", "Cezary", "Damian", "Emil", "Franciszek", "Grzegorz")
SURNAMES_F = ("Wiśniewska", "Kamińska", "Lewandowska", "Dąbrowska", "Szymańska", "Woźniak", "Kozłowska")
SURNAMES_M = ("Wiśniewski", "Kamiński", "Lewandowski", "Dąbrowski", "Szymański", "Woźniak", "Kozłowski")


@dataclass(frozen=True)
class DemoProgramme:
    template: str
    organisation: str
    coordinator: str
    code: str
    name: str
    places: int
    venues: str
    funding_source: str
    people: int  # made to fit the model; more than the places, so some wait on the reserve list
    profile: dict[str, Any]
    women_only: bool = False
    age_years: tuple[int, int] = (30, 55)


PROGRAMMES: tuple[DemoProgramme, ...] = (
    DemoProgramme(
        "karnet15",
        "ngo",
        "admin.ngo",
        "karnet-zalesie-2026",
        "Klub Aktywności Rozmaitych „Przystań” 2026",
        4,
        "Świetlica Fundacji, ul. Lipowa 21, Zalesie",
        "EFS+ FEWP 2021–2027, Działanie 6.12",
        6,
        {"labour_status": LabourStatus.INACTIVE, "education": 2},
        age_years=(16, 23),
    ),
    DemoProgramme(
        "cis-partnership",
        "cis",
        "koordynator.cis",
        "cis-partnerstwo-2026",
        "Partnerstwo przeciw wykluczeniu – edycja 2026",
        4,
        "CIS „Nowy Start”, ul. Młyńska 8, Borówkowo",
        "Fundusz Pracy i budżet powiatu",
        6,
        {"labour_status": LabourStatus.LONG_TERM_UNEMPLOYED, "education": 3},
    ),
    DemoProgramme(
        "animator",
        "mops",
        "koordynator.mops",
        "animator-mops-2026",
        "Animatorzy – opiekunowie rodzin 2026",
        3,
        "MOPS Zalesie, ul. Ogrodowa 3",
        "Program Aktywności Lokalnej gminy Zalesie",
        5,
        {"labour_status": LabourStatus.LONG_TERM_UNEMPLOYED, "education": 2},
    ),
    DemoProgramme(
        "homeless-network",
        "mops",
        "koordynator.mops",
        "pab-zalesie-2026",
        "Punkt Aktywizacji Bezrobotnych przy schronisku 2026",
        3,
        "Schronisko dla osób bezdomnych, ul. Przemysłowa 9, Zalesie",
        "Budżet gminy Zalesie, zadanie zlecone",
        5,
        {"labour_status": LabourStatus.UNEMPLOYED, "homeless": SensitiveAnswer.YES},
    ),
    DemoProgramme(
        "mobile-activation",
        "pup",
        "koordynator.pup",
        "mcaz-2026",
        "Mobilne Centrum Aktywizacji Zawodowej 2026",
        4,
        "Świetlica wiejska w Borówkowie\nŚwietlica wiejska w Starych Łąkach",
        "Fundusz Pracy, rezerwa ministra",
        6,
        {"labour_status": LabourStatus.UNEMPLOYED, "degurba": 3, "gmina": RURAL_GMINA},
        women_only=True,
    ),
)


def seed_programmes(ctx: DemoContext) -> None:
    services.templates_load()
    today = timezone.localdate()
    for spec in PROGRAMMES:
        if Programme.objects.filter(code=spec.code).exists():
            ctx.count_created("programmes", False)
            continue
        _seed_programme(ctx, spec, today)
        ctx.count_created("programmes", True)


def _seed_programme(ctx: DemoContext, spec: DemoProgramme, today: date) -> None:
    organisation = ctx.organisations[spec.organisation]
    actor = ctx.users[spec.coordinator]
    programme = services.programme_create_from_template(
        actor=actor,
        organisation=organisation,
        template=ProgrammeTemplate.objects.get(code=spec.template),
        data={
            "name": spec.name,
            "code": spec.code,
            "start_date": date(today.year, 1, 1),
            "end_date": date(today.year, 12, 31),
            "places": spec.places,
            "venues": spec.venues,
            "funding_source": spec.funding_source,
            "staff": [actor],
        },
    )
    fitting = [_demo_person(organisation, spec, index, today) for index in range(spec.people)]
    others = list(
        Participant.objects.filter(organisation=organisation).exclude(pk__in=[p.pk for p in fitting])[:6]
    )
    for person in fitting + others:
        enrolment = services.enrolment_apply(actor=actor, programme=programme, participant=person)
        enrolment = services.enrolment_assess(actor=actor, enrolment=enrolment)
        if enrolment.status == EnrolmentStatus.ELIGIBLE:
            services.enrolment_enrol(actor=actor, enrolment=enrolment)
    if spec.template == "mobile-activation":
        # One woman found a job: her place is offered to the first on the reserve list.
        first = programme.enrolments.filter(status=EnrolmentStatus.ENROLLED).order_by("pk").first()
        if first is not None:
            services.enrolment_leave(
                actor=actor, enrolment=first, exit_reason=ExitReason.EMPLOYMENT, left_on=today
            )


def _demo_person(organisation: Any, spec: DemoProgramme, index: int, today: date) -> Participant:
    document = f"PRG{spec.code[:3].upper()}{index:04d}"
    existing = Participant.objects.filter(
        organisation=organisation, identity_document_number=document
    ).first()
    if existing is not None:
        return existing
    woman = spec.women_only or index % 2 == 0
    low, high = spec.age_years
    age = low + (index * 3) % (high - low + 1)
    profile = dict(spec.profile)
    gmina_code = profile.pop("gmina", TOWN_GMINA if index % 2 else RURAL_GMINA)
    unemployed = profile.get("labour_status") in {LabourStatus.UNEMPLOYED, LabourStatus.LONG_TERM_UNEMPLOYED}
    data = {
        "first_name": (WOMEN if woman else MEN)[index % len(WOMEN)],
        "last_name": (SURNAMES_F if woman else SURNAMES_M)[(index + len(spec.code)) % len(SURNAMES_F)],
        "sex": Sex.WOMAN if woman else Sex.MAN,
        "birth_date": today - timedelta(days=age * 365 + 40 + index),
        "identity_document_type": IdentityDocumentType.ID_CARD,
        "identity_document_number": document,
        "gmina": TercUnit.objects.filter(code=gmina_code).first(),
        "pup_registration_date": today - timedelta(days=120 + 150 * index) if unemployed else None,
        "disability": SensitiveAnswer.NO,
        "homeless": SensitiveAnswer.NO,
        **profile,
    }
    if data["gmina"] is None:
        data["degurba"] = 3 if gmina_code == RURAL_GMINA else 1
    return participant_create(actor=None, organisation=organisation, data=data)
