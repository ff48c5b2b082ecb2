"""The demo's programmes: one running programme per model, in an organisation that fits it.

The ``seed_programmes`` step of ``manage.py seed_demo``, after the participants step.
The organisation's participants apply and are assessed like any others (so the funnel also shows
who is not eligible); the places are fewer than the eligible people (at most ``places``), so
some are enrolled and some wait on the reserve list. Only when too few of the organisation's
people fit the model are a few made to fit it. Idempotent: a programme whose code exists is left
as it is; a person made for the demo is looked up by organisation and identity document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from reintegra.demo.context import DemoContext
from reintegra.people.models import (
    IdentityDocumentType,
    LabourStatus,
    Participant,
    SensitiveAnswer,
    Sex,
    TercUnit,
)
from reintegra.people.services import ParticipantData, participant_create
from reintegra.programmes import eligibility, services
from reintegra.programmes.models import EnrolmentStatus, ExitReason, Programme, ProgrammeTemplate

RURAL_GMINA = "3035022"  # Borówkowo, gmina wiejska
TOWN_GMINA = "3035011"  # Zalesie, gmina miejska
JARZEBINA_TOWN = "3035034"  # Jarzębina, the town of the gmina miejsko-wiejska
WOMEN = ("Agnieszka", "Beata", "Celina", "Dorota", "Ewelina", "Filomena", "Grażyna")
MEN = ("Adam", "Bartosz", "Cezary", "Damian", "Emil", "Franciszek", "Grzegorz")
SURNAMES_F = ("Wiśniewska", "Kamińska", "Lewandowska", "Dąbrowska", "Szymańska", "Woźniak", "Kozłowska")
MIN_PLACES = 2
NOT_FITTING_APPLICANTS = 4
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
    profile: dict[str, Any]  # what a person made to fit the model looks like
    women_only: bool = False
    reserve: int = 1  # people left on the reserve list once the places are filled
    age_years: tuple[int, int] = (30, 55)
    members: int = MIN_PLACES  # at least this many people fit the model (made if too few)


PROGRAMMES: tuple[DemoProgramme, ...] = (
    DemoProgramme(
        "karnet15",
        "mops",
        "koordynator.mops",
        "karnet-zalesie-2026",
        "Klub Aktywności Rozmaitych „Przystań” 2026",
        6,
        "Klub przy MOPS, ul. Ogrodowa 3, Zalesie\nŚwietlica Fundacji „Wspólna Droga”, ul. Lipowa 21",
        "EFS+ FEWP 2021–2027, Działanie 6.12",
        {"labour_status": LabourStatus.INACTIVE, "education": 2},
        age_years=(16, 23),
        members=6,
    ),
    DemoProgramme(
        "karnet15",
        "razem",
        "koordynator.razem",
        "karnet-jarzebina-2026",
        "Klub Aktywności Rozmaitych „Kuźnia” 2026",
        8,
        "Klub „Kuźnia”, ul. Szkolna 2, Jarzębina",
        "EFS+ FEWP 2021–2027, Działanie 6.12",
        {"labour_status": LabourStatus.INACTIVE, "education": 2, "gmina": JARZEBINA_TOWN},
        age_years=(15, 24),
        members=8,
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
        {"labour_status": LabourStatus.LONG_TERM_UNEMPLOYED, "education": 2},
    ),
    DemoProgramme(
        "homeless-network",
        "ngo",
        "admin.ngo",
        "pab-zalesie-2026",
        "Punkt Aktywizacji Bezrobotnych przy schronisku 2026",
        3,
        "Schronisko dla osób bezdomnych, ul. Przemysłowa 9, Zalesie",
        "Budżet gminy Zalesie, zadanie zlecone",
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
        {"labour_status": LabourStatus.UNEMPLOYED, "degurba": 3, "gmina": RURAL_GMINA},
        women_only=True,
        reserve=2,  # one of them is offered the place a woman leaves
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
    template = ProgrammeTemplate.objects.get(code=spec.template)
    rules = template.definition["eligibility_rules"]
    people = list(
        Participant.objects.filter(organisation=organisation).select_related("gmina").order_by("pk")
    )
    fitting = [person for person in people if _fits(rules, person, today)]
    for index in range(max(MIN_PLACES, spec.members) + spec.reserve - len(fitting)):
        person = _demo_person(organisation, spec, index, today)
        people.append(person)
        fitting.append(person)
    programme = services.programme_create_from_template(
        actor=actor,
        organisation=organisation,
        template=template,
        data=services.ProgrammeData(
            name=spec.name,
            code=spec.code,
            start_date=date(today.year, 1, 1),
            end_date=date(today.year, 12, 31),
            places=min(spec.places, len(fitting) - spec.reserve),
            venues=spec.venues,
            funding_source=spec.funding_source,
            staff=(actor,),
        ),
    )
    not_fitting = [person for person in people if person not in fitting][:NOT_FITTING_APPLICANTS]
    for person in fitting + not_fitting:
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


def _fits(rules: list[dict[str, Any]], person: Participant, today: date) -> bool:
    return eligibility.is_eligible(eligibility.evaluate(rules, services.participant_facts(person), today))


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
    gmina = TercUnit.objects.filter(code=gmina_code).first()
    degurba = (
        gmina.degurba if gmina is not None and gmina.degurba else (3 if gmina_code == RURAL_GMINA else 1)
    )
    data = ParticipantData(
        first_name=(WOMEN if woman else MEN)[index % len(WOMEN)],
        last_name=(SURNAMES_F if woman else SURNAMES_M)[(index + len(spec.code)) % len(SURNAMES_F)],
        sex=Sex.WOMAN if woman else Sex.MAN,
        birth_date=today - timedelta(days=age * 365 + 40 + index),
        identity_document_type=IdentityDocumentType.ID_CARD,
        identity_document_number=document,
        gmina=gmina,
        pup_registration_date=today - timedelta(days=120 + 150 * index) if unemployed else None,
        disability=SensitiveAnswer.NO,
        homeless=SensitiveAnswer.NO,
    )
    # The model's profile overrides the defaults above; the area always follows the gmina.
    data = replace(data, **{**profile, "degurba": degurba})
    return participant_create(actor=None, organisation=organisation, data=data)
