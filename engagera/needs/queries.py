"""The manager's service-level view: open needs by age, response and resolution times, ratings."""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.http import Http404
from django.utils import timezone

from engagera.core.models import Membership
from engagera.people.queries import visible_people

from .models import CLOSED, Need

WINDOW_DAYS = 90
DEFAULT_TARGET_WORKING_DAYS = 5


def working_days_between(start: datetime, end: datetime) -> int:
    """Whole working days (Monday to Friday) from start's date to end's date."""
    first, last = start.date(), end.date()
    if last <= first:
        return 0
    days = (last - first).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (first + timedelta(days=weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count


def needs_visible(membership: Membership):
    return Need.objects.filter(
        organisation=membership.organisation, person__in=visible_people(membership)
    ).select_related("person")


def get_need(membership: Membership, pk: int) -> Need:
    try:
        return needs_visible(membership).get(pk=pk)
    except Need.DoesNotExist:
        raise Http404("No such need") from None


@dataclass
class ServiceLevel:
    open_needs: list
    median_first_response_hours: float | None
    median_resolution_days: float | None
    within_target: float | None  # share of needs closed within the target, last 90 days
    closed_count: int
    satisfaction: float | None  # mean rating 1-5
    ratings: int
    target_working_days: int


def service_level(
    membership: Membership,
    now: datetime | None = None,
    target_working_days: int = DEFAULT_TARGET_WORKING_DAYS,
) -> ServiceLevel:
    now = now or timezone.now()
    needs = needs_visible(membership)
    open_needs = list(needs.exclude(status__in=CLOSED).order_by("raised_at"))
    since = now - timedelta(days=WINDOW_DAYS)
    recent = list(
        needs.filter(raised_at__gte=since).values_list(
            "raised_at", "first_response_at", "resolved_at"
        )
    )
    responses = [(r - raised).total_seconds() / 3600 for raised, r, _ in recent if r]
    closed = [(raised, done) for raised, _, done in recent if done]
    resolutions = [(done - raised).total_seconds() / 86400 for raised, done in closed]
    within = [working_days_between(raised, done) <= target_working_days for raised, done in closed]
    ratings = list(needs.filter(rating__isnull=False).values_list("rating", flat=True))
    return ServiceLevel(
        open_needs=open_needs,
        median_first_response_hours=statistics.median(responses) if responses else None,
        median_resolution_days=statistics.median(resolutions) if resolutions else None,
        within_target=sum(within) / len(within) if within else None,
        closed_count=len(closed),
        satisfaction=statistics.fmean(ratings) if ratings else None,
        ratings=len(ratings),
        target_working_days=target_working_days,
    )


def age_days(need: Need, today: date) -> int:
    return (today - timezone.localtime(need.raised_at).date()).days
