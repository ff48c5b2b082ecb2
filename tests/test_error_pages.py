"""Error pages with DEBUG off: translated, in the site's layout, never a stack trace.

Views that fail on purpose live in this module, used as a temporary ROOT_URLCONF beside the real
routes (the layout links to them), with the project's error handlers.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path

from reintegra import errors
from reintegra import urls as project_urls
from reintegra.accounts.models import User
from reintegra.accounts.policy import public
from tests.conftest import client_for

SECRET_DETAIL = "database password is hunter2"


@public
def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET_DETAIL)


@public
def forbids(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


@public
def is_suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation(SECRET_DETAIL)


urlpatterns = [
    *project_urls.urlpatterns,
    path("test/fails/", fails),
    path("test/forbids/", forbids),
    path("test/suspicious/", is_suspicious),
]
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error

with_failing_views = override_settings(ROOT_URLCONF=__name__)


def in_english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=False)


def with_language_cookie(language: str) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_tests_run_with_debug_off() -> None:
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_a_missing_page_gets_the_404_page_in_polish_by_default() -> None:
    response = Client().get("/no-such-page/")

    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    assert '<html lang="pl">' in response.text


@pytest.mark.django_db
def test_a_missing_page_gets_the_404_page_in_english_when_asked_for() -> None:
    response = in_english().get("/no-such-page/")

    assert response.status_code == 404
    assert '<html lang="en">' in response.text
    assert "Page not found" in response.text


@pytest.mark.django_db
def test_the_language_cookie_chooses_the_language_of_the_404_page() -> None:
    response = with_language_cookie("en").get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="pl")

    assert response.status_code == 404
    assert '<html lang="en">' in response.text
    assert "Page not found" in response.text


@pytest.mark.django_db
def test_a_logged_in_user_sees_the_404_page_within_the_usual_layout(caseworker: User) -> None:
    client = client_for(caseworker)

    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "Log out" in response.text


@with_failing_views
@pytest.mark.django_db
def test_a_refused_page_gets_the_403_page_in_polish_by_default() -> None:
    response = Client().get("/test/forbids/")

    assert response.status_code == 403
    assert response.templates[0].name == "403.html"
    assert '<html lang="pl">' in response.text


@with_failing_views
@pytest.mark.django_db
def test_a_refused_page_gets_the_403_page_in_english_when_asked_for() -> None:
    for client in (in_english(), with_language_cookie("en")):
        response = client.get("/test/forbids/")

        assert response.status_code == 403
        assert '<html lang="en">' in response.text
        assert "No access" in response.text


@pytest.mark.django_db
def test_a_page_the_role_does_not_allow_gets_the_translated_403_page(caseworker: User) -> None:
    client = client_for(caseworker)

    response = client.get("/accounts/users/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert "No access" in response.text


@with_failing_views
@pytest.mark.django_db
def test_an_error_in_a_view_gets_the_500_page_without_a_traceback() -> None:
    response = in_english().get("/test/fails/")

    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert '<html lang="en">' in response.text
    assert "Traceback" not in response.text
    assert SECRET_DETAIL not in response.text
    assert "RuntimeError" not in response.text


@with_failing_views
@pytest.mark.django_db
def test_the_500_page_is_in_polish_by_default() -> None:
    response = Client(raise_request_exception=False).get("/test/fails/")

    assert response.status_code == 500
    assert '<html lang="pl">' in response.text
    assert SECRET_DETAIL not in response.text


@with_failing_views
@pytest.mark.django_db
def test_an_error_in_a_view_for_a_logged_in_user_gets_the_500_page(caseworker: User) -> None:
    client = client_for(caseworker)
    client.raise_request_exception = False

    response = client.get("/test/fails/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert SECRET_DETAIL not in response.text


@with_failing_views
@pytest.mark.django_db
def test_a_suspicious_request_gets_the_translated_400_page_without_details() -> None:
    response = in_english().get("/test/suspicious/")

    assert response.status_code == 400
    assert "Bad request" in response.text
    assert SECRET_DETAIL not in response.text


@pytest.mark.django_db
def test_a_request_for_an_unknown_host_gets_the_400_page() -> None:
    response = in_english().get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "Bad request" in response.text


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_the_translated_expired_form_page() -> None:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")

    response = client.post("/accounts/login/", {"username": "someone", "password": "something"})

    assert response.status_code == 403
    assert '<html lang="en">' in response.text
    assert "The form has expired" in response.text
    assert 'href="/accounts/login/"' in response.text
