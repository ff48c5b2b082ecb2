"""A local partnership: its name, area, members and their roles, run by the leader's administrators."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.partnership import services
from reintegra.partnership.models import MemberRole, Partnership, PartnershipMember
from tests.conftest import client_for
from tests.factories import OrganisationFactory, member


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


def test_an_administrator_of_the_leader_adds_and_removes_an_organisation(
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


def test_an_administrator_of_the_leader_renames_the_partnership_and_changes_its_area_on_record(
    partnership: Partnership, org_admin: User
) -> None:
    client = client_for(org_admin)
    url = reverse("partnership:edit", args=[partnership.pk])
    assert url in client.get(reverse("partnership:detail", args=[partnership.pk])).content.decode()
    assert "Partnerstwo Lokalne" in client.get(url).content.decode()

    response = client.post(url, {"name": " Partnerstwo Powiatu ", "area_description": "gminy A i B"})

    assert response["Location"] == reverse("partnership:detail", args=[partnership.pk])
    partnership.refresh_from_db()
    assert (partnership.name, partnership.area_description) == ("Partnerstwo Powiatu", "gminy A i B")
    [entry] = AuditEntry.objects.get_for_object(partnership).filter(action=AuditEntry.Action.UPDATE)
    assert entry.actor == org_admin
    assert entry.changes["name"] == ["Partnerstwo Lokalne", "Partnerstwo Powiatu"]


def test_a_partnership_without_a_name_is_refused_on_the_name_field(
    partnership: Partnership, org_admin: User
) -> None:
    response = client_for(org_admin).post(
        reverse("partnership:edit", args=[partnership.pk]), {"name": "  ", "area_description": "gminy"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Give the partnership a name."]
    assert "Give the partnership a name." in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.name == "Partnerstwo Lokalne"
    with pytest.raises(ValidationError) as error:
        services.partnership_update(actor=org_admin, partnership=partnership, name=" ")
    assert "name" in error.value.message_dict


def test_an_administrator_of_another_organisation_gets_404_when_editing_a_partnership(
    partnership: Partnership, outsider_admin: User
) -> None:
    client = client_for(outsider_admin)
    url = reverse("partnership:edit", args=[partnership.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Przejęte"}).status_code == 404
    partnership.refresh_from_db()
    assert partnership.name == "Partnerstwo Lokalne"


def test_a_case_worker_of_a_member_cannot_edit_the_partnership(
    partnership: Partnership, caseworker: User
) -> None:
    client = client_for(caseworker)

    assert reverse("partnership:edit", args=[partnership.pk]) not in (
        client.get(reverse("partnership:detail", args=[partnership.pk])).content.decode()
    )
    assert client.post(reverse("partnership:edit", args=[partnership.pk]), {"name": "X"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.partnership_update(actor=caseworker, partnership=partnership, name="X")


def test_a_partnership_cannot_take_the_name_of_another_one(
    partnership: Partnership, org_admin: User, organisation: Organisation
) -> None:
    services.partnership_create(actor=None, organisation=organisation, name="Partnerstwo Gminne")

    response = client_for(org_admin).post(
        reverse("partnership:edit", args=[partnership.pk]), {"name": "Partnerstwo Gminne"}
    )

    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert response.context["partnership"].name == "Partnerstwo Lokalne"
    partnership.refresh_from_db()
    assert partnership.name == "Partnerstwo Lokalne"


def test_an_administrator_of_the_leader_changes_a_members_role_on_record(
    partnership: Partnership, org_admin: User, ngo: Organisation
) -> None:
    joined = partnership.members.get(organisation=ngo)
    client = client_for(org_admin)
    url = reverse("partnership:member_role", args=[partnership.pk, joined.pk])
    assert url in client.get(reverse("partnership:detail", args=[partnership.pk])).content.decode()

    response = client.post(url, {"role": MemberRole.LEADER}, follow=True)

    joined.refresh_from_db()
    assert joined.role == MemberRole.LEADER
    assert "Fundacja Wspólna Droga is now “leader” in the partnership." in response.content.decode()
    [entry] = AuditEntry.objects.get_for_object(joined).filter(action=AuditEntry.Action.UPDATE)
    assert entry.changes["role"] == ["partner", "leader"]
    assert entry.actor == org_admin


def test_the_last_leader_cannot_step_down_and_an_unknown_role_is_refused(
    partnership: Partnership, org_admin: User
) -> None:
    leader = partnership.members.get(role=MemberRole.LEADER)
    client = client_for(org_admin)
    url = reverse("partnership:member_role", args=[partnership.pk, leader.pk])

    stepped_down = client.post(url, {"role": MemberRole.PARTNER}, follow=True)
    unknown = client.post(url, {"role": "owner"}, follow=True)

    leader.refresh_from_db()
    assert leader.role == MemberRole.LEADER
    assert "at least one leader" in stepped_down.content.decode()
    assert [str(message) for message in unknown.context["messages"]] == [
        "Choose the member's role from the list."
    ]


def test_an_administrator_of_another_organisation_gets_404_when_changing_a_role(
    partnership: Partnership, outsider_admin: User, ngo: Organisation
) -> None:
    joined = partnership.members.get(organisation=ngo)

    response = client_for(outsider_admin).post(
        reverse("partnership:member_role", args=[partnership.pk, joined.pk]), {"role": MemberRole.LEADER}
    )

    assert response.status_code == 404
    joined.refresh_from_db()
    assert joined.role == MemberRole.PARTNER


@pytest.mark.parametrize(
    ("kind", "shown"),
    [
        (OrganisationType.LOCAL_GOVERNMENT, "Local government unit"),
        (OrganisationType.EMPLOYMENT_AGENCY, "Employment agency"),
        (OrganisationType.MEDIA, "Local media"),
    ],
)
def test_a_gmina_office_an_employment_agency_and_the_local_media_join_as_what_they_are(
    partnership: Partnership, org_admin: User, kind: str, shown: str
) -> None:
    joining = OrganisationFactory(name="Dołączający", type=kind)
    services.partnership_member_add(
        actor=org_admin, partnership=partnership, organisation=joining, role=MemberRole.ASSOCIATE
    )

    page = client_for(org_admin).get(reverse("partnership:detail", args=[partnership.pk])).content.decode()

    assert shown in page


def test_the_new_organisation_types_read_in_polish() -> None:
    with translation.override("pl"):
        assert str(OrganisationType.LOCAL_GOVERNMENT.label) == "Jednostka samorządu terytorialnego"
        assert str(OrganisationType.EMPLOYMENT_AGENCY.label) == "Agencja zatrudnienia"
        assert str(OrganisationType.MEDIA.label) == "Media lokalne"


def test_a_partners_administrator_cannot_rename_the_partnership(
    partnership: Partnership, ngo_admin: User
) -> None:
    client = client_for(ngo_admin)
    url = reverse("partnership:edit", args=[partnership.pk])

    page = client.get(reverse("partnership:detail", args=[partnership.pk])).content.decode()

    assert "Partnerstwo Lokalne" in page
    assert url not in page
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Przejęte"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.partnership_update(actor=ngo_admin, partnership=partnership, name="Przejęte")
    partnership.refresh_from_db()
    assert partnership.name == "Partnerstwo Lokalne"


def test_a_partners_administrator_cannot_change_a_role_nor_add_or_remove_a_member(
    partnership: Partnership, ngo_admin: User, ngo: Organisation, other_organisation: Organisation
) -> None:
    own = partnership.members.get(organisation=ngo)
    leader = partnership.members.get(role=MemberRole.LEADER)
    client = client_for(ngo_admin)

    page = client.get(reverse("partnership:detail", args=[partnership.pk])).content.decode()
    role = client.post(
        reverse("partnership:member_role", args=[partnership.pk, own.pk]), {"role": MemberRole.LEADER}
    )
    added = client.post(
        reverse("partnership:member_add", args=[partnership.pk]),
        {"organisation": other_organisation.pk, "role": MemberRole.PARTNER},
    )
    removed = client.post(reverse("partnership:member_remove", args=[partnership.pk, leader.pk]))

    assert reverse("partnership:member_role", args=[partnership.pk, own.pk]) not in page
    assert reverse("partnership:member_add", args=[partnership.pk]) not in page
    assert (role.status_code, added.status_code, removed.status_code) == (404, 404, 404)
    with pytest.raises(PermissionDenied):
        services.partnership_member_change_role(actor=ngo_admin, member=own, role=MemberRole.LEADER)
    own.refresh_from_db()
    assert own.role == MemberRole.PARTNER
    assert set(partnership.members.values_list("organisation", flat=True)) == {leader.organisation_id, ngo.pk}


def test_the_administrators_of_a_member_made_leader_run_the_partnership_too(
    partnership: Partnership, org_admin: User, ngo_admin: User, ngo: Organisation
) -> None:
    services.partnership_member_change_role(
        actor=org_admin, member=partnership.members.get(organisation=ngo), role=MemberRole.LEADER
    )

    services.partnership_update(actor=ngo_admin, partnership=partnership, name="Partnerstwo Dwóch Liderów")

    partnership.refresh_from_db()
    assert partnership.name == "Partnerstwo Dwóch Liderów"
