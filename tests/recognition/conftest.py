"""Two teams in one organisation and a team in another, each with member accounts.

Shared by tests/recognition, tests/ideas and tests/members (they import these fixtures).
"""

import pytest

from engagera.core.actions import do_create_user
from engagera.core.models import Role
from engagera.people.models import Person, Team
from tests.browser.conftest import browser, new_page, page, sign_in  # noqa: F401
from tests.conftest import PASSWORD


def member_in(team, email, name):
    user = do_create_user(
        email,
        team.organisation,
        Role.MEMBER,
        password=PASSWORD,
        full_name=name,
        check_password=False,
    )
    Person.objects.create(
        organisation=team.organisation, team=team, full_name=name, email=email, user=user
    )
    return user.memberships.get()


@pytest.fixture
def team_a(manager):
    team = Team.objects.create(organisation=manager.organisation, name="Hemtjänst")
    team.managers.add(manager.user)
    return team


@pytest.fixture
def team_b(colleague):
    team = Team.objects.create(organisation=colleague.organisation, name="Köket")
    team.managers.add(colleague.user)
    return team


@pytest.fixture
def maja(team_a, member):
    """The `member` fixture's account, as an employee in team A."""
    Person.objects.create(
        organisation=team_a.organisation,
        team=team_a,
        full_name="Maja Månsson",
        email=member.user.email,
        user=member.user,
    )
    return member


@pytest.fixture
def tove(team_a):
    return member_in(team_a, "tove@solbacka.example", "Tove Teammate")


@pytest.fixture
def kalle(team_b):
    """A member of the other team in the same organisation."""
    return member_in(team_b, "kalle@solbacka.example", "Kalle Köket")


@pytest.fixture
def far_team(outsider):
    team = Team.objects.create(organisation=outsider.organisation, name="Långt bort")
    team.managers.add(outsider.user)
    return team


@pytest.fixture
def stranger(far_team):
    """A member in another organisation."""
    return member_in(far_team, "stina@andra.example", "Stina Stranger")


@pytest.fixture
def driver(catalogue):
    from engagera.practices.models import Driver

    return Driver.objects.order_by("position").first()


def person_of(membership):
    return Person.objects.get(user=membership.user)
