"""Writes of the reminders area: the web pages and the unsubscribe link call these."""

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from engagera.audit.actions import record
from engagera.core.errors import ActionError
from engagera.core.models import Membership, Role

from . import webhooks
from .models import CalendarFeed, DigestPreference, Webhook


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _require_leader(membership: Membership) -> None:
    if membership.role not in (Role.MANAGER, Role.ADMIN):
        raise ActionError(_("Only managers and administrators get the digest."))


@transaction.atomic
def do_save_digest_preference(
    membership: Membership,
    *,
    weekly: bool,
    weekday: int | None,
    hour: int | None,
    daily_nudge: bool,
) -> DigestPreference:
    _require_leader(membership)
    if weekday is not None and not 0 <= weekday <= 6:
        raise ActionError(_("Choose a weekday."), field="weekday")
    if hour is not None and not 0 <= hour <= 23:
        raise ActionError(_("Choose an hour from 0 to 23."), field="hour")
    pref, _created = DigestPreference.objects.update_or_create(
        organisation=membership.organisation,
        user=membership.user,
        defaults={"weekly": weekly, "weekday": weekday, "hour": hour, "daily_nudge": daily_nudge},
    )
    return pref


@transaction.atomic
def do_unsubscribe(membership: Membership) -> DigestPreference:
    """The link in every digest: no more digest or nudges, no sign-in needed."""
    pref, _created = DigestPreference.objects.update_or_create(
        organisation=membership.organisation,
        user=membership.user,
        defaults={"weekly": False, "daily_nudge": False},
    )
    record(
        "digest.unsubscribed",
        organisation=membership.organisation,
        actor=membership.user,
        target=pref,
    )
    return pref


@transaction.atomic
def do_regenerate_calendar_feed(membership: Membership) -> str:
    """A new secret address for the calendar; the old one stops working. Returns the secret."""
    _require_leader(membership)
    secret = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(organisation=membership.organisation, user=membership.user).delete()
    feed = CalendarFeed.objects.create(
        organisation=membership.organisation, user=membership.user, secret_hash=hash_secret(secret)
    )
    record(
        "calendar_feed.regenerated",
        organisation=membership.organisation,
        actor=membership.user,
        target=feed,
    )
    return secret


@transaction.atomic
def do_revoke_calendar_feed(membership: Membership) -> int:
    deleted, _ = CalendarFeed.objects.filter(
        organisation=membership.organisation, user=membership.user
    ).delete()
    return deleted


@transaction.atomic
def do_save_webhook(membership: Membership, *, url: str, active: bool) -> Webhook:
    if membership.role != Role.ADMIN:
        raise ActionError(_("Only administrators can change this."))
    url = url.strip()
    if url and not url.lower().startswith(("https://", "http://")):
        raise ActionError(_("The address must start with https://."), field="url")
    if url and not settings.WEBHOOK_ALLOW_PRIVATE and webhooks.private_host(url):
        raise ActionError(
            _(
                "This address is inside a private network. Engagera posts only to public "
                "addresses unless the server is started with ENGAGERA_WEBHOOK_ALLOW_PRIVATE=1."
            ),
            field="url",
        )
    hook, _created = Webhook.objects.update_or_create(
        organisation=membership.organisation, defaults={"url": url, "active": active}
    )
    record(
        "webhook.changed",
        organisation=membership.organisation,
        actor=membership.user,
        target=hook,
        details={"active": active, "set": bool(url)},
    )
    return hook
