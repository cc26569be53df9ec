from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, FilteredRelation, OuterRef, Q, Subquery

from engagera.core.models import Membership
from engagera.people.queries import visible_people

from .models import Feedback, FeedbackKind

BALANCE_DAYS = 90
DEFAULT_WAIT_DAYS = 14


@dataclass
class FeedbackStanding:
    person_id: int
    last_given: date | None
    reinforcing: int  # in the last BALANCE_DAYS days
    developmental: int

    def days_since(self, today: date) -> int | None:
        return (today - self.last_given).days if self.last_given else None


def standings(membership: Membership, today: date, people=None) -> dict[int, FeedbackStanding]:
    """Last feedback and the 90-day balance of kinds for the people the user leads (one query).

    Only the last 90 days are joined and the last day is one step in the (person, day)
    index, so years of feedback are never read.
    """
    people = people if people is not None else visible_people(membership)
    since = today - timedelta(days=BALANCE_DAYS)
    last = Feedback.objects.filter(person=OuterRef("pk")).order_by("-given_on")
    rows = (
        people.order_by()
        .annotate(
            recent=FilteredRelation("feedback", condition=Q(feedback__given_on__gte=since)),
            last=Subquery(last.values("given_on")[:1]),
            reinforcing=Count("recent", filter=Q(recent__kind=FeedbackKind.REINFORCING)),
            developmental=Count("recent", filter=Q(recent__kind=FeedbackKind.DEVELOPMENTAL)),
        )
        .values_list("pk", "last", "reinforcing", "developmental")
    )
    return {pk: FeedbackStanding(pk, last, r, d) for pk, last, r, d in rows}


def waiting_for_feedback(membership: Membership, today: date, wait_days: int = DEFAULT_WAIT_DAYS):
    """People without feedback for `wait_days` days, oldest first (never given: first of all)."""
    people = list(visible_people(membership))
    by_person = standings(membership, today, visible_people(membership))
    waiting = []
    for person in people:
        standing = by_person.get(person.pk)
        last = standing.last_given if standing else None
        if last is None or (today - last).days >= wait_days:
            waiting.append((person, last))
    waiting.sort(key=lambda pair: (pair[1] is not None, pair[1] or date.min, pair[0].full_name))
    return waiting


def feedback_for(person, limit: int | None = None):
    rows = Feedback.objects.filter(person=person).select_related("author")
    return rows[:limit] if limit else rows
