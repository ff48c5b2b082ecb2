"""The demo's people: the TERC units of powiat zalesiański and ~40 fictional participants.

The ``seed_participants`` step of ``manage.py seed_demo``. Idempotent: a participant
is looked up by organisation and PESEL (or identity document) and created only when missing,
with consents and family only on creation. Values are drawn on every run from a fixed seed, so
the same run yields the same people whatever already exists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from faker import Faker
from stdnum.pl import pesel as stdnum_pesel

from reintegra.demo.context import DemoContext
from reintegra.people import services, terc
from reintegra.people.models import (
    ConsentKind,
    IdentityDocumentType,
    LabourStatus,
    Participant,
    Relation,
    SensitiveAnswer,
    Sex,
    TercUnit,
)

TERC_DEMO_FILE = Path(__file__).parent / "data" / "terc_demo.csv"
SEED = 2026
REFERENCE_DAY = date(2026, 1, 15)  # not today: the demo must come out the same every day

# organisation key → (how many participants, the staff member who records their consents)
CASELOADS: dict[str, tuple[int, str]] = {
    "mops": (12, "pracownik.mops"),
    "pup": (10, "doradca.pup"),
    "cis": (8, "instruktor.cis"),
    "pcpr": (5, "pracownik.pcpr"),
    "ngo": (5, "pracownik.ngo"),
}

# gmina TERC code → (locality, postal code)
ADDRESSES: dict[str, tuple[str, str]] = {
    "3035011": ("Zalesie", "06-420"),
    "3035022": ("Borówkowo", "06-432"),
    "3035034": ("Jarzębina", "06-445"),
    "3035035": ("Wola Jarzębińska", "06-446"),
    "3035042": ("Stare Łąki", "06-450"),
}
STREETS = ("Kościuszki", "Ogrodowa", "Lipowa", "Polna", "Leśna", "Młyńska", "Szkolna", "Łąkowa", "Źródlana")


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    sex: Sex
    birth_date: date


def pesel_for(birth_date: date, serial: int, sex: Sex) -> str:
    """A PESEL with a valid check digit: YYMMDD (month + 20 in the 2000s), serial, sex digit."""
    month = birth_date.month + (20 if birth_date.year >= 2000 else 0)
    sex_digit = (serial % 5) * 2 + (1 if sex == Sex.MAN else 0)
    first_ten = f"{birth_date.year % 100:02d}{month:02d}{birth_date.day:02d}{serial % 1000:03d}{sex_digit}"
    return first_ten + str(stdnum_pesel.calc_check_digit(first_ten))


def seed_participants(ctx: DemoContext) -> None:
    terc.load_file(str(TERC_DEMO_FILE))
    gminas = list(TercUnit.objects.filter(code__in=ADDRESSES))
    rng = random.Random(SEED)  # noqa: S311 - fictional demo data, not secrets
    faker = Faker("pl_PL")
    faker.seed_instance(SEED)
    serial = 100
    for key, (count, recorder) in CASELOADS.items():
        organisation = ctx.organisations[key]
        for index in range(count):
            serial += 1
            person = _person(faker, rng, featured=(key == "mops" and index == 0))
            data = _participant_data(rng, person, serial, gminas)
            created = _ensure(ctx, organisation, data, recorder, rng)
            ctx.count_created("participants", created)


def _person(faker: Faker, rng: random.Random, *, featured: bool) -> Person:
    woman = rng.random() < 0.55
    first_name = faker.first_name_female() if woman else faker.first_name_male()
    last_name = faker.last_name_female() if woman else faker.last_name_male()
    birth_date = REFERENCE_DAY - timedelta(days=rng.randint(16 * 365, 60 * 365))
    if featured:
        # The person the search walkthrough looks for: type "zolkiewska".
        return Person("Łucja", "Żółkiewska", Sex.WOMAN, birth_date)
    return Person(first_name, last_name, Sex.WOMAN if woman else Sex.MAN, birth_date)


def _participant_data(
    rng: random.Random, person: Person, serial: int, gminas: list[TercUnit]
) -> services.ParticipantData:
    gmina = rng.choice(gminas)
    locality, postal_code = ADDRESSES[gmina.code]
    labour_status = rng.choice(list(LabourStatus))
    unemployed = labour_status in {LabourStatus.UNEMPLOYED, LabourStatus.LONG_TERM_UNEMPLOYED}
    without_pesel = serial % 7 == 0
    answers = [SensitiveAnswer.NO] * 6 + [SensitiveAnswer.YES, SensitiveAnswer.REFUSED]
    return services.ParticipantData(
        first_name=person.first_name,
        last_name=person.last_name,
        sex=person.sex,
        pesel="" if without_pesel else pesel_for(person.birth_date, serial, person.sex),
        birth_date=person.birth_date,
        identity_document_type=IdentityDocumentType.ID_CARD if without_pesel else "",
        identity_document_number=f"ZZD{serial:06d}" if without_pesel else "",
        phone=f"+48 600 {serial:03d} {rng.randint(100, 999)}",
        gmina=gmina,
        locality=locality,
        postal_code=postal_code,
        street_address=f"ul. {rng.choice(STREETS)} {rng.randint(1, 60)}",
        education=rng.randint(1, 6),
        labour_status=labour_status,
        pup_registration_date=REFERENCE_DAY - timedelta(days=rng.randint(30, 900)) if unemployed else None,
        disability=rng.choice(answers),
        third_country_national=SensitiveAnswer.NO,
        foreign_background=rng.choice(answers),
        minority=rng.choice(answers),
        homeless=rng.choice(answers),
    )


def _ensure(
    ctx: DemoContext, organisation: Any, data: services.ParticipantData, recorder: str, rng: random.Random
) -> bool:
    # Draw what the consents and family need on every run, so later draws do not shift.
    given_on = REFERENCE_DAY - timedelta(days=rng.randint(0, 200))
    withdraws_contact = rng.random() < 0.15
    family = rng.random() < 0.3
    child_age_days = rng.randint(365, 12 * 365)
    existing = Participant.objects.filter(organisation=organisation)
    if data.pesel:
        existing = existing.filter(pesel=data.pesel)
    else:
        existing = existing.filter(identity_document_number=data.identity_document_number)
    if existing.exists():
        return False
    participant = services.participant_create(actor=None, organisation=organisation, data=data)
    actor = ctx.users[recorder]
    for kind in (
        ConsentKind.INFORMATION_NOTICE,
        ConsentKind.PROCESSING,
        ConsentKind.EFS_MONITORING,
        ConsentKind.CONTACT,
    ):
        consent = services.consent_record(
            actor=actor,
            participant=participant,
            kind=kind,
            given_on=given_on,
            document=f"Deklaracja uczestnictwa nr {participant.pk}/2026",
        )
    if withdraws_contact:
        services.consent_withdraw(
            actor=actor,
            consent=consent,
            withdrawn_on=given_on + timedelta(days=30),
            note="Prośba ustna, notatka w aktach",
        )
    if family:
        services.family_member_add(
            actor=actor,
            participant=participant,
            data=services.FamilyMemberData(
                first_name="Jan" if participant.sex == Sex.MAN else "Zofia",
                last_name=participant.last_name,
                relation=Relation.CHILD,
                birth_date=REFERENCE_DAY - timedelta(days=child_age_days),
                shares_household=True,
            ),
        )
    return True
