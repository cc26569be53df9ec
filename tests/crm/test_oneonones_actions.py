from datetime import timedelta

import pytest

from engagera.core.errors import ActionError
from engagera.lib.habits import Target
from engagera.oneonones import actions, queries
from engagera.oneonones.models import Cadence, Meeting, TalkingPoint
from engagera.practices import actions as practice_actions
from engagera.practices.models import Performance
from tests.conftest import practice


def test_it_carries_undiscussed_points_to_the_next_meeting(manager, member, person):
    today = manager.organisation.today()
    actions.do_set_cadence(manager, person, every_days=14, next_on=today)
    meeting = Meeting.objects.get()
    first = actions.do_add_talking_point(manager, meeting, "Kompetensutveckling")
    actions.do_add_talking_point(member, meeting, "Schemat i december")  # the person adds too
    actions.do_hold_meeting(
        manager,
        meeting,
        held_on=today,
        shared_notes="Bra samtal",
        private_notes="Verkar trött",
        discussed={first.pk},
        told_appreciation=False,
    )
    upcoming = Meeting.objects.get(held_on__isnull=True)
    assert upcoming.scheduled_on == today + timedelta(days=14)
    assert [p.text for p in upcoming.points.all()] == ["Schemat i december"]
    assert upcoming.points.get().carried_over
    assert Cadence.objects.get(person=person).next_on == today + timedelta(days=14)


def test_it_counts_telling_strengths_as_practice_49(manager, person):
    practice_actions.do_add_plan_item(manager, practice(49), Target.parse("1/14d"))
    meeting = actions.do_plan_meeting(manager, person, on=manager.organisation.today())
    actions.do_hold_meeting(
        manager,
        meeting,
        held_on=manager.organisation.today(),
        shared_notes="",
        private_notes="",
        discussed=set(),
        told_appreciation=True,
    )
    assert Performance.objects.get().person == person


def test_it_lists_overdue_meetings_and_actions(manager, person):
    today = manager.organisation.today()
    meeting = actions.do_plan_meeting(manager, person, on=today - timedelta(days=3))
    action = actions.do_add_action_item(
        manager, meeting, text="Boka kurs", owner="manager", due_on=today - timedelta(days=1)
    )
    assert list(queries.overdue_meetings(manager, today)) == [meeting]
    assert list(queries.overdue_actions(manager, today)) == [action]
    actions.do_set_action_done(manager, action, True)
    assert list(queries.overdue_actions(manager, today)) == []


def test_it_keeps_others_out_of_the_meeting(
    manager, colleague, outsider, person, other_team_person
):
    meeting = actions.do_plan_meeting(manager, person, on=manager.organisation.today())
    for stranger in (colleague, outsider):
        with pytest.raises(ActionError):
            actions.do_add_talking_point(stranger, meeting, "x")
        with pytest.raises(ActionError):
            actions.do_add_action_item(stranger, meeting, text="x", owner="manager", due_on=None)
    with pytest.raises(ActionError):
        actions.do_plan_meeting(manager, other_team_person, on=manager.organisation.today())
    assert TalkingPoint.objects.count() == 0
