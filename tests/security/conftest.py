"""Helpers for the security tests: sign in through the real form, make TOTP codes."""

import time
from binascii import unhexlify

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD


def code_for(key: str, *, steps_ahead: int = 0) -> str:
    """The six-digit code an authenticator app shows for this hex key now, or some
    30-second steps later (a code is accepted once, so a second sign-in needs a later one)."""
    generator = TOTP(unhexlify(key))
    generator.time = time.time() + 30 * steps_ahead
    return f"{generator.token():06d}"


def add_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.fixture
def sign_in_form(client):
    """POST the sign-in form, as a browser at `address` would."""

    def post(email, password=PASSWORD, *, address="192.0.2.10", follow=False):
        return client.post(
            reverse("login"),
            {"username": email, "password": password},
            REMOTE_ADDR=address,
            follow=follow,
        )

    return post
