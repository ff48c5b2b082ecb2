"""How the demo partnership's members work together: three more partners the seeds name (the
gmina office, an employment agency, the local radio), what every member does at each stage of
004's model (promotion, recruitment, diagnosis, support, employment), and their agreements.

The ``seed_partnership_cooperation`` step of ``manage.py seed_demo``, after the partnership. It
draws nothing from Faker (fixed names, NIP and REGON), so the names and numbers other steps draw
stay as they were. Idempotent: organisations and users are looked up by name and user name,
members and agreements are added only when missing, and the stage roles are written as they
are here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.accounts.services import membership_create
from reintegra.demo.context import DemoContext, OrganisationSpec
from reintegra.demo.partnership import NAME
from reintegra.partnership import services
from reintegra.partnership.cooperation import services as cooperation
from reintegra.partnership.models import MemberRole, Partnership, PartnershipMember


@dataclass(frozen=True)
class NewPartner:
    organisation: OrganisationSpec
    nip: str
    regon: str
    role: MemberRole
    # Its one demo account: user name, role, job title, first and last name.
    account: tuple[str, Role, str, str, str]
    agreement: tuple[str, str, tuple[str, ...]]  # number, scope, the data it may receive


NEW_PARTNERS: tuple[NewPartner, ...] = (
    NewPartner(
        OrganisationSpec(
            "gmina",
            "Urząd Gminy Borówkowo",
            "UG Borówkowo",
            OrganisationType.LOCAL_GOVERNMENT,
            "Borówkowo",
            "ul. Główna 1, 06-432 Borówkowo",
            "sekretariat@borowkowo.example.org",
        ),
        "5270012346",
        "141001237",
        MemberRole.PARTNER,
        ("sekretarz.gmina", Role.ORG_ADMIN, "Sekretarz gminy", "Jolanta", "Wróblewska"),
        (
            "PLPZ/9/2026",
            "Udostępnianie świetlic wiejskich na dyżury mobilnego centrum, informacja w sołectwach.",
            (),
        ),
    ),
    NewPartner(
        OrganisationSpec(
            "agencja",
            "Agencja Zatrudnienia Praca Blisko sp. z o.o.",
            "Praca Blisko",
            OrganisationType.EMPLOYMENT_AGENCY,
            "Zalesie",
            "ul. Rynek 8, 06-420 Zalesie",
            "biuro@pracablisko.example.org",
        ),
        "5270012352",
        "141001243",
        MemberRole.ASSOCIATE,
        ("doradca.agencja", Role.CASE_WORKER, "Doradczyni ds. rekrutacji", "Ewelina", "Szymczak"),
        (
            "PLPZ/10/2026",
            "Oferty pracy tymczasowej i stałej dla uczestniczek, rozmowy rekrutacyjne w centrum.",
            ("name", "contact", "education", "labour_status"),
        ),
    ),
    NewPartner(
        OrganisationSpec(
            "radio",
            "Radio Zalesie 96,5 FM",
            "Radio Zalesie",
            OrganisationType.MEDIA,
            "Zalesie",
            "ul. Parkowa 2, 06-420 Zalesie",
            "redakcja@radiozalesie.example.org",
        ),
        "5270012369",
        "141001250",
        MemberRole.ASSOCIATE,
        ("redakcja.radio", Role.PARTNER_VIEWER, "Redaktor wydania lokalnego", "Marcin", "Bąk"),
        ("PLPZ/11/2026", "Audycje i ogłoszenia o naborze i dyżurach mobilnego centrum.", ()),
    ),
)
AGREED_ON = date(2026, 3, 2)

# What each member does at each stage (seed 004: "promocja, rekrutacja, diagnoza, realizacja
# wsparcia, uzyskiwanie zatrudnienia"); a stage left out is one the member plays no part in.
STAGE_ROLES: dict[str, dict[str, str]] = {
    "pup": {
        "promotion": "Kampania o mobilnym centrum aktywizacji zawodowej, ulotki w urzędzie.",
        "recruitment": "Nabór kobiet zarejestrowanych jako bezrobotne, lista rezerwowa.",
        "diagnosis": "Profilowanie i indywidualny plan działania z doradcą zawodowym.",
        "support": "Dyżury mobilnego centrum w świetlicach, szkolenia i staże.",
        "employment": "Pośrednictwo pracy, oferty od pracodawców partnerstwa.",
    },
    "mops": {
        "recruitment": "Wskazuje osoby z rodzin objętych pracą socjalną.",
        "diagnosis": "Wywiad środowiskowy i diagnoza sytuacji rodziny.",
        "support": "Praca socjalna, kontrakt socjalny, pomoc w opiece nad dziećmi.",
    },
    "pcpr": {
        "recruitment": "Kieruje osoby usamodzielniane i osoby z niepełnosprawnością.",
        "support": "Turnusy, dofinansowania PFRON, wsparcie psychologiczne.",
    },
    "cis": {
        "diagnosis": "Ocena umiejętności w warsztatach próbnych.",
        "support": "Reintegracja społeczna i zawodowa w warsztatach CIS.",
        "employment": "Praktyki u pracodawców, zatrudnienie wspierane.",
    },
    "ngo": {
        "promotion": "Streetworkerzy docierają do osób w kryzysie bezdomności.",
        "support": "Mieszkania treningowe i mentoring.",
    },
    "razem": {
        "promotion": "Poczta pantoflowa: uczestniczki klubów mówią o programie sąsiadkom.",
        "support": "Kluby aktywności i grupy wsparcia dla kobiet.",
    },
    "szkola": {"support": "Kursy zawodowe dla dorosłych i egzaminy potwierdzające kwalifikacje."},
    "gmina": {
        "promotion": "Ogłoszenia sołtysów, tablice i strona gminy.",
        "support": "Świetlice wiejskie na dyżury mobilnego centrum, dowóz gminnym busem.",
    },
    "agencja": {
        "employment": "Oferty pracy tymczasowej i stałej, rozmowy rekrutacyjne w świetlicach.",
    },
    "radio": {
        "promotion": "Audycja „Praca blisko domu” i ogłoszenia o dyżurach.",
        "recruitment": "Spoty o naborze przed każdą edycją.",
    },
}


def seed_partnership_cooperation(ctx: DemoContext) -> None:
    partnership = Partnership.objects.filter(name=NAME).first()
    if partnership is None:
        return
    for partner in NEW_PARTNERS:
        organisation = _organisation(ctx, partner)
        _account(ctx, partner, organisation)
        _join(ctx, partnership, partner, organisation)
    for key, roles in STAGE_ROLES.items():
        member = partnership.members.filter(organisation=ctx.organisations[key]).first()
        if member is not None:
            cooperation.stage_roles_set(actor=None, member=member, descriptions=roles)


def _organisation(ctx: DemoContext, partner: NewPartner) -> Organisation:
    spec = partner.organisation
    organisation = Organisation.objects.filter(name=spec.name).first()
    created = organisation is None
    if organisation is None:
        organisation = Organisation(
            name=spec.name,
            short_name=spec.short_name,
            type=spec.type,
            city=spec.city,
            address=spec.address,
            email=spec.email,
            nip=partner.nip,
            regon=partner.regon,
        )
        organisation.full_clean()
        organisation.save()
    ctx.count_created("organisations", created)
    ctx.organisations[spec.key] = organisation
    return organisation


def _account(ctx: DemoContext, partner: NewPartner, organisation: Organisation) -> None:
    username, role, job_title, first_name, last_name = partner.account
    user = User.objects.filter(username=username).first()
    created = user is None
    if user is None:
        user = User(
            username=username,
            first_name=first_name,
            last_name=last_name,
            job_title=job_title,
            email=f"{username}@example.org",
            password=ctx.password_hash(),
        )
        user.full_clean()
        user.save()
    ctx.count_created("users", created)
    ctx.users[username] = user
    membership_create(user=user, organisation=organisation, role=role)


def _join(
    ctx: DemoContext, partnership: Partnership, partner: NewPartner, organisation: Organisation
) -> None:
    if not PartnershipMember.objects.filter(partnership=partnership, organisation=organisation).exists():
        services.partnership_member_add(
            actor=None, partnership=partnership, organisation=organisation, role=partner.role
        )
    if partnership.agreements.filter(organisation=organisation).exists():
        return
    number, scope, fields = partner.agreement
    data = cooperation.AgreementData(
        number=number,
        scope=scope,
        signed_on=AGREED_ON,
        valid_from=AGREED_ON,
        valid_until=date(2027, 12, 31),
        fields=list(fields),
    )
    cooperation.agreement_record(actor=None, partnership=partnership, organisation=organisation, data=data)
    ctx.count_created("partnership agreements", True)
