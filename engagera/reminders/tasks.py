"""Background jobs. Each takes only JSON-able arguments (ids and text), so the database
backend can store it, and each is safe to run once per enqueue: the scheduler's slot keys
(see scheduler.py) make sure a periodic job is enqueued once, the backend that it is
claimed by one worker."""

from __future__ import annotations

import logging

from django_tasks import task

log = logging.getLogger(__name__)


@task()
def send_email(
    to: list[str], subject: str, text: str, html: str | None = None, headers: dict | None = None
) -> int:
    """Deliver an email rendered by engagera.core.mail.send_templated_email."""
    from engagera.core.mail import deliver

    deliver(to, subject, text, html, headers)
    return len(to)


@task()
def send_weekly_digest(membership_id: int, slot: str) -> bool:
    """Send one manager's weekly digest; False when there was nothing to say."""
    from . import digest

    return digest.send_weekly(membership_id, slot)


@task()
def send_daily_nudge(membership_id: int, slot: str) -> bool:
    from . import digest

    return digest.send_daily(membership_id, slot)


@task()
def apply_retention(organisation_id: int) -> int:
    """Delete personal data whose retention period has run out (engagera/gdpr/retention.py)."""
    from engagera.core.models import Organisation
    from engagera.gdpr.retention import apply_retention as apply

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return 0
    removals = apply(organisations=[organisation])
    return sum(removal.rows for removal in removals)


@task()
def deliver_webhook(organisation_id: int, body: dict, attempt: int = 1) -> str:
    """POST one event to the organisation's webhook; on failure try again later, with
    exponential backoff, up to webhooks.MAX_ATTEMPTS times."""
    from . import webhooks

    return webhooks.deliver(organisation_id, body, attempt)


@task()
def prune_finished_jobs(days: int = 7) -> int:
    """Finished jobs hold email addresses and texts in their arguments: keep them a week."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from .scheduler import forget_old_slots

    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted + forget_old_slots()


@task()
def refresh_planner_statistics() -> str:
    """Fresh statistics for the query planner, once a day.

    PostgreSQL's autovacuum does this by itself; SQLite never does unless told, and with
    no statistics its planner can pick an index that reads years of history instead of the
    few open rows. A bounded ANALYZE (analysis_limit) stays quick on a large file.
    """
    from django.db import connection

    if connection.vendor != "sqlite":
        return "left to autovacuum"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
    return "analyzed"


@task()
def send_survey_invitations() -> int:
    """Invite everyone to the rounds that have opened (engagera.surveys.actions)."""
    from engagera.surveys.actions import send_due_invitations

    return send_due_invitations()


@task()
def send_survey_reminders(round_id: int) -> int:
    """One automatic reminder, shortly before a round closes, to those who have not answered."""
    from engagera.surveys.actions import send_round_reminders
    from engagera.surveys.models import Round

    round_ = Round.objects.select_related("organisation").filter(pk=round_id).first()
    return send_round_reminders(round_) if round_ is not None else 0
