"""The person's card: strengths, workload history, introductions, goals, practice counts."""

from datetime import timedelta

import pytest
from django.urls import reverse

from engagera.core.errors import ActionError
from engagera.lib.habits import Target
from engagera.people import actions
from engagera.people.models import WorkloadReading
from engagera.practices import actions as practice_actions
from engagera.practices.models import Performance
from tests.conftest import practice


def test_it_saves_the_card_from_the_form(client_for, manager, person):
    response = client_for(manager).post(
        reverse("edit_card", args=[person.pk]),
        {
            "strengths": "Lugn i kris",
            "motivation": "Att lära sig",
            "working_toward": "Specialistroll",
            "recognition_preference": "Skriftligt",
            "is_talent": "on",
            "focus_areas": "Utbildning",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.strengths, person.is_talent) == ("Lugn i kris", True)


def test_it_keeps_workload_as_a_history(manager, person):
    today = manager.organisation.today()
    for days_ago, load in ((21, 3), (14, 4), (0, 5)):
        actions.do_record_workload(manager, person, day=today - timedelta(days=days_ago), load=load)
    from engagera.people.queries import workload_trend

    assert [r.load for r in workload_trend(person)] == [3, 4, 5]
    with pytest.raises(ActionError):
        actions.do_record_workload(manager, person, day=today, load=6)
    assert WorkloadReading.objects.count() == 3


def test_it_counts_card_actions_as_their_practices(manager, person):
    today = manager.organisation.today()
    for number in (42, 46, 47):
        practice_actions.do_add_plan_item(
            manager, practice(number), Target.parse("1/week"), confirmed=True
        )
    actions.do_agree_goal(
        manager, person, what="Leda APT", why="", way="Egen plan", day=today, count_as_practice=True
    )
    actions.do_add_introduction(
        manager, person, day=today, contact="Ekonomichefen", why="Budget", count_as_practice=True
    )
    actions.do_record_workload(manager, person, day=today, load=4, count_as_practice=True)
    counted = sorted(Performance.objects.values_list("plan_item__practice__number", flat=True))
    assert counted == [42, 46, 47]
    assert set(Performance.objects.values_list("person", flat=True)) == {person.pk}


def test_it_checks_in_on_a_goal_until_it_is_reached(manager, person):
    today = manager.organisation.today()
    goal = actions.do_agree_goal(
        manager, person, what="Certifiering", why="Kvalitet", way="Kvällskurs", day=today
    )
    actions.do_check_in_goal(manager, goal, day=today, note="Halvvägs", reached=False)
    actions.do_check_in_goal(manager, goal, day=today, note="Klar!", reached=True)
    goal.refresh_from_db()
    assert goal.done_on == today and goal.check_ins.count() == 2


def test_it_refuses_card_changes_from_other_managers(colleague, outsider, person):
    for stranger in (colleague, outsider):
        with pytest.raises(ActionError):
            actions.do_update_card(stranger, person, {"strengths": "x"})
        with pytest.raises(ActionError):
            actions.do_add_note(stranger, person, text="x", shared=True)


def test_it_logs_with_whom_from_the_command_line(manager, person, other_team_person):
    from tests.test_cli import run

    practice_actions.do_add_plan_item(manager, practice(49), Target.parse("1/week"))
    assert run("log", "49", "--user", manager.user.email, "--with", person.email)[0] == 0
    assert Performance.objects.get().person == person
    code, _, err = run(
        "log", "49", "--user", manager.user.email, "--with", str(other_team_person.pk)
    )
    assert code == 2 and "no employee" in err
    assert Performance.objects.count() == 1
