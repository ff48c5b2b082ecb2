"""The programme page offers what fits each person's state, links to their files, and assesses
many applicants at once."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.programmes import services
from reintegra.programmes.models import EnrolmentStatus as S
from reintegra.programmes.models import ExitReason, Programme
from reintegra.programmes.workflow import exit_reasons_from
from tests.conftest import client_for
from tests.programmes.conftest import eligible, rural_woman

pytestmark = pytest.mark.django_db


def detail(programme: Programme) -> str:
    return reverse("programmes:detail", args=[programme.pk])


def leave_url(programme: Programme, enrolment_pk: int) -> str:
    return reverse("programmes:enrolment_action", args=[programme.pk, enrolment_pk, "leave"])


def full_with_reserve(programme: Programme, coordinator: User) -> list:
    holders = [
        services.enrolment_enrol(actor=coordinator, enrolment=eligible(programme, coordinator))
        for _ in range(2)
    ]
    waiting = services.enrolment_enrol(actor=coordinator, enrolment=eligible(programme, coordinator))
    return [*holders, waiting]


def test_the_people_on_the_programme_page_link_to_their_files(
    mobile_programme: Programme, coordinator: User
) -> None:
    enrolment = eligible(mobile_programme, coordinator)

    page = client_for(coordinator).get(detail(mobile_programme)).content.decode()

    assert reverse("people:participant_detail", args=[enrolment.participant_id]) in page


def test_only_an_enrolled_person_can_complete_the_programme_and_only_an_offered_one_declines() -> None:
    assert ExitReason.COMPLETED in exit_reasons_from(S.ENROLLED)
    assert ExitReason.COMPLETED not in exit_reasons_from(S.RESERVE)
    assert ExitReason.DECLINED_OFFER in exit_reasons_from(S.OFFERED)
    assert ExitReason.DECLINED_OFFER not in exit_reasons_from(S.ENROLLED)
    assert exit_reasons_from(S.LEFT) == []


def test_the_leave_page_of_someone_on_the_reserve_list_does_not_offer_completing_the_programme(
    mobile_programme: Programme, coordinator: User
) -> None:
    *_holders, waiting = full_with_reserve(mobile_programme, coordinator)
    assert waiting.status == S.RESERVE

    page = client_for(coordinator).get(leave_url(mobile_programme, waiting.pk))

    reasons = [value for value, _label in page.context["form"].fields["exit_reason"].choices]
    assert page.status_code == 200
    assert ExitReason.COMPLETED not in reasons
    assert ExitReason.RESIGNED in reasons


def test_completing_the_programme_from_the_reserve_list_is_refused_naming_the_field(
    mobile_programme: Programme, coordinator: User
) -> None:
    *_holders, waiting = full_with_reserve(mobile_programme, coordinator)

    response = client_for(coordinator).post(
        leave_url(mobile_programme, waiting.pk),
        {"exit_reason": ExitReason.COMPLETED, "left_on": timezone.localdate().isoformat()},
    )

    waiting.refresh_from_db()
    assert waiting.status == S.RESERVE
    assert "exit_reason" in response.context["form"].errors
    with pytest.raises(Exception, match="exit_reason"):
        services.enrolment_leave(
            actor=coordinator,
            enrolment=waiting,
            exit_reason=ExitReason.COMPLETED,
            left_on=timezone.localdate(),
        )


def test_enrol_on_a_full_programme_says_it_puts_the_person_on_the_reserve_list(
    mobile_programme: Programme, coordinator: User, in_english: None
) -> None:
    client = client_for(coordinator)
    eligible(mobile_programme, coordinator)
    assert 'data-testid="admit-to-reserve"' not in client.get(detail(mobile_programme)).content.decode()

    full_with_reserve(mobile_programme, coordinator)
    eligible(mobile_programme, coordinator)
    page = client.get(detail(mobile_programme)).content.decode()

    assert 'data-testid="admit-to-reserve"' in page
    assert "put on the reserve list" in page


def test_a_coordinator_assesses_the_ticked_applicants_at_once_in_one_transaction_audited(
    mobile_programme: Programme, coordinator: User
) -> None:
    fits = services.enrolment_apply(
        actor=coordinator, programme=mobile_programme, participant=rural_woman(mobile_programme.organisation)
    )
    man = services.enrolment_apply(
        actor=coordinator,
        programme=mobile_programme,
        participant=rural_woman(mobile_programme.organisation, sex="man"),
    )
    untouched = services.enrolment_apply(
        actor=coordinator, programme=mobile_programme, participant=rural_woman(mobile_programme.organisation)
    )

    response = client_for(coordinator).post(
        reverse("programmes:enrolments_assess", args=[mobile_programme.pk]),
        {"enrolment": [fits.pk, man.pk]},
        follow=True,
    )

    for enrolment in (fits, man, untouched):
        enrolment.refresh_from_db()
    assert (fits.status, man.status, untouched.status) == (S.ELIGIBLE, S.NOT_ELIGIBLE, S.APPLIED)
    assert any(m.level_tag == "success" for m in response.context["messages"])
    for enrolment in (fits, man):
        entries = AuditEntry.objects.get_for_object(enrolment).filter(action=AuditEntry.Action.UPDATE)
        assert entries.filter(actor=coordinator).exists()


def test_a_batch_with_someone_already_enrolled_assesses_nobody(
    mobile_programme: Programme, coordinator: User
) -> None:
    waiting = services.enrolment_apply(
        actor=coordinator, programme=mobile_programme, participant=rural_woman(mobile_programme.organisation)
    )
    enrolled = services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))

    response = client_for(coordinator).post(
        reverse("programmes:enrolments_assess", args=[mobile_programme.pk]),
        {"enrolment": [waiting.pk, enrolled.pk]},
        follow=True,
    )

    waiting.refresh_from_db()
    assert waiting.status == S.APPLIED
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_a_case_worker_and_another_organisation_cannot_assess_in_bulk(
    mobile_programme: Programme, coordinator: User, caseworker: User, outsider_admin: User
) -> None:
    waiting = services.enrolment_apply(
        actor=coordinator, programme=mobile_programme, participant=rural_woman(mobile_programme.organisation)
    )
    url = reverse("programmes:enrolments_assess", args=[mobile_programme.pk])

    assert client_for(caseworker).post(url, {"enrolment": [waiting.pk]}).status_code == 403
    assert client_for(outsider_admin).post(url, {"enrolment": [waiting.pk]}).status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == S.APPLIED


def test_choosing_nobody_or_absurd_numbers_is_a_message_not_a_500(
    mobile_programme: Programme, coordinator: User
) -> None:
    url = reverse("programmes:enrolments_assess", args=[mobile_programme.pk])
    client = client_for(coordinator)

    for data in ({}, {"enrolment": ["9" * 25, "x"]}):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert any(m.level_tag == "error" for m in response.context["messages"])
