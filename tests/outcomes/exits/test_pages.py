"""The staff's pages: the exit reached from the programme, the to-do list of follow-ups due with
its export, and the form that records a follow-up; another organisation's staff get 404."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.casework import services as casework_services
from reintegra.outcomes.models import ExitRecord, FollowUp, FollowUpStatus
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from tests.conftest import client_for
from tests.factories import ProgrammeFactory
from tests.outcomes.exits.conftest import enrol, record_exit
from tests.reads import read, reads_of

pytestmark = pytest.mark.usefixtures("in_english")


def exit_form(**fields: object) -> dict[str, object]:
    return {
        "exit_reason": "completed",
        "left_on": "2026-11-30",
        "planned_completion": "True",
        "situation": ["employed"],
        "employment_form": "employment_contract",
        "weekly_hours": "40",
        **fields,
    }


def six_months(enrolment: Enrolment) -> FollowUp:
    return FollowUp.objects.get(enrolment=enrolment, months=6)


# --- The exit -----------------------------------------------------------------------------------


def test_the_coordinator_reaches_the_exit_from_the_programme(enrolled: Enrolment, coordinator: User) -> None:
    page = (
        client_for(coordinator)
        .get(reverse("programmes:detail", args=[enrolled.programme_id]))
        .content.decode()
    )
    assert reverse("outcomes:exits:record", args=[enrolled.pk]) in page


def test_the_coordinator_records_the_exit_and_sees_it(enrolled: Enrolment, coordinator: User) -> None:
    client = client_for(coordinator)
    response = client.post(reverse("outcomes:exits:record", args=[enrolled.pk]), exit_form())
    assert response.status_code == 302
    enrolled.refresh_from_db()
    assert enrolled.status == EnrolmentStatus.LEFT
    record = ExitRecord.objects.get(enrolment=enrolled)
    assert record.employed
    page = client.get(response["Location"]).content.decode()
    assert "in employment: contract of employment, 40.0 hours a week" in page
    assert FollowUp.objects.filter(enrolment=enrolled).count() == 3
    programme_page = client.get(reverse("programmes:detail", args=[enrolled.programme_id])).content.decode()
    assert reverse("outcomes:exits:detail", args=[enrolled.pk]) in programme_page


def test_an_exit_without_a_situation_is_refused_on_the_page(enrolled: Enrolment, coordinator: User) -> None:
    response = client_for(coordinator).post(
        reverse("outcomes:exits:record", args=[enrolled.pk]), exit_form(situation=[])
    )
    assert response.status_code == 400
    assert "Choose the person&#x27;s situation on leaving." in response.content.decode()
    enrolled.refresh_from_db()
    assert enrolled.status == EnrolmentStatus.ENROLLED


def test_a_qualification_without_its_document_is_refused_on_the_page(
    enrolled: Enrolment, coordinator: User
) -> None:
    response = client_for(coordinator).post(
        reverse("outcomes:exits:record", args=[enrolled.pk]), exit_form(situation=["qualification_gained"])
    )
    assert response.status_code == 400
    assert 'id="id_qualification_document_error"' in response.content.decode()


def test_absurd_hours_are_refused_on_the_page(enrolled: Enrolment, coordinator: User) -> None:
    response = client_for(coordinator).post(
        reverse("outcomes:exits:record", args=[enrolled.pk]), exit_form(weekly_hours="400")
    )
    assert response.status_code == 400
    assert "400 is out of range" in response.content.decode()


def test_a_left_person_is_recorded_without_leaving_again(left: Enrolment, coordinator: User) -> None:
    response = client_for(coordinator).post(
        reverse("outcomes:exits:record", args=[left.pk]),
        {"planned_completion": "False", "situation": ["in_education"]},
    )
    assert response.status_code == 302
    record = ExitRecord.objects.get(enrolment=left)
    assert record.in_education
    assert not record.planned_completion


def test_a_case_worker_sees_the_exit_but_does_not_record_it(left: Enrolment, caseworker: User) -> None:
    client = client_for(caseworker)
    assert client.get(reverse("outcomes:exits:detail", args=[left.pk])).status_code == 200
    assert client.get(reverse("outcomes:exits:record", args=[left.pk])).status_code == 403


def test_another_organisations_coordinator_gets_404(left: Enrolment, outsider_admin: User) -> None:
    client = client_for(outsider_admin)
    assert client.get(reverse("outcomes:exits:detail", args=[left.pk])).status_code == 404
    assert client.post(reverse("outcomes:exits:record", args=[left.pk]), exit_form()).status_code == 404
    assert (
        client.get(reverse("outcomes:exits:follow_up_record", args=[six_months(left).pk])).status_code == 404
    )


# --- The to-do list -----------------------------------------------------------------------------


@pytest.fixture
def due_list(left: Enrolment, programme: Programme, other_programme: Programme) -> dict[str, Enrolment]:
    """Łucja's follow-ups at 3 (overdue) and 6 months (due); Anna left recently (none due); an
    outsider's person with hers due."""
    recent = enrol(programme, first_name="Anna", last_name="Świeża")
    record_exit(recent)
    FollowUp.objects.filter(enrolment=recent).update(due_on="2027-03-01")
    other = enrol(other_programme, first_name="Obca", last_name="Osoba")
    record_exit(other)
    return {"left": left, "recent": recent, "other": other}


def test_the_to_do_list_shows_follow_ups_due_and_overdue(
    due_list: dict[str, Enrolment], caseworker: User
) -> None:
    left = due_list["left"]
    page = client_for(caseworker).get(reverse("outcomes:exits:follow_ups_due")).content.decode()
    for months in (3, 6):
        follow_up = FollowUp.objects.get(enrolment=left, months=months)
        assert reverse("outcomes:exits:follow_up_record", args=[follow_up.pk]) in page
    twelve = FollowUp.objects.get(enrolment=left, months=12)
    assert reverse("outcomes:exits:follow_up_record", args=[twelve.pk]) not in page
    assert "overdue" in page
    assert "Świeża" not in page
    assert "Obca" not in page


def test_the_to_do_list_narrows_to_a_programme(due_list: dict[str, Enrolment], caseworker: User) -> None:
    programme = due_list["left"].programme
    elsewhere = ProgrammeFactory(organisation=programme.organisation)
    url = reverse("outcomes:exits:follow_ups_due")
    client = client_for(caseworker)
    assert "Żółkiewska" in client.get(url, {"programme": programme.pk}).content.decode()
    assert "Żółkiewska" not in client.get(url, {"programme": elsewhere.pk}).content.decode()


def test_only_mine_lists_the_people_in_my_care(
    due_list: dict[str, Enrolment], caseworker: User, coordinator: User
) -> None:
    client = client_for(caseworker)
    url = reverse("outcomes:exits:follow_ups_due")
    assert "Żółkiewska" not in client.get(url, {"mine": "on"}).content.decode()
    casework_services.assignment_create(
        actor=coordinator, participant=due_list["left"].participant, worker=caseworker
    )
    assert "Żółkiewska" in client.get(url, {"mine": "on"}).content.decode()


def test_another_organisations_worker_sees_none_of_ours(
    due_list: dict[str, Enrolment], outsider: User
) -> None:
    page = client_for(outsider).get(reverse("outcomes:exits:follow_ups_due")).content.decode()
    assert "Obca" in page
    assert "Żółkiewska" not in page


def test_the_to_do_list_exports_to_xlsx_and_csv_and_logs_the_export(
    due_list: dict[str, Enrolment], caseworker: User
) -> None:
    client = client_for(caseworker)
    xlsx = client.get(reverse("outcomes:exits:follow_ups_due_export", args=["xlsx"]))
    assert xlsx.status_code == 200
    rows = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Due on", "Person", "Phone", "Programme", "Months after the exit")
    assert [row[0] for row in rows[1:]] == ["29.8.2026", "29.11.2026"]
    assert all("Żółkiewska" in str(row[1]) for row in rows[1:])
    csv = client.get(reverse("outcomes:exits:follow_ups_due_export", args=["csv"])).content.decode(
        "utf-8-sig"
    )
    assert "Żółkiewska" in csv
    assert "Obca" not in csv
    assert (
        AuditEntry.objects.filter(
            actor=caseworker, object_repr__startswith="Export of the follow-ups due"
        ).count()
        == 2
    )


# --- Recording a follow-up ----------------------------------------------------------------------


def test_the_case_worker_records_a_follow_up_by_phone_and_it_leaves_the_list(
    left: Enrolment, caseworker: User
) -> None:
    client = client_for(caseworker)
    follow_up = six_months(left)
    response = client.post(
        reverse("outcomes:exits:follow_up_record", args=[follow_up.pk]),
        {"contacted_on": "2026-12-02", "channel": "phone", "job_seeking": "on"},
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.DONE
    assert follow_up.job_seeking
    page = client.get(reverse("outcomes:exits:follow_ups_due")).content.decode()
    assert reverse("outcomes:exits:follow_up_record", args=[follow_up.pk]) not in page


def test_a_follow_up_dated_before_the_exit_is_refused_on_the_page(left: Enrolment, caseworker: User) -> None:
    response = client_for(caseworker).post(
        reverse("outcomes:exits:follow_up_record", args=[six_months(left).pk]),
        {"contacted_on": "2026-05-01", "channel": "phone"},
    )
    assert response.status_code == 400
    assert "The contact (1.5.2026) comes before the exit on 29.5.2026." in response.content.decode()


def test_employed_without_a_form_is_refused_on_the_page(left: Enrolment, caseworker: User) -> None:
    response = client_for(caseworker).post(
        reverse("outcomes:exits:follow_up_record", args=[six_months(left).pk]),
        {"contacted_on": "2026-12-02", "channel": "phone", "employed": "on", "weekly_hours": "20"},
    )
    assert response.status_code == 400
    assert 'id="id_employment_form_error"' in response.content.decode()


def test_a_person_not_reached_is_marked_on_the_page(left: Enrolment, caseworker: User) -> None:
    follow_up = six_months(left)
    response = client_for(caseworker).post(
        reverse("outcomes:exits:follow_up_record", args=[follow_up.pk]),
        {"unreachable": "1", "unreachable-tried_on": "2026-12-03", "unreachable-channel": "phone"},
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.UNREACHABLE


def test_the_start_page_counts_the_follow_ups_due(left: Enrolment, as_caseworker: Client) -> None:
    page = as_caseworker.get(reverse("home")).content.decode()
    assert "2 follow-ups are due" in page


def test_the_navigation_leads_to_the_follow_ups(caseworker: User, employer_contact: User) -> None:
    url = reverse("outcomes:exits:follow_ups_due")
    assert url in client_for(caseworker).get(reverse("home")).content.decode()
    assert url not in client_for(employer_contact).get(reverse("home")).content.decode()


# --- Reads in the audit log ---------------------------------------------------------------------


def test_the_exit_page_logs_the_person_her_record_and_follow_ups_as_read(
    left: Enrolment, caseworker: User
) -> None:
    client_for(caseworker).get(reverse("outcomes:exits:detail", args=[left.pk]))
    record = ExitRecord.objects.get(enrolment=left)
    assert reads_of(caseworker) == read(left.participant, record, *FollowUp.objects.filter(enrolment=left))


def test_the_to_do_list_logs_each_follow_up_shown_as_read(left: Enrolment, caseworker: User) -> None:
    client_for(caseworker).get(reverse("outcomes:exits:follow_ups_due"))
    assert reads_of(caseworker) == read(*FollowUp.objects.filter(enrolment=left, months__in=(3, 6)))
