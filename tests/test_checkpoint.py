"""The saved strength state gives the same numbers as reading the whole history."""

import random
from datetime import timedelta

import pytest

from engagera.lib import habits
from engagera.lib.habits import Target
from engagera.practices import actions, queries
from engagera.practices.models import Performance, PlanItem, Skip
from tests.conftest import practice


def long_item(membership, number, target, days, seed):
    rng = random.Random(seed)
    today = membership.organisation.today()
    item = actions.do_add_plan_item(
        membership, practice(number), Target.parse(target), confirmed=True
    )
    PlanItem.objects.filter(pk=item.pk).update(start_date=today - timedelta(days=days))
    Performance.objects.bulk_create(
        Performance(plan_item=item, performed_on=today - timedelta(days=n))
        for n in range(days)
        if rng.random() < 0.35
    )
    Skip.objects.bulk_create(
        Skip(plan_item=item, day=today - timedelta(days=n))
        for n in range(days)
        if rng.random() < 0.05
    )
    item.refresh_from_db()
    return item


def from_scratch(item, on):
    performed = list(item.performances.values_list("performed_on", flat=True))
    skipped = list(item.skips.values_list("day", flat=True))
    return (
        habits.strength_on(item.target, item.start_date, on, performed, skipped),
        habits.streak(item.target, item.start_date, on, performed, skipped),
        max(performed) if performed else None,
    )


@pytest.mark.parametrize(
    ("target", "seed"), [("2/week", 1), ("1/day", 2), ("1/14d", 3), ("1/month", 4)]
)
def test_it_saves_a_checkpoint_and_keeps_the_numbers(manager, target, seed):
    item = long_item(manager, 43, target, 700, seed)
    today = manager.organisation.today()
    first = queries.plan_status(manager)[0]  # reads everything, saves the checkpoint
    item.refresh_from_db()
    assert item.checkpoint_on == today - timedelta(days=queries.CHECKPOINT_LAG_DAYS)
    second = queries.plan_status(manager)[0]  # reads only what follows the checkpoint
    strength, streak, last = from_scratch(item, today)
    for status in (first, second):
        assert status.strength == pytest.approx(strength, abs=1e-9)
        assert status.streak == streak
        assert status.last_performed == last
    assert len(second.performances) < item.performances.count() / 3


def test_it_forgets_the_checkpoint_when_history_before_it_changes(manager):
    item = long_item(manager, 43, "2/week", 400, 7)
    queries.plan_status(manager)
    item.refresh_from_db()
    old = item.performances.filter(performed_on__lte=item.checkpoint_on).first()
    actions.do_delete_performance(manager, old)
    item.refresh_from_db()
    assert item.checkpoint_on is None
    status = queries.plan_status(manager)[0]
    assert status.strength == pytest.approx(
        from_scratch(item, manager.organisation.today())[0], abs=1e-9
    )


def test_it_forgets_the_checkpoint_when_the_target_changes(manager):
    item = long_item(manager, 43, "2/week", 400, 8)
    queries.plan_status(manager)
    item.refresh_from_db()
    actions.do_edit_plan_item(
        manager,
        item,
        target=Target.parse("1/week"),
        start_date=item.start_date,
        if_situation="",
        if_action="",
    )
    item.refresh_from_db()
    assert item.checkpoint_on is None
    status = queries.plan_status(manager)[0]
    assert status.strength == pytest.approx(
        from_scratch(item, manager.organisation.today())[0], abs=1e-9
    )


def test_it_ignores_the_checkpoint_for_a_day_before_it(manager):
    item = long_item(manager, 43, "1/week", 400, 9)
    queries.plan_status(manager)
    past = manager.organisation.today() - timedelta(days=200)
    status = queries.plan_status(manager, past)[0]
    item.refresh_from_db()
    assert status.strength == pytest.approx(from_scratch(item, past)[0], abs=1e-9)
    assert status.streak == habits.streak(
        item.target,
        item.start_date,
        past,
        [d for d in item.performances.values_list("performed_on", flat=True) if d <= past],
        list(item.skips.values_list("day", flat=True)),
    )
