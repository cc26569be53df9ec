"""Reads for accounts' security: a user's authenticator device, the admin rule."""

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from engagera.core.models import Membership


def device_for(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_required(membership: Membership | None) -> bool:
    """Admins must use two-factor authentication when their organisation says so."""
    return bool(
        membership is not None
        and membership.is_admin
        and membership.organisation.require_2fa_for_admins
    )
