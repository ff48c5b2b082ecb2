"""A service takes a person's record as typed data: an unknown field is refused, not dropped."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.people import services
from reintegra.people.models import FamilyMember, Participant, Relation, Sex
from reintegra.people.services import FamilyMemberData, ParticipantData
from tests.factories import ParticipantFactory
from tests.people.helpers import a_pesel

pytestmark = pytest.mark.django_db

BIRTH = date(1990, 5, 17)


def test_a_participant_with_a_field_the_record_does_not_have_is_refused() -> None:
    row: dict[str, Any] = {"first_name": "Łucja", "last_name": "Żółkiewska", "nickname": "Lusia"}

    with pytest.raises(TypeError, match="nickname"):
        ParticipantData(**row)


def test_a_family_member_with_a_field_the_record_does_not_have_is_refused() -> None:
    row: dict[str, Any] = {"first_name": "Jan", "relation": Relation.CHILD, "school": "SP 1"}

    with pytest.raises(TypeError, match="school"):
        FamilyMemberData(**row)


def test_a_participant_left_without_a_birth_date_is_given_the_pesels(
    organisation: Organisation, caseworker: User
) -> None:
    data = ParticipantData(first_name="Łucja", last_name="Żółkiewska", pesel=a_pesel(BIRTH), sex=Sex.WOMAN)

    person = services.participant_create(actor=caseworker, organisation=organisation, data=data)

    assert person.birth_date == BIRTH
    assert (person.phone, person.gmina, person.education) == ("", None, None)


def test_an_update_from_the_record_saves_and_audits_only_the_replaced_field(
    organisation: Organisation, caseworker: User
) -> None:
    person = ParticipantFactory(organisation=organisation, phone="600100200")

    services.participant_update(
        actor=caseworker, participant=person, data=replace(ParticipantData.of(person), phone="700999888")
    )

    person.refresh_from_db()
    assert person.phone == "700999888"
    entry = AuditEntry.objects.get_for_object(person).get(action=AuditEntry.Action.UPDATE)
    assert set(entry.changes) == {"phone"}


def test_an_update_of_a_family_member_from_the_record_keeps_the_other_fields(
    organisation: Organisation, caseworker: User
) -> None:
    person: Participant = ParticipantFactory(organisation=organisation)
    member = services.family_member_add(
        actor=caseworker,
        participant=person,
        data=FamilyMemberData(first_name="Jan", relation=Relation.CHILD, birth_date=date(2015, 4, 1)),
    )

    services.family_member_update(
        actor=caseworker, member=member, data=replace(FamilyMemberData.of(member), shares_household=True)
    )

    stored = FamilyMember.objects.get(pk=member.pk)
    assert (stored.shares_household, stored.birth_date) == (True, date(2015, 4, 1))
