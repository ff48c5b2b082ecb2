"""The access matrix of a funder's reviewer: she reaches the reports of the programmes her body
funds, her account and her notifications, and nothing of a person. Every page and API route of
the project is walked with a person's id, then with the funded programme's id, in place of every
id, by GET and by POST (and the API's own methods); each answers her 403, 404 or 405 except her
own few routes, and no answer shows the person's name or PESEL."""

from __future__ import annotations

import re

import pytest
from django.urls import get_resolver, reverse

from reintegra.accounts.models import User
from reintegra.people.models import Participant
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.employers.test_employer_access import REFUSED, methods, refused_before_running, routes, url_with
from tests.outcomes.funder.conftest import PESEL

pytestmark = pytest.mark.django_db

# What a funder's reviewer may open: her funded programmes' reports, her account, her
# notifications, and the public pages (log-in, password reset, the API's description, language).
HER_OWN = re.compile(
    r"^(home|set_language|outcomes:funder:funded_\w+|notifications:\w+|accounts:(my_profile|password_\w+|"
    r"login|twofactor\w*|logout)|api:(me|openapi-json|openapi-view|api-root|funded_\w+))$"
)
# ``user.view`` and ``user.change`` allow the user herself, and the walk's id may be hers.
HER_ACCOUNT = {"accounts:user_detail", "accounts:user_edit", "api:user_detail", "api:organisation_list"}


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    pass


def test_a_funder_reaches_no_page_or_api_route_that_shows_a_name_or_a_pesel(
    person: Participant, funded: Programme, funder: User
) -> None:
    walked = sorted(set(routes(get_resolver().url_patterns)), key=lambda row: row[0])
    reached: dict[str, int] = {}
    shown: list[str] = []
    client = client_for(funder)
    for route, name, callback in walked:
        if name == "accounts:logout":
            continue  # would end the session the walk goes on with
        for some_id in {person.pk, funded.pk}:
            url = url_with(route, some_id)
            for method in methods(callback):
                response = client.generic(method, url, "{}", content_type="application/json")
                if response.status_code == 422 and refused_before_running(callback, funder):
                    continue
                if response.status_code not in REFUSED and not (HER_OWN.match(name) or name in HER_ACCOUNT):
                    reached[f"{method} {url} [{name}]"] = response.status_code
                body = b"".join(response) if response.streaming else response.content
                if person.last_name.encode() in body or PESEL.encode() in body:
                    shown.append(f"{method} {url} [{name}]")

    assert len(walked) > 100
    assert reached == {}
    assert shown == []


def test_a_funder_is_refused_the_people_pages_and_the_api_people_routes(
    person: Participant, funder: User
) -> None:
    client = client_for(funder)

    assert client.get(reverse("people:participant_list")).status_code == 403
    assert client.get(reverse("people:participant_detail", args=[person.pk])).status_code in {403, 404}
    assert client.get("/api/v1/participants").status_code in {403, 404}
    assert client.get(f"/api/v1/participants/{person.pk}").status_code in {403, 404}


def test_a_funder_is_refused_the_programme_pages_of_the_programme_she_funds(
    person: Participant, funded: Programme, funder: User
) -> None:
    client = client_for(funder)

    assert client.get(reverse("programmes:detail", args=[funded.pk])).status_code in {403, 404}
    assert client.get(reverse("programmes:list")).status_code == 403


def test_the_funded_programmes_report_opens_for_her(funded: Programme, funder: User) -> None:
    assert client_for(funder).get(f"/outcomes/funder/{funded.pk}/").status_code == 200
