"""A small programme of our organisation built by hand, with every number of its dashboard
worked out in the docstring of ``zalesie``; and a programme of another organisation that none of
them may count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.activities.models import Attendance, Session
from reintegra.activities.services import attendance_months_rebuild
from reintegra.casework.models import CaseAssignment
from reintegra.outcomes.models import ExitRecord, FollowUp, FollowUpStatus
from reintegra.people.models import Participant
from reintegra.programmes.models import (
    Enrolment,
    EnrolmentStatus,
    EnrolmentStatusChange,
    EntrySnapshot,
    Programme,
)
from tests.factories import ParticipantFactory, ProgrammeFactory, member

TODAY = date(2026, 6, 15)
S = EnrolmentStatus


def person(**fields: object) -> Participant:
    made: Participant = ParticipantFactory(**fields)
    return made


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in Warsaw."""
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def enrolment(programme: Programme, person: Participant, status: str, *, enrolled: bool = False) -> Enrolment:
    record = Enrolment.objects.create(
        programme=programme,
        participant=person,
        status=status,
        applied_at=at(date(2026, 1, 5), 10),
        enrolled_on=date(2026, 2, 1) if enrolled else None,
        left_on=date(2026, 4, 30) if status == S.LEFT else None,
    )
    if enrolled:
        EntrySnapshot.objects.create(
            enrolment=record, taken_at=at(date(2026, 2, 1), 10), data={"sex": person.sex}
        )
    return record


def exit_record(record: Enrolment, **situation: bool) -> ExitRecord:
    return ExitRecord.objects.create(
        enrolment=record,
        left_on=date(2026, 4, 30),
        planned_completion=True,
        recorded_at=at(date(2026, 5, 4), 12),
        **situation,
    )


def follow_up(record: Enrolment, status: str, **situation: object) -> FollowUp:
    return FollowUp.objects.create(
        enrolment=record, months=6, due_on=date(2026, 10, 30), status=status, **situation
    )


def session(
    programme: Programme,
    leader: User,
    starts_at: datetime,
    present: list[Participant],
    absent: tuple[Participant, ...] = (),
) -> Session:
    held = Session.objects.create(
        programme=programme,
        kind="group_workshop",
        leader=leader,
        starts_at=starts_at,
        ends_at=starts_at + (at(TODAY, 2) - at(TODAY, 0)),
        planned_hours=Decimal(2),
    )
    for person, mark in [(p, True) for p in present] + [(p, False) for p in absent]:
        Attendance.objects.create(session=held, participant=person, present=mark, recorded_at=starts_at)
    attendance_months_rebuild()  # marks made directly, as a bulk load: counted as after one
    return held


@dataclass
class Zalesie:
    programme: Programme
    other_programme: Programme
    worker: User
    second_worker: User
    people: dict[str, Participant]


@pytest.fixture
def zalesie(organisation: Organisation, caseworker: User) -> Zalesie:
    """Programme P of our organisation, eleven people:

    ====  =================================  ===========================================
    A     applied
    B     not eligible
    C     eligible, waiting
    D     on the reserve list
    E     enrolled (woman)
    F     enrolled (man)
    G     left after taking part; her record now says man, at entry she was a woman;
          on leaving employed; six months later employed, in a stable job
    H     left after taking part (man); on leaving in education, with a qualification;
          six months later reached, not employed
    I     left after taking part (non-binary); on leaving employed; six months: not yet
    J     left before enrolling, after being found eligible (the move recorded)
    K     left before enrolling, from "applied"
    ====  =================================  ===========================================

    Funnel: applied 11, eligible 8 (C–J), enrolled 5 (E–I), left 3 (G–I), employed on leaving
    2 (G, I), employed six months later 1 (G).

    Programme Q of our organisation: E again (enrolled) and L (applied). The organisation:
    applied 12 people (E once), eligible 8, enrolled 5.

    Attendance (today 15 June 2026, months July 2025 – June 2026): on 31 May 23:30 in Warsaw
    (already 1 June in UTC) E and F present, G absent; on 1 June 00:30 in Warsaw (still 31 May in
    UTC) E; on 10 June E and F; in June 2025 (outside) E. May: 2 marks, 2 people; June: 3 marks,
    2 people. In Q, on 3 June, L: the organisation's June is 4 marks, 3 people.

    Caseload: the case worker has E and F (and G, ended); the second worker H and L. Programme
    P: case worker 2 (E and F enrolled), the second worker none. The organisation: 2 and 2.
    """
    programme = ProgrammeFactory(organisation=organisation, code="p-zalesie", name="Program P")
    other_programme = ProgrammeFactory(organisation=organisation, code="q-zalesie", name="Program Q")
    sexes = {"F": "man", "G": "man", "H": "man", "I": "non_binary"}
    people: dict[str, Participant] = {
        letter: person(organisation=organisation, last_name=f"Osoba{letter}", sex=sexes.get(letter, "woman"))
        for letter in "ABCDEFGHIJKL"
    }
    p = people
    enrolment(programme, p["A"], S.APPLIED)
    enrolment(programme, p["B"], S.NOT_ELIGIBLE)
    enrolment(programme, p["C"], S.ELIGIBLE)
    enrolment(programme, p["D"], S.RESERVE)
    enrolment(programme, p["E"], S.ENROLLED, enrolled=True)
    enrolment(programme, p["F"], S.ENROLLED, enrolled=True)
    g = enrolment(programme, p["G"], S.LEFT, enrolled=True)
    EntrySnapshot.objects.filter(enrolment=g).update(data={"sex": "woman"})
    h = enrolment(programme, p["H"], S.LEFT, enrolled=True)
    i = enrolment(programme, p["I"], S.LEFT, enrolled=True)
    j = enrolment(programme, p["J"], S.LEFT)
    EnrolmentStatusChange.objects.create(
        enrolment=j, from_status=S.APPLIED, to_status=S.ELIGIBLE, changed_at=at(date(2026, 1, 10), 9)
    )
    EnrolmentStatusChange.objects.create(
        enrolment=j, from_status=S.ELIGIBLE, to_status=S.LEFT, changed_at=at(date(2026, 1, 20), 9)
    )
    enrolment(programme, p["K"], S.LEFT)
    exit_record(g, employed=True, employment_form="employment_contract")
    exit_record(h, in_education=True, qualification_gained=True, qualification_document="Certyfikat")
    exit_record(i, employed=True, employment_form="civil_law")
    follow_up(g, FollowUpStatus.DONE, employed=True, improvement="stable", contacted_on=date(2026, 10, 28))
    follow_up(h, FollowUpStatus.DONE, job_seeking=True, contacted_on=date(2026, 10, 29))
    follow_up(i, FollowUpStatus.DUE)
    enrolment(other_programme, p["E"], S.ENROLLED, enrolled=True)
    enrolment(other_programme, p["L"], S.APPLIED)

    second_worker = member(
        organisation, Role.CASE_WORKER, username="drugi", first_name="Zofia", last_name="Ząbek"
    )
    caseworker.first_name, caseworker.last_name = "Anna", "Adamska"
    caseworker.save(update_fields=["first_name", "last_name"])
    for cared, worker, ended in [
        (p["E"], caseworker, None),
        (p["F"], caseworker, None),
        (p["G"], caseworker, date(2026, 5, 1)),
        (p["H"], second_worker, None),
        (p["L"], second_worker, None),
    ]:
        CaseAssignment.objects.create(
            participant=cared, worker=worker, assigned_on=date(2026, 1, 15), ended_on=ended
        )

    session(programme, caseworker, at(date(2026, 5, 31), 23, 30), [p["E"], p["F"]], (p["G"],))
    session(programme, caseworker, at(date(2026, 6, 1), 0, 30), [p["E"]])
    session(programme, caseworker, at(date(2026, 6, 10), 16), [p["E"], p["F"]])
    session(programme, caseworker, at(date(2025, 6, 20), 16), [p["E"]])
    session(other_programme, caseworker, at(date(2026, 6, 3), 16), [p["L"]])
    return Zalesie(programme, other_programme, caseworker, second_worker, people)


@pytest.fixture
def theirs(other_organisation: Organisation, outsider: User) -> Programme:
    """A programme of another organisation, with a person enrolled, present and in care."""
    programme = ProgrammeFactory(organisation=other_organisation, code="obcy", name="Program obcy")
    person: Participant = ParticipantFactory(organisation=other_organisation, last_name="Obca")
    enrolment(programme, person, S.ENROLLED, enrolled=True)
    CaseAssignment.objects.create(participant=person, worker=outsider, assigned_on=date(2026, 1, 15))
    session(programme, outsider, at(date(2026, 6, 3), 16), [person])
    return programme
