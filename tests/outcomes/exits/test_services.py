"""Recording the exit and the follow-ups through the services: the rules, each bad input refused
with its field named, and another organisation's staff refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.outcomes.exits import services
from reintegra.outcomes.exits.services import Employment, FollowUpAnswer, Situation
from reintegra.outcomes.models import EmploymentForm, ExitRecord, FollowUp, FollowUpChannel, FollowUpStatus
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import Enrolment, EnrolmentStatus, ExitReason, Programme
from tests.factories import ParticipantFactory
from tests.outcomes.exits.conftest import LEFT_ON, TODAY, record_exit

pytestmark = pytest.mark.usefixtures("in_english")

EMPLOYED = Employment(employed=True, form=EmploymentForm.EMPLOYMENT_CONTRACT, weekly_hours=Decimal(40))


def refused(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


# --- The exit -----------------------------------------------------------------------------------


def test_an_exit_makes_an_enrolled_person_leave_and_keeps_her_situation(
    enrolled: Enrolment, coordinator: User
) -> None:
    record = record_exit(
        enrolled,
        actor=coordinator,
        employment=EMPLOYED,
        qualification_gained=True,
        qualification_document="Certyfikat ECDL",
    )
    enrolled.refresh_from_db()
    assert enrolled.status == EnrolmentStatus.LEFT
    assert enrolled.exit_reason == ExitReason.COMPLETED
    assert record.left_on == enrolled.left_on == LEFT_ON
    assert record.employed
    assert record.employment_form == EmploymentForm.EMPLOYMENT_CONTRACT
    assert record.qualification_document == "Certyfikat ECDL"
    assert record.recorded_by == coordinator


def test_an_exit_brings_follow_ups_due_at_3_6_and_12_months(enrolled: Enrolment) -> None:
    record_exit(enrolled)
    assert list(FollowUp.objects.filter(enrolment=enrolled).values_list("months", "due_on", "status")) == [
        (3, date(2026, 8, 29), FollowUpStatus.DUE),
        (6, date(2026, 11, 29), FollowUpStatus.DUE),
        (12, date(2027, 5, 29), FollowUpStatus.DUE),
    ]


def test_a_person_who_left_without_a_record_gets_one_for_her_day_of_leaving(
    enrolled: Enrolment, coordinator: User
) -> None:
    programme_services.enrolment_leave(
        actor=coordinator, enrolment=enrolled, exit_reason=ExitReason.RESIGNED, left_on=date(2026, 6, 10)
    )
    record = services.exit_record(
        actor=coordinator,
        enrolment=enrolled,
        planned_completion=False,
        situation=Situation(in_education=True),
    )
    assert record.left_on == date(2026, 6, 10)
    assert FollowUp.objects.get(enrolment=enrolled, months=6).due_on == date(2026, 12, 10)


def test_a_corrected_exit_is_audited_and_keeps_its_follow_ups(left: Enrolment, coordinator: User) -> None:
    record = services.exit_record(
        actor=coordinator, enrolment=left, planned_completion=True, situation=Situation(employment=EMPLOYED)
    )
    assert ExitRecord.objects.filter(enrolment=left).count() == 1
    assert record.employed
    assert not record.job_seeking
    assert FollowUp.objects.filter(enrolment=left).count() == 3
    assert AuditEntry.objects.get_for_object(record).filter(action=AuditEntry.Action.UPDATE).exists()


def test_an_exit_without_a_situation_is_refused(enrolled: Enrolment, coordinator: User) -> None:
    with pytest.raises(ValidationError) as error:
        record_exit(enrolled, actor=coordinator, other_situation=False)
    assert refused(error) == {"situation": ["Choose the person's situation on leaving."]}
    enrolled.refresh_from_db()
    assert enrolled.status == EnrolmentStatus.ENROLLED


def test_none_of_these_with_another_situation_is_refused(enrolled: Enrolment) -> None:
    with pytest.raises(ValidationError) as error:
        record_exit(enrolled, other_situation=True, job_seeking=True)
    assert "situation" in refused(error)


def test_employed_without_a_form_of_employment_is_refused(enrolled: Enrolment) -> None:
    with pytest.raises(ValidationError) as error:
        record_exit(enrolled, employment=Employment(employed=True, weekly_hours=Decimal(20)))
    assert list(refused(error)) == ["employment_form"]


@pytest.mark.parametrize("hours", [None, Decimal(0), Decimal("80.5"), Decimal(-4)])
def test_hours_out_of_range_are_refused(enrolled: Enrolment, hours: Decimal | None) -> None:
    with pytest.raises(ValidationError) as error:
        record_exit(
            enrolled, employment=Employment(employed=True, form=EmploymentForm.CIVIL_LAW, weekly_hours=hours)
        )
    assert list(refused(error)) == ["weekly_hours"]


def test_a_qualification_without_its_document_is_refused(enrolled: Enrolment) -> None:
    with pytest.raises(ValidationError) as error:
        record_exit(enrolled, qualification_gained=True, qualification_document="  ")
    assert list(refused(error)) == ["qualification_document"]


def test_work_ticked_off_keeps_no_form_or_hours(enrolled: Enrolment) -> None:
    record = record_exit(
        enrolled,
        job_seeking=True,
        employment=Employment(employed=False, form=EmploymentForm.OTHER, weekly_hours=Decimal(5)),
    )
    assert (record.employment_form, record.weekly_hours) == ("", None)


@pytest.mark.parametrize(
    ("left_on", "message"),
    [
        (date(2026, 12, 4), "4.12.2026 is in the future: give the day the person left."),
        (date(2026, 3, 1), "The person was enrolled on 2.3.2026; she cannot leave before that (1.3.2026)."),
        (None, "Give the date the person left."),
    ],
)
def test_leaving_in_the_future_or_before_enrolment_is_refused(
    enrolled: Enrolment, left_on: date | None, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.exit_record(
            actor=None,
            enrolment=enrolled,
            planned_completion=True,
            situation=Situation(job_seeking=True),
            left_on=left_on,
            exit_reason=ExitReason.COMPLETED,
        )
    assert refused(error) == {"left_on": [message]}


def test_an_exit_reason_is_needed_to_leave(enrolled: Enrolment) -> None:
    with pytest.raises(ValidationError) as error:
        services.exit_record(
            actor=None,
            enrolment=enrolled,
            planned_completion=True,
            situation=Situation(job_seeking=True),
            left_on=LEFT_ON,
        )
    assert list(refused(error)) == ["exit_reason"]


def test_a_person_never_enrolled_has_no_exit(programme: Programme) -> None:
    person = ParticipantFactory(organisation=programme.organisation)
    applied = programme_services.enrolment_apply(actor=None, programme=programme, participant=person)
    with pytest.raises(ValidationError, match="never took part"):
        services.exit_record(
            actor=None, enrolment=applied, planned_completion=False, situation=Situation(job_seeking=True)
        )


def test_another_organisations_coordinator_is_refused(enrolled: Enrolment, outsider_admin: User) -> None:
    with pytest.raises(PermissionDenied):
        record_exit(enrolled, actor=outsider_admin)


def test_a_case_worker_does_not_record_the_exit(enrolled: Enrolment, caseworker: User) -> None:
    with pytest.raises(PermissionDenied):
        record_exit(enrolled, actor=caseworker)


# --- Follow-ups ---------------------------------------------------------------------------------


def six_months(enrolment: Enrolment) -> FollowUp:
    return FollowUp.objects.get(enrolment=enrolment, months=6)


def by_phone(on: date = TODAY, **fields: object) -> FollowUpAnswer:
    return FollowUpAnswer(contacted_on=on, channel=FollowUpChannel.PHONE, **fields)


def test_the_case_worker_records_a_follow_up_by_phone(left: Enrolment, caseworker: User) -> None:
    follow_up = services.follow_up_record(
        actor=caseworker, follow_up=six_months(left), answer=by_phone(employment=EMPLOYED)
    )
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.DONE
    assert follow_up.employed
    assert follow_up.weekly_hours == Decimal(40)
    assert (follow_up.channel, follow_up.contacted_on, follow_up.recorded_by) == ("phone", TODAY, caseworker)


def test_a_follow_up_dated_before_the_exit_is_refused(left: Enrolment, caseworker: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.follow_up_record(
            actor=caseworker, follow_up=six_months(left), answer=by_phone(date(2026, 5, 1))
        )
    assert refused(error) == {"contacted_on": ["The contact (1.5.2026) comes before the exit on 29.5.2026."]}


def test_a_follow_up_in_the_future_is_refused(left: Enrolment, caseworker: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.follow_up_record(
            actor=caseworker, follow_up=six_months(left), answer=by_phone(date(2026, 12, 5))
        )
    assert refused(error) == {"contacted_on": ["5.12.2026 is in the future: give the day of the contact."]}


def test_a_follow_up_is_not_recorded_long_before_it_is_due(left: Enrolment, caseworker: User) -> None:
    twelve = FollowUp.objects.get(enrolment=left, months=12)
    with pytest.raises(ValidationError) as error:
        services.follow_up_record(actor=caseworker, follow_up=twelve, answer=by_phone())
    assert refused(error) == {
        "contacted_on": ["This follow-up is due on 29.5.2027; it is recorded from 15.5.2027."]
    }


def test_a_follow_up_employed_without_a_form_or_with_absurd_hours_is_refused(
    left: Enrolment, caseworker: User
) -> None:
    answer = by_phone(employment=Employment(employed=True, weekly_hours=Decimal(120)))
    with pytest.raises(ValidationError) as error:
        services.follow_up_record(actor=caseworker, follow_up=six_months(left), answer=answer)
    assert set(refused(error)) == {"employment_form", "weekly_hours"}


def test_a_follow_up_without_a_channel_is_refused(left: Enrolment, caseworker: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.follow_up_record(
            actor=caseworker,
            follow_up=six_months(left),
            answer=FollowUpAnswer(contacted_on=TODAY, channel=""),
        )
    assert list(refused(error)) == ["channel"]


def test_an_improvement_counts_only_for_someone_employed_at_entry(left: Enrolment, caseworker: User) -> None:
    answer = by_phone(employment=EMPLOYED, improvement="promotion")
    with pytest.raises(ValidationError) as error:
        services.follow_up_record(actor=caseworker, follow_up=six_months(left), answer=answer)
    assert refused(error) == {
        "improvement": [
            "An improved situation counts only for a person employed when she joined the programme."
        ]
    }


def test_an_improvement_is_recorded_for_someone_employed_at_entry_and_now(
    employed_at_entry: Enrolment, caseworker: User
) -> None:
    record_exit(employed_at_entry, employment=EMPLOYED)
    follow_up = services.follow_up_record(
        actor=caseworker,
        follow_up=six_months(employed_at_entry),
        answer=by_phone(employment=EMPLOYED, improvement="stable"),
    )
    assert follow_up.improvement == "stable"
    with pytest.raises(ValidationError) as error:
        services.follow_up_record(
            actor=caseworker, follow_up=follow_up, answer=by_phone(job_seeking=True, improvement="stable")
        )
    assert refused(error) == {"improvement": ["An improved situation needs the person to be employed now."]}


def test_a_person_not_reached_is_marked_and_may_be_recorded_later(left: Enrolment, caseworker: User) -> None:
    follow_up = services.follow_up_unreachable(
        actor=caseworker, follow_up=six_months(left), tried_on=TODAY, channel=FollowUpChannel.PHONE
    )
    assert follow_up.status == FollowUpStatus.UNREACHABLE
    follow_up = services.follow_up_record(
        actor=caseworker, follow_up=follow_up, answer=by_phone(in_education=True)
    )
    assert follow_up.status == FollowUpStatus.DONE
    assert follow_up.in_education


def test_another_organisations_worker_does_not_record_a_follow_up(left: Enrolment, outsider: User) -> None:
    with pytest.raises(PermissionDenied):
        services.follow_up_record(
            actor=outsider, follow_up=six_months(left), answer=by_phone(job_seeking=True)
        )
    with pytest.raises(PermissionDenied):
        services.follow_up_unreachable(
            actor=outsider, follow_up=six_months(left), tried_on=TODAY, channel="phone"
        )
