"""Team goals with the why, priority changes to explain, and practice 41."""

import pytest
from django.urls import reverse

from engagera.core.errors import ActionError
from engagera.lib.habits import Target
from engagera.people import actions
from engagera.practices import actions as practice_actions
from engagera.practices.models import Performance
from tests.conftest import practice


def test_it_records_a_changed_priority_until_it_is_explained(client_for, manager, team):
    practice_actions.do_add_plan_item(manager, practice(41), Target.parse("1/week"))
    goal = actions.do_add_team_goal(
        manager,
        team,
        title="Kortare väntetider",
        why="Brukarna väntar",
        contribution="Vi planerar rutterna",
        priority=2,
    )
    change = actions.do_change_priority(
        manager, goal, priority=1, reason="Nya direktiv från nämnden"
    )
    client = client_for(manager)
    assert (
        "Nya direktiv från nämnden" in client.get(reverse("team", args=[team.pk])).content.decode()
    )
    client.post(reverse("explain_goal", args=[goal.pk]))
    change.refresh_from_db()
    assert change.explained_on == manager.organisation.today()
    assert Performance.objects.get().plan_item.practice.number == 41


def test_it_needs_a_reason_and_a_real_change(manager, team):
    goal = actions.do_add_team_goal(
        manager, team, title="Mål", why="Därför", contribution="", priority=1
    )
    with pytest.raises(ActionError):
        actions.do_change_priority(manager, goal, priority=2, reason=" ")
    with pytest.raises(ActionError):
        actions.do_change_priority(manager, goal, priority=1, reason="Samma")


def test_it_keeps_other_teams_goals_out_of_reach(colleague, outsider, team):
    for stranger in (colleague, outsider):
        with pytest.raises(ActionError):
            actions.do_add_team_goal(
                stranger, team, title="x", why="y", contribution="", priority=1
            )
