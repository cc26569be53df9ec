"""Writes for sign-in security: two-factor authentication and ending sessions.

Views call these and then bring the current session up to date (see views.py).
"""

import hashlib
import secrets
import time
from base64 import b32encode
from binascii import unhexlify
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from engagera.audit.actions import organisation_of, record
from engagera.core.errors import ActionError
from engagera.core.mail import send_templated_email
from engagera.core.models import Membership, User

from . import queries
from .models import LinkPurpose, SignInLink

TOLERANCE = 1  # accept the previous and the next 30-second code too: phone clocks drift
RECOVERY_CODES = 10


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


def is_recovery_code(code: str) -> bool:
    """Recovery codes are 8 letters and digits (base32); app codes are 6 digits."""
    return len(code) == 8 and code.isalnum()


def do_verify_two_factor(user: User, code: str, *, request=None) -> None:
    """Check a sign-in code (or a recovery code) against the user's devices; wrong codes
    slow further tries."""
    device = queries.device_for(user)
    if device is None:
        raise ActionError(_("Two-factor authentication is not on."))
    code = "".join(str(code).split()).replace("-", "").lower()
    if is_recovery_code(code):
        _use_recovery_code(user, code, request=request)
        return
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


def _use_recovery_code(user: User, code: str, *, request=None) -> None:
    codes = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if codes is None:
        record("auth.2fa_failed", actor=user, target=user, request=request)
        raise ActionError(_("That recovery code is not right."), field="code")
    allowed, _details = codes.verify_is_allowed()
    if not allowed:
        raise ActionError(
            _("Too many wrong codes in a row. Wait a while, then try again."), field="code"
        )
    if not codes.verify_token(code):  # a used code is deleted, so it works once
        record("auth.2fa_failed", actor=user, target=user, request=request)
        raise ActionError(_("That recovery code is not right."), field="code")
    record(
        "auth.2fa_recovery_code_used",
        actor=user,
        target=user,
        request=request,
        details={"left": queries.recovery_codes_left(user)},
    )


@transaction.atomic
def do_create_recovery_codes(user: User, *, request=None) -> list[str]:
    """New one-time recovery codes for a lost phone; the old ones stop working.

    Shown once. Stored as django-otp keeps them, like the app's secret key.
    """
    if not queries.has_device(user):
        raise ActionError(_("Turn on two-factor authentication first."))
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = []
    while len(codes) < RECOVERY_CODES:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    record("auth.2fa_recovery_codes_created", actor=user, target=user, request=request)
    return codes


def readable(code: str) -> str:
    """'abcd2345' as 'abcd-2345': easier to copy by hand; the dash is optional when typed."""
    return f"{code[:4]}-{code[4:]}"


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
        StaticDevice.objects.filter(user=user).delete()
        record("auth.2fa_disabled", actor=user, target=user, request=request)


@transaction.atomic
def do_reset_two_factor(user: User) -> int:
    """For the operator when someone lost their phone: remove the device, end all sessions."""
    removed, _counts = TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    do_end_other_sessions(user)
    record("auth.2fa_reset", target=user, organisation=organisation_of(user))
    return removed


# --- Sign-in by emailed link, and invitations -------------------------------------------

SIGN_IN_LINK_LIFETIME = timedelta(minutes=15)
INVITATION_LIFETIME = timedelta(days=7)
# More unused links than this within one lifetime: no new email (stops mail bombing).
MAX_OPEN_LINKS = 3


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_link(user: User, purpose: str, lifetime: timedelta, invited_by=None) -> str:
    secret = secrets.token_urlsafe(32)
    SignInLink.objects.create(
        user=user,
        purpose=purpose,
        token_hash=_digest(secret),
        expires_at=timezone.now() + lifetime,
        invited_by=invited_by,
    )
    return secret


def _language_of(user: User, organisation) -> str:
    return user.language or organisation.language


@transaction.atomic
def do_send_sign_in_link(email: str, *, link_url, request=None) -> bool:
    """Email a sign-in link when the address has an active account with an organisation.

    Returns whether a link was sent, for tests and the CLI only: the page must say the
    same thing either way, so nobody learns which addresses have an account.
    ``link_url`` turns the secret into the absolute address of the link page.
    """
    email = (email or "").strip().lower()
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(user__email__iexact=email, user__is_active=True)
        .order_by("id")
        .first()
    )
    if membership is None:
        return False
    user = membership.user
    recent = SignInLink.objects.filter(
        user=user,
        purpose=LinkPurpose.SIGN_IN,
        used_at__isnull=True,
        created_at__gte=timezone.now() - SIGN_IN_LINK_LIFETIME,
    ).count()
    if recent >= MAX_OPEN_LINKS:
        record("auth.link_refused", actor=None, target=user, organisation=membership.organisation)
        return False
    secret = _new_link(user, LinkPurpose.SIGN_IN, SIGN_IN_LINK_LIFETIME)
    send_templated_email(
        [user.email],
        "security/email/sign_in_link",
        {
            "user": user,
            "link": link_url(secret),
            "minutes": int(SIGN_IN_LINK_LIFETIME.total_seconds() // 60),
            "organisation": membership.organisation,
        },
        _language_of(user, membership.organisation),
    )
    record("auth.link_sent", target=user, organisation=membership.organisation, request=request)
    return True


def usable_link(secret: str) -> SignInLink | None:
    """The link for a secret if it can still be used; looking does not use it up."""
    link = (
        SignInLink.objects.select_related("user")
        .filter(token_hash=_digest(secret or ""), used_at__isnull=True)
        .first()
    )
    if link is None or not link.is_usable or not link.user.is_active:
        return None
    return link


@transaction.atomic
def do_use_sign_in_link(secret: str, *, request=None) -> User:
    """Spend the link: it works once, and only before it expires."""
    link = usable_link(secret)
    # The conditional update makes two simultaneous clicks spend it once only.
    if (
        link is None
        or SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        != 1
    ):
        raise ActionError(_("This sign-in link has expired or has already been used."))
    record("auth.link_used", actor=link.user, target=link.user, request=request)
    return link.user


def invitable_people(membership: Membership):
    """People the leader can see who have an email address but no account yet."""
    from engagera.people.queries import visible_people

    taken = User.objects.filter(email__iexact=OuterRef("email"))
    return (
        visible_people(membership)
        .filter(user__isnull=True, left_on__isnull=True)
        .exclude(email="")
        .exclude(Exists(taken))
        .order_by("full_name")
    )


@transaction.atomic
def do_invite_people(membership: Membership, people, *, link_url, request=None) -> list:
    """Create member accounts for these people and email each an invitation.

    Only people the leader may invite count; anyone else is left out silently (the form
    offered only invitable people). Returns the people invited.
    """
    from engagera.core.actions import do_create_user
    from engagera.core.models import Role

    if not membership.can_lead:
        raise ActionError(_("Only managers and administrators can invite people."))
    allowed = invitable_people(membership).filter(pk__in=[p.pk for p in people])
    organisation = membership.organisation
    invited = []
    for person in allowed:
        try:
            with transaction.atomic():  # one bad address must not stop the others
                user = do_create_user(
                    person.email,
                    organisation,
                    Role.MEMBER,
                    password=None,
                    full_name=person.full_name,
                    check_password=False,
                )
        except ActionError:
            continue
        person.user = user
        person.save(update_fields=["user"])
        secret = _new_link(
            user, LinkPurpose.INVITATION, INVITATION_LIFETIME, invited_by=membership.user
        )
        send_templated_email(
            [user.email],
            "security/email/invitation",
            {
                "person": person,
                "inviter": membership.user,
                "organisation": organisation,
                "link": link_url(secret),
                "days": INVITATION_LIFETIME.days,
            },
            organisation.language,
        )
        record("auth.invited", actor=membership.user, target=user, organisation=organisation)
        invited.append(person)
    return invited
