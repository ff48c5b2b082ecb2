"""The demo's organisations of powiat zalesiański and their staff, by natural key.

Looked up by organisation name and username and created only when missing, so a second run
writes nothing. The first step of ``seed_demo``: every later step uses what this one made.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from faker import Faker

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.accounts.services import membership_create
from reintegra.demo.context import DEMO_PASSWORD, DemoContext, OrganisationSpec, PersonSpec
from reintegra.demo.funders import FUNDING_BODY, REVIEWER

ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec(
        "pup",
        "Powiatowy Urząd Pracy w Zalesiu",
        "PUP Zalesie",
        OrganisationType.PUP,
        "Zalesie",
        "ul. Kościuszki 12, 06-420 Zalesie",
        "pup.zalesie@example.org",
    ),
    OrganisationSpec(
        "mops",
        "Miejski Ośrodek Pomocy Społecznej w Zalesiu",
        "MOPS Zalesie",
        OrganisationType.OPS,
        "Zalesie",
        "ul. Ogrodowa 3, 06-420 Zalesie",
        "mops.zalesie@example.org",
    ),
    OrganisationSpec(
        "pcpr",
        "Powiatowe Centrum Pomocy Rodzinie w Zalesiu",
        "PCPR Zalesie",
        OrganisationType.PCPR,
        "Zalesie",
        "pl. Wolności 1, 06-420 Zalesie",
        "pcpr.zalesie@example.org",
    ),
    OrganisationSpec(
        "cis",
        "Centrum Integracji Społecznej „Nowy Start” w Borówkowie",
        "CIS Borówkowo",
        OrganisationType.CIS,
        "Borówkowo",
        "ul. Młyńska 8, 06-432 Borówkowo",
        "cis.borowkowo@example.org",
    ),
    OrganisationSpec(
        "ngo",
        "Fundacja „Wspólna Droga”",
        "Wspólna Droga",
        OrganisationType.NGO,
        "Zalesie",
        "ul. Lipowa 21, 06-420 Zalesie",
        "biuro@wspolnadroga.example.org",
    ),
    OrganisationSpec(
        "razem",
        "Stowarzyszenie „Razem dla Jarzębiny”",
        "Razem dla Jarzębiny",
        OrganisationType.NGO,
        "Jarzębina",
        "ul. Szkolna 2, 06-445 Jarzębina",
        "razem@jarzebina.example.org",
    ),
    OrganisationSpec(
        "szkola",
        "Zespół Szkół Zawodowych nr 1 im. Marii Konopnickiej w Zalesiu",
        "ZSZ nr 1 Zalesie",
        OrganisationType.SCHOOL,
        "Zalesie",
        "ul. Polna 15, 06-420 Zalesie",
        "sekretariat@zsz1-zalesie.example.org",
    ),
    OrganisationSpec(
        "piekarnia",
        "Piekarnia Kłos sp. z o.o.",
        "Piekarnia Kłos",
        OrganisationType.EMPLOYER,
        "Zalesie",
        "ul. Przemysłowa 4, 06-420 Zalesie",
        "kadry@piekarnia-klos.example.com",
    ),
    OrganisationSpec(
        "stolarnia",
        "Stolarnia „Dębowy Stół” sp. j.",
        "Dębowy Stół",
        OrganisationType.EMPLOYER,
        "Stare Łąki",
        "ul. Leśna 30, 06-450 Stare Łąki",
        "biuro@debowystol.example.com",
    ),
    OrganisationSpec(
        "logistyka",
        "Centrum Logistyczne Zalesie sp. z o.o.",
        "CL Zalesie",
        OrganisationType.EMPLOYER,
        "Zalesie",
        "ul. Magazynowa 1, 06-420 Zalesie",
        "rekrutacja@cl-zalesie.example.com",
    ),
)

R = Role
PEOPLE: tuple[PersonSpec, ...] = (
    # The log-ins other parts of the project (tests, docs, walkthroughs) rely on.
    PersonSpec(
        "admin.mops", "mops", R.ORG_ADMIN, "Zastępczyni dyrektora", True, "Anna", "Kowalczyk", featured=True
    ),
    PersonSpec(
        "koordynator.pup",
        "pup",
        R.COORDINATOR,
        "Koordynator projektu aktywizacji zawodowej",
        False,
        "Tomasz",
        "Nowicki",
        featured=True,
    ),
    PersonSpec(
        "pracownik.mops",
        "mops",
        R.CASE_WORKER,
        "Pracownica socjalna",
        True,
        "Magdalena",
        "Zielińska",
        featured=True,
    ),
    PersonSpec(
        "partner.ngo",
        "ngo",
        R.PARTNER_VIEWER,
        "Koordynator wolontariatu",
        False,
        "Piotr",
        "Lewandowski",
        featured=True,
    ),
    PersonSpec(
        "pracodawca", "piekarnia", R.EMPLOYER_CONTACT, "Właścicielka", True, "Barbara", "Kłos", featured=True
    ),
    PersonSpec("uczestnik", "mops", R.PARTICIPANT, "", False, "Marek", "Wójcik", featured=True),
    # Colleagues, so that teams, lists and the audit log look like a real county.
    PersonSpec("admin.pup", "pup", R.ORG_ADMIN, "Kierownik Działu Informatyki", False),
    PersonSpec("doradca.pup", "pup", R.CASE_WORKER, "Doradczyni zawodowa", True),
    PersonSpec("posrednik.pup", "pup", R.CASE_WORKER, "Pośrednik pracy", False),
    PersonSpec("koordynator.mops", "mops", R.COORDINATOR, "Kierowniczka Działu Pomocy Środowiskowej", True),
    PersonSpec("asystent.mops", "mops", R.CASE_WORKER, "Asystent rodziny", False),
    PersonSpec("admin.pcpr", "pcpr", R.ORG_ADMIN, "Dyrektorka", True),
    PersonSpec("pracownik.pcpr", "pcpr", R.CASE_WORKER, "Specjalista pracy socjalnej", False),
    PersonSpec("admin.cis", "cis", R.ORG_ADMIN, "Kierownik CIS", False),
    PersonSpec("koordynator.cis", "cis", R.COORDINATOR, "Koordynatorka reintegracji", True),
    PersonSpec("instruktor.cis", "cis", R.CASE_WORKER, "Instruktor zawodu", False),
    PersonSpec("admin.ngo", "ngo", R.ORG_ADMIN, "Prezeska zarządu fundacji", True),
    PersonSpec("pracownik.ngo", "ngo", R.CASE_WORKER, "Streetworker", False),
    PersonSpec("admin.razem", "razem", R.ORG_ADMIN, "Prezes stowarzyszenia", False),
    PersonSpec("partner.razem", "razem", R.PARTNER_VIEWER, "Animatorka społeczna", True),
    PersonSpec("admin.szkola", "szkola", R.ORG_ADMIN, "Wicedyrektor", False),
    PersonSpec("partner.szkola", "szkola", R.PARTNER_VIEWER, "Pedagożka szkolna", True),
    PersonSpec("pracodawca.stolarnia", "stolarnia", R.EMPLOYER_CONTACT, "Mistrz stolarski", False),
    PersonSpec("pracodawca.logistyka", "logistyka", R.EMPLOYER_CONTACT, "Specjalistka ds. kadr", True),
    PersonSpec("uczestniczka.cis", "cis", R.PARTICIPANT, "", True),
    # The second club's staff (Jarzębina), after everyone else so the names above stay as they were.
    PersonSpec(
        "koordynator.razem", "razem", R.COORDINATOR, "Koordynatorka Klubu Aktywności Rozmaitych", True
    ),
    PersonSpec("lider.razem", "razem", R.CASE_WORKER, "Lider procesów grupowych", False),
)


def seed_organisations(ctx: DemoContext) -> None:
    used_nips = set(Organisation.objects.exclude(nip="").values_list("nip", flat=True))
    for spec in ORGANISATIONS:
        # Draw every value on every run, so the fixed seed yields the same data whatever exists.
        nip, regon, phone = _unique_nip(ctx.faker, used_nips), ctx.faker.regon(), ctx.faker.phone_number()
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
                phone=phone,
                nip=nip,
                regon=regon,
            )
            organisation.full_clean()
            organisation.save()
        ctx.count_created("organisations", created)
        ctx.organisations[spec.key] = organisation


def _unique_nip(faker: Faker, used: set[str]) -> str:
    nip: str = faker.nip()
    while nip in used:
        nip = faker.nip()
    used.add(nip)
    return nip


def seed_people(ctx: DemoContext) -> None:
    for spec in PEOPLE:
        first_name, last_name = _name_for(ctx.faker, spec)
        user = User.objects.filter(username=spec.username).first()
        created = user is None
        if user is None:
            user = User(
                username=spec.username,
                first_name=first_name,
                last_name=last_name,
                job_title=spec.job_title,
                email=f"{spec.username}@{_email_domain(spec)}",
                password=ctx.password_hash(),
            )
            user.full_clean()
            user.save()
        ctx.count_created("users", created)
        ctx.users[spec.username] = user
        organisation = ctx.organisations[spec.organisation]
        membership_create(user=user, organisation=organisation, role=spec.role)


def _name_for(faker: Faker, spec: PersonSpec) -> tuple[str, str]:
    if spec.female:
        first_name, last_name = faker.first_name_female(), faker.last_name_female()
    else:
        first_name, last_name = faker.first_name_male(), faker.last_name_male()
    return spec.first_name or first_name, spec.last_name or last_name


def _email_domain(spec: PersonSpec) -> str:
    return "example.com" if spec.role == Role.EMPLOYER_CONTACT else "example.org"


def login_table() -> str:
    names = {spec.key: spec.short_name for spec in (*ORGANISATIONS, FUNDING_BODY)}
    header = (_("User name"), _("Role"), _("Organisation"), _("Password"))
    rows = [
        (spec.username, str(spec.role.label), names[spec.organisation], DEMO_PASSWORD)
        for spec in (*PEOPLE, REVIEWER)
        if spec.featured
    ]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    lines = [_table_line(row, widths) for row in [header, *rows]]
    rule = "  ".join("-" * width for width in widths)
    title = _("Demo log-ins (other demo accounts use the same password):")
    where = _("Log in at %(url)s") % {"url": settings.SITE_URL}
    return "\n".join([title, lines[0], rule, *lines[1:], where, ""])


def _table_line(cells: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
