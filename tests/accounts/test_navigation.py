"""The navigation: every main area of a role within one click or one disclosure from any page,
grouped so that the bar fits a laptop; a group of one link is that link."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from reintegra.accounts.context_processors import NavGroup, nav_links
from reintegra.accounts.models import Organisation, Role, User
from tests.conftest import client_for
from tests.factories import ParticipantFactory, member

pytestmark = pytest.mark.django_db


def navigation_of(client: Client, address: str) -> str:
    page = client.get(address).content.decode()
    found = re.search(r'<nav class="navbar.*?</nav>', page, re.DOTALL)
    assert found is not None
    return found.group(0)


def test_a_caseworker_reaches_the_calendar_and_venues_from_a_persons_page(
    organisation: Organisation, as_caseworker: Client
) -> None:
    person = ParticipantFactory(organisation=organisation)

    nav = navigation_of(as_caseworker, reverse("people:participant_detail", args=[person.pk]))

    for name in ("activities:my_calendar", "activities:venue_list", "activities:overview"):
        assert f'href="{reverse(name)}"' in nav, name
    assert 'data-testid="nav-group-sessions"' in nav
    assert f'href="{reverse("ownpage:entries_awaiting")}"' in nav


def test_the_group_of_the_page_shown_is_marked_and_its_link_is_the_current_page(
    as_caseworker: Client,
) -> None:
    response = as_caseworker.get(reverse("activities:venue_list"))

    sessions = next(item for item in response.context["nav_items"] if getattr(item, "key", "") == "sessions")
    assert sessions.active
    assert [str(link.label) for link in sessions.links if link.active] == ["Miejsca realizacji"]
    assert 'aria-current="page"' in navigation_of(as_caseworker, reverse("activities:venue_list"))


def test_an_administrator_finds_the_team_and_the_audit_log_under_administration(org_admin: User) -> None:
    items = client_for(org_admin).get(reverse("home")).context["nav_items"]

    groups = {item.key: [link.url for link in item.links] for item in items if isinstance(item, NavGroup)}
    assert groups["administration"] == [reverse("accounts:user_list"), reverse("audit:entry_list")]


def test_a_partner_viewers_only_link_of_a_group_stands_alone(organisation: Organisation) -> None:
    viewer = member(organisation, Role.PARTNER_VIEWER, username="partner")

    items = client_for(viewer).get(reverse("home")).context["nav_items"]

    assert not any(isinstance(item, NavGroup) for item in items)
    assert [link.url for link in nav_links(items)] == [
        reverse("partnership:referral_inbox"),
        reverse("notifications:list"),
    ]


def test_a_participant_finds_her_own_page_and_no_staff_area(participant: User) -> None:
    items = client_for(participant).get(reverse("home")).context["nav_items"]

    assert [link.url for link in nav_links(items)] == [
        reverse("ownpage:own_page"),
        reverse("notifications:list"),
    ]


def test_the_brand_is_the_link_home_and_says_so(as_caseworker: Client) -> None:
    nav = navigation_of(as_caseworker, reverse("home"))

    assert re.search(
        r'<a class="navbar-brand" href="/" aria-current="page"[^>]*>Reintegra<span class="visually-hidden">',
        nav,
    )


@pytest.mark.parametrize(
    "persona", ["org_admin", "coordinator", "caseworker", "participant", "employer_contact"]
)
def test_every_link_of_the_navigation_opens_for_its_reader(
    persona: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(persona)
    client = client_for(user)
    links = [link.url for link in nav_links(client.get(reverse("home")).context["nav_items"])]

    assert {link: client.get(link).status_code for link in links} == dict.fromkeys(links, 200)
