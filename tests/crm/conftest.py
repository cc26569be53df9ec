import pytest

from engagera.people.models import Person, Team


@pytest.fixture
def team(manager):
    """The manager's department with one sub-team."""
    department = Team.objects.create(organisation=manager.organisation, name="Hemtjänst")
    department.managers.add(manager.user)
    return department


@pytest.fixture
def sub_team(team):
    return Team.objects.create(organisation=team.organisation, name="Hemtjänst Norr", parent=team)


@pytest.fixture
def person(team, member):
    """An employee in the manager's team, with a member account."""
    return Person.objects.create(
        organisation=team.organisation,
        team=team,
        full_name="Maja Månsson",
        email=member.user.email,
        user=member.user,
    )


@pytest.fixture
def sub_person(sub_team):
    return Person.objects.create(
        organisation=sub_team.organisation, team=sub_team, full_name="Sven Sub"
    )


@pytest.fixture
def other_team_person(colleague):
    """Someone in a team the manager does not lead."""
    other = Team.objects.create(organisation=colleague.organisation, name="Kundtjänst")
    other.managers.add(colleague.user)
    return Person.objects.create(organisation=other.organisation, team=other, full_name="Kim Kund")


@pytest.fixture
def foreign_person(outsider):
    team = Team.objects.create(organisation=outsider.organisation, name="Andra teamet")
    team.managers.add(outsider.user)
    return Person.objects.create(
        organisation=outsider.organisation, team=team, full_name="Fia Främling"
    )
