"""Password reset by e-mail and password change, through the real forms."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import User

PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "Zielona-łąka-nad-Wisłą-42"
CHECK_YOUR_EMAIL = "Check your e-mail"
NO_LONGER_VALID = "This link is no longer valid"


def english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def request_reset(client: Client, email: str):
    return client.post(reverse("accounts:password_reset"), {"email": email}, follow=True)


def link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://testserver(/accounts/password-reset/[^/\s]+/[^/\s]+/)", str(message.body))
    assert match, message.body
    return match.group(1)


def set_new_password(client: Client, link: str, password: str = NEW_PASSWORD):
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    return client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
        follow=True,
    )


def can_log_in(username: str, password: str) -> bool:
    response = english().post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code == 302


@pytest.mark.django_db
def test_a_reset_request_sends_one_email_with_a_link_to_set_a_new_password(caseworker: User) -> None:
    response = request_reset(english(), caseworker.email)

    assert response.status_code == 200
    assert CHECK_YOUR_EMAIL in response.text
    [message] = mail.outbox
    assert message.to == [caseworker.email]
    link = link_in(message)
    assert link.startswith(reverse("accounts:password_reset_confirm", args=["x", "y"]).split("x/")[0])


@pytest.mark.django_db
def test_following_the_link_sets_a_password_that_logs_in(caseworker: User) -> None:
    client = english()
    request_reset(client, caseworker.email)

    done = set_new_password(client, link_in(mail.outbox[0]))

    assert done.redirect_chain[-1][0] == reverse("accounts:password_reset_complete")
    assert "Your password has been set" in done.text
    assert can_log_in(caseworker.username, NEW_PASSWORD)
    assert not can_log_in(caseworker.username, PASSWORD)


@pytest.mark.django_db
def test_a_used_link_is_no_longer_valid(caseworker: User) -> None:
    client = english()
    request_reset(client, caseworker.email)
    link = link_in(mail.outbox[0])
    set_new_password(client, link)

    response = english().get(link, follow=True)

    assert response.status_code == 200
    assert NO_LONGER_VALID in response.text


@pytest.mark.django_db
def test_a_tampered_link_shows_the_no_longer_valid_page(caseworker: User) -> None:
    request_reset(english(), caseworker.email)
    link = link_in(mail.outbox[0])
    uid, token = link.rstrip("/").split("/")[-2:]
    tampered = reverse("accounts:password_reset_confirm", args=[uid, token[:-3] + "abc"])

    response = english().get(tampered, follow=True)

    assert response.status_code == 200
    assert NO_LONGER_VALID in response.text


@pytest.mark.django_db
def test_a_link_with_a_garbled_user_id_shows_the_no_longer_valid_page(caseworker: User) -> None:
    response = english().get(reverse("accounts:password_reset_confirm", args=["%%%", "1-2"]), follow=True)

    assert response.status_code == 200
    assert NO_LONGER_VALID in response.text


@pytest.mark.django_db
def test_an_expired_link_shows_the_no_longer_valid_page(caseworker: User) -> None:
    request_reset(english(), caseworker.email)
    link = link_in(mail.outbox[0])
    # A day's margin: the token's clock is naive local time, which the UTC travel shifts by the offset.
    later = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT, days=1)

    with time_machine.travel(later):
        response = english().get(link, follow=True)

    assert response.status_code == 200
    assert NO_LONGER_VALID in response.text
    assert can_log_in(caseworker.username, PASSWORD)


@pytest.mark.django_db
def test_an_unknown_address_shows_the_same_page_and_sends_nothing(caseworker: User) -> None:
    known = request_reset(english(), caseworker.email)
    unknown = request_reset(english(), "nobody@example.org")

    assert unknown.status_code == known.status_code == 200
    assert unknown.redirect_chain == known.redirect_chain
    assert CHECK_YOUR_EMAIL in unknown.text
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_weak_new_password_is_refused_with_a_message_naming_the_field(caseworker: User) -> None:
    client = english()
    request_reset(client, caseworker.email)

    response = set_new_password(client, link_in(mail.outbox[0]), password="12345")

    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    assert can_log_in(caseworker.username, PASSWORD)


@pytest.mark.django_db
def test_a_password_reset_lifts_a_lock_out(caseworker: User) -> None:
    client = english()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": caseworker.username, "password": "wrong"})
    assert not can_log_in(caseworker.username, PASSWORD)

    request_reset(client, caseworker.email)
    set_new_password(client, link_in(mail.outbox[0]))

    assert can_log_in(caseworker.username, NEW_PASSWORD)


@pytest.mark.django_db
def test_the_reset_email_is_in_the_language_of_the_request(caseworker: User) -> None:
    request_reset(english(), caseworker.email)

    assert mail.outbox[0].subject == "Reintegra: set a new password"


@pytest.mark.django_db
def test_a_logged_in_user_can_change_their_password(caseworker: User) -> None:
    client = english()
    client.post(reverse("accounts:login"), {"username": caseworker.username, "password": PASSWORD})

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("accounts:password_change_done")
    assert response.context["user"].is_authenticated
    assert can_log_in(caseworker.username, NEW_PASSWORD)


@pytest.mark.django_db
def test_a_wrong_old_password_is_refused_with_a_message_naming_the_field(caseworker: User) -> None:
    client = english()
    client.post(reverse("accounts:login"), {"username": caseworker.username, "password": PASSWORD})

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    assert can_log_in(caseworker.username, PASSWORD)


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in_before_changing_a_password(db: None) -> None:
    response = english().get(reverse("accounts:password_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
