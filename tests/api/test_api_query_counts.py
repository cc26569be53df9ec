"""The two operations the integrator benchmarks stay cheap: a constant number of queries,
whatever the history."""

from datetime import timedelta

import pytest

from engagera.lib.habits import Target
from engagera.practices import actions
from tests.conftest import practice


@pytest.fixture
def busy(manager):
    """Five practices with two months of history each."""
    today = manager.organisation.today()
    for number in (41, 43, 45, 49, 12):
        item = actions.do_add_plan_item(
            manager,
            practice(number),
            Target.parse("2/week"),
            start_date=today - timedelta(days=59),
            confirmed=True,
        )
        for days_ago in range(0, 59, 3):
            actions.do_log_performance(manager, item, day=today - timedelta(days=days_ago))
    return manager


def test_status_is_a_constant_number_of_queries(api_for, busy, django_assert_max_num_queries):
    api = api_for(busy)
    api.get("/api/v1/me")  # the token's first use stamps last_used_at
    with django_assert_max_num_queries(4):
        response = api.get("/api/v1/status")
    assert response.status_code == 200 and len(response.json()["items"]) == 5


def test_logging_a_performance_is_a_constant_number_of_queries(
    api_for, busy, django_assert_max_num_queries
):
    api = api_for(busy)
    api.get("/api/v1/me")
    with django_assert_max_num_queries(8):
        response = api.post("/api/v1/performances", {"practice": "45", "note": "ok"})
    assert response.status_code == 201
