"""Writes for sign-in security: two-factor authentication and ending sessions.

Views call these and then bring the current session up to date (see views.py).
"""

import time
from base64 import b32encode
from binascii import unhexlify

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from engagera.audit.actions import organisation_of, record
from engagera.core.errors import ActionError
from engagera.core.models import Membership, User

from . import queries

TOLERANCE = 1  # accept the previous and the next 30-second code too: phone clocks drift


def new_secret() -> str:
    """20 random bytes, hex-encoded, as django-otp stores TOTP keys."""
    return random_hex(20)


def secret_for_people(secret: str) -> str:
    """The secret in base32, as authenticator apps take it when typed, in groups of four."""
    text = b32encode(unhexlify(secret)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def otpauth_url(user: User, secret: str) -> str:
    """What the QR code holds: the secret, the account and the issuer for the app."""
    return TOTPDevice(user=user, key=secret).config_url


def _as_number(code: str) -> int | None:
    code = "".join(str(code).split())
    return int(code) if code.isdigit() else None


def _wrong_code() -> ActionError:
    return ActionError(
        _(
            "That code is not right. Check that your phone's clock is correct, then try the newest code."
        ),
        field="code",
    )


def do_end_other_sessions(user: User) -> None:
    """Sign the user out everywhere: every session's auth hash includes the epoch."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])


@transaction.atomic
def do_enable_two_factor(user: User, secret: str, code: str, *, request=None) -> TOTPDevice:
    """Confirm the app shows the same codes as the secret, then require codes from now on.

    The user's other sessions end: they were opened without a second factor.
    """
    if queries.has_device(user):
        raise ActionError(_("Two-factor authentication is already on."))
    number = _as_number(code)
    totp = TOTP(unhexlify(secret))
    totp.time = time.time()
    if number is None or not totp.verify(number, tolerance=TOLERANCE):
        raise _wrong_code()
    device = TOTPDevice.objects.create(
        user=user,
        name=_("Authenticator app"),
        key=secret,
        confirmed=True,
        last_t=totp.t(),  # the code just used cannot be used again to sign in
    )
    do_end_other_sessions(user)
    record("auth.2fa_enabled", actor=user, target=user, request=request)
    return device


def do_verify_two_factor(user: User, code: str, *, request=None) -> None:
    """Check a sign-in code against the user's device; wrong codes slow further tries."""
    device = queries.device_for(user)
    if device is None:
        raise ActionError(_("Two-factor authentication is not on."))
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise ActionError(
            _("Too many wrong codes in a row. Wait a while, then try again."), field="code"
        )
    number = _as_number(code)
    if number is None:
        device.throttle_increment()
    if number is None or not device.verify_token(number):  # verify_token counts failures
        record("auth.2fa_failed", actor=user, target=user, request=request)
        raise _wrong_code()


def do_disable_two_factor(
    user: User, code: str, *, membership: Membership | None, request=None
) -> None:
    if queries.two_factor_required(membership):
        raise ActionError(
            _(
                "Your organisation requires administrators to use two-factor authentication, "
                "so it cannot be turned off."
            )
        )
    # Not one transaction with the check: a wrong code's throttling and audit entry must stay.
    do_verify_two_factor(user, code, request=request)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        record("auth.2fa_disabled", actor=user, target=user, request=request)


@transaction.atomic
def do_reset_two_factor(user: User) -> int:
    """For the operator when someone lost their phone: remove the device, end all sessions."""
    removed, _counts = TOTPDevice.objects.filter(user=user).delete()
    do_end_other_sessions(user)
    record("auth.2fa_reset", target=user, organisation=organisation_of(user))
    return removed
