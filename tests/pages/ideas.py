"""The idea board (practice 48)."""

from engagera.ideas import actions

from . import EVERYONE, LEADERS, Page
from .recognition import employee_team

PAGES = [
    Page("idea_board", viewers=EVERYONE),
    Page("idea", obj="idea", viewers=EVERYONE),
    Page("build_on_idea", obj="idea"),
    Page("mark_idea", obj="idea"),
    Page("record_thinking_session", viewers=LEADERS),
]


def build(owner) -> dict:
    team, _receiver = employee_team(owner)
    manager = owner.manager
    idea = actions.do_post_idea(manager, team, title=owner.secret, text=owner.secret)
    actions.do_build_on(manager, idea, text=owner.secret)
    actions.do_mark_idea(manager, idea, status="explored", note=owner.secret)
    actions.do_record_thinking_session(
        manager, team, held_on=manager.organisation.today(), note=owner.secret, ideas=[idea]
    )
    return {"idea": idea.pk}
