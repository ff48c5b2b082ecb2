"""The case worker's home: their people, today's and this week's meetings, who is overdue."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Max, Model
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.accounts.models import Organisation, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.casework import services
from reintegra.casework.caseload import SECTION_PAGE_SIZE, SHOWN, Section
from reintegra.casework.models import CaseAssignment, CaseworkSettings, Meeting, NextStep
from reintegra.casework.selectors import PAGE_SIZE
from reintegra.casework.services import NextStepData
from reintegra.people.models import Participant
from reintegra.plans import services as plan_services
from reintegra.plans.models import IndividualPlan
from reintegra.plans.services import ActionData
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from tests.casework.conftest import at, meeting_for
from tests.conftest import client_for
from tests.factories import ParticipantFactory, ProgrammeFactory, member

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 11)  # a Wednesday; the week runs Monday 9th to Sunday 15th
MAX_QUERIES = 10


@pytest.fixture(autouse=True)
def frozen_now() -> Any:
    with time_machine.travel(at(TODAY, 8), tick=False):
        yield


def assign(
    participant: Participant, worker: User, coordinator: User, on: date = date(2026, 1, 5)
) -> CaseAssignment:
    return services.assignment_create(actor=coordinator, participant=participant, worker=worker, on=on)


def test_the_caseload_shows_my_people_and_todays_and_this_weeks_meetings(
    in_care: CaseAssignment, caseworker: User, coordinator: User, organisation: Organisation
) -> None:
    ours = in_care.participant
    someone_elses = ParticipantFactory(organisation=organisation)
    today = meeting_for(ours, caseworker, at(TODAY, 14))
    late_tonight = meeting_for(ours, caseworker, at(TODAY, 23, 30))  # still today in Warsaw (22:30 UTC)
    friday = meeting_for(ours, caseworker, at(TODAY + timedelta(days=2), 9))
    monday = meeting_for(ours, caseworker, at(TODAY - timedelta(days=2), 9))
    meeting_for(ours, caseworker, at(TODAY + timedelta(days=5), 9))  # next Monday
    meeting_for(someone_elses, coordinator, at(TODAY, 10))  # a colleague's meeting

    response = client_for(caseworker).get(reverse("casework:caseload"))

    caseload = response.context["caseload"]
    assert caseload.people_count == 1
    assert [row.pk for row in caseload.meetings_today.rows] == [today.pk, late_tonight.pk]
    assert [row.pk for row in caseload.meetings_this_week.rows] == [monday.pk, friday.pk]
    assert (caseload.meetings_today.count, caseload.meetings_this_week.count) == (2, 2)
    assert "Żółkiewska" in response.content.decode()


def test_ended_assignments_leave_the_caseload(
    in_care: CaseAssignment, caseworker: User, coordinator: User
) -> None:
    services.assignment_end(actor=coordinator, assignment=in_care)

    response = client_for(caseworker).get(reverse("casework:caseload"))

    assert response.context["caseload"].people_count == 0


def test_people_not_met_for_longer_than_the_interval_are_listed(
    caseworker: User, coordinator: User, organisation: Organisation
) -> None:
    recently = ParticipantFactory(organisation=organisation, last_name="Niedawna")
    long_ago = ParticipantFactory(organisation=organisation, last_name="Dawna")
    never = ParticipantFactory(organisation=organisation, last_name="Nigdy")
    newcomer = ParticipantFactory(organisation=organisation, last_name="Nowa")
    for person in (recently, long_ago, never):
        assign(person, caseworker, coordinator)
    assign(newcomer, caseworker, coordinator, on=TODAY - timedelta(days=3))
    meeting_for(recently, caseworker, at(TODAY - timedelta(days=20)))
    meeting_for(long_ago, caseworker, at(TODAY - timedelta(days=31)))
    meeting_for(long_ago, caseworker, at(TODAY + timedelta(days=1)))  # planned, not a contact yet

    caseload = client_for(caseworker).get(reverse("casework:caseload")).context["caseload"]

    assert [person.participant_id for person in caseload.not_contacted.rows] == [never.pk, long_ago.pk]
    never_row = caseload.not_contacted.rows[0]
    assert never_row.days_without_contact == (TODAY - date(2026, 1, 5)).days


def test_the_organisations_contact_interval_decides_who_is_overdue(
    caseworker: User, coordinator: User, organisation: Organisation
) -> None:
    person = ParticipantFactory(organisation=organisation)
    assign(person, caseworker, coordinator)
    meeting_for(person, caseworker, at(TODAY - timedelta(days=20)))
    CaseworkSettings.objects.create(organisation=organisation, contact_interval_days=14)

    caseload = client_for(caseworker).get(reverse("casework:caseload")).context["caseload"]

    assert [row.participant_id for row in caseload.not_contacted.rows] == [person.pk]
    assert caseload.not_contacted.rows[0].contact_interval_days == 14


def test_a_programme_the_person_is_enrolled_in_sets_their_contact_interval(
    caseworker: User, coordinator: User, organisation: Organisation
) -> None:
    strict: Participant = ParticipantFactory(organisation=organisation)
    relaxed: Participant = ParticipantFactory(organisation=organisation)
    for person in (strict, relaxed):
        assign(person, caseworker, coordinator)
        meeting_for(person, caseworker, at(TODAY - timedelta(days=20)))
    pup: Programme = ProgrammeFactory(organisation=organisation, contact_interval_days=14)
    Enrolment.objects.create(
        programme=pup, participant=strict, status=EnrolmentStatus.ENROLLED, applied_at=at(date(2026, 1, 5))
    )
    Enrolment.objects.create(  # only an enrolment the person is in counts
        programme=pup, participant=relaxed, status=EnrolmentStatus.LEFT, applied_at=at(date(2026, 1, 5))
    )

    caseload = client_for(caseworker).get(reverse("casework:caseload")).context["caseload"]

    assert [row.participant_id for row in caseload.not_contacted.rows] == [strict.pk]
    assert caseload.not_contacted.rows[0].contact_interval_days == 14


def test_open_next_steps_past_their_due_date_are_listed_as_overdue(
    in_care: CaseAssignment, caseworker: User
) -> None:
    meeting = meeting_for(
        in_care.participant,
        caseworker,
        at(TODAY - timedelta(days=10)),
        next_steps=[
            NextStepData("Złożyć wniosek", TODAY - timedelta(days=1)),
            NextStepData("Umówić lekarza", TODAY + timedelta(days=3)),
            NextStepData("Bez terminu"),
        ],
    )
    done = services.next_step_add(
        actor=caseworker, meeting=meeting, data=NextStepData("Zrobione", TODAY - timedelta(days=2))
    )
    services.next_step_set_done(actor=caseworker, step=done, done=True)

    caseload = client_for(caseworker).get(reverse("casework:caseload")).context["caseload"]

    assert [step.text for step in caseload.overdue_steps.rows] == ["Złożyć wniosek"]
    assert caseload.overdue_steps.count == 1


def a_plan_with_actions(
    participant: Participant, worker: User, deadlines: list[date | None]
) -> IndividualPlan:
    plan = plan_services.plan_create(
        actor=worker, participant=participant, plan_type_code="generic", starts_on=date(2026, 1, 5)
    )
    return plan_services.plan_save(
        actor=worker,
        plan=plan,
        revision=plan.revision,
        data=plan_services.PlanData.of(plan),
        goals=[],
        actions=[ActionData(f"Działanie {index}", deadline=due) for index, due in enumerate(deadlines)],
    )


def test_overdue_plan_actions_and_plans_past_their_review_are_on_the_caseload(
    in_care: CaseAssignment, caseworker: User
) -> None:
    ours = in_care.participant
    overdue = a_plan_with_actions(ours, caseworker, [TODAY + timedelta(days=2), TODAY - timedelta(days=3)])
    on_time = a_plan_with_actions(ours, caseworker, [TODAY + timedelta(days=1)])
    for signatory in on_time.type.signatories:
        plan_services.plan_sign(actor=caseworker, plan=on_time, role=signatory.role, name="Łucja")
    IndividualPlan.objects.filter(pk=on_time.pk).update(review_on=TODAY - timedelta(days=1))
    unreviewed_draft = a_plan_with_actions(ours, caseworker, [])
    IndividualPlan.objects.filter(pk=unreviewed_draft.pk).update(review_on=TODAY - timedelta(days=1))

    response = client_for(caseworker).get(reverse("casework:caseload"))

    due = {plan.pk: plan for plan in response.context["caseload"].plans_due.rows}
    assert set(due) == {overdue.pk, on_time.pk}
    assert (due[overdue.pk].overdue_actions, due[overdue.pk].first_overdue) == (1, "Działanie 1")
    assert due[on_time.pk].overdue_actions == 0
    assert "Działanie 1" in response.content.decode()
    read = AuditEntry.objects.get_for_object(overdue).filter(
        action=AuditEntry.Action.ACCESS, actor=caseworker
    )
    assert read.exists()


def test_reading_the_caseload_audits_the_meetings_and_steps_it_shows(
    in_care: CaseAssignment, caseworker: User
) -> None:
    meeting = meeting_for(in_care.participant, caseworker, at(TODAY, 14))

    client_for(caseworker).get(reverse("casework:caseload"))

    assert (
        AuditEntry.objects.get_for_object(meeting)
        .filter(action=AuditEntry.Action.ACCESS, actor=caseworker)
        .exists()
    )


def test_a_worker_of_another_organisation_sees_none_of_our_caseload(
    in_care: CaseAssignment, caseworker: User, outsider: User
) -> None:
    meeting_for(in_care.participant, caseworker, at(TODAY, 14))

    caseload = client_for(outsider).get(reverse("casework:caseload")).context["caseload"]

    assert (caseload.people_count, caseload.meetings_today.rows, caseload.overdue_steps.rows) == (0, [], [])


def test_staff_see_the_caseload_in_the_navigation_and_others_cannot_open_it(
    caseworker: User, employer_contact: User, participant: User
) -> None:
    home = client_for(caseworker).get(reverse("home"))

    assert reverse("casework:caseload") in home.content.decode()
    for user in (employer_contact, participant):
        assert client_for(user).get(reverse("casework:caseload")).status_code == 403


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow(participant: Participant, worker: User, count: int) -> None:
    for index in range(count):
        meeting_for(
            participant,
            worker,
            at(TODAY - timedelta(days=index % 6 - 2), 8 + index % 10),
            next_steps=[NextStepData(f"Krok {index}", TODAY - timedelta(days=1) if index % 6 >= 3 else None)],
        )


def test_the_caseload_costs_the_same_few_queries_however_many_meetings(
    in_care: CaseAssignment, caseworker: User, coordinator: User, organisation: Organisation
) -> None:
    client = client_for(caseworker)
    _grow(in_care.participant, caseworker, 2)
    for _index in range(3):
        assign(ParticipantFactory(organisation=organisation), caseworker, coordinator)
    a_plan_with_actions(in_care.participant, caseworker, [TODAY - timedelta(days=1)])
    client.get(reverse("casework:caseload"))  # warm the session and content-type caches
    few = _queries(client, reverse("casework:caseload"))

    _grow(in_care.participant, caseworker, 30)
    for _index in range(5):
        a_plan_with_actions(in_care.participant, caseworker, [TODAY - timedelta(days=1)] * 3)
    many = _queries(client, reverse("casework:caseload"))

    assert Meeting.objects.count() == 32
    assert few == many <= MAX_QUERIES


def test_a_persons_meetings_page_costs_the_same_few_queries_however_many_meetings(
    in_care: CaseAssignment, caseworker: User
) -> None:
    client = client_for(caseworker)
    url = reverse("casework:meetings", args=[in_care.participant_id])
    _grow(in_care.participant, caseworker, PAGE_SIZE + 2)  # a full first page: a short one skips the count
    client.get(url)
    few = _queries(client, url)

    _grow(in_care.participant, caseworker, 40)
    many = _queries(client, url)

    # SQLite writes the audit entries and their organisations in two statements, PostgreSQL in one.
    assert few == many <= (8 if connection.vendor == "postgresql" else 9)


def test_the_team_page_costs_the_same_few_queries_however_many_meetings(
    in_care: CaseAssignment, caseworker: User, coordinator: User
) -> None:
    client = client_for(coordinator)
    _grow(in_care.participant, caseworker, 2)
    client.get(reverse("casework:team"))
    few = _queries(client, reverse("casework:team"))

    _grow(in_care.participant, caseworker, 30)
    many = _queries(client, reverse("casework:team"))

    assert few == many <= MAX_QUERIES


def test_a_persons_services_page_costs_the_same_few_queries_however_many_services(
    in_care: CaseAssignment, caseworker: User
) -> None:
    client = client_for(caseworker)
    url = reverse("casework:services", args=[in_care.participant_id])

    def deliver(count: int) -> None:
        for index in range(count):
            services.service_record(
                actor=caseworker,
                participant=in_care.participant,
                data=services.ServiceData(
                    kind="dentist", provider_name="Gabinet", delivered_on=TODAY, cost=Decimal(index)
                ),
            )

    deliver(PAGE_SIZE + 2)  # a full first page: a short one skips the count
    client.get(url)
    few = _queries(client, url)
    deliver(30)
    many = _queries(client, url)

    assert few == many <= MAX_QUERIES


def _steps_due(participant: Participant, worker: User, count: int) -> list[str]:
    """``count`` overdue next steps, one a day back from yesterday (the first is the least overdue)."""
    meeting = meeting_for(participant, worker, at(TODAY - timedelta(days=60)))
    texts = []
    for index in range(count):
        text = f"Krok {index}"
        services.next_step_add(
            actor=worker, meeting=meeting, data=NextStepData(text, TODAY - timedelta(days=index + 1))
        )
        texts.append(text)
    return texts


def test_each_section_shows_the_first_ten_most_overdue_and_counts_the_rest(
    in_care: CaseAssignment, caseworker: User
) -> None:
    texts = _steps_due(in_care.participant, caseworker, 13)
    for hour in range(12):
        meeting_for(in_care.participant, caseworker, at(TODAY, 8, hour))

    response = client_for(caseworker).get(reverse("casework:caseload"))

    caseload = response.context["caseload"]
    assert [step.text for step in caseload.overdue_steps.rows] == texts[::-1][:10]
    assert (caseload.overdue_steps.count, caseload.overdue_steps.more) == (13, True)
    assert (len(caseload.meetings_today.rows), caseload.meetings_today.count) == (10, 12)
    page = response.content.decode()
    assert reverse("casework:caseload_section", args=["steps"]) in page
    assert reverse("casework:caseload_section", args=["today"]) in page


def test_only_the_rows_the_caseload_shows_are_logged_as_read(
    in_care: CaseAssignment, caseworker: User
) -> None:
    _steps_due(in_care.participant, caseworker, 12)
    shown = {"Krok 11", "Krok 10", *(f"Krok {index}" for index in range(2, 10))}

    client_for(caseworker).get(reverse("casework:caseload"))

    read = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, actor=caseworker, content_type__model="nextstep"
    )
    assert set(read.values_list("object_repr", flat=True)) == shown


def test_all_overdue_steps_are_a_link_away_paged_and_audited_page_by_page(
    in_care: CaseAssignment, caseworker: User
) -> None:
    texts = _steps_due(in_care.participant, caseworker, SECTION_PAGE_SIZE + 3)
    client = client_for(caseworker)
    url = reverse("casework:caseload_section", args=["steps"])

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert [step.text for step in first.context["rows"]] == texts[::-1][:SECTION_PAGE_SIZE]
    assert [step.text for step in second.context["rows"]] == texts[::-1][SECTION_PAGE_SIZE:]
    read = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, content_type__model="nextstep")
    assert read.count() == SECTION_PAGE_SIZE + 3


def test_plans_needing_attention_come_most_overdue_first(in_care: CaseAssignment, caseworker: User) -> None:
    ours = in_care.participant
    a_week = a_plan_with_actions(ours, caseworker, [TODAY - timedelta(days=7)])
    a_day = a_plan_with_actions(ours, caseworker, [TODAY - timedelta(days=1)])
    review = a_plan_with_actions(ours, caseworker, [])
    for signatory in review.type.signatories:
        plan_services.plan_sign(actor=caseworker, plan=review, role=signatory.role, name="Łucja")
    IndividualPlan.objects.filter(pk=review.pk).update(review_on=TODAY - timedelta(days=3))

    caseload = client_for(caseworker).get(reverse("casework:caseload")).context["caseload"]

    assert [plan.pk for plan in caseload.plans_due.rows] == [a_week.pk, review.pk, a_day.pk]
    assert caseload.plans_due.count == 3


def test_my_people_are_paged_by_name_on_their_own_page(
    caseworker: User, coordinator: User, organisation: Organisation
) -> None:
    for index in range(SECTION_PAGE_SIZE + 2):
        assign(
            ParticipantFactory(organisation=organisation, last_name=f"Nazwisko{index:02}"),
            caseworker,
            coordinator,
        )
    client = client_for(caseworker)
    url = reverse("casework:caseload_section", args=["people"])

    first = client.get(url)
    last = client.get(url, {"page": 2})

    assert client.get(reverse("casework:caseload")).context["caseload"].people_count == SECTION_PAGE_SIZE + 2
    assert first.context["rows"][0].last_name == "Nazwisko00"
    assert [person.last_name for person in last.context["rows"]] == ["Nazwisko25", "Nazwisko26"]


def test_people_not_contacted_are_all_listed_longest_first_on_their_own_page(
    caseworker: User, coordinator: User, organisation: Organisation
) -> None:
    for days in (40, 90, 35):
        person = ParticipantFactory(organisation=organisation)
        assign(person, caseworker, coordinator, on=TODAY - timedelta(days=days))

    response = client_for(caseworker).get(reverse("casework:caseload_section", args=["contact"]))

    assert [person.days_without_contact for person in response.context["rows"]] == [90, 40, 35]


def test_an_unknown_section_is_a_404(caseworker: User) -> None:
    response = client_for(caseworker).get(reverse("casework:caseload_section", args=["everything"]))

    assert response.status_code == 404


def test_a_coordinator_opens_a_team_members_sections_and_not_an_outsiders(
    in_care: CaseAssignment, caseworker: User, coordinator: User, outsider: User
) -> None:
    texts = _steps_due(in_care.participant, caseworker, 2)
    client = client_for(coordinator)

    steps = client.get(reverse("casework:team_member_section", args=[caseworker.pk, "steps"]))
    outside = client.get(reverse("casework:team_member_section", args=[outsider.pk, "steps"]))

    assert [step.text for step in steps.context["rows"]] == texts[::-1]
    assert outside.status_code == 404
    assert (
        client_for(caseworker)
        .get(reverse("casework:team_member_section", args=[caseworker.pk, "steps"]))
        .status_code
        == 403
    )


def test_a_team_members_caseload_costs_the_same_few_queries_however_many_meetings(
    in_care: CaseAssignment, caseworker: User, coordinator: User
) -> None:
    client = client_for(coordinator)
    url = reverse("casework:team_member", args=[caseworker.pk])
    _grow(in_care.participant, caseworker, 2)
    client.get(url)
    few = _queries(client, url)

    _grow(in_care.participant, caseworker, 30)
    many = _queries(client, url)

    assert few == many <= MAX_QUERIES


def test_a_deep_page_of_meetings_holds_the_right_meetings_in_order(
    in_care: CaseAssignment, caseworker: User
) -> None:
    for index in range(PAGE_SIZE + 5):
        meeting_for(in_care.participant, caseworker, at(TODAY - timedelta(days=index // 2), 9))
    newest_first = list(Meeting.objects.order_by("-starts_at", "-pk"))

    response = client_for(caseworker).get(
        reverse("casework:meetings", args=[in_care.participant_id]), {"page": 2}
    )

    assert list(response.context["page"]) == newest_first[PAGE_SIZE:]


def test_each_section_of_the_caseload_begins_as_its_own_page_does(
    in_care: CaseAssignment, caseworker: User, coordinator: User, organisation: Organisation
) -> None:
    """The caseload and each section's page read by the same query, at another limit and offset:
    the caseload's rows are the first of the page's, in order, and counted alike."""
    for index in range(16):
        person: Participant = ParticipantFactory(organisation=organisation, last_name=f"Osoba {index:02}")
        assign(person, caseworker, coordinator, on=date(2026, 1, 5) + timedelta(days=index % 4))
        if index % 3:  # some were met, at different times of the same days; the others never
            meeting_for(person, caseworker, at(TODAY - timedelta(days=40 + index % 2), 8 + index % 5))
        meeting_for(person, caseworker, at(TODAY + timedelta(days=index % 3), 9 + index % 7))  # planned
    _steps_due(in_care.participant, caseworker, 12)
    for due in ([TODAY - timedelta(days=3)], [TODAY - timedelta(days=9), TODAY - timedelta(days=1)], []):
        a_plan_with_actions(in_care.participant, caseworker, due)
    client = client_for(caseworker)

    caseload = client.get(reverse("casework:caseload")).context["caseload"]

    def section(name: str) -> list[Any]:
        return client.get(reverse("casework:caseload_section", args=[name])).context["rows"]

    assert [m.pk for m in caseload.meetings_today.rows] == [m.pk for m in section("today")][:10]
    assert [m.pk for m in caseload.meetings_this_week.rows] == [m.pk for m in section("week")][:10]
    assert [s.pk for s in caseload.overdue_steps.rows] == [s.pk for s in section("steps")][:10]
    assert [p.pk for p in caseload.plans_due.rows] == [p.pk for p in section("plans")][:10]
    assert caseload.not_contacted.rows == section("contact")[:10]
    assert caseload.not_contacted.count == len(section("contact")) > 10
    assert (caseload.overdue_steps.count, caseload.plans_due.count) == (12, 2)


def test_the_team_page_counts_each_members_plans_needing_attention(
    in_care: CaseAssignment, caseworker: User, coordinator: User
) -> None:
    ours = in_care.participant
    a_plan_with_actions(ours, caseworker, [TODAY - timedelta(days=2), TODAY - timedelta(days=1)])
    a_plan_with_actions(ours, caseworker, [TODAY + timedelta(days=2)])  # nothing overdue yet
    reviewed = a_plan_with_actions(ours, caseworker, [])
    for signatory in reviewed.type.signatories:
        plan_services.plan_sign(actor=caseworker, plan=reviewed, role=signatory.role, name="Łucja")
    IndividualPlan.objects.filter(pk=reviewed.pk).update(review_on=TODAY - timedelta(days=1))

    team = client_for(coordinator).get(reverse("casework:team")).context["team"]

    counts = {member.worker.pk: member.plans_due for member in team}
    assert (counts[caseworker.pk], counts[coordinator.pk]) == (2, 0)


@pytest.mark.usefixtures("in_english")
def test_a_caseload_over_its_limit_says_so_and_one_at_it_does_not(
    caseworker: User, coordinator: User, organisation: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reintegra.casework.caseload.CASELOAD_LIMIT", 3)
    for _index in range(3):
        assign(ParticipantFactory(organisation=organisation), caseworker, coordinator)
    client = client_for(caseworker)

    at_limit = client.get(reverse("casework:caseload"))
    assign(ParticipantFactory(organisation=organisation), caseworker, coordinator)
    over = client.get(reverse("casework:caseload"))

    assert (at_limit.context["caseload"].people_count, at_limit.context["caseload"].people_capped) == (
        3,
        False,
    )
    assert (over.context["caseload"].people_count, over.context["caseload"].people_capped) == (3, True)
    assert "The caseload is at its limit" in over.content.decode()
    assert "The caseload is at its limit" not in at_limit.content.decode()


def test_a_meetings_time_reads_in_polish_with_the_weekday_in_lower_case(
    in_care: CaseAssignment, caseworker: User
) -> None:
    meeting_for(in_care.participant, caseworker, at(TODAY, 14, 30))

    page = (
        client_for(caseworker).get(reverse("casework:caseload"), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    )

    assert "śr. 11.3.2026 14:30 · Łucja Żółkiewska" in page


# --- Every section, read once: audited, paged, bounded ----------------------------------

Shown = list[tuple[type[Model], int]]  # what a section shows, in order: (model, key)
Reads = set[tuple[type[Model], int]]


def _fill(section: Section, worker: User, coordinator: User, person: Participant, count: int) -> Shown:
    """``count`` more rows for the worker's section, each after the ones already there."""
    organisation = person.organisation
    start = _filled.setdefault((section, worker.pk), 0)
    _filled[(section, worker.pk)] = start + count
    indexes = range(start, start + count)
    if section in (Section.STEPS, Section.PLANS) and not person.assignments.filter(worker=worker).exists():
        assign(person, worker, coordinator)
    if section in (Section.TODAY, Section.WEEK):
        day = TODAY if section == Section.TODAY else TODAY + timedelta(days=1)
        first = at(day, 8)
        meetings = [meeting_for(person, worker, first + timedelta(minutes=index)) for index in indexes]
        return [(Meeting, meeting.pk) for meeting in meetings]
    if section == Section.STEPS:
        meeting = meeting_for(person, worker, at(TODAY - timedelta(days=500)))
        steps = [
            services.next_step_add(
                actor=worker,
                meeting=meeting,
                data=NextStepData(f"Krok {index}", TODAY - timedelta(days=400 - index)),
            )
            for index in indexes
        ]
        return [(NextStep, step.pk) for step in steps]
    if section == Section.PLANS:
        plans = [
            a_plan_with_actions(person, worker, [TODAY - timedelta(days=400 - index)]) for index in indexes
        ]
        return [(IndividualPlan, plan.pk) for plan in plans]
    people = [
        ParticipantFactory(organisation=organisation, last_name=f"Osoba {index:03}") for index in indexes
    ]
    for index, someone in zip(indexes, people, strict=True):
        # Not contacted: never met, assigned long ago, the earliest first. The people's list: all
        # of them recently assigned, so none is overdue.
        on = date(2025, 1, 1) + timedelta(days=index) if section == Section.CONTACT else TODAY
        assign(someone, worker, coordinator, on=on)
    return [(Participant, someone.pk) for someone in people]


_filled: dict[tuple[Section, int], int] = {}


@pytest.fixture(autouse=True)
def _forget_fills() -> None:
    _filled.clear()


def _reads(actor: User, get: Any) -> Reads:
    """What the request logged as read (model and key), all by the actor."""
    before = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    response = get()
    assert response.status_code == 200
    entries = AuditEntry.objects.filter(pk__gt=before, action=AuditEntry.Action.ACCESS)
    assert set(entries.values_list("actor", flat=True)) <= {actor.pk}
    return {
        (ContentType.objects.get_for_id(type_id).model_class(), int(pk))  # type: ignore[misc]
        for type_id, pk in entries.values_list("content_type", "object_pk")
    }


@pytest.mark.parametrize("section", list(Section))
def test_each_section_logs_what_it_shows_on_the_caseload_and_page_by_page(
    section: Section, ours: Participant, caseworker: User, coordinator: User
) -> None:
    shown = _fill(section, caseworker, coordinator, ours, SECTION_PAGE_SIZE + 3)
    client = client_for(caseworker)
    url = reverse("casework:caseload_section", args=[section])

    def of_section(reads: Reads) -> Reads:
        return reads & set(shown)

    on_caseload = _reads(caseworker, lambda: client.get(reverse("casework:caseload")))
    first = _reads(caseworker, lambda: client.get(url))
    second = _reads(caseworker, lambda: client.get(url, {"page": 2}))

    # The caseload lists no one of the people section: it links to their page.
    assert of_section(on_caseload) == (set() if section == Section.PEOPLE else set(shown[:SHOWN]))
    assert first == set(shown[:SECTION_PAGE_SIZE])
    assert second == set(shown[SECTION_PAGE_SIZE:])


@pytest.mark.parametrize("section", list(Section))
def test_a_coordinator_reading_a_members_section_is_logged_as_the_coordinators_read(
    section: Section, ours: Participant, caseworker: User, coordinator: User
) -> None:
    shown = _fill(section, caseworker, coordinator, ours, SECTION_PAGE_SIZE + 1)
    client = client_for(coordinator)
    url = reverse("casework:team_member_section", args=[caseworker.pk, section])

    second = _reads(coordinator, lambda: client.get(url, {"page": 2}))

    assert second == set(shown[SECTION_PAGE_SIZE:])


def test_the_caseload_writes_all_its_reads_in_one_statement(
    in_care: CaseAssignment, caseworker: User, coordinator: User
) -> None:
    for section in (Section.TODAY, Section.WEEK, Section.STEPS, Section.PLANS, Section.CONTACT):
        _fill(section, caseworker, coordinator, in_care.participant, 2)
    client = client_for(caseworker)
    client.get(reverse("casework:caseload"))
    entries = AuditEntry._meta.db_table

    with CaptureQueriesContext(connection) as queries:
        reads = _reads(caseworker, lambda: client.get(reverse("casework:caseload")))

    inserts = [query for query in queries if f'INSERT INTO "{entries}" (' in query["sql"]]
    assert len(inserts) == 1
    assert {model for model, _pk in reads} == {Meeting, NextStep, IndividualPlan, Participant}


@pytest.mark.parametrize("section", list(Section))
@pytest.mark.parametrize("whose", ["own", "member"])
def test_every_section_page_costs_the_same_few_queries_however_many_rows(
    section: Section,
    whose: str,
    ours: Participant,
    caseworker: User,
    coordinator: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("reintegra.casework.caseload.SECTION_PAGE_SIZE", 3)
    client = client_for(caseworker if whose == "own" else coordinator)
    if whose == "own":
        url = reverse("casework:caseload_section", args=[section])
    else:
        url = reverse("casework:team_member_section", args=[caseworker.pk, section])
    _fill(section, caseworker, coordinator, ours, 7)
    client.get(url)

    def costs() -> list[int]:
        pages = [f"{url}?page=1", f"{url}?page=2", f"{url}?page=99"]  # 99: past the end, the last page
        return [_queries(client, page) for page in pages]

    few = costs()
    _fill(section, caseworker, coordinator, ours, 20)
    many = costs()

    assert few == many
    assert max(many) <= MAX_QUERIES


def test_a_page_past_the_end_of_a_section_shows_its_last_page(
    in_care: CaseAssignment, caseworker: User
) -> None:
    texts = _steps_due(in_care.participant, caseworker, SECTION_PAGE_SIZE + 2)

    response = client_for(caseworker).get(reverse("casework:caseload_section", args=["steps"]), {"page": 7})

    assert response.context["page"].number == 2
    assert [step.text for step in response.context["rows"]] == texts[::-1][SECTION_PAGE_SIZE:]


@pytest.mark.parametrize("page", ["99999999999999999999999999", "-3", "zwei"])
def test_any_page_number_shows_a_page_of_the_section(
    in_care: CaseAssignment, caseworker: User, page: str
) -> None:
    _steps_due(in_care.participant, caseworker, 2)

    response = client_for(caseworker).get(
        reverse("casework:caseload_section", args=["steps"]), {"page": page}
    )

    assert (response.status_code, response.context["page"].number) == (200, 1)
    assert len(response.context["rows"]) == 2


@pytest.mark.parametrize("section", list(Section))
def test_no_section_of_an_outsiders_caseload_opens_for_a_coordinator(
    section: Section, coordinator: User, outsider: User, outsider_admin: User, theirs: Participant
) -> None:
    assign(theirs, outsider, outsider_admin)
    _fill(section, outsider, outsider_admin, theirs, 2)
    client = client_for(coordinator)

    response = client.get(reverse("casework:team_member_section", args=[outsider.pk, section]))

    assert response.status_code == 404
    assert client.get(reverse("casework:team_member", args=[outsider.pk])).status_code == 404
    assert not AuditEntry.objects.filter(actor=coordinator, action=AuditEntry.Action.ACCESS).exists()


def test_names_are_shown_as_text_on_the_caseload_and_its_pages(
    caseworker: User, coordinator: User, organisation: Organisation
) -> None:
    person = ParticipantFactory(
        organisation=organisation, first_name="<script>alert(1)</script>", last_name="<b>"
    )
    assign(person, caseworker, coordinator)
    meeting = meeting_for(
        person,
        caseworker,
        at(TODAY - timedelta(days=5), 14),
        next_steps=[NextStepData("<img src=x onerror=alert(2)>", TODAY - timedelta(days=1))],
    )
    meeting_for(person, caseworker, at(TODAY, 14))
    a_plan_with_actions(person, caseworker, [TODAY - timedelta(days=2)])
    client = client_for(caseworker)
    pages = [reverse("casework:caseload")] + [
        reverse("casework:caseload_section", args=[section]) for section in Section
    ]
    pages.append(reverse("casework:meetings", args=[person.pk]))

    for page in pages:
        html = client.get(page).content.decode()
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html, page
        assert "<b>" not in html, page
    caseload = client.get(reverse("casework:caseload")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;" in caseload
    assert "&lt;img src=x onerror=alert(2)&gt;" in caseload
    assert reverse("casework:meeting_detail", args=[meeting.pk]) in caseload  # the step's meeting


def test_the_team_counts_each_members_whole_backlog_by_the_caseloads_rules(
    in_care: CaseAssignment,
    caseworker: User,
    coordinator: User,
    organisation: Organisation,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("reintegra.casework.caseload.CASELOAD_LIMIT", 3)
    ours = in_care.participant  # Żółkiewska: after the others by name, so past the limit
    for section, count in ((Section.TODAY, 2), (Section.WEEK, 3), (Section.STEPS, 4), (Section.PLANS, 2)):
        _fill(section, caseworker, coordinator, ours, count)
    others = [
        ParticipantFactory(organisation=organisation, last_name=f"Adamska {index}") for index in range(3)
    ]
    for other in others:
        assign(other, caseworker, coordinator)
    _fill(Section.STEPS, caseworker, coordinator, others[0], 5)
    _fill(Section.PLANS, caseworker, coordinator, others[1], 1)

    team = client_for(coordinator).get(reverse("casework:team")).context["team"]
    caseload = client_for(caseworker).get(reverse("casework:caseload")).context["caseload"]

    [member] = [member for member in team if member.worker == caseworker]
    assert (member.people, caseload.people_count, caseload.people_capped) == (4, 3, True)
    assert member.meetings_this_week == caseload.meetings_today.count + caseload.meetings_this_week.count == 5
    # The caseload reads its first three people; the coordinator sees the whole backlog.
    assert (member.overdue_steps, caseload.overdue_steps.count) == (5 + 4, 5)
    assert (member.plans_due, caseload.plans_due.count) == (1 + 2, 1)


def test_the_team_page_costs_the_same_few_queries_however_many_members(
    in_care: CaseAssignment, caseworker: User, coordinator: User, organisation: Organisation
) -> None:
    client = client_for(coordinator)
    client.get(reverse("casework:team"))
    few = _queries(client, reverse("casework:team"))

    for index in range(5):
        worker = member(organisation, Role.CASE_WORKER, username=f"pracownik{index}")
        _fill(Section.STEPS, worker, coordinator, in_care.participant, 1)
        assign(ParticipantFactory(organisation=organisation), worker, coordinator)
    many = _queries(client, reverse("casework:team"))

    assert few == many <= MAX_QUERIES
