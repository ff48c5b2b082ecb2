"""Attendance: the leader marks everyone at once on a phone page; the list prints as a PDF with
signature boxes; summaries per person and per activity feed the 80% rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.activities import services
from reintegra.activities.models import Attendance, Session
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Participant
from reintegra.programmes.models import Group, Programme
from tests.activities.conftest import at, enrol, schedule
from tests.conftest import client_for
from tests.factories import ParticipantFactory
from tests.pdf import pdf_text

PAST_TUESDAY = date(2026, 11, 3)


@pytest.fixture
def session(club: Programme, leader: User, group: Group) -> Session:
    return schedule(club, leader, start=at(PAST_TUESDAY, 16), hours=2, group=group, title="Klub filmowy")[0]


def post_marks(client: object, session: Session, people: list[Participant], **overrides: str) -> object:
    data: dict[str, object] = {"person": [str(person.pk) for person in people]}
    for person in people:
        data[f"present-{person.pk}"] = "1"
        data[f"hours-{person.pk}"] = "2"
        data[f"mode-{person.pk}"] = "on_site"
    data.update(overrides)
    return client.post(reverse("activities:attendance", args=[session.pk]), data)


def test_the_leader_marks_everyone_in_one_post(
    session: Session, leader: User, young_people: list[Participant]
) -> None:
    client = client_for(leader)
    absent = young_people[2]
    response = post_marks(client, session, young_people, **{f"present-{absent.pk}": ""})
    assert response.status_code == 302
    marks = {row.participant_id: (row.present, row.hours) for row in Attendance.objects.all()}
    assert marks[young_people[0].pk] == (True, Decimal(2))
    assert marks[absent.pk] == (False, Decimal(0))
    entries = AuditEntry.objects.get_for_model(Attendance).filter(action=AuditEntry.Action.CREATE)
    assert entries.count() == 3


def test_marking_thirty_people_takes_a_constant_number_of_queries(
    session: Session, leader: User, club: Programme, group: Group, django_assert_max_num_queries: object
) -> None:
    few = [enrol(club, group) for _ in range(3)]
    client = client_for(leader)
    with django_assert_max_num_queries(40) as few_queries:  # type: ignore[operator]
        post_marks(client, session, few)
    many = few + [enrol(club, group) for _ in range(27)]
    with django_assert_max_num_queries(len(few_queries.captured_queries)):  # type: ignore[operator]
        post_marks(client, session, many)
    assert Attendance.objects.filter(session=session).count() == 30
    with django_assert_max_num_queries(len(few_queries.captured_queries)):  # type: ignore[operator]
        client.get(reverse("activities:attendance", args=[session.pk]))


def test_someone_not_in_the_group_is_refused_naming_the_person(
    session: Session, leader: User, young_people: list[Participant], club: Programme, in_english: None
) -> None:
    stranger = ParticipantFactory(organisation=club.organisation)
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            actor=leader, session=session, marks=[services.Mark(participant_id=stranger.pk, present=True)]
        )
    assert "participant" in error.value.message_dict
    elsewhere = enrol(club, None)  # in the programme, but not in this session's group
    response = post_marks(client_for(leader), session, [*young_people, elsewhere])
    assert response.status_code == 400
    assert "is not in this session" in response.content.decode()
    assert not Attendance.objects.exists()


def test_hours_above_the_sessions_length_are_refused_on_the_hours(
    session: Session, leader: User, young_people: list[Participant], in_english: None
) -> None:
    person = young_people[0]
    response = post_marks(client_for(leader), session, young_people, **{f"hours-{person.pk}": "2.5"})
    assert response.status_code == 400
    assert "Hours: " in response.content.decode()
    assert "at most 2.00 hours" in response.content.decode()
    bad = post_marks(client_for(leader), session, young_people, **{f"hours-{person.pk}": "dużo"})
    assert "not a number of hours" in bad.content.decode()


def test_only_the_leader_or_a_coordinator_marks(
    session: Session, caseworker: User, coordinator: User, young_people: list[Participant]
) -> None:
    assert client_for(caseworker).get(reverse("activities:attendance", args=[session.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.attendance_record(actor=caseworker, session=session, marks=[])
    assert post_marks(client_for(coordinator), session, young_people).status_code == 302


def test_another_organisation_cannot_open_the_attendance(session: Session, outsider: User) -> None:
    assert client_for(outsider).get(reverse("activities:attendance", args=[session.pk])).status_code == 404
    assert (
        client_for(outsider).get(reverse("activities:attendance_pdf", args=[session.pk])).status_code == 404
    )


def test_the_attendance_list_pdf_has_names_hours_and_signature_boxes(
    session: Session, leader: User, young_people: list[Participant]
) -> None:
    client = client_for(leader)
    post_marks(client, session, young_people)
    response = client.get(reverse("activities:attendance_pdf", args=[session.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for person in young_people:
        assert person.last_name in text
    assert "Klub filmowy" in text
    assert "Lena Lider" in text
    assert "FERS" in text


def test_summaries_per_person_and_per_activity(
    club: Programme, leader: User, group: Group, young_people: list[Participant], coordinator: User
) -> None:
    sessions = schedule(
        club, leader, start=at(PAST_TUESDAY, 16), group=group, recurrence="FREQ=WEEKLY;COUNT=5"
    )
    steady, sometimes = young_people[0], young_people[1]
    for index, session in enumerate(sessions):
        marks = [
            services.Mark(participant_id=steady.pk, present=index < 4, hours=Decimal(2)),
            services.Mark(participant_id=sometimes.pk, present=index < 2, hours=Decimal(2)),
        ]
        services.attendance_record(actor=leader, session=session, marks=marks)
    page = client_for(coordinator).get(reverse("activities:programme_attendance", args=[club.pk]))
    people = {row.participant.pk: row for row in page.context["people"]}
    assert (people[steady.pk].rate, people[steady.pk].meets_80) == (80, True)
    assert (people[sometimes.pk].rate, people[sometimes.pk].meets_80) == (40, False)
    assert people[steady.pk].hours == Decimal(8)
    assert page.context["activities"][0].sessions == 5


def test_the_persons_file_shows_their_attendance_rate(
    session: Session, leader: User, young_people: list[Participant], caseworker: User, club: Programme
) -> None:
    services.attendance_record(
        actor=leader,
        session=session,
        marks=[services.Mark(participant_id=young_people[0].pk, present=True, hours=Decimal(2))],
    )
    page = client_for(caseworker).get(reverse("people:participant_detail", args=[young_people[0].pk]))
    text = page.content.decode()
    assert club.name in text
    assert "1 z 1 zajęć (100%)" in text


def test_the_programme_counts_its_sessions_by_kind(club: Programme, leader: User, coordinator: User) -> None:
    schedule(club, leader, start=at(PAST_TUESDAY, 16), recurrence="FREQ=WEEKLY;COUNT=3")
    schedule(club, leader, start=at(PAST_TUESDAY, 10), kind="activity")
    page = client_for(coordinator).get(reverse("activities:programme_attendance", args=[club.pk]))
    assert sorted(page.context["kinds"]) == sorted(
        [("warsztat procesu grupowego", 3, 3), ("spotkanie w ramach aktywności", 1, 1)]
    )


def test_the_persons_rate_counts_their_groups_sessions_and_the_whole_programmes_not_another_groups(
    session: Session, leader: User, young_people: list[Participant], caseworker: User, club: Programme
) -> None:
    everyone = schedule(club, leader, start=at(PAST_TUESDAY, 10), hours=2, kind="activity")[0]
    other = Group.objects.create(programme=club, name="Grupa B")
    schedule(club, leader, start=at(PAST_TUESDAY, 12), hours=2, group=other)
    for held in (session, everyone):
        services.attendance_record(
            actor=leader,
            session=held,
            marks=[
                services.Mark(participant_id=young_people[0].pk, present=held == session, hours=Decimal(2))
            ],
        )
    page = client_for(caseworker).get(reverse("people:participant_detail", args=[young_people[0].pk]))
    assert "1 z 2 zajęć (50%)" in page.content.decode()
