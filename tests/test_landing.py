"""Each role lands on a page that shows what that role works with, and nothing more."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from tests.conftest import client_for


def landing(user: User) -> str:
    response = client_for(user).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_an_admin_sees_administration_and_the_latest_audit_entries(org_admin: User) -> None:
    page = landing(org_admin)

    assert 'data-testid="landing-org-admin"' in page
    assert reverse("audit:entry_list") in page


@pytest.mark.django_db
def test_a_coordinator_sees_the_team_but_not_administration(coordinator: User, caseworker: User) -> None:
    page = landing(coordinator)

    assert 'data-testid="landing-team"' in page
    assert str(caseworker) in page
    assert 'data-testid="landing-org-admin"' not in page


@pytest.mark.django_db
def test_a_caseworker_sees_case_work_and_no_audit_log(caseworker: User) -> None:
    page = landing(caseworker)

    assert 'data-testid="landing-case-worker"' in page
    assert reverse("audit:entry_list") not in page


@pytest.mark.django_db
def test_an_employer_contact_sees_the_employer_section(employer_contact: User) -> None:
    assert 'data-testid="landing-employer-contact"' in landing(employer_contact)


@pytest.mark.django_db
def test_a_participant_sees_their_own_account_and_not_the_team(participant: User, caseworker: User) -> None:
    page = landing(participant)

    assert 'data-testid="landing-participant"' in page
    assert str(caseworker) not in page


@pytest.mark.django_db
def test_the_navigation_follows_the_role(org_admin: User, caseworker: User) -> None:
    assert reverse("accounts:user_list") in landing(org_admin)
    assert reverse("accounts:user_list") not in landing(caseworker)


def links_in_section(page: str, testid: str) -> list[str]:
    section = re.search(rf'data-testid="{testid}">(.*?)</section>', page, re.DOTALL)
    assert section is not None, testid
    return re.findall(r'href="([^"]+)"', section.group(1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "testid"),
    [("employer_contact", "landing-employer-contact"), ("participant", "landing-participant")],
)
def test_the_employers_and_the_participants_start_pages_offer_only_what_opens_today(
    persona: str, testid: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(persona)
    page = landing(user)
    section = re.search(rf'data-testid="{testid}">(.*?)</section>', page, re.DOTALL)

    assert section is not None
    assert " will " not in section.group(1)
    links = links_in_section(page, testid)
    assert links
    client = client_for(user)
    assert {link: client.get(link, follow=True).status_code for link in links} == dict.fromkeys(links, 200)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["org_admin", "coordinator", "caseworker", "employer_contact", "participant"]
)
def test_every_link_on_a_start_page_opens_for_its_reader(
    persona: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(persona)
    page = landing(user)
    links = {link for link in re.findall(r'href="(/[^"]*)"', page) if not link.startswith("/static/")}
    client = client_for(user)

    refused = {link: code for link in links if (code := client.get(link).status_code) >= 400}

    assert refused == {}
