"""Organisation-wide pages read many plan items with different first days in one query."""

from datetime import date, timedelta

from engagera.core.generate import Generator
from engagera.practices import queries
from engagera.practices.models import PlanItem

DAY = date(2026, 11, 27)


def test_merged_groups_keep_every_item_and_read_from_the_earliest_day():
    by_first = {DAY - timedelta(days=n): [n, 1000 + n] for n in range(100)}
    merged = queries._merged_groups(by_first)
    assert len(merged) <= queries.MAX_DATE_GROUPS
    assert sorted(pk for ids in merged.values() for pk in ids) == sorted(
        pk for ids in by_first.values() for pk in ids
    )
    for first, ids in merged.items():
        assert all(first <= DAY - timedelta(days=pk % 1000) for pk in ids)


def test_many_start_days_give_the_same_strengths_as_one_item_at_a_time(catalogue, monkeypatch):
    organisation = Generator(people=40, managers=8, years=2, seed=4, slug="many").run().organisation
    today = organisation.today()
    items = list(PlanItem.objects.filter(organisation=organisation).order_by("id"))
    queries.statuses_for_items(organisation, items, today)  # saves checkpoints
    items = list(PlanItem.objects.filter(organisation=organisation).order_by("id"))
    resumed = [i for i in items if queries._usable_checkpoint(i, today)]
    assert len({i.checkpoint_on for i in resumed}) >= 1 and len(resumed) > len(items) // 2
    assert len({item.start_date for item in items}) > 5
    one_by_one = [queries.statuses_for_items(organisation, [i], today)[0] for i in items]
    monkeypatch.setattr(queries, "MAX_DATE_GROUPS", 3)
    together = queries.statuses_for_items(organisation, items, today)
    assert [(s.strength, s.streak, s.last_performed) for s in together] == [
        (s.strength, s.streak, s.last_performed) for s in one_by_one
    ]


def test_a_manager_sees_the_teams_they_lead_and_all_below_in_one_query(
    catalogue, django_assert_num_queries
):
    from engagera.core.models import Membership
    from engagera.people.models import Team
    from engagera.people.queries import led_team_ids, with_sub_teams

    organisation = Generator(people=60, managers=6, years=1, seed=2, slug="tree", today=DAY).run()
    organisation = organisation.organisation
    department = Team.objects.get(organisation=organisation, parent__isnull=True)
    unit = Team.objects.filter(parent=department).first()
    grandchild = Team.objects.create(organisation=organisation, name="Under", parent=unit)
    head = Membership.objects.get(user=department.managers.get(), organisation=organisation)
    unit_manager = Membership.objects.get(user=unit.managers.get(), organisation=organisation)
    with django_assert_num_queries(1):
        everything = led_team_ids(head)
    assert everything == set(
        Team.objects.filter(organisation=organisation).values_list("id", flat=True)
    )
    assert led_team_ids(unit_manager) == {unit.pk, grandchild.pk}
    assert led_team_ids(unit_manager) == with_sub_teams(organisation, [unit.pk])
