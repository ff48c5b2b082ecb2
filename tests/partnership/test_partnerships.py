"""A local partnership: its members and their roles, managed by a member's administrator."""

from __future__ import annotations

from django.urls import reverse

from reintegra.accounts.models import Organisation, Role, User
from reintegra.partnership.models import MemberRole, Partnership, PartnershipMember
from tests.conftest import client_for
from tests.factories import member


def test_an_administrator_creates_a_partnership_led_by_their_organisation(
    org_admin: User, organisation: Organisation
) -> None:
    response = client_for(org_admin).post(
        reverse("partnership:create"),
        {"name": "Partnerstwo Lokalne", "area_description": "powiat zalesiański"},
    )

    partnership = Partnership.objects.get()
    assert response["Location"] == reverse("partnership:detail", args=[partnership.pk])
    assert [(m.organisation, m.role) for m in partnership.members.all()] == [
        (organisation, MemberRole.LEADER)
    ]


def test_an_administrator_of_a_member_adds_and_removes_an_organisation(
    partnership: Partnership, org_admin: User, other_organisation: Organisation
) -> None:
    client = client_for(org_admin)

    client.post(
        reverse("partnership:member_add", args=[partnership.pk]),
        {"organisation": other_organisation.pk, "role": MemberRole.ASSOCIATE},
    )
    joined = PartnershipMember.objects.get(partnership=partnership, organisation=other_organisation)
    assert joined.role == MemberRole.ASSOCIATE
    assert (
        other_organisation.name
        in client.get(reverse("partnership:detail", args=[partnership.pk])).content.decode()
    )

    client.post(reverse("partnership:member_remove", args=[partnership.pk, joined.pk]))
    assert not PartnershipMember.objects.filter(pk=joined.pk).exists()


def test_a_partnership_keeps_its_last_leader(partnership: Partnership, org_admin: User) -> None:
    leader = partnership.members.get(role=MemberRole.LEADER)

    response = client_for(org_admin).post(
        reverse("partnership:member_remove", args=[partnership.pk, leader.pk]), follow=True
    )

    assert PartnershipMember.objects.filter(pk=leader.pk).exists()
    assert "at least one leader" in response.content.decode()


def test_an_administrator_of_an_organisation_outside_the_partnership_gets_404(
    partnership: Partnership, outsider_admin: User, other_organisation: Organisation
) -> None:
    client = client_for(outsider_admin)

    assert client.get(reverse("partnership:detail", args=[partnership.pk])).status_code == 404
    response = client.post(
        reverse("partnership:member_add", args=[partnership.pk]),
        {"organisation": other_organisation.pk, "role": MemberRole.PARTNER},
    )
    assert response.status_code == 404
    assert not partnership.members.filter(organisation=other_organisation).exists()


def test_a_case_worker_of_a_member_sees_the_members_but_cannot_change_them(
    partnership: Partnership, caseworker: User, ngo: Organisation
) -> None:
    client = client_for(caseworker)

    page = client.get(reverse("partnership:detail", args=[partnership.pk])).content.decode()
    assert ngo.name in page
    assert reverse("partnership:member_add", args=[partnership.pk]) not in page
    member_pk = partnership.members.get(organisation=ngo).pk
    assert (
        client.post(reverse("partnership:member_remove", args=[partnership.pk, member_pk])).status_code == 403
    )


def test_an_organisation_joins_a_partnership_only_once(
    partnership: Partnership, org_admin: User, ngo: Organisation
) -> None:
    response = client_for(org_admin).post(
        reverse("partnership:member_add", args=[partnership.pk]),
        {"organisation": ngo.pk, "role": MemberRole.PARTNER},
    )

    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert partnership.members.filter(organisation=ngo).count() == 1


def test_a_viewer_of_a_member_organisation_sees_the_partnership_list(
    partnership: Partnership, ngo: Organisation
) -> None:
    viewer = member(ngo, Role.PARTNER_VIEWER, username="obserwator")

    page = client_for(viewer).get(reverse("partnership:list")).content.decode()

    assert "Partnerstwo Lokalne" in page
