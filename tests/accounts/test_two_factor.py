"""Two-factor authentication: an administrator requires it, staff enrol and confirm log-ins.

Codes are computed as an authenticator app would, from the device's key (django_otp.oath.totp).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from reintegra.accounts.models import Organisation, Role, User
from reintegra.audit.models import AuditEntry
from tests.conftest import client_for
from tests.factories import member

PASSWORD = "correct-horse-battery"
TWO_FACTOR = reverse("accounts:twofactor")


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{value:0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    """A code that matches none of the steps django-otp tolerates around now."""
    accepted = {code_for(device, steps) for steps in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in accepted)


def log_in(user: User, next_url: str = "") -> tuple[Client, object]:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        f"{reverse('accounts:login')}?next={next_url}" if next_url else reverse("accounts:login"),
        {"username": user.username, "password": PASSWORD, "next": next_url},
        follow=True,
    )
    return client, response


def require_2fa(organisation: Organisation) -> None:
    Organisation.objects.filter(pk=organisation.pk).update(require_2fa_for_staff=True)


def enrol(client: Client, user: User) -> None:
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(TWO_FACTOR, {"code": code_for(device)})
    assert response.status_code == 302


def security_url(organisation: Organisation) -> str:
    return reverse("accounts:organisation_security", args=[organisation.pk])


# --- The organisation's setting ---------------------------------------------------------


@pytest.mark.django_db
def test_an_org_admin_requires_2fa_and_the_change_is_audited_with_before_and_after(
    org_admin: User, organisation: Organisation
) -> None:
    client = client_for(org_admin)
    page = client.get(security_url(organisation))
    assert page.status_code == 200
    assert 'name="require_2fa_for_staff"' in page.text

    response = client.post(security_url(organisation), {"require_2fa_for_staff": "on"})

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.require_2fa_for_staff
    [entry] = AuditEntry.objects.filter(
        content_type__model="organisation", object_pk=str(organisation.pk), action=AuditEntry.Action.UPDATE
    )
    assert entry.actor == org_admin
    assert entry.changes["require_2fa_for_staff"] == ["False", "True"]
    assert organisation in entry.organisations.all()


@pytest.mark.django_db
def test_unticking_the_box_switches_the_requirement_off(org_admin: User, organisation: Organisation) -> None:
    require_2fa(organisation)
    client = client_for(org_admin)
    client.get(TWO_FACTOR)
    enrol(client, org_admin)

    response = client.post(security_url(organisation), {})

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert not organisation.require_2fa_for_staff
    entry = AuditEntry.objects.get(content_type__model="organisation", action=AuditEntry.Action.UPDATE)
    assert entry.changes["require_2fa_for_staff"] == ["True", "False"]


@pytest.mark.django_db
def test_saving_the_setting_unchanged_writes_no_audit_entry(
    org_admin: User, organisation: Organisation
) -> None:
    response = client_for(org_admin).post(security_url(organisation), {})

    assert response.status_code == 302
    assert not AuditEntry.objects.filter(
        content_type__model="organisation", action=AuditEntry.Action.UPDATE
    ).exists()


@pytest.mark.django_db
def test_an_admin_of_another_organisation_gets_404_on_its_security_page(
    outsider_admin: User, organisation: Organisation
) -> None:
    client = client_for(outsider_admin)

    assert client.get(security_url(organisation)).status_code == 404
    assert client.post(security_url(organisation), {"require_2fa_for_staff": "on"}).status_code == 404
    organisation.refresh_from_db()
    assert not organisation.require_2fa_for_staff


@pytest.mark.django_db
def test_a_caseworker_may_not_change_the_security_settings(
    caseworker: User, organisation: Organisation
) -> None:
    response = client_for(caseworker).post(security_url(organisation), {"require_2fa_for_staff": "on"})

    assert response.status_code in {403, 404}
    organisation.refresh_from_db()
    assert not organisation.require_2fa_for_staff


@pytest.mark.django_db
def test_the_admin_who_switches_it_on_must_enrol_too(org_admin: User, organisation: Organisation) -> None:
    client = client_for(org_admin)

    response = client.post(security_url(organisation), {"require_2fa_for_staff": "on"}, follow=True)

    assert response.redirect_chain[-1][0].startswith(TWO_FACTOR)


# --- Who is forced ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_caseworker_is_sent_to_enrol_on_every_page_until_enrolled(
    caseworker: User, organisation: Organisation
) -> None:
    require_2fa(organisation)
    client, response = log_in(caseworker)

    assert response.redirect_chain[-1][0] == f"{TWO_FACTOR}?next=%2F"
    for name in ("home", "accounts:my_profile", "accounts:password_change"):
        page = client.get(reverse(name))
        assert page.status_code == 302
        assert page["Location"].startswith(TWO_FACTOR)


@pytest.mark.django_db
def test_a_requirement_switched_on_applies_to_someone_already_logged_in(
    caseworker: User, organisation: Organisation
) -> None:
    client = client_for(caseworker)
    assert client.get(reverse("home")).status_code == 200

    require_2fa(organisation)

    assert client.get(reverse("home"))["Location"].startswith(TWO_FACTOR)


@pytest.mark.django_db
def test_the_page_asked_for_is_kept_whole_in_next(caseworker: User, organisation: Organisation) -> None:
    require_2fa(organisation)
    client = client_for(caseworker)

    response = client.get(f"{reverse('accounts:my_profile')}?a=1&b=2")

    assert response["Location"] == f"{TWO_FACTOR}?next=%2Faccounts%2Fprofile%2F%3Fa%3D1%26b%3D2"


@pytest.mark.django_db
def test_an_htmx_request_is_sent_to_the_2fa_page_as_a_whole_page(
    caseworker: User, organisation: Organisation
) -> None:
    require_2fa(organisation)

    response = client_for(caseworker).get(reverse("home"), HTTP_HX_REQUEST="true")

    assert response["HX-Redirect"].startswith(TWO_FACTOR)


@pytest.mark.django_db
def test_the_api_refuses_a_user_who_owes_a_code_with_a_json_error(
    caseworker: User, organisation: Organisation
) -> None:
    require_2fa(organisation)

    response = client_for(caseworker).get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"


@pytest.mark.django_db
def test_a_user_who_owes_a_code_can_still_log_out_and_switch_language(
    caseworker: User, organisation: Organisation
) -> None:
    require_2fa(organisation)
    client = client_for(caseworker)

    language = client.post(reverse("set_language"), {"language": "en", "next": TWO_FACTOR})
    logout = client.post(reverse("accounts:logout"))

    assert language["Location"] == TWO_FACTOR
    assert logout["Location"] == reverse("accounts:login")
    assert not client.get(reverse("accounts:login")).context["user"].is_authenticated


@pytest.mark.django_db
def test_a_participant_of_the_same_organisation_is_not_forced(
    participant: User, organisation: Organisation
) -> None:
    require_2fa(organisation)

    _client, response = log_in(participant)

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_employer_contact_of_the_same_organisation_is_not_forced(organisation: Organisation) -> None:
    contact = member(organisation, Role.EMPLOYER_CONTACT, username="kontakt.pracodawcy")
    require_2fa(organisation)

    _client, response = log_in(contact)

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert response.status_code == 200


@pytest.mark.django_db
def test_staff_of_an_organisation_that_does_not_require_it_are_not_forced(
    outsider: User, organisation: Organisation
) -> None:
    require_2fa(organisation)

    _client, response = log_in(outsider)

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert response.status_code == 200


# --- Enrolment and confirmation ---------------------------------------------------------


@pytest.mark.django_db
def test_enrolment_shows_a_qr_code_and_the_secret(caseworker: User, organisation: Organisation) -> None:
    require_2fa(organisation)
    _client, response = log_in(caseworker)

    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    assert response.context["enrolling"]
    assert "<svg" in response.text
    assert response.context["secret"] in response.text
    assert f"secret={response.context['secret']}" in device.config_url


@pytest.mark.django_db
def test_a_wrong_code_is_refused_with_a_message_on_the_code_field(
    caseworker: User, organisation: Organisation
) -> None:
    require_2fa(organisation)
    client, _response = log_in(caseworker)
    device = TOTPDevice.objects.get(user=caseworker)

    response = client.post(TWO_FACTOR, {"code": wrong_code_for(device)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "This code is not correct or has expired. Enter the current code."
    ]
    assert "<svg" in response.text
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("home"))["Location"].startswith(TWO_FACTOR)


@pytest.mark.django_db
def test_a_code_that_is_not_six_digits_is_refused_with_a_message_on_the_code_field(
    caseworker: User, organisation: Organisation
) -> None:
    require_2fa(organisation)
    client = client_for(caseworker)

    response = client.post(TWO_FACTOR, {"code": "12ab"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["Enter the 6-digit code shown in the app."]


@pytest.mark.django_db
def test_the_right_code_confirms_the_device_and_lets_the_worker_through(
    caseworker: User, organisation: Organisation
) -> None:
    require_2fa(organisation)
    client, _response = log_in(caseworker, next_url=reverse("accounts:my_profile"))
    device = TOTPDevice.objects.get(user=caseworker)

    response = client.post(
        f"{TWO_FACTOR}?next={reverse('accounts:my_profile')}", {"code": f" {code_for(device)} "}, follow=True
    )

    assert response.redirect_chain[0] == (reverse("accounts:my_profile"), 302)
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_after_wrong_codes_the_page_says_how_long_to_wait(
    caseworker: User, organisation: Organisation
) -> None:
    require_2fa(organisation)
    client, _response = log_in(caseworker)
    device = TOTPDevice.objects.get(user=caseworker)
    now = timezone.now()

    # django-otp doubles the wait after each failure: 1 s, 2 s, 4 s.
    for seconds in (0, 1, 3):
        with time_machine.travel(now + timedelta(seconds=seconds), tick=False):
            client.post(TWO_FACTOR, {"code": wrong_code_for(device)})
    with time_machine.travel(now + timedelta(seconds=4), tick=False):
        throttled = client.post(TWO_FACTOR, {"code": code_for(device)})
    with time_machine.travel(now + timedelta(seconds=8), tick=False):
        accepted = client.post(TWO_FACTOR, {"code": code_for(device)})

    assert throttled.context["form"].errors["code"] == [
        "Too many wrong codes. Wait 3 seconds and enter the current code."
    ]
    assert accepted.status_code == 302


@pytest.mark.django_db
def test_the_next_log_in_asks_for_a_code_without_a_qr_code(
    caseworker: User, organisation: Organisation
) -> None:
    require_2fa(organisation)
    client, _response = log_in(caseworker)
    enrol(client, caseworker)
    client.post(reverse("accounts:logout"))

    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        client, response = log_in(caseworker)
        device = TOTPDevice.objects.get(user=caseworker)

        assert response.redirect_chain[-1][0].startswith(TWO_FACTOR)
        assert not response.context["enrolling"]
        assert "<svg" not in response.text
        assert device.key not in response.text
        assert "Enter the current 6-digit code" in response.text
        assert client.get(reverse("home")).status_code == 302

        confirmed = client.post(TWO_FACTOR, {"code": code_for(device)})

        assert confirmed.status_code == 302
        assert client.get(reverse("home")).status_code == 200
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1


@pytest.mark.django_db
def test_a_code_cannot_be_used_twice(caseworker: User, organisation: Organisation) -> None:
    require_2fa(organisation)
    client, _response = log_in(caseworker)
    device = TOTPDevice.objects.get(user=caseworker)
    code = code_for(device)
    client.post(TWO_FACTOR, {"code": code})
    client.post(reverse("accounts:logout"))

    client, _response = log_in(caseworker)
    response = client.post(TWO_FACTOR, {"code": code})

    assert response.status_code == 200
    assert "code" in response.context["form"].errors


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/"]
)
@pytest.mark.django_db
def test_next_after_2fa_cannot_send_the_user_to_another_site(
    caseworker: User, organisation: Organisation, target: str
) -> None:
    require_2fa(organisation)
    client, _response = log_in(caseworker)
    device = TOTPDevice.objects.get(user=caseworker)

    response = client.post(f"{TWO_FACTOR}?next={target}", {"code": code_for(device), "next": target})

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_the_2fa_page_is_in_polish_by_default(caseworker: User, organisation: Organisation) -> None:
    require_2fa(organisation)

    response = client_for(caseworker).get(TWO_FACTOR)

    assert response.status_code == 200
    assert '<html lang="pl">' in response.text
