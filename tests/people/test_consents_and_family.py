"""Consents are recorded and withdrawn (never deleted); family members are added, edited, removed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.people import services
from reintegra.people.models import Consent, ConsentKind, FamilyMember, Participant
from reintegra.people.services import FamilyMemberData
from tests.conftest import client_for
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(organisation: Organisation) -> Participant:
    return ParticipantFactory(organisation=organisation)


def test_a_caseworker_records_a_consent_on_its_document(person: Participant, caseworker: User) -> None:
    response = client_for(caseworker).post(
        reverse("people:consent_create", args=[person.pk]),
        {"kind": ConsentKind.PROCESSING, "given_on": "2026-02-01", "document": "Deklaracja 7/2026"},
    )

    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.recorded_by, consent.document, consent.given_on) == (
        caseworker,
        "Deklaracja 7/2026",
        date(2026, 2, 1),
    )
    assert services.consent_in_force(person, ConsentKind.PROCESSING)
    assert AuditEntry.objects.get_for_object(consent).filter(action=AuditEntry.Action.CREATE).exists()


def test_a_withdrawal_is_recorded_and_the_consent_no_longer_counts(
    person: Participant, caseworker: User
) -> None:
    consent = services.consent_record(
        actor=caseworker,
        participant=person,
        kind=ConsentKind.CONTACT,
        given_on=date(2026, 1, 5),
        document="D/1",
    )

    response = client_for(caseworker).post(
        reverse("people:consent_withdraw", args=[person.pk, consent.pk]),
        {"withdrawn_on": "2026-03-01", "note": "Telefonicznie"},
    )

    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == date(2026, 3, 1)
    assert consent.withdrawal_recorded_by == caseworker
    assert not services.consent_in_force(person, ConsentKind.CONTACT)
    entry = AuditEntry.objects.get_for_object(consent).get(action=AuditEntry.Action.UPDATE)
    assert entry.changes["withdrawn_on"] == ["None", "2026-03-01"]
    assert Consent.objects.filter(pk=consent.pk).exists()


def test_a_consent_can_be_given_again_after_a_withdrawal_but_not_twice_at_once(
    person: Participant, caseworker: User
) -> None:
    first = services.consent_record(
        actor=caseworker,
        participant=person,
        kind=ConsentKind.IMAGE,
        given_on=date(2026, 1, 5),
        document="D/1",
    )
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=caseworker,
            participant=person,
            kind=ConsentKind.IMAGE,
            given_on=date(2026, 1, 6),
            document="D/2",
        )
    services.consent_withdraw(actor=caseworker, consent=first, withdrawn_on=date(2026, 2, 1))
    services.consent_record(
        actor=caseworker,
        participant=person,
        kind=ConsentKind.IMAGE,
        given_on=date(2026, 3, 1),
        document="D/3",
    )

    assert services.consent_in_force(person, ConsentKind.IMAGE)
    assert person.consents.count() == 2


def test_a_withdrawal_before_the_consent_was_given_is_refused_on_the_date(
    person: Participant, caseworker: User
) -> None:
    consent = services.consent_record(
        actor=caseworker,
        participant=person,
        kind=ConsentKind.CONTACT,
        given_on=date(2026, 1, 5),
        document="D/1",
    )

    response = client_for(caseworker).post(
        reverse("people:consent_withdraw", args=[person.pk, consent.pk]), {"withdrawn_on": "2025-12-31"}
    )

    assert response.status_code == 200
    assert "withdrawn_on" in response.context["form"].errors
    consent.refresh_from_db()
    assert consent.in_force


def test_a_worker_of_another_organisation_cannot_change_consents_or_family(
    person: Participant, caseworker: User, outsider: User
) -> None:
    consent = services.consent_record(
        actor=caseworker,
        participant=person,
        kind=ConsentKind.CONTACT,
        given_on=date(2026, 1, 5),
        document="D/1",
    )
    member = services.family_member_add(
        actor=caseworker,
        participant=person,
        data=FamilyMemberData(first_name="Jan", relation="child"),
    )
    client = client_for(outsider)

    assert client.get(reverse("people:consent_withdraw", args=[person.pk, consent.pk])).status_code == 404
    assert client.post(reverse("people:family_member_remove", args=[person.pk, member.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.consent_withdraw(actor=outsider, consent=consent, withdrawn_on=date(2026, 2, 1))
    with pytest.raises(PermissionDenied):
        services.family_member_remove(actor=outsider, member=member)
    assert FamilyMember.objects.filter(pk=member.pk).exists()


def test_a_caseworker_adds_edits_and_removes_a_family_member_and_each_step_is_audited(
    person: Participant, caseworker: User
) -> None:
    client = client_for(caseworker)

    client.post(
        reverse("people:family_member_create", args=[person.pk]),
        {"first_name": "Zofia", "last_name": "Nowak", "relation": "child", "birth_date": "2015-04-01"},
    )
    member = FamilyMember.objects.get()
    client.post(
        reverse("people:family_member_edit", args=[person.pk, member.pk]),
        {"first_name": "Zofia", "last_name": "Nowak", "relation": "child", "shares_household": "on"},
    )
    member.refresh_from_db()
    assert member.shares_household
    assert member.birth_date is None
    family_page = client.get(reverse("people:participant_detail", args=[person.pk]), {"tab": "family"})
    assert "Zofia Nowak" in family_page.content.decode()
    client.post(reverse("people:family_member_remove", args=[person.pk, member.pk]))

    member.refresh_from_db()
    assert (member.removed_on, member.removed_by) == (timezone.localdate(), caseworker)
    family_page = client.get(reverse("people:participant_detail", args=[person.pk]), {"tab": "family"})
    assert "Zofia Nowak" not in family_page.content.decode()
    actions = set(AuditEntry.objects.get_for_object(member).values_list("action", flat=True))
    assert actions == {
        AuditEntry.Action.CREATE,
        AuditEntry.Action.ACCESS,  # the family tab and the edit form show the member
        AuditEntry.Action.UPDATE,  # the edit, and the removal (kept: meetings may name the member)
    }


def test_a_family_member_of_another_participant_is_not_found_under_this_one(
    person: Participant, organisation: Organisation, caseworker: User
) -> None:
    other = ParticipantFactory(organisation=organisation)
    member = services.family_member_add(
        actor=caseworker,
        participant=other,
        data=FamilyMemberData(first_name="Jan", relation="child"),
    )

    response = client_for(caseworker).get(reverse("people:family_member_edit", args=[person.pk, member.pk]))

    assert response.status_code == 404
