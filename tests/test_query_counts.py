"""The number of SQL queries per page does not grow with the length of the history."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagera.lib.habits import Target
from engagera.practices import actions
from engagera.practices.models import Performance, PlanItem, Skip
from tests.conftest import practice


def build_history(membership, days: int) -> list[PlanItem]:
    today = membership.organisation.today()
    items = []
    for number, target in ((41, "1/week"), (43, "2/week"), (47, "1/14d")):
        item = actions.do_add_plan_item(
            membership, practice(number), Target.parse(target), confirmed=True
        )
        PlanItem.objects.filter(pk=item.pk).update(start_date=today - timedelta(days=days))
        item.refresh_from_db()
        Performance.objects.bulk_create(
            Performance(plan_item=item, performed_on=today - timedelta(days=n))
            for n in range(0, days, 3)
        )
        Skip.objects.bulk_create(
            Skip(plan_item=item, day=today - timedelta(days=n)) for n in range(1, days, 30)
        )
        items.append(item)
    return items


def count_queries(client, method, url, data=None, **extra) -> int:
    with CaptureQueriesContext(connection) as context:
        response = getattr(client, method)(url, data or {}, **extra)
    assert response.status_code in (200, 302), url
    return len(context.captured_queries)


def pages(client, items):
    item = items[0]
    performance = item.performances.first()
    return {
        "dashboard": count_queries(client, "get", reverse("dashboard")),
        "plan": count_queries(client, "get", reverse("plan")),
        "plan_item": count_queries(client, "get", reverse("plan_item", args=[item.pk])),
        "history": count_queries(client, "get", reverse("history")),
        "log": count_queries(
            client,
            "post",
            reverse("log_performance", args=[item.pk]),
            {"token": str(uuid.uuid4())},
            HTTP_HX_REQUEST="true",
        ),
        "undo": count_queries(
            client,
            "post",
            reverse("performance_delete", args=[performance.pk]),
            {"card": "1"},
            HTTP_HX_REQUEST="true",
        ),
        "overview": None,
    }


@pytest.mark.parametrize("admin_sees_individuals", [False, True])
def test_it_uses_the_same_number_of_queries_for_10_days_and_3_years(
    client, manager, colleague, admin, admin_sees_individuals
):
    org = manager.organisation
    org.admins_see_individuals = admin_sees_individuals
    # Keep both managers' practices in "learning", so the pages differ only in history length
    # (an established practice adds the next-practice suggestion, the same few queries at any length).
    org.established_min_days = 5000
    org.save()
    short = build_history(manager, 10)
    long = build_history(colleague, 3 * 365)
    client.force_login(manager.user)
    client.get(
        reverse("dashboard")
    )  # first visit may promote items to established: a one-off write
    short_counts = pages(client, short)
    client.force_login(colleague.user)
    client.get(reverse("dashboard"))
    long_counts = pages(client, long)
    assert short_counts == long_counts
    assert short_counts["dashboard"] <= 15

    client.force_login(admin.user)
    with CaptureQueriesContext(connection) as context:
        client.get(reverse("overview"))
    assert len(context.captured_queries) <= 15
