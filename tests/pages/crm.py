"""The internal-customer CRM: people and their card, feedback, one-to-ones, needs."""

from engagera.feedback.actions import do_log_feedback
from engagera.needs import actions as need_actions
from engagera.oneonones import actions as meeting_actions
from engagera.people import actions as people_actions
from engagera.people.models import Person, Team

from . import LEADERS, Page

MANAGER = ("manager",)

PAGES = [
    Page("team_overview", viewers=LEADERS),
    Page("import_people", viewers=("admin",)),
    Page("export_people", notes="a CSV download, not a page: checked in tests/crm"),
    Page("people_options", notes="an HTMX fragment (<option>s), not a page: tests/crm"),
    Page("person", obj="person", viewers=LEADERS),
    Page("edit_card", obj="person", viewers=LEADERS),
    Page("record_workload", obj="person", viewers=LEADERS),
    Page("add_introduction", obj="person", viewers=LEADERS),
    Page("agree_goal", obj="person", viewers=LEADERS),
    Page("add_note", obj="person", viewers=LEADERS),
    Page("check_in_goal", obj="goal", viewers=LEADERS),
    Page("delete_note", obj="note"),
    Page("give_feedback", obj="person"),
    Page("feedback_waiting", viewers=LEADERS),
    Page("person_one_to_ones", obj="person", viewers=LEADERS),
    Page("meeting", obj="meeting", viewers=MANAGER),
    Page("add_point", obj="meeting"),
    Page("add_action", obj="meeting"),
    Page("hold_meeting", obj="meeting"),
    Page("toggle_action", obj="action_item"),
    Page("service_level", viewers=LEADERS),
    Page("raise_need", obj="person", viewers=LEADERS),
    Page("need", obj="need", viewers=LEADERS),
    Page("start_need", obj="need"),
    Page("close_need", obj="need"),
    Page("rate_my_need", obj="need"),
    Page("rate_need", public=True, notes="a one-time secret link: tested in tests/crm"),
    Page("team", obj="team", viewers=LEADERS),
    Page("change_priority", obj="team_goal"),
    Page("explain_goal", obj="team_goal"),
]


def build(owner) -> dict:
    manager = owner.manager
    today = manager.organisation.today()
    team = Team.objects.create(organisation=manager.organisation, name=f"Team {owner.secret}")
    team.managers.add(manager.user)
    person = Person.objects.create(
        organisation=manager.organisation,
        team=team,
        full_name=f"Person {owner.secret}",
        email="victim.person@solbacka.example",
        title=owner.secret,
        strengths=owner.secret,
    )
    do_log_feedback(manager, person, kind="reinforcing", note=owner.secret)
    meeting = meeting_actions.do_plan_meeting(manager, person, on=today)
    meeting_actions.do_add_talking_point(manager, meeting, owner.secret)
    action = meeting_actions.do_add_action_item(
        manager, meeting, text=owner.secret, owner="manager", due_on=None
    )
    need = need_actions.do_raise_need(manager, person, category="help", description=owner.secret)
    goal = people_actions.do_agree_goal(
        manager, person, what=owner.secret, why="", way="", day=today
    )
    note = people_actions.do_add_note(manager, person, text=owner.secret, shared=False)
    team_goal = people_actions.do_add_team_goal(
        manager, team, title=owner.secret, why=owner.secret, contribution="", priority=1
    )
    return {
        "person": person.pk,
        "meeting": meeting.pk,
        "action_item": action.pk,
        "need": need.pk,
        "goal": goal.pk,
        "note": note.pk,
        "team": team.pk,
        "team_goal": team_goal.pk,
    }
