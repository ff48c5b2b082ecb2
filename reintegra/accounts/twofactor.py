"""TOTP two-factor authentication (django-otp): enrolment and confirmation of a log-in."""

from __future__ import annotations

import math
from base64 import b32encode

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from reintegra.accounts.models import User

DEVICE_NAME = "default"


def device_confirmed_for(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def device_pending_for(user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"))


def secret_of(device: TOTPDevice) -> str:
    """The key in the form authenticator apps accept when typed in (base32, no padding)."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def device_confirm(request: HttpRequest, device: TOTPDevice, code: str) -> None:
    """Confirms enrolment (or a log-in) when the code matches and marks the session verified.

    Raises ValidationError with a message for the code field otherwise. After wrong codes
    django-otp refuses even a right one for a growing delay, so that case says how long to wait
    rather than calling a correct code wrong. Not one transaction: the failure count that
    django-otp saves on a wrong code must stay when the error is raised.
    """
    allowed, details = device.verify_is_allowed()
    if not allowed:
        raise _throttled_error(details)
    if not device.verify_token(code):
        raise ValidationError(
            _("This code is not correct or has expired. Enter the current code."), code="wrong_code"
        )
    if not device.confirmed:
        with transaction.atomic():
            TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
    otp_login(request, device)


def _throttled_error(details: dict[str, object] | None) -> ValidationError:
    locked_until = (details or {}).get("locked_until")
    seconds = 1
    if locked_until is not None:
        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))  # type: ignore[operator]
    return ValidationError(
        ngettext(
            "Too many wrong codes. Wait %(seconds)d second and enter the current code.",
            "Too many wrong codes. Wait %(seconds)d seconds and enter the current code.",
            seconds,
        )
        % {"seconds": seconds},
        code="throttled",
    )
