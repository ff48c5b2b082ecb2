"""Plan fixtures: a person of our organisation (plans of a group make their own group)."""

from __future__ import annotations

import pytest

from reintegra.accounts.models import Organisation
from reintegra.people.models import Participant
from tests.factories import ParticipantFactory


@pytest.fixture
def ours(organisation: Organisation) -> Participant:
    return ParticipantFactory(organisation=organisation, first_name="Łucja", last_name="Żółkiewska")
