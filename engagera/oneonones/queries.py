from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.http import Http404

from engagera.core.models import Membership
from engagera.core.sql import as_date
from engagera.people.models import Person

from .models import ActionItem, Meeting


def meetings_led(membership: Membership):
    return Meeting.objects.filter(
        organisation=membership.organisation, manager=membership.user
    ).select_related("person")


def get_meeting(membership: Membership, pk: int) -> Meeting:
    """The manager's own meeting, or the person's own meeting through their account."""
    meeting = (
        Meeting.objects.filter(organisation=membership.organisation, pk=pk)
        .select_related("person", "manager")
        .first()
    )
    if meeting is None or membership.user_id not in (meeting.manager_id, meeting.person.user_id):
        raise Http404("No such one-to-one")
    return meeting


def overdue_meetings(membership: Membership, today: date):
    return (
        meetings_led(membership)
        .filter(held_on__isnull=True, scheduled_on__lt=today)
        .order_by("scheduled_on")
    )


def overdue_actions(membership: Membership, today: date):
    return (
        ActionItem.objects.filter(
            meeting__organisation=membership.organisation,
            meeting__manager=membership.user,
            done_on__isnull=True,
            due_on__lt=today,
        )
        .select_related("meeting__person")
        .order_by("due_on")
    )


@dataclass(frozen=True)
class Overdue:
    """One line of the dashboard's reminder: an overdue one-to-one, or an overdue action."""

    meeting_id: int
    day: date
    person_name: str
    text: str = ""


def overdue_for_dashboard(
    membership: Membership, today: date, limit: int = 5
) -> tuple[list[Overdue], list[Overdue]]:
    """The oldest overdue one-to-ones and actions of the manager, `limit` of each.

    Plain SQL on purpose: it runs on every dashboard, where building the two querysets
    cost over a millisecond for a few microseconds of database work. Both halves read
    only open rows through the partial indexes, however many meetings were held (a test
    counts SQLite's work for a short and a long history: tests/test_query_plans.py).
    """
    meeting, action, person = (
        Meeting._meta.db_table,
        ActionItem._meta.db_table,
        Person._meta.db_table,
    )
    sql = (
        "SELECT * FROM ("  # noqa: S608  # nosec B608: table names from the models, values bound
        f"SELECT 0 AS kind, m.id, m.scheduled_on AS day, p.full_name, '' AS text FROM {meeting} m "
        f"JOIN {person} p ON p.id = m.person_id "
        "WHERE m.organisation_id = %s AND m.manager_id = %s AND m.held_on IS NULL "
        "AND m.scheduled_on < %s ORDER BY m.scheduled_on, m.id LIMIT %s) AS meetings "
        "UNION ALL SELECT * FROM ("
        # CROSS JOIN fixes SQLite's join order (PostgreSQL plans it freely): start from
        # the open actions in the partial index, never from the manager's years of meetings.
        f"SELECT 1 AS kind, a.meeting_id, a.due_on AS day, p.full_name, a.text FROM {action} a "
        f"CROSS JOIN {meeting} m CROSS JOIN {person} p "
        "WHERE m.id = a.meeting_id AND p.id = m.person_id "
        "AND m.organisation_id = %s AND m.manager_id = %s AND a.done_on IS NULL "
        "AND a.due_on < %s ORDER BY a.due_on, a.id LIMIT %s) AS actions"
    )
    scope = [membership.organisation_id, membership.user_id, today, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, scope + scope)
        rows = cursor.fetchall()
    meetings, actions = [], []
    for kind, meeting_id, day, name, text in rows:
        (actions if kind else meetings).append(Overdue(meeting_id, as_date(day), name, text))
    # UNION ALL keeps each half's rows, but not necessarily its order.
    meetings.sort(key=lambda row: (row.day, row.meeting_id))
    actions.sort(key=lambda row: row.day)
    return meetings, actions
