"""The demo partnership (`manage.py seed_demo`): complete, reproducible, idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from stdnum.pl import nip, regon

from reintegra.accounts.models import Membership, Organisation, OrganisationType, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.programmes.models import Programme

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "Reintegra-demo-2026"

NAMED_LOGINS = {
    "admin.mops": (Role.ORG_ADMIN, OrganisationType.OPS),
    "koordynator.pup": (Role.COORDINATOR, OrganisationType.PUP),
    "pracownik.mops": (Role.CASE_WORKER, OrganisationType.OPS),
    "partner.ngo": (Role.PARTNER_VIEWER, OrganisationType.NGO),
    "pracodawca": (Role.EMPLOYER_CONTACT, OrganisationType.EMPLOYER),
    "uczestnik": (Role.PARTICIPANT, OrganisationType.OPS),
    "fundator.wup": (Role.FUNDER, OrganisationType.FUNDING_BODY),
}


def seed_demo(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "audit entries": AuditEntry.objects.count(),
    }


def test_it_builds_every_kind_of_organisation_of_the_partnership(demo: str) -> None:
    types = list(Organisation.objects.values_list("type", flat=True))
    for organisation_type in (
        OrganisationType.PUP,
        OrganisationType.OPS,
        OrganisationType.PCPR,
        OrganisationType.CIS,
        OrganisationType.SCHOOL,
    ):
        assert types.count(organisation_type) == 1, organisation_type
    assert types.count(OrganisationType.NGO) == 2
    assert types.count(OrganisationType.EMPLOYER) == 3


def test_it_gives_someone_every_role(demo: str) -> None:
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)


def test_every_organisation_has_staff_or_a_contact_beyond_one_person(demo: str) -> None:
    for organisation in Organisation.objects.all():
        assert organisation.memberships.exists(), organisation


def test_the_named_log_ins_exist_with_their_role_and_password(demo: str) -> None:
    for username, (role, organisation_type) in NAMED_LOGINS.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
        assert user.memberships.filter(role=role, organisation__type=organisation_type).exists(), username
        assert user.first_name
        assert user.last_name


def test_the_demo_case_worker_and_admin_work_in_the_same_mops(demo: str) -> None:
    mops_of = {
        username: User.objects.get(username=username).memberships.get().organisation
        for username in ("admin.mops", "pracownik.mops", "uczestnik")
    }
    assert len(set(mops_of.values())) == 1


def test_the_demo_case_worker_can_log_in_through_the_log_in_page(demo: str) -> None:
    response = Client().post(
        reverse("accounts:login"), {"username": "pracownik.mops", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_people_have_titles_and_e_mails_only_in_example_domains(demo: str) -> None:
    staff = User.objects.exclude(memberships__role=Role.PARTICIPANT)
    assert staff.count() >= 20
    for user in staff:
        assert user.job_title, user.username
        assert user.email.split("@")[1] in {"example.org", "example.com"}, user.email


def test_organisations_have_valid_nip_and_regon(demo: str) -> None:
    for organisation in Organisation.objects.all():
        assert nip.is_valid(organisation.nip), organisation
        assert regon.is_valid(organisation.regon), organisation
        organisation.full_clean()


def test_running_it_twice_creates_nothing_twice(demo: str) -> None:
    after_first = row_counts()
    seed_demo()
    assert row_counts() == after_first


def test_it_records_the_creations_in_the_audit_log_without_an_actor(demo: str) -> None:
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE)
    assert entries.filter(object_repr__contains="Zalesie").exists()
    assert not entries.exclude(actor=None).exists()


def test_once_on_a_seeded_database_writes_nothing_and_prints_the_log_ins(demo: str) -> None:
    before = row_counts()
    with CaptureQueriesContext(connection) as queries:
        output = seed_demo("--once")
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert row_counts() == before
    for username in NAMED_LOGINS:
        assert username in output
    assert DEMO_PASSWORD in output


def test_it_prints_the_log_ins_with_their_organisation(demo: str) -> None:
    line = next(line for line in demo.splitlines() if line.startswith("pracownik.mops "))
    assert "MOPS Zalesie" in line
    assert DEMO_PASSWORD in line


def test_the_demo_funder_sees_the_reports_of_every_demo_programme(demo: str) -> None:
    client = Client()
    client.post(reverse("accounts:login"), {"username": "fundator.wup", "password": DEMO_PASSWORD})

    page = client.get(reverse("outcomes:funder:funded_list")).content.decode()

    programmes = list(Programme.objects.all())
    assert programmes
    for programme in programmes:
        assert programme.name in page
    assert client.get(reverse("outcomes:funder:funded_report", args=[programmes[0].pk])).status_code == 200
