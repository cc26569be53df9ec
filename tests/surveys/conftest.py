import itertools

import pytest

from engagera.people.models import Person, Team
from engagera.surveys import actions
from engagera.surveys.bank_sync import bank_is_loaded, sync_questions
from engagera.surveys.models import Invitation, Kind
from tests.browser.conftest import browser, new_page, page, sign_in  # noqa: F401

_counter = itertools.count()


@pytest.fixture(autouse=True)
def question_bank(db, catalogue):
    # Transactional (browser) tests flush the migration's rows: load the bank again.
    if not bank_is_loaded():
        sync_questions()


def add_people(team, n, *, prefix="p"):
    people = []
    for _ in range(n):
        i = next(_counter)
        people.append(
            Person.objects.create(
                organisation=team.organisation,
                team=team,
                full_name=f"Person {i}",
                email=f"{prefix}{i}@solbacka.example",
            )
        )
    return people


def make_team(organisation, name, *, parent=None, people=0, managers=()):
    team = Team.objects.create(organisation=organisation, name=name, parent=parent)
    for membership in managers:
        team.managers.add(membership.user)
        membership.__dict__.pop("_led_team_ids", None)  # remembered per request
    add_people(team, people)
    return team


def values_for(round_, agreement=4, recommend=9):
    return {
        q.code: (agreement if q.kind == Kind.AGREEMENT else recommend)
        for q in round_.questions.all()
    }


def answer_all(round_, *, team=None, agreement=4, recommend=9, comment="", limit=None):
    invitations = Invitation.objects.filter(round=round_, responded=False).order_by("id")
    if team is not None:
        invitations = invitations.filter(team=team)
    for invitation in list(invitations)[:limit]:
        actions.do_submit_response(
            invitation,
            values_for(round_, agreement, recommend),
            comment=comment() if callable(comment) else comment,
        )


def open_now(membership, team):
    today = membership.organisation.today()
    return actions.do_open_round(membership, team=team, opens_on=today, closes_on=today)


@pytest.fixture
def department(manager):
    """The manager's department: team A (6 people) and team B (3 people), nobody directly."""
    dept = make_team(manager.organisation, "Hemtjänst", managers=[manager])
    a = make_team(manager.organisation, "Hemtjänst A", parent=dept, people=6)
    b = make_team(manager.organisation, "Hemtjänst B", parent=dept, people=3)
    return dept, a, b
