"""Pulse surveys: rounds, results, trend, done and measured, answering."""

from engagera.people.models import Person, Team
from engagera.surveys import actions
from engagera.surveys.models import Invitation, Kind

from . import LEADERS, Page

MANAGER = ("manager",)

PAGES = [
    Page("survey_rounds", viewers=LEADERS),
    Page("survey_open", viewers=LEADERS),
    # An open round's page (a closed one sends the leader on to its results).
    Page("survey_round", obj="survey_open_round", viewers=MANAGER),
    Page("survey_close", obj="survey_open_round"),
    Page("survey_remind", obj="survey_open_round"),
    Page("survey_results", obj="survey_round", viewers=MANAGER),
    Page("survey_add_practice", obj="survey_round"),
    # Only the invited person's own account; in the a11y run the owner's member is invited.
    Page("survey_answer", obj="survey_open_round", viewers=("member",)),
    Page("survey_trend", obj="survey_team", viewers=MANAGER),
    Page("survey_measured", obj="survey_team", viewers=MANAGER),
    Page(
        "survey_answer_link",
        public=True,
        notes="a one-time secret link: tested in tests/surveys/test_answering.py",
    ),
]


def build(owner) -> dict:
    """A closed round with results (and the secret in every comment), and an open round."""
    manager = owner.manager
    organisation = manager.organisation
    team = Team.objects.create(organisation=organisation, name=f"Survey team {owner.secret}")
    team.managers.add(manager.user)
    manager.__dict__.pop("_led_team_ids", None)  # remembered per request; this one is new
    for i in range(10):
        Person.objects.create(
            organisation=organisation,
            team=team,
            full_name=f"Surveyed {i} {owner.secret}",
            email=f"surveyed{i}@solbacka.example",
        )
    today = organisation.today()
    closed = actions.do_open_round(manager, team=team, opens_on=today, closes_on=today)
    for invitation in Invitation.objects.filter(round=closed):
        actions.do_submit_response(
            invitation,
            {q.code: (2 if q.kind == Kind.AGREEMENT else 6) for q in closed.questions.all()},
            comment=owner.secret,
        )
    actions.do_close_round(manager, closed)
    still_open = actions.do_open_round(manager, team=team, opens_on=today, closes_on=today)
    member = getattr(owner, "member", None)
    if member is not None and member.organisation_id == organisation.pk:
        person = Person.objects.filter(user=member.user).first() or Person.objects.create(
            organisation=organisation, team=team, full_name=owner.secret, user=member.user
        )
        Invitation.objects.create(round=still_open, person=person, team=team)
    return {"survey_round": closed.pk, "survey_open_round": still_open.pk, "survey_team": team.pk}
