"""The demo's employers: the bakery, the joinery and the logistics centre of powiat zalesiański,
their sites, offers coded with KZiS codes, and the job profiles of a handful of participants.

The ``seed_employers`` step of ``manage.py seed_demo``, after the partnership (employers belong
to it) and the activities. The three employer organisations and their contacts come from the
first step (``accounts.py``); this one says who keeps each (the PUP the bakery and the logistics
centre, the CIS the joinery its workshop trains for), its sector, size and sites (coordinates in
the powiat: ``GMINA_CENTRES``), and its offers: a two-month internship at the bakery, a work
trial at its shop in Stare Łąki, a job and mentoring at the logistics centre, a work trial at
the joinery, a draft, a closed offer and one whose occupation is only in words (flagged until
coded). The 4-digit unit groups and 6-digit occupations the offers name are loaded over the
groups the migration ships, as ``manage.py load_kzis`` would load the official file.

Job profiles: seven people of the MOPS, the PUP and the CIS, all but one with their consent to
showing a profile to employers. Łucja Żółkiewska (MOPS, Stare Łąki) has no car and travels by
bus at most 30 minutes: the bakery in Zalesie is out of her reach, its shop in Stare Łąki is not,
and her case worker promoted that offer for her with a reason.

Idempotent: an employer, a site and an offer are looked up by their organisation and name or
title, a job profile and a consent by their person, and only what is missing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.accounts.models import Organisation
from reintegra.demo.context import DemoContext
from reintegra.demo.partnership import NAME as PARTNERSHIP_NAME
from reintegra.demo.people import ADDRESSES
from reintegra.employers import kzis, services
from reintegra.employers.matching import services as matching_services
from reintegra.employers.models import (
    CompanySize,
    ContractType,
    Employer,
    JobProfile,
    MatchOverride,
    Occupation,
    Offer,
    OfferKind,
    OfferStatus,
    OverrideAction,
    Sector,
    Shift,
    Site,
    TravelMode,
)
from reintegra.partnership.models import Partnership
from reintegra.people import services as people_services
from reintegra.people.models import ConsentKind, Participant, TercUnit

# Where the powiat's gminas lie: the demo county is fictional, its coordinates are real places
# of the Wielkopolska plain, a few km apart as the demo's map needs.
GMINA_CENTRES: dict[str, tuple[Decimal, Decimal]] = {
    "3035011": (Decimal("52.32000"), Decimal("17.57000")),  # Zalesie
    "3035022": (Decimal("52.39500"), Decimal("17.66000")),  # Borówkowo
    "3035034": (Decimal("52.21000"), Decimal("17.52000")),  # Jarzębina (town)
    "3035035": (Decimal("52.19000"), Decimal("17.47000")),  # Jarzębina (rural part)
    "3035042": (Decimal("52.29000"), Decimal("17.38000")),  # Stare Łąki
}

# The unit groups and occupations of the KZiS the offers and profiles name (the migration loads
# only the 1–3-digit groups; an organisation loads the full official file with ``load_kzis``).
OCCUPATIONS: tuple[tuple[str, str], ...] = (
    ("4321", "Magazynierzy i pokrewni"),
    ("432106", "Magazynier-logistyk"),
    ("5223", "Sprzedawcy sklepowi"),
    ("522301", "Sprzedawca"),
    ("7512", "Piekarze, cukiernicy i pokrewni"),
    ("751201", "Cukiernik"),
    ("751204", "Piekarz"),
    ("7522", "Stolarze meblowi i pokrewni"),
    ("752205", "Stolarz"),
    ("9321", "Robotnicy wykonujący prace proste przy pakowaniu i pokrewni"),
    ("932101", "Pakowacz"),
)


@dataclass(frozen=True)
class DemoSite:
    name: str
    street: str
    gmina: str  # TERC code; the town and postal code are the demo's for the gmina
    latitude: str
    longitude: str


@dataclass(frozen=True)
class DemoEmployer:
    organisation: str  # organisation key of accounts.py
    kept_by: str
    sector: Sector
    size: CompanySize
    cooperating_since: date
    description: str
    sites: tuple[DemoSite, ...]


EMPLOYERS: tuple[DemoEmployer, ...] = (
    DemoEmployer(
        "piekarnia",
        "pup",
        Sector.C,
        CompanySize.SMALL,
        date(2023, 3, 1),
        "Rodzinna piekarnia z 1994 r.; co roku przyjmuje stażystów skierowanych przez PUP.",
        (
            DemoSite("Piekarnia – zakład", "ul. Przemysłowa 4", "3035011", "52.32410", "17.58230"),
            DemoSite("Sklep firmowy w Starych Łąkach", "Rynek 7", "3035042", "52.29120", "17.38450"),
        ),
    ),
    DemoEmployer(
        "stolarnia",
        "cis",
        Sector.C,
        CompanySize.MICRO,
        date(2024, 9, 1),
        "Warsztat meblarski; uczestnicy warsztatu stolarskiego CIS odbywają tu próby pracy.",
        (DemoSite("Warsztat", "ul. Leśna 30", "3035042", "52.28350", "17.37120"),),
    ),
    DemoEmployer(
        "logistyka",
        "pup",
        Sector.H,
        CompanySize.MEDIUM,
        date(2025, 2, 1),
        "Magazyn regionalnej sieci handlowej; praca na dwie zmiany, dowóz pracowników z Borówkowa.",
        (
            DemoSite("Magazyn centralny", "ul. Magazynowa 1", "3035011", "52.30880", "17.60950"),
            DemoSite("Punkt przeładunkowy", "ul. Kolejowa 2", "3035022", "52.39200", "17.67100"),
        ),
    ),
)


@dataclass(frozen=True)
class DemoOffer:
    employer: str  # organisation key
    site: str  # the site's name
    kind: OfferKind
    title: str
    occupation: str  # KZiS code, or "" for an occupation in words
    hours_per_week: int
    contract_type: ContractType
    places: int
    status: OfferStatus
    starts_in_days: int | None = None  # from the day of seeding
    duration_months: int | None = None
    occupation_text: str = ""
    required_skills: tuple[str, ...] = ()
    nice_skills: tuple[str, ...] = ()
    shifts: tuple[str, ...] = ()
    needs_driving_licence: bool = False
    description: str = ""


BAKERY_INTERNSHIP = "Staż: pomocnik piekarza"
SHOP_TRIAL = "Próba pracy: sprzedawca w sklepie firmowym"
WAREHOUSE_JOB = "Magazynier – praca na dwie zmiany"
MENTORING = "Mentoring: pierwsze tygodnie w magazynie"
JOINERY_TRIAL = "Próba pracy w warsztacie stolarskim"

OFFERS: tuple[DemoOffer, ...] = (
    DemoOffer(
        "piekarnia",
        "Piekarnia – zakład",
        OfferKind.INTERNSHIP,
        BAKERY_INTERNSHIP,
        "751204",
        40,
        ContractType.INTERNSHIP_AGREEMENT,
        2,
        OfferStatus.OPEN,
        starts_in_days=-35,
        duration_months=2,
        required_skills=("higiena pracy z żywnością",),
        nice_skills=("obsługa pieca", "formowanie pieczywa"),
        shifts=(Shift.NIGHT, Shift.MORNING),
        description="Dwumiesięczny staż z opiekunem: wypiek chleba i bułek, przygotowanie ciasta.",
    ),
    DemoOffer(
        "piekarnia",
        "Sklep firmowy w Starych Łąkach",
        OfferKind.WORK_TRIAL,
        SHOP_TRIAL,
        "522301",
        30,
        ContractType.MANDATE,
        1,
        OfferStatus.OPEN,
        starts_in_days=14,
        duration_months=1,
        required_skills=("obsługa klienta",),
        nice_skills=("obsługa kasy fiskalnej",),
        shifts=(Shift.MORNING,),
        description="Sprzedaż pieczywa od 6:00 do 12:00; sklep przy przystanku autobusowym.",
    ),
    DemoOffer(
        "piekarnia",
        "Piekarnia – zakład",
        OfferKind.JOB,
        "Cukiernik / cukierniczka",
        "751201",
        40,
        ContractType.EMPLOYMENT,
        1,
        OfferStatus.DRAFT,
        required_skills=("dekorowanie wyrobów",),
        shifts=(Shift.MORNING,),
    ),
    DemoOffer(
        "logistyka",
        "Magazyn centralny",
        OfferKind.JOB,
        WAREHOUSE_JOB,
        "432106",
        40,
        ContractType.EMPLOYMENT,
        3,
        OfferStatus.OPEN,
        starts_in_days=-50,
        required_skills=("kompletowanie zamówień",),
        nice_skills=("uprawnienia na wózek widłowy", "obsługa skanera"),
        shifts=(Shift.MORNING, Shift.AFTERNOON),
        description="Umowa o pracę na okres próbny 3 miesięcy, potem na czas nieokreślony.",
    ),
    DemoOffer(
        "logistyka",
        "Magazyn centralny",
        OfferKind.MENTORING,
        MENTORING,
        "4321",
        4,
        ContractType.NONE,
        4,
        OfferStatus.OPEN,
        duration_months=3,
        description="Doświadczony magazynier towarzyszy nowej osobie przez pierwsze tygodnie pracy.",
    ),
    DemoOffer(
        "logistyka",
        "Punkt przeładunkowy",
        OfferKind.JOB,
        "Kierowca – dostawy lokalne",
        "",
        40,
        ContractType.EMPLOYMENT,
        1,
        OfferStatus.OPEN,
        occupation_text="kierowca samochodu dostawczego",
        needs_driving_licence=True,
        shifts=(Shift.MORNING,),
    ),
    DemoOffer(
        "stolarnia",
        "Warsztat",
        OfferKind.WORK_TRIAL,
        JOINERY_TRIAL,
        "752205",
        30,
        ContractType.NONE,
        2,
        OfferStatus.OPEN,
        starts_in_days=-45,
        duration_months=1,
        required_skills=("bhp przy obrabiarkach",),
        nice_skills=("szlifowanie", "montaż mebli"),
        shifts=(Shift.MORNING,),
    ),
    DemoOffer(
        "stolarnia",
        "Warsztat",
        OfferKind.JOB,
        "Stolarz meblowy",
        "752205",
        40,
        ContractType.EMPLOYMENT,
        1,
        OfferStatus.CLOSED,
        required_skills=("montaż mebli", "czytanie rysunku technicznego"),
    ),
)


@dataclass(frozen=True)
class DemoProfile:
    organisation: str  # organisation key
    person_index: int  # which of the organisation's people, by pk
    recorder: str  # username
    wanted: tuple[str, ...]
    skills: tuple[str, ...]
    consents: bool = True  # to showing a profile to employers
    kinds: tuple[str, ...] = ()
    licence: bool = False
    car: bool = False
    travel_mode: TravelMode = TravelMode.PUBLIC_TRANSPORT
    max_km: int | None = None
    max_minutes: int | None = None
    shifts: tuple[str, ...] = (Shift.MORNING, Shift.AFTERNOON)
    max_hours: int | None = None
    care_duties: str = ""


# Keys of the people later steps (placements) use.
RURAL_WOMAN = ("mops", 0)
PROFILES: tuple[DemoProfile, ...] = (
    DemoProfile(
        *RURAL_WOMAN,
        "pracownik.mops",
        ("522301", "751204"),
        ("obsługa klienta", "obsługa kasy fiskalnej"),
        kinds=(OfferKind.WORK_TRIAL, OfferKind.JOB),
        max_minutes=30,
        shifts=(Shift.MORNING,),
        max_hours=30,
        care_duties="Sama wychowuje dwoje dzieci w wieku szkolnym; może pracować od 7:00 do 14:00.",
    ),
    DemoProfile(
        "mops",
        2,
        "pracownik.mops",
        ("751204",),
        ("higiena pracy z żywnością", "formowanie pieczywa"),
        kinds=(OfferKind.INTERNSHIP,),
        licence=True,
        car=True,
        travel_mode=TravelMode.CAR,
        max_km=30,
        shifts=(Shift.MORNING, Shift.NIGHT),
    ),
    DemoProfile(
        "mops",
        11,
        "pracownik.mops",
        ("432106",),
        ("kompletowanie zamówień", "uprawnienia na wózek widłowy"),
        kinds=(OfferKind.JOB,),
        licence=True,
        max_km=15,
    ),
    DemoProfile("mops", 9, "pracownik.mops", ("932101",), ("pakowanie",), consents=False, max_minutes=45),
    DemoProfile(
        "pup",
        9,
        "doradca.pup",
        ("432106", "932101"),
        ("kompletowanie zamówień", "obsługa skanera"),
        kinds=(OfferKind.JOB, OfferKind.MENTORING),
        max_minutes=40,
    ),
    DemoProfile(
        "pup",
        3,
        "doradca.pup",
        ("751204",),
        ("formowanie pieczywa",),
        kinds=(OfferKind.INTERNSHIP, OfferKind.JOB),
        licence=True,
        car=True,
        travel_mode=TravelMode.CAR,
        max_km=40,
        shifts=(Shift.MORNING, Shift.NIGHT),
    ),
    DemoProfile(
        "cis",
        3,
        "instruktor.cis",
        ("752205",),
        ("szlifowanie", "bhp przy obrabiarkach", "montaż mebli"),
        kinds=(OfferKind.WORK_TRIAL, OfferKind.JOB),
        travel_mode=TravelMode.ON_FOOT_OR_BIKE,
        max_km=20,
        shifts=(Shift.MORNING,),
    ),
)
CONSENT_DAY = date(2026, 2, 2)
PROMOTION_REASON = "Sklep jest przy przystanku autobusu z jej wsi, a godziny pasują do lekcji dzieci."


def seed_employers(ctx: DemoContext) -> None:
    kzis.load([kzis.Entry(line, code, name) for line, (code, name) in enumerate(OCCUPATIONS, start=2)])
    partnership = Partnership.objects.filter(name=PARTNERSHIP_NAME).first()
    for spec in EMPLOYERS:
        employer = _employer(ctx, spec, partnership)
        for site in spec.sites:
            _site(employer, site)
    today = timezone.localdate()
    for offer in OFFERS:
        seed_offer(ctx, offer, today)
    for profile in PROFILES:
        _profile(ctx, profile)
    _promotion(ctx)


def employer_of(ctx: DemoContext, key: str) -> Employer:
    return Employer.objects.get(organisation=ctx.organisations[key])


def person(ctx: DemoContext, organisation: str, index: int) -> Participant:
    """The organisation's ``index``-th person by pk (or its last, in a smaller demo)."""
    people = list(Participant.objects.filter(organisation=ctx.organisations[organisation]).order_by("pk"))
    return people[min(index, len(people) - 1)]


def offer_titled(ctx: DemoContext, employer: str, title: str) -> Offer:
    return Offer.objects.get(employer__organisation=ctx.organisations[employer], title=title)


def _employer(ctx: DemoContext, spec: DemoEmployer, partnership: Partnership | None) -> Employer:
    organisation: Organisation = ctx.organisations[spec.organisation]
    employer = Employer.objects.filter(organisation=organisation).first()
    ctx.count_created("employers", employer is None)
    if employer is not None:
        return employer
    # The organisation and its contact exist since the first step; ``employer_create`` makes
    # both at once, so here the employer's record is added to the organisation as it would be.
    employer = Employer(
        organisation=organisation,
        kept_by=ctx.organisations[spec.kept_by],
        partnership=partnership,
        sector=spec.sector,
        size=spec.size,
        cooperating_since=spec.cooperating_since,
        description=spec.description,
    )
    employer.full_clean()
    employer.save()
    return employer


def _site(employer: Employer, spec: DemoSite) -> Site:
    site = employer.sites.filter(name=spec.name).first()
    if site is None:
        site = services.site_create(
            actor=None,
            employer=employer,
            data=services.SiteData(
                name=spec.name,
                street=spec.street,
                postal_code=ADDRESSES[spec.gmina][1],
                town=ADDRESSES[spec.gmina][0],
                gmina=TercUnit.objects.get(code=spec.gmina),
                latitude=Decimal(spec.latitude),
                longitude=Decimal(spec.longitude),
            ),
        )
    return site


def seed_offer(ctx: DemoContext, spec: DemoOffer, today: date) -> None:
    employer = employer_of(ctx, spec.employer)
    exists = employer.offers.filter(title=spec.title).exists()
    ctx.count_created("offers", not exists)
    if exists:
        return
    data = services.OfferData(
        kind=spec.kind,
        site=employer.sites.get(name=spec.site),
        hours_per_week=spec.hours_per_week,
        contract_type=spec.contract_type,
        places=spec.places,
        title=spec.title,
        occupation=Occupation.objects.get(code=spec.occupation) if spec.occupation else None,
        occupation_text=spec.occupation_text,
        description=spec.description,
        required_skills=spec.required_skills,
        nice_skills=spec.nice_skills,
        shifts=spec.shifts,
        needs_driving_licence=spec.needs_driving_licence,
        starts_on=None if spec.starts_in_days is None else today + timedelta(days=spec.starts_in_days),
        duration_months=spec.duration_months,
    )
    # The bakery's owner posts her own offers; the keeping organisation's staff the others.
    author = ctx.users["pracodawca"] if spec.employer == "piekarnia" else None
    offer = services.offer_create(actor=author, employer=employer, data=data)
    if spec.status != OfferStatus.DRAFT:
        services.offer_open(actor=author, offer=offer)
    if spec.status == OfferStatus.CLOSED:
        services.offer_close(actor=author, offer=offer)


def _profile(ctx: DemoContext, spec: DemoProfile) -> None:
    participant = person(ctx, spec.organisation, spec.person_index)
    actor = ctx.users[spec.recorder]
    sharing = ConsentKind.SHARING_WITH_EMPLOYERS
    if spec.consents and not people_services.consent_in_force(participant, sharing):
        people_services.consent_record(
            actor=actor,
            participant=participant,
            kind=sharing,
            given_on=CONSENT_DAY,
            document=f"Zgoda na udostępnienie profilu pracodawcom nr {participant.pk}/2026",
        )
    exists = JobProfile.objects.filter(participant=participant).exists()
    ctx.count_created("job profiles", not exists)
    if exists:
        return
    home = GMINA_CENTRES.get(participant.gmina.code if participant.gmina else "", (None, None))
    # Homes lie a little off the gmina's centre, each its own way, as villages do.
    nudge = Decimal(participant.pk % 7 - 3) / 500
    matching_services.job_profile_save(
        actor=actor,
        participant=participant,
        data=matching_services.JobProfileData(
            wanted_occupations=list(spec.wanted),
            skills=list(spec.skills),
            preferred_kinds=list(spec.kinds),
            has_driving_licence=spec.licence,
            has_car=spec.car,
            travel_mode=spec.travel_mode,
            max_distance_km=spec.max_km,
            max_travel_minutes=spec.max_minutes,
            home_latitude=None if home[0] is None else home[0] + nudge,
            home_longitude=None if home[1] is None else home[1] - nudge,
            available_shifts=list(spec.shifts),
            max_hours_per_week=spec.max_hours,
            care_duties=spec.care_duties,
        ),
    )


def _promotion(ctx: DemoContext) -> None:
    """The case worker puts the shop's work trial first among Łucja's matches, saying why."""
    participant = person(ctx, *RURAL_WOMAN)
    offer = offer_titled(ctx, "piekarnia", SHOP_TRIAL)
    if MatchOverride.objects.filter(participant=participant, offer=offer).exists():
        return
    matching_services.match_override_set(
        actor=ctx.users["pracownik.mops"],
        participant=participant,
        offer=offer,
        action=OverrideAction.PROMOTE,
        reason=PROMOTION_REASON,
    )
