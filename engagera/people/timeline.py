"""Everything that concerns one person, newest first, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

PAGE = 30


@dataclass
class Event:
    day: date
    kind: str  # feedback, one_to_one, need, practice
    title: str
    text: str = ""
    url: str = ""


def _url_maker(name: str):
    """reverse() once; each object's link is then a string replacement, not a URL search."""
    marker = 987654321
    pattern = reverse(name, args=[marker])
    return lambda pk: pattern.replace(str(marker), str(pk))


def timeline(membership, person, limit: int = PAGE, before: date | None = None) -> list[Event]:
    """The latest `limit` events before a day: one light query per source, merged by date.

    Private notes never appear here: only their author sees them, on the card.
    """
    from engagera.feedback.models import Feedback, FeedbackKind
    from engagera.needs.models import Need, Status
    from engagera.oneonones.models import Meeting
    from engagera.practices.models import Performance, PlanItem

    # Labels and links made once per kind, not once per event: a page shows up to 4 x limit.
    feedback_label = {k: _("Feedback (%(kind)s)") % {"kind": v} for k, v in FeedbackKind.choices}
    need_label = {k: _("Need: %(status)s") % {"status": v} for k, v in Status.choices}
    meeting_url, need_url = _url_maker("meeting"), _url_maker("need")
    one_to_one = _("One-to-one")
    events: list[Event] = []
    feedback = Feedback.objects.filter(person=person)
    meetings = Meeting.objects.filter(person=person, held_on__isnull=False)
    needs = Need.objects.filter(person=person)
    logs = Performance.objects.filter(person=person)
    if before:
        feedback = feedback.filter(given_on__lt=before)
        meetings = meetings.filter(held_on__lt=before)
        needs = needs.filter(raised_at__date__lt=before)
        logs = logs.filter(performed_on__lt=before)
    for day, kind, note in feedback.order_by("-given_on", "-id").values_list(
        "given_on", "kind", "note"
    )[:limit]:
        events.append(Event(day, "feedback", feedback_label[kind], note))
    for pk, day, notes, manager_id in meetings.order_by("-held_on", "-id").values_list(
        "pk", "held_on", "shared_notes", "manager_id"
    )[:limit]:
        url = meeting_url(pk) if manager_id == membership.user_id else ""
        events.append(Event(day, "one_to_one", one_to_one, notes, url))
    tz = timezone.get_current_timezone()
    for pk, raised, status, text in needs.order_by("-raised_at").values_list(
        "pk", "raised_at", "status", "description"
    )[:limit]:
        events.append(
            Event(raised.astimezone(tz).date(), "need", need_label[status], text, need_url(pk))
        )
    # Two plain queries rather than one join: joined, SQLite may walk every plan item's
    # logs instead of this person's few (its statistics see "with whom" mostly empty).
    rows = list(
        logs.order_by("-performed_on", "-id").values_list("performed_on", "note", "plan_item_id")[
            :limit
        ]
    )
    title = (
        "practice__title_en" if (get_language() or "sv").startswith("en") else "practice__title_sv"
    )
    titles = dict(
        PlanItem.objects.filter(pk__in={item_id for _day, _note, item_id in rows}).values_list(
            "pk", title
        )
    )
    practice_label = _("Practice: %(title)s")
    for day, note, item_id in rows:
        events.append(Event(day, "practice", practice_label % {"title": titles[item_id]}, note))
    events.sort(key=lambda event: event.day, reverse=True)
    return events[:limit]
