"""Which idea boards a person sees: their own team's, and the teams they lead."""

from django.db.models import Count
from django.http import Http404

from engagera.core.models import Membership
from engagera.people.models import Team
from engagera.people.queries import led_team_ids

from .models import Idea, ThinkingSession


def board_team_ids(membership: Membership) -> set[int]:
    from engagera.recognition.queries import own_person

    ids = set(led_team_ids(membership))
    person = own_person(membership)
    if person is not None and person.team_id:
        ids.add(person.team_id)
    return ids


def board_teams(membership: Membership):
    return Team.objects.filter(
        organisation=membership.organisation, id__in=board_team_ids(membership)
    ).order_by("name")


def get_board_team(membership: Membership, team_id: int | None) -> Team | None:
    """The team asked for (404 when not the user's), or their own team, or the first led."""
    teams = board_teams(membership)
    if team_id is not None:
        try:
            return teams.get(pk=team_id)
        except Team.DoesNotExist:
            raise Http404("No such team") from None
    from engagera.recognition.queries import own_person

    person = own_person(membership)
    if person is not None and person.team_id:
        return teams.filter(pk=person.team_id).first() or teams.first()
    return teams.first()


def visible_ideas(membership: Membership):
    return Idea.objects.filter(
        organisation=membership.organisation, team_id__in=board_team_ids(membership)
    ).select_related("author", "team", "status_by")


def board(membership: Membership, team: Team, *, limit: int = 50):
    return list(
        visible_ideas(membership)
        .filter(team=team)
        .annotate(build_on_count=Count("build_ons"))[:limit]
    )


def get_idea(membership: Membership, pk: int) -> Idea:
    try:
        return visible_ideas(membership).get(pk=pk)
    except Idea.DoesNotExist:
        raise Http404("No such idea") from None


def may_mark(membership: Membership, idea: Idea) -> bool:
    return idea.organisation_id == membership.organisation_id and idea.team_id in led_team_ids(
        membership
    )


def sessions(membership: Membership, team: Team, limit: int = 5):
    return list(
        ThinkingSession.objects.filter(
            organisation=membership.organisation, team=team
        ).select_related("led_by")[:limit]
    )
