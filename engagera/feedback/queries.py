from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import QuerySet

from engagera.core.models import Membership
from engagera.core.sql import as_date, id_batches
from engagera.people.models import Person
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
    """Last feedback and the 90-day balance of kinds per person: `people` are person ids the
    caller may see, or a queryset of people (default: everyone the user leads).

    Plain SQL on purpose: it runs on every people list and card, where building the ORM
    form of this query (a filtered join, a correlated subquery, two filtered counts) cost
    eight times as much as running it. Only the last 90 days are joined and the last day
    is one step in the (person, day) index, so years of feedback are never read.
    """
    if people is None:
        people = visible_people(membership)
    if isinstance(people, QuerySet):
        people = people.values_list("pk", flat=True)
    since = today - timedelta(days=BALANCE_DAYS)
    feedback, person = Feedback._meta.db_table, Person._meta.db_table
    found: dict[int, FeedbackStanding] = {}
    for batch, placeholders in id_batches(people):
        # Table names come from the models; every value is a parameter.
        sql = (
            f"SELECT p.id, (SELECT f.given_on FROM {feedback} f WHERE f.person_id = p.id "  # noqa: S608  # nosec B608
            "ORDER BY f.given_on DESC LIMIT 1), "
            "COUNT(CASE WHEN r.kind = %s THEN 1 END), COUNT(CASE WHEN r.kind = %s THEN 1 END) "
            f"FROM {person} p LEFT JOIN {feedback} r ON r.person_id = p.id AND r.given_on >= %s "
            f"WHERE p.id IN ({placeholders}) GROUP BY p.id"
        )
        params = [FeedbackKind.REINFORCING, FeedbackKind.DEVELOPMENTAL, since, *batch]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for pk, last, reinforcing, developmental in cursor.fetchall():
                found[pk] = FeedbackStanding(pk, as_date(last), reinforcing, developmental)
    return found


def waiting_for_feedback(membership: Membership, today: date, wait_days: int = DEFAULT_WAIT_DAYS):
    """People without feedback for `wait_days` days, oldest first (never given: first of all)."""
    people = list(visible_people(membership))
    by_person = standings(membership, today, [person.pk for person in people])
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
