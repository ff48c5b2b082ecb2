"""Log-in through the real form, with django-axes counting the failures."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from reintegra.accounts.models import User

PASSWORD = "correct-horse-battery"  # what tests.factories.UserFactory sets
WRONG_LOGIN = "The user name or password is not correct. Check both and try again."
LOCKED_OUT = "Account temporarily locked"


def log_in(client: Client, username: str, password: str, **extra: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)


def english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.django_db
def test_the_login_page_is_served_in_polish_by_default() -> None:
    response = Client().get(reverse("accounts:login"))

    assert response.status_code == 200
    assert '<html lang="pl">' in response.text
    assert response["Content-Language"] == "pl"


@pytest.mark.django_db
def test_the_right_password_logs_in_and_goes_to_the_start_page(caseworker: User) -> None:
    client = english()

    response = log_in(client, caseworker.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"] == caseworker


@pytest.mark.django_db
def test_a_wrong_password_shows_a_clear_message_on_the_form(caseworker: User) -> None:
    response = log_in(english(), caseworker.username, "not-the-password")

    assert response.status_code == 200
    assert WRONG_LOGIN in response.text
    assert not response.context["user"].is_authenticated


@pytest.mark.django_db
def test_an_unknown_user_gets_the_same_message_as_a_wrong_password(caseworker: User) -> None:
    unknown = log_in(english(), "nobody-by-this-name", "not-the-password")
    wrong = log_in(english(), caseworker.username, "not-the-password")

    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()
    assert list(unknown.context["form"].non_field_errors()) == [WRONG_LOGIN]


@pytest.mark.django_db
def test_an_inactive_account_gets_the_same_message_as_a_wrong_password(caseworker: User) -> None:
    caseworker.is_active = False
    caseworker.save(update_fields=["is_active"])

    response = log_in(english(), caseworker.username, PASSWORD)

    assert response.status_code == 200
    assert list(response.context["form"].non_field_errors()) == [WRONG_LOGIN]


@pytest.mark.django_db
def test_an_empty_form_names_the_missing_fields(db: None) -> None:
    response = english().post(reverse("accounts:login"), {"username": "", "password": ""})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"username", "password"}


@pytest.mark.django_db
def test_the_login_form_does_not_redirect_to_another_site(caseworker: User) -> None:
    response = english().post(
        f"{reverse('accounts:login')}?next=https://evil.example/",
        {"username": caseworker.username, "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def fail_until_limit(client: Client, username: str) -> None:
    """All failures up to the limit; axes answers the one that reaches it with the lock-out page."""
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, username, "not-the-password")
        assert response.status_code == 200
    reaching = log_in(client, username, "not-the-password")
    assert reaching.status_code == 429


@pytest.mark.django_db
def test_after_the_failure_limit_even_the_right_password_shows_the_lock_out_page(caseworker: User) -> None:
    client = english()
    fail_until_limit(client, caseworker.username)

    response = log_in(client, caseworker.username, PASSWORD)

    assert response.status_code == 429
    assert LOCKED_OUT in response.text
    assert "registration/locked_out.html" in [template.name for template in response.templates]
    assert WRONG_LOGIN not in response.text
    assert not client.get(reverse("accounts:login")).context["user"].is_authenticated


@pytest.mark.django_db
def test_the_lock_out_page_is_in_the_users_language(caseworker: User) -> None:
    client = Client()
    fail_until_limit(client, caseworker.username)

    response = log_in(client, caseworker.username, PASSWORD)

    assert response.status_code == 429
    assert '<html lang="pl">' in response.text
    english_client = Client(HTTP_ACCEPT_LANGUAGE="en")
    english_response = log_in(english_client, caseworker.username, PASSWORD)
    assert english_response.status_code == 429
    assert '<html lang="en">' in english_response.text


@pytest.mark.django_db
def test_a_lock_out_of_one_user_does_not_lock_out_another(caseworker: User, coordinator: User) -> None:
    client = english()
    fail_until_limit(client, caseworker.username)

    response = log_in(client, coordinator.username, PASSWORD)

    assert response.status_code == 302


@pytest.mark.django_db
def test_a_successful_log_in_before_the_limit_resets_the_count(caseworker: User) -> None:
    client = english()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, caseworker.username, "not-the-password")
    assert log_in(client, caseworker.username, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))

    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, caseworker.username, "not-the-password")
        assert response.status_code == 200
    assert log_in(client, caseworker.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_password_spraying_from_one_address_locks_the_address_out(caseworker: User) -> None:
    client = english()
    for index in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        assert log_in(client, f"ktos{index}", "Haslo123!").status_code == 200
    assert log_in(client, "ktos-ostatni", "Haslo123!").status_code == 429

    response = log_in(client, caseworker.username, PASSWORD)

    assert response.status_code == 429
    assert LOCKED_OUT in response.text
    assert log_in(english(), caseworker.username, PASSWORD, REMOTE_ADDR="10.9.8.7").status_code == 302


@pytest.mark.django_db
def test_a_successful_log_in_does_not_clear_the_failures_of_its_address(
    caseworker: User, coordinator: User
) -> None:
    client = english()
    for index in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        log_in(client, f"ktos{index}", "Haslo123!")
    assert log_in(client, coordinator.username, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))

    assert log_in(client, "ktos-ostatni", "Haslo123!").status_code == 429
