"""Reads of the reminders area, scoped from the membership (or a feed's secret)."""

from django.utils import timezone

from engagera.core.models import Membership

from .actions import hash_secret
from .models import CalendarFeed, DigestPreference, Webhook


def digest_preference(membership: Membership) -> DigestPreference | None:
    return DigestPreference.objects.filter(
        organisation=membership.organisation, user=membership.user
    ).first()


def calendar_feed(membership: Membership) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(
        organisation=membership.organisation, user=membership.user
    ).first()


def membership_for_feed(secret: str) -> Membership | None:
    feed = CalendarFeed.objects.filter(secret_hash=hash_secret(secret)).first()
    if feed is None:
        return None
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(organisation_id=feed.organisation_id, user_id=feed.user_id, user__is_active=True)
        .first()
    )
    if membership is not None:
        now = timezone.now()
        if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 3600:
            CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return membership


def webhook(membership: Membership) -> Webhook | None:
    return Webhook.objects.filter(organisation=membership.organisation).first()
