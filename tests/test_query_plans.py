"""The manager's daily pages never read a history table from end to end.

Counting queries (test_query_counts.py) does not catch a query that scans years of
one-to-ones to find the few still open. Here every query of the dashboard and of logging
is explained by SQLite, and none may SCAN a table that grows with history: each must
SEARCH through an index.
"""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagera.oneonones import actions as meetings
from engagera.oneonones.models import ActionItem, Meeting
from engagera.people.models import Person, Team
from tests.test_query_counts import build_history

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="reads SQLite's query plans and counts its work"
)

# Tables whose rows pile up day after day.
HISTORY_TABLES = {
    "practices_performance",
    "practices_skip",
    "practices_automaticityrating",
    "oneonones_meeting",
    "oneonones_actionitem",
    "oneonones_talkingpoint",
    "feedback_feedback",
    "needs_need",
    "people_workloadreading",
    "recognition_recognition",
    "audit_auditentry",
}


def full_scans(sql: str, params) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    return [
        line
        for line in plan
        if (found := re.match(r"SCAN (\w+)", line)) and found.group(1) in HISTORY_TABLES
    ]


def scans_of(client, method, url, data=None, **extra) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = getattr(client, method)(url, data or {}, **extra)
    assert response.status_code == 200, url
    found = []
    for query in context.captured_queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        # The captured text has its parameters filled in; explaining it as is is enough.
        found += [f"{line}  <-  {sql[:160]}" for line in full_scans(sql, ())]
    return found


def _add_meetings(manager, person, weeks: range) -> None:
    today = manager.organisation.today()
    held = Meeting.objects.bulk_create(
        Meeting(
            organisation=manager.organisation,
            person=person,
            manager=manager.user,
            scheduled_on=today - timedelta(weeks=n),
            held_on=today - timedelta(weeks=n),
        )
        for n in weeks
    )
    ActionItem.objects.bulk_create(
        ActionItem(meeting=m, text="Boka kurs", due_on=m.held_on, done_on=m.held_on) for m in held
    )


def test_the_dashboard_and_logging_search_history_through_indexes(client, manager):
    items = build_history(manager, days=400)
    team = Team.objects.create(organisation=manager.organisation, name="Hemtjänst")
    team.managers.add(manager.user)
    person = Person.objects.create(organisation=team.organisation, team=team, full_name="Maja")
    today = manager.organisation.today()
    # Years of held one-to-ones, each with its action done: rows the reminders must skip.
    _add_meetings(manager, person, range(1, 150))
    meetings.do_plan_meeting(manager, person, on=today - timedelta(days=3))  # one overdue
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client.force_login(manager.user)

    found = scans_of(client, "get", reverse("dashboard"))
    found += scans_of(
        client,
        "post",
        reverse("log_performance", args=[items[0].pk]),
        {"token": str(uuid.uuid4())},
        HTTP_HX_REQUEST="true",
    )
    assert found == []


def sqlite_steps(client, method, url, data=None, **extra) -> int:
    """SQLite virtual-machine instructions run for one request: the database work done,
    whatever plan the query planner picked (a scan through an index counts too)."""
    connection.ensure_connection()
    raw = connection.connection
    ticks = [0]

    def tick():
        ticks[0] += 1
        return 0  # go on

    raw.set_progress_handler(tick, 10)
    try:
        response = getattr(client, method)(url, data or {}, **extra)
    finally:
        raw.set_progress_handler(None, 10)
    assert response.status_code == 200, url
    return ticks[0] * 10


def _daily_steps(client, item, person) -> dict[str, int]:
    client.get(reverse("dashboard"))  # renews checkpoints after the history changed
    return {
        "dashboard": sqlite_steps(client, "get", reverse("dashboard")),
        "people": sqlite_steps(client, "get", reverse("team_overview")),
        "card": sqlite_steps(client, "get", reverse("person", args=[person.pk])),
        "log": sqlite_steps(
            client,
            "post",
            reverse("log_performance", args=[item.pk]),
            {"token": str(uuid.uuid4())},
            HTTP_HX_REQUEST="true",
        ),
    }


def test_the_database_work_of_the_daily_pages_does_not_grow_with_history(client, manager):
    from engagera.practices.models import Performance, PlanItem

    items = build_history(manager, days=120)
    team = Team.objects.create(organisation=manager.organisation, name="Hemtjänst")
    team.managers.add(manager.user)
    person = Person.objects.create(organisation=team.organisation, team=team, full_name="Maja")
    _add_meetings(manager, person, range(1, 18))
    meetings.do_plan_meeting(manager, person, on=manager.organisation.today() - timedelta(days=3))
    client.force_login(manager.user)
    short = _daily_steps(client, items[0], person)

    # Far more history: years more of performances and of held one-to-ones.
    today = manager.organisation.today()
    for item in items:
        PlanItem.objects.filter(pk=item.pk).update(
            start_date=today - timedelta(days=960), checkpoint_on=None
        )
        Performance.objects.bulk_create(
            Performance(plan_item=item, performed_on=today - timedelta(days=n))
            for n in range(120, 960, 3)
        )
    _add_meetings(manager, person, range(18, 1000))  # nineteen years of weekly ones
    long = _daily_steps(client, items[0], person)

    for page in short:
        assert long[page] <= short[page] * 1.1 + 300, (page, short[page], long[page])
