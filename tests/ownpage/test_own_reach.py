"""The participant records on her own page how many people she told about the programme (seed
004's reach): under her own account, counts only, checked like the staff's records; she sees her
own total and never reaches anyone else's enrolment."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.outcomes.models import ReachRecord
from reintegra.outcomes.reach.services import ReachData, reach_record, reach_record_own
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment
from tests.conftest import client_for
from tests.factories import member
from tests.reads import reads_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def taking_part(ola: Participant, kuba: Participant) -> None:
    Enrolment.objects.filter(participant__in=[ola, kuba]).update(enrolled_on=timezone.localdate())


def own_enrolment(person: Participant) -> Enrolment:
    return person.enrolments.get()


def post(account: User, enrolment: Enrolment, told: object, applied: object = 0) -> HttpResponse:
    prefix = f"reach-{enrolment.pk}"
    data = {f"{prefix}-people_told": told, f"{prefix}-applied": applied}
    return client_for(account).post(reverse("ownpage:own_reach", args=[enrolment.pk]), data)


def test_she_records_whom_she_told_and_sees_her_total(
    ola_account: User, ola: Participant, taking_part: None, coordinator: User
) -> None:
    enrolment = own_enrolment(ola)
    reach_record(
        actor=coordinator,
        enrolment=enrolment,
        data=ReachData(recorded_on=timezone.localdate(), people_told=2, applied=1),
    )

    answer = post(ola_account, enrolment, 5, 2)

    assert answer.status_code == 302
    record = enrolment.reach_records.get(recorded_by=ola_account)
    assert (record.people_told, record.applied, record.recorded_on) == (5, 2, timezone.localdate())
    assert record.note == ""
    created = AuditEntry.objects.get_for_object(record).get(action=AuditEntry.Action.CREATE)
    assert created.actor == ola_account
    page = client_for(ola_account).get(reverse("ownpage:own_page"))
    assert (page.context["reach"][0][0].people_told, page.context["reach"][0][0].applied) == (7, 3)
    assert "7" in page.content.decode()
    assert ("enrolment", enrolment.pk) in reads_of(ola_account)


@pytest.mark.parametrize(
    ("told", "applied", "field"),
    [(2, 3, "applied"), (-1, 0, "people_told"), (100_000, 0, "people_told"), ("many", 0, "people_told")],
)
def test_bad_counts_are_refused_naming_the_field(
    ola_account: User, ola: Participant, taking_part: None, told: object, applied: object, field: str
) -> None:
    enrolment = own_enrolment(ola)

    page = post(ola_account, enrolment, told, applied)

    assert page.status_code == 400
    forms = {line.enrolment.pk: form for line, form in page.context["reach"]}
    assert field in forms[enrolment.pk].errors
    assert not ReachRecord.objects.exists()


def test_she_cannot_record_for_someone_elses_enrolment(
    ola_account: User, kuba: Participant, taking_part: None
) -> None:
    answer = post(ola_account, own_enrolment(kuba), 4)

    assert answer.status_code == 404
    with pytest.raises(PermissionDenied):
        reach_record_own(actor=ola_account, enrolment=own_enrolment(kuba), people_told=4, applied=0)
    assert not ReachRecord.objects.exists()


def test_before_she_takes_part_there_is_nothing_to_record(ola_account: User, ola: Participant) -> None:
    enrolment = own_enrolment(ola)  # applied, not enrolled yet

    assert post(ola_account, enrolment, 4).status_code == 404
    assert "own-reach" not in client_for(ola_account).get(reverse("ownpage:own_page")).content.decode()
    with pytest.raises(ValidationError):
        reach_record_own(actor=ola_account, enrolment=enrolment, people_told=4, applied=0)


def test_staff_cannot_use_the_participants_form(
    caseworker: User, ola: Participant, taking_part: None
) -> None:
    assert post(caseworker, own_enrolment(ola), 4).status_code in (403, 404)
    assert not ReachRecord.objects.exists()


def test_a_participant_of_another_organisation_gets_404(
    other_organisation: Organisation, ola: Participant, taking_part: None
) -> None:
    stranger = member(other_organisation, Role.PARTICIPANT, username="obca")

    assert post(stranger, own_enrolment(ola), 4).status_code == 404
    assert not ReachRecord.objects.exists()
