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


def timeline(membership, person, limit: int = PAGE, before: date | None = None) -> list[Event]:
    """The latest `limit` events before a day: one light query per source, merged by date.

    Private notes never appear here: only their author sees them, on the card.
    """
    from engagera.feedback.models import Feedback, FeedbackKind
    from engagera.needs.models import Need, Status
    from engagera.oneonones.models import Meeting
    from engagera.practices.models import Performance

    kinds, statuses = dict(FeedbackKind.choices), dict(Status.choices)
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
        events.append(
            Event(day, "feedback", _("Feedback (%(kind)s)") % {"kind": kinds[kind]}, note)
        )
    for pk, day, notes, manager_id in meetings.order_by("-held_on", "-id").values_list(
        "pk", "held_on", "shared_notes", "manager_id"
    )[:limit]:
        url = reverse("meeting", args=[pk]) if manager_id == membership.user_id else ""
        events.append(Event(day, "one_to_one", _("One-to-one"), notes, url))
    for pk, raised, status, text in needs.order_by("-raised_at").values_list(
        "pk", "raised_at", "status", "description"
    )[:limit]:
        events.append(
            Event(
                timezone.localtime(raised).date(),
                "need",
                _("Need: %(status)s") % {"status": statuses[status]},
                text,
                reverse("need", args=[pk]),
            )
        )
    title = (
        "plan_item__practice__title_en"
        if (get_language() or "sv").startswith("en")
        else "plan_item__practice__title_sv"
    )
    for day, note, practice in logs.order_by("-performed_on", "-id").values_list(
        "performed_on", "note", title
    )[:limit]:
        events.append(Event(day, "practice", _("Practice: %(title)s") % {"title": practice}, note))
    events.sort(key=lambda event: event.day, reverse=True)
    return events[:limit]
