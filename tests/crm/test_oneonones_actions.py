from datetime import timedelta

import pytest

from engagera.core.errors import ActionError
from engagera.lib.habits import Target
from engagera.oneonones import actions, queries
from engagera.oneonones.models import Cadence, Meeting, TalkingPoint
from engagera.people.models import Person
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


def test_the_dashboard_reminder_shows_only_the_managers_oldest_open_items(
    manager, colleague, outsider, team, person, other_team_person, foreign_person
):
    today = manager.organisation.today()
    # One open one-to-one per person: seven people, seven overdue meetings.
    people = [person] + [
        Person.objects.create(organisation=team.organisation, team=team, full_name=f"P {n}")
        for n in range(6)
    ]
    days = [today - timedelta(days=n) for n in (2, 9, 4, 30, 6, 7, 8)]
    mine = [
        actions.do_plan_meeting(manager, who, on=day) for who, day in zip(people, days, strict=True)
    ]
    held = mine[3]  # the oldest, but held: not a reminder
    actions.do_hold_meeting(
        manager,
        held,
        held_on=held.scheduled_on,
        shared_notes="",
        private_notes="",
        discussed=set(),
        told_appreciation=False,
    )
    newcomer = Person.objects.create(organisation=team.organisation, team=team, full_name="Ny")
    actions.do_plan_meeting(manager, newcomer, on=today)  # today is not overdue yet
    # Others' overdue meetings, in this organisation and another one.
    actions.do_plan_meeting(colleague, other_team_person, on=today - timedelta(days=50))
    actions.do_plan_meeting(outsider, foreign_person, on=today - timedelta(days=50))
    done = actions.do_add_action_item(
        manager, mine[0], text="Klar", owner="manager", due_on=today - timedelta(days=20)
    )
    actions.do_set_action_done(manager, done, True)
    late = actions.do_add_action_item(
        manager, mine[1], text="Boka kurs", owner="manager", due_on=today - timedelta(days=1)
    )
    later = actions.do_add_action_item(
        manager, mine[2], text="Ring HR", owner="manager", due_on=today - timedelta(days=3)
    )
    actions.do_add_action_item(manager, mine[2], text="Sen", owner="manager", due_on=today)

    meetings, open_actions = queries.overdue_for_dashboard(manager, today, limit=5)

    still_open = [m for m in mine if m.pk != held.pk]
    oldest_five = sorted(still_open, key=lambda m: m.scheduled_on)[:5]
    assert [row.meeting_id for row in meetings] == [m.pk for m in oldest_five]
    assert [row.day for row in meetings] == [m.scheduled_on for m in oldest_five]
    assert [row.person_name for row in meetings] == [m.person.full_name for m in oldest_five]
    assert [(row.text, row.meeting_id, row.day) for row in open_actions] == [
        ("Ring HR", later.meeting_id, later.due_on),
        ("Boka kurs", late.meeting_id, late.due_on),
    ]
    # The other managers see their own, and nothing of this manager's.
    theirs, _ = queries.overdue_for_dashboard(colleague, today)
    assert [row.person_name for row in theirs] == [other_team_person.full_name]
    foreign, _ = queries.overdue_for_dashboard(outsider, today)
    assert [row.person_name for row in foreign] == [foreign_person.full_name]


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
