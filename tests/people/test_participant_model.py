from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from reintegra.accounts.models import Organisation
from reintegra.people.models import IdentityDocumentType, Participant, Sex

VALID_PESEL = "02270803624"


def participant(organisation: Organisation, **fields: object) -> Participant:
    values: dict[str, object] = {
        "organisation": organisation,
        "first_name": "Łucja",
        "last_name": "Żółkiewska",
        "pesel": VALID_PESEL,
        "birth_date": date(2002, 7, 8),
        "sex": Sex.WOMAN,
    }
    values.update(fields)
    return Participant(**values)


@pytest.mark.django_db
def test_a_birth_date_that_disagrees_with_the_pesel_is_refused_on_the_birth_date(
    organisation: Organisation,
) -> None:
    with pytest.raises(ValidationError) as error:
        participant(organisation, birth_date=date(2002, 7, 9)).full_clean()

    assert "birth_date" in error.value.message_dict


@pytest.mark.django_db
def test_an_invalid_pesel_is_refused_on_the_pesel(organisation: Organisation) -> None:
    with pytest.raises(ValidationError) as error:
        participant(organisation, pesel="02270803625").full_clean()

    assert "pesel" in error.value.message_dict


@pytest.mark.django_db
def test_without_a_pesel_an_identity_document_is_required(organisation: Organisation) -> None:
    with pytest.raises(ValidationError) as error:
        participant(organisation, pesel="").full_clean()

    assert "identity_document_number" in error.value.message_dict
    participant(
        organisation,
        pesel="",
        identity_document_type=IdentityDocumentType.PASSPORT,
        identity_document_number="FA1234567",
    ).full_clean()


@pytest.mark.django_db
def test_saving_keeps_the_search_key_in_step_with_the_name(organisation: Organisation) -> None:
    person = participant(organisation)
    person.save()
    person.last_name = "Ćwik"
    person.save(update_fields=["last_name"])

    person.refresh_from_db()
    assert person.search_key == "cwik lucja"
