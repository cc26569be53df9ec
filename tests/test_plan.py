"""The manager's plan: add with an if-then plan, a few at a time, pause, resume, retire."""

from datetime import timedelta

import pytest
from django.urls import reverse

from engagera.core.errors import ActionError
from engagera.lib.habits import Target
from engagera.practices import actions, queries
from engagera.practices.models import PlanItem, PlanState
from tests.conftest import practice


def test_it_adds_a_practice_with_an_if_then_plan(client_for, manager):
    client = client_for(manager)
    response = client.post(
        reverse("plan_add", args=["explain-the-why"]),
        {
            "target": "1/week",
            "start_date": manager.organisation.today().isoformat(),
            "if_situation": "måndagens möte börjar",
            "if_action": "förklarar jag varför",
        },
    )
    item = PlanItem.objects.get()
    assert response.status_code == 302
    assert (item.times, item.period_days, item.state) == (1, 7, PlanState.LEARNING)
    assert item.if_situation == "måndagens möte börjar"
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "måndagens möte börjar" in dashboard


def test_it_asks_before_a_fourth_learning_practice(client_for, manager):
    for number in (41, 42, 43):
        actions.do_add_plan_item(manager, practice(number), Target.parse("1/week"))
    client = client_for(manager)
    data = {"target": "1/week", "start_date": manager.organisation.today().isoformat()}
    response = client.post(reverse("plan_add", args=["think-aloud-together"]), data)
    assert response.status_code == 200
    assert PlanItem.objects.count() == 3
    assert 'name="confirmed"' in response.content.decode()
    response = client.post(
        reverse("plan_add", args=["think-aloud-together"]), {**data, "confirmed": "True"}
    )
    assert response.status_code == 302
    assert PlanItem.objects.count() == 4


def test_it_refuses_the_same_practice_twice(manager):
    actions.do_add_plan_item(manager, practice(43), Target.parse("1/week"))
    with pytest.raises(ActionError):
        actions.do_add_plan_item(manager, practice(43), Target.parse("1/week"))


@pytest.mark.parametrize("target", ["", "3/fortnight", "0/week", "week", "1/0d", "1/400d"])
def test_it_shows_a_field_error_for_a_bad_target(client_for, manager, target):
    response = client_for(manager).post(
        reverse("plan_add", args=["explain-the-why"]),
        {"target": target, "start_date": manager.organisation.today().isoformat()},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert PlanItem.objects.count() == 0


def test_it_pauses_resumes_and_retires(client_for, manager, plan_item):
    client = client_for(manager)
    url = reverse("plan_item_state", args=[plan_item.pk])
    client.post(url, {"state": "paused"})
    plan_item.refresh_from_db()
    assert plan_item.state == PlanState.PAUSED
    client.post(url, {"state": "learning"})
    plan_item.refresh_from_db()
    assert plan_item.state == PlanState.LEARNING
    client.post(url, {"state": "retired"})
    plan_item.refresh_from_db()
    assert plan_item.state == PlanState.RETIRED
    # A retired practice can be added again as a new plan item.
    actions.do_add_plan_item(manager, plan_item.practice, plan_item.target)
    assert PlanItem.objects.count() == 2


def test_it_edits_target_and_refuses_a_start_after_the_first_log(client_for, manager, plan_item):
    plan_item.start_date = manager.organisation.today() - timedelta(days=10)
    plan_item.save()
    actions.do_log_performance(manager, plan_item, day=plan_item.start_date)
    client = client_for(manager)
    url = reverse("plan_item_edit", args=[plan_item.pk])
    response = client.post(
        url, {"target": "3/week", "start_date": manager.organisation.today().isoformat()}
    )
    assert response.status_code == 200
    response = client.post(
        url, {"target": "3/week", "start_date": plan_item.start_date.isoformat()}
    )
    assert response.status_code == 302
    plan_item.refresh_from_db()
    assert str(plan_item.target) == "3/week"


def test_it_promotes_an_established_practice_and_suggests_the_next(client_for, manager):
    organisation = manager.organisation
    today = organisation.today()
    item = actions.do_add_plan_item(
        manager, practice(43), Target.parse("1/day"), start_date=today - timedelta(days=60)
    )
    # Started 70 days ago and done every day: strength is near 1 after 66+ days.
    PlanItem.objects.filter(pk=item.pk).update(start_date=today - timedelta(days=70))
    from engagera.practices.models import Performance

    Performance.objects.bulk_create(
        Performance(plan_item=item, performed_on=today - timedelta(days=n)) for n in range(71)
    )
    response = client_for(manager).get(reverse("dashboard"))
    item.refresh_from_db()
    assert item.state == PlanState.ESTABLISHED
    assert item.established_on == today
    body = response.content.decode()
    assert "notice success" in body
    suggestion = queries.suggest_next_practice(manager)
    assert suggestion is not None and reverse("practice", args=[suggestion.slug]) in body


def test_it_flags_an_established_practice_that_slips(client_for, manager, plan_item):
    PlanItem.objects.filter(pk=plan_item.pk).update(
        state=PlanState.ESTABLISHED,
        established_on=manager.organisation.today() - timedelta(days=90),
    )
    statuses = queries.plan_status(manager)
    assert statuses[0].slipping  # strength 0 < 0.6
    body = client_for(manager).get(reverse("dashboard")).content.decode()
    assert "item-card slipping" in body
