"""The demo as a list of steps (``SEED_STEPS``), and its fill at scale for benchmarks.

Each step is a function of one ``DemoContext``; a later feature adds its own step at the end of
the list, in its own module of this app. Every step is idempotent: it looks rows up by their
natural key (organisation name, username) and creates only what is missing, so running the
command twice writes nothing the second time. The whole seed is one transaction, and
django-auditlog records every row it creates with no actor (the system).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from faker import Faker

from reintegra.accounts.models import Organisation, Role, User
from reintegra.activities.services import attendance_months_rebuild
from reintegra.casework.models import Meeting
from reintegra.demo.accounts import seed_organisations, seed_people
from reintegra.demo.activities import seed_activities
from reintegra.demo.casework import seed_casework
from reintegra.demo.cis_internships import seed_cis_internships
from reintegra.demo.context import FAKER_SEED, SENTINEL_USERNAME, DemoContext
from reintegra.demo.costs import seed_costs
from reintegra.demo.employers import seed_employers
from reintegra.demo.exits import seed_exits
from reintegra.demo.fairs import seed_fairs
from reintegra.demo.funders import seed_funders
from reintegra.demo.meetings import seed_meetings
from reintegra.demo.mobile import seed_mobile
from reintegra.demo.outreach import seed_outreach
from reintegra.demo.partnership import seed_partnership
from reintegra.demo.partnership_cooperation import seed_partnership_cooperation
from reintegra.demo.people import seed_participants
from reintegra.demo.placements import seed_placements
from reintegra.demo.plans import seed_plans
from reintegra.demo.programmes import seed_programmes
from reintegra.demo.questionnaires import seed_questionnaires
from reintegra.demo.scale_casework import fill_casework
from reintegra.demo.scale_people import fill_participants
from reintegra.demo.surveys import seed_surveys
from reintegra.demo.training import seed_training
from reintegra.people.models import Participant

# Later sections (participants, programmes, …) append their step here.
SEED_STEPS: list[Callable[[DemoContext], None]] = [
    seed_organisations,
    seed_people,
    seed_participants,
    seed_programmes,
    seed_casework,
    seed_questionnaires,
    seed_plans,
    seed_partnership,
    seed_meetings,
    seed_activities,
    seed_employers,
    seed_surveys,
    seed_fairs,
    seed_placements,
    seed_cis_internships,
    seed_mobile,
    seed_outreach,
    seed_funders,
    seed_exits,
    seed_training,
    seed_costs,
    # Issue 14: the partnership's new partners, stage roles and their agreements.
    seed_partnership_cooperation,
]


def seed(faker_seed: int = FAKER_SEED) -> DemoContext:
    """Build the demo partnership; all of it or, on any error, nothing."""
    faker = Faker("pl_PL")
    faker.seed_instance(faker_seed)
    ctx = DemoContext(faker=faker)
    with transaction.atomic():
        for step in SEED_STEPS:
            step(ctx)
        # The clubs' attendance is written in bulk: the months the reports read are counted once here.
        attendance_months_rebuild()
    return ctx


def demo_is_seeded() -> bool:
    return User.objects.filter(username=SENTINEL_USERNAME).exists()


def fill_to_scale(*, participants: int, meetings: int) -> None:
    """Bulk load for benchmarks: participants over the first organisations with case workers,
    then a full caseload for the demo case worker and meetings spread over everyone."""
    missing = participants - Participant.objects.count()
    if missing > 0:
        organisations = Organisation.objects.filter(memberships__role=Role.CASE_WORKER).distinct()[:4]
        fill_participants(missing, list(organisations))
    missing = meetings - Meeting.objects.count()
    if missing > 0:
        fill_casework(missing, worker=User.objects.get(username=SENTINEL_USERNAME))
