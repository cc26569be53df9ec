"""The manager's private calendar feed (RFC 5545), built with the icalendar package.

What is in it, and why:
* one-to-ones not yet held (all-day: a meeting has a date, not a time);
* each active practice of the plan as an all-day event repeating every target period
  ("2/week" from the period's first day): Engagera has no model of practice sessions at a
  clock time, and inventing times would be wrong; the target's rhythm is what the manager
  planned;
* the weekly review at the digest's weekday and hour, in the organisation's time zone
  (with its VTIMEZONE): the moment the digest arrives is the moment to plan the week;
* survey rounds closing, when the surveys area offers them.
UIDs are derived from the object ids, so calendar apps update events instead of
duplicating them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from engagera.core.models import Membership

from . import queries, scheduler

DOMAIN = "engagera"
MEETINGS_BACK_DAYS = 30
SURVEY_DAYS_AHEAD = 90


def _uid(kind: str, pk) -> str:
    return f"{kind}-{pk}@{DOMAIN}"


def _event(uid: str, summary: str, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    return event


def _surveys(membership: Membership, today):
    from .digest import surveys_closing

    return surveys_closing(membership, today, days=SURVEY_DAYS_AHEAD)


def build(membership: Membership, now: datetime | None = None) -> bytes:
    from engagera.lib.habits import period_bounds
    from engagera.oneonones.queries import meetings_led
    from engagera.practices.models import ACTIVE_STATES
    from engagera.practices.queries import plan_items

    now = now or timezone.now()
    organisation = membership.organisation
    tz = organisation.tzinfo
    today = timezone.localtime(now, tz).date()
    stamp = now.astimezone(UTC)
    language = membership.user.language or organisation.language
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Engagera//Engagera calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-timezone", organisation.time_zone)
    with translation.override(language):
        calendar.add("x-wr-calname", _("Engagera: %(name)s") % {"name": membership.user})
        meetings = meetings_led(membership).filter(
            held_on__isnull=True, scheduled_on__gte=today - timedelta(days=MEETINGS_BACK_DAYS)
        )
        for meeting in meetings.order_by("scheduled_on", "id")[:500]:
            event = _event(
                _uid("meeting", meeting.pk),
                _("One-to-one with %(name)s") % {"name": meeting.person.full_name},
                stamp,
            )
            event.add("dtstart", meeting.scheduled_on)
            event.add("dtend", meeting.scheduled_on + timedelta(days=1))
            event.add("url", settings.SITE_URL + reverse("meeting", args=[meeting.pk]))
            calendar.add_component(event)
        items = plan_items(membership, states=ACTIVE_STATES).order_by("start_date", "id")
        for item in items:
            first, _last = period_bounds(item.target, item.start_date, today)
            event = _event(
                _uid("plan", item.pk),
                _("Practice %(number)s %(title)s: %(target)s")
                % {
                    "number": item.practice.number,
                    "title": item.practice.title,
                    "target": item.target,
                },
                stamp,
            )
            event.add("dtstart", first)
            event.add("dtend", first + timedelta(days=1))
            event.add("rrule", {"freq": "daily", "interval": item.period_days})
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
        pref = queries.digest_preference(membership)
        moment = scheduler.digest_moment(organisation, pref, now)
        review = _event(_uid("review", membership.pk), _("Weekly review of your practices"), stamp)
        review.add("dtstart", moment)
        review.add("dtend", moment + timedelta(minutes=30))
        review.add("rrule", {"freq": "weekly"})
        review.add("transp", "TRANSPARENT")
        calendar.add_component(review)
        for survey in _surveys(membership, today):
            event = _event(
                _uid("survey", survey["id"]),
                _("Survey round closes: %(title)s") % {"title": survey["title"]},
                stamp,
            )
            event.add("dtstart", survey["closes_on"])
            event.add("dtend", survey["closes_on"] + timedelta(days=1))
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
