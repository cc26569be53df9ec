"""Periodic work without cron: each worker calls :func:`schedule_due` now and then.

A job for a slot (a manager's digest in one ISO week, one organisation's retention on one
day) is enqueued in the same transaction that inserts the slot's unique key. A second
worker inserting the same key fails the unique constraint and enqueues nothing, so two
workers never schedule the same work twice; with the database backend a job and its slot
commit or roll back together.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from engagera.core.models import Membership, Organisation, Role

from . import tasks
from .models import DigestPreference, PeriodicSlot

log = logging.getLogger(__name__)

# A digest whose moment was missed (no worker running) is still sent within this window;
# later it would be stale, and the next week's comes anyway.
DIGEST_GRACE = timedelta(hours=12)
RETENTION_HOUR = 3  # local time: quiet hours
SURVEY_REMINDER_DAYS = 2  # the automatic reminder goes this many days before a round closes
SURVEY_REMINDER_HOUR = 9  # local time: a working hour


def claim_slot(key: str) -> bool:
    """Insert the slot's key; False if another worker (or an earlier run) already has it.

    Call inside a transaction: the savepoint keeps a duplicate from spoiling it.
    """
    try:
        with transaction.atomic():
            PeriodicSlot.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def digest_moment(organisation: Organisation, pref: DigestPreference | None, now: datetime):
    """This week's moment (aware) for the digest, in the organisation's time zone."""
    weekday = pref.weekday if pref and pref.weekday is not None else organisation.digest_weekday
    hour = pref.hour if pref and pref.hour is not None else organisation.digest_hour
    local = timezone.localtime(now, organisation.tzinfo)
    monday = local.date() - timedelta(days=local.weekday())
    day = monday + timedelta(days=weekday)
    return datetime(day.year, day.month, day.day, hour, tzinfo=organisation.tzinfo)


def digest_slot(membership: Membership, moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"digest:{membership.pk}:{year}-W{week:02d}"


def _leaders():
    return Membership.objects.filter(role__in=(Role.MANAGER, Role.ADMIN)).select_related(
        "organisation", "user"
    )


def schedule_due(now: datetime | None = None) -> list[str]:
    """Enqueue every periodic job whose moment has come and that no one enqueued yet."""
    now = now or timezone.now()
    enqueued: list[str] = []
    prefs = {(p.organisation_id, p.user_id): p for p in DigestPreference.objects.all()}
    for membership in _leaders().filter(user__is_active=True).order_by("pk"):
        organisation = membership.organisation
        pref = prefs.get((organisation.pk, membership.user_id))
        if pref is not None and not pref.weekly:
            continue
        moment = digest_moment(organisation, pref, now)
        if not moment <= now < moment + DIGEST_GRACE:
            continue
        key = digest_slot(membership, moment)
        with transaction.atomic():
            if claim_slot(key):
                tasks.send_weekly_digest.enqueue(membership.pk, key)
                enqueued.append(key)
    for pref in DigestPreference.objects.filter(daily_nudge=True).select_related("organisation"):
        organisation = pref.organisation
        local = timezone.localtime(now, organisation.tzinfo)
        hour = pref.hour if pref.hour is not None else organisation.digest_hour
        if local.weekday() >= 5 or local.hour < hour:
            continue
        membership = _leaders().filter(organisation=organisation, user_id=pref.user_id).first()
        if membership is None:
            continue
        key = f"nudge:{membership.pk}:{local.date().isoformat()}"
        with transaction.atomic():
            if claim_slot(key):
                tasks.send_daily_nudge.enqueue(membership.pk, key)
                enqueued.append(key)
    for organisation in Organisation.objects.order_by("pk"):
        local = timezone.localtime(now, organisation.tzinfo)
        if local.hour < RETENTION_HOUR:
            continue
        key = f"retention:{organisation.pk}:{local.date().isoformat()}"
        with transaction.atomic():
            if claim_slot(key):
                tasks.apply_retention.enqueue(organisation.pk)
                enqueued.append(key)
    enqueued += _survey_jobs(now)
    key = f"prune:{now.date().isoformat()}"
    with transaction.atomic():
        if claim_slot(key):
            tasks.prune_finished_jobs.enqueue()
            enqueued.append(key)
    key = f"analyze:{now.date().isoformat()}"
    with transaction.atomic():
        if claim_slot(key):
            tasks.refresh_planner_statistics.enqueue()
            enqueued.append(key)
    return enqueued


def _survey_jobs(now: datetime) -> list[str]:
    """Invitations for rounds that have opened (hourly: it only sends what is unsent), and
    one reminder per round two days before it closes."""
    from engagera.surveys.models import Round

    enqueued = []
    key = f"survey-invitations:{now:%Y-%m-%dT%H}"
    with transaction.atomic():
        if claim_slot(key):
            tasks.send_survey_invitations.enqueue()
            enqueued.append(key)
    horizon = now.date() + timedelta(days=SURVEY_REMINDER_DAYS + 1)
    rounds = Round.objects.filter(
        closed_early=False, closes_on__gte=now.date() - timedelta(days=1), closes_on__lte=horizon
    ).select_related("organisation")
    for round_ in rounds.order_by("pk"):
        local = timezone.localtime(now, round_.organisation.tzinfo)
        today = local.date()
        if not round_.is_open(today) or local.hour < SURVEY_REMINDER_HOUR:
            continue
        if (round_.closes_on - today).days > SURVEY_REMINDER_DAYS:
            continue
        key = f"survey-reminder:{round_.pk}"
        with transaction.atomic():
            if claim_slot(key):
                tasks.send_survey_reminders.enqueue(round_.pk)
                enqueued.append(key)
    return enqueued


def forget_old_slots(now: datetime | None = None, days: int = 60) -> int:
    """Slots older than any window they guard are no longer needed."""
    now = now or timezone.now()
    deleted, _ = PeriodicSlot.objects.filter(created_at__lt=now - timedelta(days=days)).delete()
    return deleted
