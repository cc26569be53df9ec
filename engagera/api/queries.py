"""Reads for API tokens, always from the membership (or, for a request, the token's hash)."""

from django.http import Http404
from django.utils import timezone

from engagera.core.models import Membership

from .actions import hash_token
from .models import ApiToken


def tokens_of(membership: Membership):
    return ApiToken.objects.filter(organisation=membership.organisation, user=membership.user)


def get_token(membership: Membership, pk: int) -> ApiToken:
    try:
        return tokens_of(membership).get(pk=pk)
    except ApiToken.DoesNotExist:
        raise Http404("No such token") from None


def authenticate(secret: str) -> tuple[ApiToken, Membership] | None:
    """The live token and its membership for a presented secret, or None."""
    token = (
        ApiToken.objects.select_related("user", "organisation")
        .filter(token_hash=hash_token(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.expires_on is not None and token.expires_on < token.organisation.today():
        return None
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(user=token.user, organisation=token.organisation)
        .first()
    )
    if membership is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        # At most one write per five minutes per token: reads stay reads.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token, membership
