"""``manage.py seed_demo``: a fictional local partnership in powiat zalesiański to click through.

The demo is a list of steps (``SEED_STEPS``), each a function of one ``DemoContext``; a later
feature adds its own step (participants, programmes, …) at the end of the list. Every step is
idempotent: it looks rows up by their natural key (organisation name, username) and creates only
what is missing, so running the command twice writes nothing the second time. The whole seed is
one transaction, and django-auditlog records every row it creates with no actor (the system).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from faker import Faker

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.accounts.services import membership_create

DEMO_PASSWORD = "Reintegra-demo-2026"  # noqa: S105 - published on purpose: a demo account's password
FAKER_SEED = 2026
# A user that exists only once the demo has been seeded: `--once` looks for it.
SENTINEL_USERNAME = "pracownik.mops"


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    short_name: str
    type: OrganisationType
    city: str
    address: str
    email: str


@dataclass(frozen=True)
class PersonSpec:
    """A demo account. Without a first/last name, Faker (with a fixed seed) invents one."""

    username: str
    organisation: str
    role: Role
    job_title: str
    female: bool
    first_name: str = ""
    last_name: str = ""
    featured: bool = False  # listed in the log-ins table printed at the end


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
)


@dataclass
class DemoContext:
    faker: Faker
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)
    _password_hash: str = ""

    def count_created(self, what: str, created: bool) -> None:
        self.created[what] = self.created.get(what, 0) + int(created)

    def password_hash(self) -> str:
        # Hashing is deliberately slow; the demo accounts share one password, so hash it once.
        if not self._password_hash:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash


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


def seed_participants(ctx: DemoContext) -> None:
    """The TERC units of powiat zalesiański and ~40 participants with consents and family."""
    from reintegra.people.demo import seed_participants as seed_people_app

    seed_people_app(ctx)


def seed_programmes(ctx: DemoContext) -> None:
    """One running programme per model, with people enrolled and on the reserve list."""
    from reintegra.programmes.demo import seed_programmes as seed_programmes_app

    seed_programmes_app(ctx)


def seed_casework(ctx: DemoContext) -> None:
    """A caseload for pracownik.mops: people, meetings today and this week, services, an overdue step."""
    from reintegra.casework.demo import seed_casework as seed_casework_app

    seed_casework_app(ctx)


def seed_questionnaires(ctx: DemoContext) -> None:
    """A filled diagnosis interview, passport or professional profile for a few enrolled people."""
    from reintegra.questionnaires.demo import seed_questionnaires as seed_questionnaires_app

    seed_questionnaires_app(ctx)


def seed_plans(ctx: DemoContext) -> None:
    """Plans for pracownik.mops's people: an agreed IPD with an earlier version, an IPZS, an IPWzB."""
    from reintegra.casework.demo import seed_plans as seed_plans_app

    seed_plans_app(ctx)


def seed_partnership(ctx: DemoContext) -> None:
    """The county's local partnership and referrals between its members (one waits at the NGO)."""
    from reintegra.partnership.demo import seed_partnership as seed_partnership_app

    seed_partnership_app(ctx)


# Later sections (participants, programmes, …) append their step here.
SEED_STEPS: list[Callable[[DemoContext], None]] = [
    seed_organisations,
    seed_people,
    seed_participants,
    seed_programmes,
    seed_casework,
    seed_questionnaires,
    seed_plans,
    seed_partnership,
]


def seed(faker_seed: int = FAKER_SEED) -> DemoContext:
    """Build the demo partnership; all of it or, on any error, nothing."""
    faker = Faker("pl_PL")
    faker.seed_instance(faker_seed)
    ctx = DemoContext(faker=faker)
    with transaction.atomic():
        for step in SEED_STEPS:
            step(ctx)
    return ctx


def demo_is_seeded() -> bool:
    return User.objects.filter(username=SENTINEL_USERNAME).exists()


class Command(BaseCommand):
    help = "Creates the demo partnership of powiat zalesiański and prints its log-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="If the demo is already there, only print the log-ins and write nothing.",
        )
        # At scale, for benchmarks: fictional load added in bulk on top of the demo.
        parser.add_argument(
            "--participants",
            type=int,
            default=0,
            metavar="N",
            help="Add fictional participants until there are N (bulk inserts, for benchmarks).",
        )
        parser.add_argument(
            "--meetings",
            type=int,
            default=0,
            metavar="M",
            help="Add case assignments and meetings until there are M meetings (for benchmarks).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            if options["once"] and demo_is_seeded():
                self.stdout.write(_("The demo data is already there; nothing was changed."))
            else:
                ctx = seed()
                self.stdout.write(
                    self.style.SUCCESS(
                        _("Demo data ready: %(organisations)d organisations and %(users)d users created.")
                        % {
                            "organisations": ctx.created.get("organisations", 0),
                            "users": ctx.created.get("users", 0),
                        }
                    )
                )
            self.stdout.write(login_table())
            fill_to_scale(participants=options["participants"], meetings=options["meetings"])


def fill_to_scale(*, participants: int, meetings: int) -> None:
    """Bulk load for benchmarks: participants over the first organisations with case workers,
    then a full caseload for the demo case worker and meetings spread over everyone."""
    from reintegra.casework.models import Meeting
    from reintegra.casework.scale import fill_casework
    from reintegra.people.models import Participant
    from reintegra.people.scale import fill_participants

    missing = participants - Participant.objects.count()
    if missing > 0:
        organisations = Organisation.objects.filter(memberships__role=Role.CASE_WORKER).distinct()[:4]
        fill_participants(missing, list(organisations))
    missing = meetings - Meeting.objects.count()
    if missing > 0:
        fill_casework(missing, worker=User.objects.get(username=SENTINEL_USERNAME))


def login_table() -> str:
    names = {spec.key: spec.short_name for spec in ORGANISATIONS}
    header = (_("User name"), _("Role"), _("Organisation"), _("Password"))
    rows = [
        (spec.username, str(spec.role.label), names[spec.organisation], DEMO_PASSWORD)
        for spec in PEOPLE
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
