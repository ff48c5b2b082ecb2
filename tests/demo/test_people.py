"""The demo's participants: fictional, valid identifiers, diacritics, consents and family."""

from __future__ import annotations

import pytest
from stdnum.pl import pesel

from reintegra.people.models import Consent, FamilyMember, Participant, TercUnit

pytestmark = pytest.mark.django_db


def test_the_demo_has_about_fifty_participants_across_organisations_with_valid_pesels(demo: str) -> None:

    # The mobile centre's pilot brings its own 60 women (tests/demo/test_seed_figures.py).
    people = list(
        Participant.objects.exclude(identity_document_number__startswith="MCZ").select_related("organisation")
    )
    assert 35 <= len(people) <= 60  # some forty, and the young members of the two clubs
    assert len({person.organisation.type for person in people}) >= 4
    with_pesel = [person for person in people if person.pesel]
    assert all(pesel.is_valid(person.pesel) for person in with_pesel)
    assert all(pesel.get_birth_date(person.pesel) == person.birth_date for person in with_pesel)
    assert len(with_pesel) < len(people)
    for person in people:
        person.full_clean()


def test_the_demo_has_a_zolkiewska_consents_a_withdrawal_family_and_its_county(demo: str) -> None:

    assert Participant.objects.filter(last_name="Żółkiewska").exists()
    assert Consent.objects.filter(withdrawn_on__isnull=False).exists()
    assert Consent.objects.filter(withdrawn_on__isnull=True).count() >= 40
    assert FamilyMember.objects.exists()
    assert TercUnit.objects.filter(code="3035042", name="Stare Łąki").exists()
    assert not Participant.objects.filter(gmina=None).exists()
    assert not Participant.objects.filter(degurba=None).exists()
