"""Creating and revoking personal API tokens: the settings page and the CLI call these."""

import hashlib
import secrets
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from engagera.audit.actions import record
from engagera.core.errors import ActionError
from engagera.core.models import Membership

from .models import ApiToken, Scope

TOKEN_PREFIX = "eng_"  # noqa: S105  # a marker that makes leaked tokens easy to scan for
MAX_TOKENS = 20


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def do_create_token(
    membership: Membership, *, scope: str, name: str = "", expires_on: date | None = None
) -> tuple[ApiToken, str]:
    """A new token with the user's own permissions; returns it and the secret (shown once)."""
    if scope not in Scope.values:
        raise ActionError(_("Choose read only or read and write."), field="scope")
    if expires_on is not None and expires_on <= membership.organisation.today():
        raise ActionError(_("The expiry date must be in the future."), field="expires_on")
    if ApiToken.objects.filter(user=membership.user).count() >= MAX_TOKENS:
        raise ActionError(_("You have too many tokens: revoke one you no longer use."))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation=membership.organisation,
        user=membership.user,
        name=name.strip()[:80],
        scope=scope,
        token_hash=hash_token(secret),
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        expires_on=expires_on,
    )
    record(
        "api_token.created",
        organisation=membership.organisation,
        actor=membership.user,
        target=token,
        details={"scope": scope},
    )
    return token, secret


@transaction.atomic
def do_revoke_token(membership: Membership, token: ApiToken) -> None:
    if token.user_id != membership.user_id or token.organisation_id != membership.organisation_id:
        raise ActionError(_("That token is not yours."))
    record(
        "api_token.revoked",
        organisation=membership.organisation,
        actor=membership.user,
        target=token,
    )
    token.delete()
