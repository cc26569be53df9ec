from datetime import timedelta

import pytest

from engagera.core.errors import ActionError
from engagera.feedback import queries
from engagera.feedback.actions import do_log_feedback
from engagera.feedback.models import Feedback
from engagera.lib.habits import Target
from engagera.people.queries import visible_people
from engagera.practices import actions as practice_actions
from engagera.practices.models import Performance
from tests.conftest import practice


def test_it_logs_feedback_and_counts_it_as_practice_43_in_one_step(manager, person):
    item = practice_actions.do_add_plan_item(manager, practice(43), Target.parse("2/week"))
    feedback = do_log_feedback(
        manager, person, kind="reinforcing", note="Bra bemötande", count_as_practice=True
    )
    performance = Performance.objects.get()
    assert feedback.performance == performance and performance.plan_item == item
    assert performance.person == person


def test_it_refuses_counting_without_practice_43_and_writes_nothing(manager, person):
    with pytest.raises(ActionError):
        do_log_feedback(manager, person, kind="reinforcing", count_as_practice=True)
    assert Feedback.objects.count() == 0


def test_it_reaches_people_in_sub_teams_but_not_other_teams(
    manager, person, sub_person, other_team_person, foreign_person
):
    assert set(visible_people(manager)) == {person, sub_person}
    do_log_feedback(manager, sub_person, kind="developmental")
    for stranger in (other_team_person, foreign_person):
        with pytest.raises(ActionError):
            do_log_feedback(manager, stranger, kind="reinforcing")
    assert Feedback.objects.count() == 1


def test_it_knows_days_since_feedback_and_the_balance(manager, person, sub_person):
    today = manager.organisation.today()
    do_log_feedback(manager, person, kind="reinforcing", day=today - timedelta(days=20))
    do_log_feedback(manager, person, kind="developmental", day=today - timedelta(days=5))
    do_log_feedback(manager, person, kind="reinforcing", day=today - timedelta(days=3))
    standing = queries.standings(manager, today)[person.pk]
    assert standing.days_since(today) == 3
    assert (standing.reinforcing, standing.developmental) == (2, 1)
    waiting = queries.waiting_for_feedback(manager, today, wait_days=14)
    assert [p for p, _ in waiting] == [sub_person]  # never had feedback: first in line
    later = queries.waiting_for_feedback(manager, today + timedelta(days=12), wait_days=14)
    assert [p for p, _ in later] == [sub_person, person]


def test_the_balance_counts_ninety_days_and_the_last_day_any_age(manager, person, sub_person):
    today = manager.organisation.today()
    Feedback.objects.bulk_create(
        Feedback(
            organisation=manager.organisation,
            person=person,
            author=manager.user,
            kind=kind,
            given_on=today - timedelta(days=days),
        )
        for kind, days in (("reinforcing", 400), ("developmental", 91), ("reinforcing", 90))
    )
    Feedback.objects.create(
        organisation=manager.organisation,
        person=sub_person,
        author=manager.user,
        kind="developmental",
        given_on=today - timedelta(days=365),
    )
    found = queries.standings(manager, today, [person.pk, sub_person.pk])
    assert (found[person.pk].last_given, found[person.pk].reinforcing) == (
        today - timedelta(days=90),
        1,
    )
    assert found[person.pk].developmental == 0  # 91 days ago: outside the balance
    assert found[sub_person.pk].days_since(today) == 365
    assert (found[sub_person.pk].reinforcing, found[sub_person.pk].developmental) == (0, 0)
    assert queries.standings(manager, today, []) == {}
