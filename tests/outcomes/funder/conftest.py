"""A funding body, its reviewer, a programme it funds with a person in it, and one it does not."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.outcomes import sections
from reintegra.outcomes.models import ProgrammeFunding
from reintegra.outcomes.tables import BY_GENDER, Period, Relation, Row, Table, gender_relations
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from tests.factories import OrganisationFactory, ParticipantFactory, ProgrammeFactory, member

PESEL = "92071314764"


@pytest.fixture
def funding_body(db: None) -> Organisation:
    return OrganisationFactory(
        name="Wojewódzki Urząd Pracy w Zalesiu Wielkim", type=OrganisationType.FUNDING_BODY
    )


@pytest.fixture
def funder(funding_body: Organisation) -> User:
    return member(funding_body, Role.FUNDER, username="fundator")


@pytest.fixture
def funded(organisation: Organisation, funding_body: Organisation) -> Programme:
    programme: Programme = ProgrammeFactory(
        organisation=organisation,
        name="Aktywni w Zalesiu",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )
    ProgrammeFunding.objects.create(programme=programme, funder=funding_body)
    return programme


@pytest.fixture
def not_funded(organisation: Organisation) -> Programme:
    return ProgrammeFactory(organisation=organisation, name="Klub bez grantu")


@pytest.fixture
def person(organisation: Organisation, funded: Programme) -> Participant:
    person: Participant = ParticipantFactory(
        organisation=organisation,
        first_name="Zuzanna",
        last_name="Wróblewska-Nowicka",
        pesel=PESEL,
        birth_date=date(1992, 7, 13),
        identity_document_type="",
        identity_document_number="",
    )
    Enrolment.objects.create(
        programme=funded, participant=person, status=EnrolmentStatus.ENROLLED, applied_at=timezone.now()
    )
    return person


def participants_table(programmes: Sequence[Programme], period: Period) -> tuple[list[Table], list[Relation]]:
    """A section as a counting part would give it: 3 women, 9 men and no non-binary person in
    each programme, so the women's cell is below five."""
    columns = [(key, key) for key in BY_GENDER]
    rows = [Row("participants", "Participants", {"women": 3, "men": 9, "non_binary": 0, "total": 12})]
    table = Table("probe", "Participants of the probe", columns, rows)
    return [table], gender_relations(table)


@pytest.fixture
def counted() -> Iterator[None]:
    sections.register("probe", 999, participants_table)
    yield
    sections._providers.pop("probe", None)
