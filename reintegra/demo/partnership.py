"""The demo's partnership and referrals: "Partnerstwo Lokalne Powiatu Zalesiańskiego".

The ``seed_partnership`` step of ``manage.py seed_demo``, after participants. The
county's public services, the CIS, the two NGOs and the school form the partnership (the PUP
leads it; employers are not members). Five referrals show every state: one from the MOPS to the
Wspólna Droga foundation waits in its inbox (``pracownik.ngo`` answers it, ``partner.ngo`` reads
it), one from the PUP to the CIS was accepted, one from the MOPS to the CIS was declined, one
from the PCPR to the foundation was completed and one from the PCPR to the CIS was accepted and
then withdrawn by the PCPR. The CIS and the foundation have reported the outcome of the two they
took (takes part; completed). A group whose consent the person has not given stays home, as on
the form. Every member has signed an agreement naming the data it may receive (the
foundation's pilot-year one has expired). Idempotent: an existing partnership is completed
with missing members and agreements, and referrals are written only when the partnership has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reintegra.demo.context import DemoContext
from reintegra.partnership import services
from reintegra.partnership.cooperation import services as cooperation
from reintegra.partnership.cooperation.services import AgreementData
from reintegra.partnership.models import (
    LegalBasis,
    MemberRole,
    Partnership,
    PartnershipMember,
    ReferralOutcome,
)
from reintegra.partnership.snapshot import REFERABLE_FIELDS, field_blocks
from reintegra.people import services as people_services
from reintegra.people.models import ConsentKind, Participant

NAME = "Partnerstwo Lokalne Powiatu Zalesiańskiego"
AREA = (
    "Powiat zalesiański: gmina miejska Zalesie oraz gminy Borówkowo, Jarzębina i Stare Łąki. "
    "Porozumienie o współpracy na rzecz aktywizacji społeczno-zawodowej z 2026 r."
)
LEADER = "pup"
MEMBERS: tuple[tuple[str, MemberRole], ...] = (
    ("mops", MemberRole.PARTNER),
    ("pcpr", MemberRole.PARTNER),
    ("cis", MemberRole.PARTNER),
    ("ngo", MemberRole.PARTNER),
    ("razem", MemberRole.PARTNER),
    ("szkola", MemberRole.ASSOCIATE),
)
CONSENT_DAY = date(2026, 1, 20)
AGREED_ON = date(2026, 1, 15)
# What each member may receive in a referral under its agreement (``None``: every group).
AGREEMENTS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    LEADER: ("Koordynacja partnerstwa, rekrutacja i pośrednictwo pracy.", None),
    "mops": ("Diagnoza sytuacji rodzin, praca socjalna, kierowanie do CIS i KIS.", None),
    "pcpr": ("Wsparcie osób usamodzielnianych i osób z niepełnosprawnością.", None),
    "cis": (
        "Reintegracja społeczna i zawodowa uczestników CIS, praktyki u pracodawców.",
        ("name", "birth_date", "pesel", "contact", "address", "education", "labour_status", "questionnaire"),
    ),
    "ngo": (
        "Streetworking, mieszkania treningowe i mentoring osób skierowanych.",
        ("name", "birth_date", "pesel", "contact", "address", "education", "labour_status", "questionnaire"),
    ),
    "razem": (
        "Kluby aktywności i grupy wsparcia dla kobiet.",
        ("name", "contact", "education", "labour_status"),
    ),
    "szkola": (
        "Kursy zawodowe dla dorosłych skierowanych przez partnerów.",
        ("name", "contact", "education"),
    ),
}
# The foundation's first agreement, for the pilot year, has ended: the page shows it as expired.
EXPIRED = ("PLPZ/1/2025", date(2025, 3, 1), date(2025, 12, 31))


@dataclass(frozen=True)
class DemoReferral:
    sender: str  # username
    receiver: str  # username of the worker who answers
    to: str  # organisation key
    person_index: int  # which of the sender organisation's people, by pk
    fields: tuple[str, ...]
    reason: str
    legal_basis: str = ""
    legal_basis_reference: str = ""
    answer: tuple[str, str] | None = None  # (status, reason or note)
    completion: str = ""
    withdrawal: str = ""  # the sender's reason, after any answer
    outcome: tuple[str, str] | None = None  # (outcome, note) the receiver reports after accepting


REFERRALS: tuple[DemoReferral, ...] = (
    DemoReferral(
        "pracownik.mops",
        "pracownik.ngo",
        "ngo",
        9,
        ("name", "birth_date", "contact", "address"),
        "Prośba o objęcie wsparciem streetworkera i pomoc w znalezieniu mieszkania treningowego.",
    ),
    DemoReferral(
        "doradca.pup",
        "koordynator.cis",
        "cis",
        2,
        ("name", "birth_date", "pesel", "contact", "education", "labour_status"),
        "Skierowanie do uczestnictwa w zajęciach CIS (reintegracja zawodowa, warsztat stolarski).",
        legal_basis=LegalBasis.OBLIGATION,
        legal_basis_reference="art. 12 ust. 1 ustawy z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym",
        answer=("accepted", "Zapraszamy na rozmowę wstępną w poniedziałek o 9:00."),
        outcome=(ReferralOutcome.TOOK_PART, "Uczestniczy w warsztacie stolarskim od dwóch tygodni."),
    ),
    DemoReferral(
        "pracownik.mops",
        "koordynator.cis",
        "cis",
        10,
        ("name", "contact", "labour_status"),
        "Osoba długotrwale bezrobotna, chce podjąć zajęcia w CIS.",
        answer=(
            "declined",
            "Brak wolnych miejsc w warsztatach do końca kwartału; prosimy o ponowne skierowanie.",
        ),
    ),
    DemoReferral(
        "pracownik.pcpr",
        "pracownik.ngo",
        "ngo",
        1,
        ("name", "contact", "education"),
        "Osoba usamodzielniana z pieczy zastępczej: prośba o mentora i pomoc w szukaniu pracy.",
        answer=("accepted", "Mentorem będzie wolontariusz z naszego zespołu."),
        outcome=(ReferralOutcome.COMPLETED, "Pracuje w Piekarni Kłos na umowę o pracę."),
        completion="Podjęcie pracy w Piekarni Kłos; wsparcie mentorskie zakończone.",
    ),
    DemoReferral(
        "pracownik.pcpr",
        "koordynator.cis",
        "cis",
        2,
        ("name", "contact", "labour_status"),
        "Osoba z niepełnosprawnością szuka zatrudnienia wspieranego; prośba o miejsce w CIS.",
        answer=("accepted", "Zapraszamy na zajęcia od przyszłego miesiąca."),
        withdrawal="Osoba przeprowadziła się do innego powiatu; wsparcie przejmuje tamtejsze PCPR.",
    ),
)


def seed_partnership(ctx: DemoContext) -> None:
    partnership = _partnership(ctx)
    if partnership.referrals.exists():
        return
    for spec in REFERRALS:
        _referral(ctx, partnership, spec)


def _partnership(ctx: DemoContext) -> Partnership:
    partnership = Partnership.objects.filter(name=NAME).first()
    if partnership is None:
        partnership = services.partnership_create(
            actor=None, organisation=ctx.organisations[LEADER], name=NAME, area_description=AREA
        )
        ctx.count_created("partnerships", True)
    for key, role in MEMBERS:
        organisation = ctx.organisations[key]
        if not PartnershipMember.objects.filter(partnership=partnership, organisation=organisation).exists():
            services.partnership_member_add(
                actor=None, partnership=partnership, organisation=organisation, role=role
            )
    _agreements(ctx, partnership)
    return partnership


def _agreements(ctx: DemoContext, partnership: Partnership) -> None:
    """An agreement with every member, signed when the partnership was formalised; the
    foundation's pilot-year one has ended."""
    for number, (key, (scope, fields)) in enumerate(AGREEMENTS.items(), start=2):
        organisation = ctx.organisations[key]
        if partnership.agreements.filter(organisation=organisation).exists():
            continue
        data = AgreementData(
            number=f"PLPZ/{number}/2026",
            scope=scope,
            signed_on=AGREED_ON,
            valid_from=AGREED_ON,
            valid_until=date(2027, 12, 31),
            fields=list(REFERABLE_FIELDS) if fields is None else list(fields),
        )
        cooperation.agreement_record(
            actor=None, partnership=partnership, organisation=organisation, data=data
        )
        ctx.count_created("partnership agreements", True)
        if key == "ngo":
            old_number, starts, ends = EXPIRED
            pilot = AgreementData(
                number=old_number,
                scope="Pilotaż streetworkingu w gminie Borówkowo.",
                signed_on=starts,
                valid_from=starts,
                valid_until=ends,
                fields=["name", "contact"],
            )
            cooperation.agreement_record(
                actor=None, partnership=partnership, organisation=organisation, data=pilot
            )


def _referral(ctx: DemoContext, partnership: Partnership, spec: DemoReferral) -> None:
    sender = ctx.users[spec.sender]
    organisation = sender.memberships.get().organisation
    people = list(Participant.objects.filter(organisation=organisation).order_by("pk"))
    if not people:
        return
    person = people[min(spec.person_index, len(people) - 1)]
    if not spec.legal_basis and not people_services.consent_in_force(
        person, ConsentKind.SHARING_WITH_PARTNERS
    ):
        people_services.consent_record(
            actor=sender,
            participant=person,
            kind=ConsentKind.SHARING_WITH_PARTNERS,
            given_on=CONSENT_DAY,
            document=f"Zgoda na przekazanie danych partnerom nr {person.pk}/2026",
        )
    # A group whose consent the person has not given (or withdrew) stays home, as on the form.
    blocked = field_blocks(person.consents.all(), spec.legal_basis)
    referral = services.referral_send(
        actor=sender,
        participant=person,
        to_organisation=ctx.organisations[spec.to],
        fields=[field for field in spec.fields if field not in blocked],
        reason=spec.reason,
        legal_basis=spec.legal_basis,
        legal_basis_reference=spec.legal_basis_reference,
    )
    ctx.count_created("referrals", True)
    receiver = ctx.users[spec.receiver]
    if spec.answer is not None:
        status, text = spec.answer
        services.referral_move(actor=receiver, referral=referral, to_status=status, reason=text)
    if spec.outcome is not None:
        outcome, note = spec.outcome
        services.referral_report_outcome(actor=receiver, referral=referral, outcome=outcome, note=note)
    if spec.completion:
        services.referral_complete(actor=receiver, referral=referral, note=spec.completion)
    if spec.withdrawal:
        services.referral_withdraw(actor=sender, referral=referral, reason=spec.withdrawal)
