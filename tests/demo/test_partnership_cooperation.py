"""The demo partnership's cooperation: a gmina office, an employment agency and the local radio
have joined, every member's role at each stage is written down, and each has an agreement."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, OrganisationType, User
from reintegra.demo.seed import seed
from reintegra.partnership.models import Agreement, Partnership, Stage, StageRole
from tests.conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

NAME = "Partnerstwo Lokalne Powiatu Zalesiańskiego"


def test_a_gmina_office_an_employment_agency_and_the_local_radio_have_joined_the_county_partnership(
    demo: str,
) -> None:
    partnership = Partnership.objects.get(name=NAME)

    types = set(partnership.members.values_list("organisation__type", flat=True))

    assert {
        OrganisationType.LOCAL_GOVERNMENT,
        OrganisationType.EMPLOYMENT_AGENCY,
        OrganisationType.MEDIA,
    } <= types
    for organisation in Organisation.objects.filter(type__in=[OrganisationType.MEDIA]):
        assert organisation.memberships.exists()


def test_every_demo_member_has_a_role_at_some_stage_and_every_stage_has_someone(demo: str) -> None:
    partnership = Partnership.objects.get(name=NAME)
    roles = StageRole.objects.filter(member__partnership=partnership)

    assert set(roles.values_list("member", flat=True)) == set(
        partnership.members.values_list("pk", flat=True)
    )
    assert set(roles.values_list("stage", flat=True)) == set(Stage)


def test_the_pups_coordinator_sees_the_stage_table_and_the_agreements_of_the_new_partners(demo: str) -> None:
    partnership = Partnership.objects.get(name=NAME)
    page = client_for(User.objects.get(username="koordynator.pup")).get(
        reverse("partnership:detail", args=[partnership.pk])
    )

    text = page.content.decode()
    assert "Audycja „Praca blisko domu” i ogłoszenia o dyżurach." in text
    assert "PLPZ/10/2026" in text
    agency = Agreement.objects.get(number="PLPZ/10/2026")
    assert agency.is_in_force(timezone.localdate())
    assert agency.fields == ["name", "contact", "education", "labour_status"]


def test_the_leaders_administrator_may_edit_the_stage_roles_and_a_partners_may_not(demo: str) -> None:
    partnership = Partnership.objects.get(name=NAME)
    member = partnership.members.get(organisation__short_name="Radio Zalesie")
    url = reverse("partnership:cooperation:stage_roles_edit", args=[partnership.pk, member.pk])

    assert client_for(User.objects.get(username="admin.pup")).get(url).status_code == 200
    assert client_for(User.objects.get(username="sekretarz.gmina")).get(url).status_code == 404


def test_seeding_the_cooperation_twice_writes_nothing_the_second_time(demo: str) -> None:
    counts = (Organisation.objects.count(), Agreement.objects.count(), StageRole.objects.count())

    seed()

    assert (Organisation.objects.count(), Agreement.objects.count(), StageRole.objects.count()) == counts
