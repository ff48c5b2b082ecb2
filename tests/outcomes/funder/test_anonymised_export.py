"""The anonymised file for evaluators: one line per enrolment with the characteristics at entry,
the situation on leaving and the follow-ups, and nothing that names or locates a person."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.outcomes.models import ExitRecord, FollowUp
from reintegra.people.models import Degurba, Participant, TercUnit
from reintegra.programmes import services
from reintegra.programmes.models import Enrolment, Programme
from tests.conftest import client_for
from tests.factories import ParticipantFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

PESELS = ("92071314764", "85020312647")


@pytest.fixture
def gmina(db: None) -> TercUnit:
    unit, _ = TercUnit.objects.get_or_create(
        code="3035022", defaults={"name": "Borówkowo", "kind": "gmina wiejska", "degurba": Degurba.RURAL}
    )
    return unit


@pytest.fixture
def programme(organisation: object) -> Programme:
    programme: Programme = ProgrammeFactory(
        organisation=organisation,
        code="aktywni-2026",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )
    return programme


@pytest.fixture
def people(organisation: object, programme: Programme, gmina: TercUnit) -> list[Participant]:
    people: list[Participant] = [
        ParticipantFactory(  # type: ignore[list-item]
            organisation=organisation,
            first_name="Zuzanna",
            last_name="Wróblewska-Nowicka",
            pesel=PESELS[0],
            birth_date=date(1992, 7, 13),
            identity_document_type="",
            identity_document_number="",
            gmina=gmina,
            locality="Borówkowo",
            postal_code="06-432",
            street_address="ul. Jaśminowa 17",
            phone="+48 600 123 456",
            email="zuzanna@example.org",
            labour_status="long_term_unemployed",
            education=3,
        ),
        ParticipantFactory(  # type: ignore[list-item]
            organisation=organisation,
            first_name="Bożydar",
            last_name="Kwiatkowski-Zięba",
            pesel=PESELS[1],
            birth_date=date(1985, 2, 3),
            sex="man",
            identity_document_type="",
            identity_document_number="",
            gmina=gmina,
            street_address="ul. Topolowa 99",
            labour_status="inactive",
        ),
    ]
    for person in people:
        enrolment = services.enrolment_apply(actor=None, programme=programme, participant=person)
        services.enrolment_assess(actor=None, enrolment=enrolment)
        services.enrolment_enrol(actor=None, enrolment=Enrolment.objects.get(pk=enrolment.pk))
    return people


@pytest.fixture
def left_and_followed_up(people: list[Participant]) -> Enrolment:
    enrolment = Enrolment.objects.get(participant=people[0])
    left_on = timezone.localdate() - timedelta(days=200)
    ExitRecord.objects.create(
        enrolment=enrolment,
        left_on=left_on,
        planned_completion=True,
        employed=True,
        employment_form="employment_contract",
        weekly_hours=40,
        qualification_gained=True,
        qualification_document="Świadectwo czeladnicze nr 4711/Wróblewska",
        recorded_at=timezone.now(),
    )
    FollowUp.objects.create(
        enrolment=enrolment,
        months=6,
        due_on=left_on + timedelta(days=182),
        status="done",
        employed=True,
        improvement="stable",
    )
    return enrolment


def export_url(programme: Programme, fmt: str = "csv") -> str:
    return reverse("outcomes:funder:anonymised_export", args=[programme.pk, fmt])


def csv_lines(response: HttpResponse) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return [[cell.strip('"') for cell in line.split(";")] for line in text.splitlines()]


def test_no_name_pesel_birth_date_street_or_contact_appears_in_the_file(
    programme: Programme, people: list[Participant], left_and_followed_up: Enrolment, coordinator: User
) -> None:
    client = client_for(coordinator)
    csv = client.get(export_url(programme)).content.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(client.get(export_url(programme, "xlsx")).content)).active
    xlsx = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)

    for text in (csv, xlsx):
        for person in people:
            for secret in (person.first_name, person.last_name, person.pesel, person.street_address):
                assert secret not in text
            for shown in (
                person.birth_date.isoformat(),
                f"{person.birth_date:%d.%m.%Y}",
                f"{person.birth_date:%d.%m}",
            ):
                assert shown not in text
        for secret in ("Jaśminowa", "06-432", "600 123 456", "zuzanna@example.org", "4711"):
            assert secret not in text


def test_a_line_has_the_birth_year_the_gmina_and_the_entry_exit_and_follow_up(
    programme: Programme, people: list[Participant], left_and_followed_up: Enrolment, coordinator: User
) -> None:
    [header, *lines] = csv_lines(client_for(coordinator).get(export_url(programme)))
    rows = [dict(zip(header, line, strict=True)) for line in lines]
    zuzanna = next(row for row in rows if row["birth_year"] == "1992")

    assert len(rows) == 2
    assert (zuzanna["gmina_terc"], zuzanna["gmina_name"]) == ("3035022", "Borówkowo")
    assert (zuzanna["sex"], zuzanna["labour_status"], zuzanna["education"]) == (
        "woman",
        "long_term_unemployed",
        "3",
    )
    assert zuzanna["rural"] == "1"
    assert zuzanna["exit_employed"] == "1"
    assert zuzanna["exit_employment_form"] == "employment_contract"
    assert zuzanna["follow_up_6m_improvement"] == "stable"
    assert zuzanna["follow_up_3m_status"] == ""
    assert zuzanna["programme"] == "aktywni-2026"


def test_pseudonyms_are_new_in_every_file_and_never_an_id(
    programme: Programme, people: list[Participant], coordinator: User
) -> None:
    client = client_for(coordinator)
    first = {line[0] for line in csv_lines(client.get(export_url(programme)))[1:]}
    second = {line[0] for line in csv_lines(client.get(export_url(programme)))[1:]}
    ids = {str(pk) for pk in Enrolment.objects.values_list("pk", flat=True)} | {str(p.pk) for p in people}

    assert len(first) == len(second) == 2
    assert not first & second
    assert not first & ids


def test_the_export_is_audited_as_a_read_of_every_enrolment(
    programme: Programme, people: list[Participant], coordinator: User
) -> None:
    client_for(coordinator).get(export_url(programme))

    for enrolment in Enrolment.objects.all():
        reads = AuditEntry.objects.get_for_object(enrolment).filter(
            action=AuditEntry.Action.ACCESS, actor=coordinator
        )
        assert reads.exists()


def test_a_case_worker_and_a_funder_cannot_take_the_file(
    programme: Programme, people: list[Participant], caseworker: User, funder: User
) -> None:
    assert client_for(caseworker).get(export_url(programme)).status_code == 403
    assert client_for(funder).get(export_url(programme)).status_code == 403


def test_another_organisations_coordinator_gets_404(
    programme: Programme, people: list[Participant], outsider_admin: User
) -> None:
    assert client_for(outsider_admin).get(export_url(programme)).status_code == 404
