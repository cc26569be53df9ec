"""The weekly digest (and optional daily nudge): what a manager should look at, by email.

Every section reuses the queries the dashboard and pages use; this module only picks
and words. No email when there is nothing to say.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation

from engagera.core.mail import deliver, render_email
from engagera.core.models import Membership, Role

from .models import DigestPreference

UNSUBSCRIBE_SALT = "engagera.reminders.unsubscribe"
SECTION_LIMIT = 10


def language_of(membership: Membership) -> str:
    return membership.user.language or membership.organisation.language


def unsubscribe_token(membership: Membership) -> str:
    # Not timestamped: the link in an old digest keeps working.
    signer = signing.Signer(salt=UNSUBSCRIBE_SALT)
    return signer.sign_object({"m": membership.pk, "u": membership.user_id})


def membership_for_token(token: str) -> Membership | None:
    try:
        data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    return (
        Membership.objects.select_related("organisation", "user")
        .filter(pk=data.get("m"), user_id=data.get("u"))
        .first()
    )


def unsubscribe_url(membership: Membership) -> str:
    return settings.SITE_URL + reverse("digest_unsubscribe", args=[unsubscribe_token(membership)])


def practices_due(membership: Membership, today: date) -> list[dict]:
    """Active practices still short of their target in a period that ends within a week."""
    from engagera.practices.queries import dashboard_status

    statuses, _paused = dashboard_status(membership)
    week_end = today + timedelta(days=6)
    return [
        {
            "number": s.item.practice.number,
            "title": s.item.practice.title,
            "done": s.done_this_period,
            "times": s.item.times,
            "period_end": s.period_end,
            "strength": s.strength_percent,
        }
        for s in statuses
        if s.remaining > 0 and s.period_end <= week_end
    ]


def needs_near_target(membership: Membership, now) -> list[dict]:
    """Open needs at most one working day from the service-level target, or past it."""
    from engagera.needs.models import CLOSED
    from engagera.needs.queries import needs_visible, working_days_between

    target = membership.organisation.need_target_working_days
    rows = []
    for need in needs_visible(membership).exclude(status__in=CLOSED).order_by("raised_at")[:200]:
        used = working_days_between(need.raised_at, now)
        if used >= target - 1:
            rows.append({"need": need, "working_days": used, "overdue": used >= target})
    return rows


def surveys_closing(membership: Membership, today: date, days: int = 6) -> list[dict]:
    """Survey rounds closing within the coming week (engagera.surveys.queries)."""
    from engagera.surveys.queries import rounds_closing as closing

    return [
        {"id": r.pk, "title": r.scope_name, "closes_on": r.closes_on}
        for r in closing(membership, today, today + timedelta(days=days))
    ]


def weekly_context(membership: Membership, now=None) -> dict:
    from engagera.feedback.queries import waiting_for_feedback
    from engagera.oneonones.queries import overdue_actions, overdue_meetings

    now = now or timezone.now()
    organisation = membership.organisation
    today = timezone.localtime(now, organisation.tzinfo).date()
    waiting = waiting_for_feedback(membership, today, organisation.feedback_wait_days)
    context = {
        "membership": membership,
        "name": membership.user.get_short_name(),
        "organisation": organisation,
        "today": today,
        "practices": practices_due(membership, today),
        "waiting": [{"person": person, "last": last} for person, last in waiting[:SECTION_LIMIT]],
        "waiting_more": max(0, len(waiting) - SECTION_LIMIT),
        "meetings": list(overdue_meetings(membership, today)[:SECTION_LIMIT]),
        "actions": list(overdue_actions(membership, today)[:SECTION_LIMIT]),
        "needs": needs_near_target(membership, now)[:SECTION_LIMIT],
        "surveys": surveys_closing(membership, today),
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url(membership),
    }
    sections = ("practices", "waiting", "meetings", "actions", "needs", "surveys")
    context["has_news"] = any(context[name] for name in sections)
    return context


def _leader(membership_id: int) -> Membership | None:
    return (
        Membership.objects.select_related("organisation", "user")
        .filter(pk=membership_id, role__in=(Role.MANAGER, Role.ADMIN), user__is_active=True)
        .first()
    )


def _wants(membership: Membership, field: str) -> bool:
    pref = DigestPreference.objects.filter(
        organisation=membership.organisation, user=membership.user
    ).first()
    if pref is None:
        return field == "weekly"
    return getattr(pref, field)


def _send(membership: Membership, template: str, context: dict) -> None:
    language = language_of(membership)
    context = {**context, "language": language}
    subject, text, html = render_email(template, context, language)
    url = context["unsubscribe_url"]
    deliver(
        [membership.user.email],
        subject,
        text,
        html,
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
        },
    )


def send_weekly(membership_id: int, slot: str = "", now=None) -> bool:
    membership = _leader(membership_id)
    if membership is None or not _wants(membership, "weekly"):
        return False
    with translation.override(language_of(membership)):
        context = weekly_context(membership, now)
    if not context["has_news"]:
        return False
    _send(membership, "reminders/email/digest", context)
    return True


def send_daily(membership_id: int, slot: str = "", now=None) -> bool:
    """A short nudge: only practices still due today's period and overdue one-to-ones."""
    membership = _leader(membership_id)
    if membership is None or not _wants(membership, "daily_nudge"):
        return False
    with translation.override(language_of(membership)):
        context = weekly_context(membership, now)
    today = context["today"]
    context["practices"] = [p for p in context["practices"] if p["period_end"] == today]
    if not (context["practices"] or context["meetings"]):
        return False
    _send(membership, "reminders/email/nudge", context)
    return True
