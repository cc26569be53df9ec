"""Who may see whom: a manager sees the people of the teams they lead (sub-teams too),
an administrator everyone in the organisation, a member only themselves."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import QuerySet
from django.http import Http404

from engagera.core.models import Membership, Role
from engagera.core.sql import as_date, id_batches

from .models import Person, Team


def team_tree(organisation) -> dict[int | None, list[int]]:
    """Children per parent team id, from one query."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for team_id, parent_id in Team.objects.filter(organisation=organisation).values_list(
        "id", "parent_id"
    ):
        children[parent_id].append(team_id)
    return children


def with_sub_teams(organisation, team_ids) -> set[int]:
    children = team_tree(organisation)
    seen: set[int] = set()
    todo = list(team_ids)
    while todo:
        team_id = todo.pop()
        if team_id not in seen:
            seen.add(team_id)
            todo.extend(children.get(team_id, ()))
    return seen


def led_team_ids(membership: Membership) -> set[int]:
    """The teams a manager leads, with every team nested below them.

    Remembered on the membership object, which lives for one request, because a page
    asks several times.
    """
    cached = getattr(membership, "_led_team_ids", None)
    if cached is None:
        cached = membership._led_team_ids = _led_team_ids(membership)
    return cached


def _led_team_ids(membership: Membership) -> set[int]:
    if membership.role == Role.ADMIN:
        return set(
            Team.objects.filter(organisation=membership.organisation).values_list("id", flat=True)
        )
    if membership.role != Role.MANAGER:
        return set()
    return led_subtree(membership.organisation_id, membership.user_id)


def led_subtree(organisation_id: int, user_id: int) -> set[int]:
    """The teams a user leads and every team below them: one recursive query that reads
    only that part of the tree (a large organisation has hundreds of teams)."""
    team, managers = Team._meta.db_table, Team.managers.through._meta.db_table
    # Table names come from the models; every value is a bound parameter.
    sql = (
        f"WITH RECURSIVE led(id) AS ("  # noqa: S608  # nosec B608
        f" SELECT t.id FROM {team} t JOIN {managers} m ON m.team_id = t.id"
        f" WHERE m.user_id = %s AND t.organisation_id = %s"
        f" UNION SELECT c.id FROM {team} c JOIN led ON c.parent_id = led.id"
        f" WHERE c.organisation_id = %s"
        f") SELECT id FROM led"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, organisation_id, organisation_id])
        return {row[0] for row in cursor.fetchall()}


def visible_teams(membership: Membership) -> QuerySet[Team]:
    return Team.objects.filter(
        organisation=membership.organisation, id__in=led_team_ids(membership)
    )


def visible_people(membership: Membership) -> QuerySet[Person]:
    people = Person.objects.filter(organisation=membership.organisation).select_related("team")
    if membership.role == Role.ADMIN:
        return people
    if membership.role == Role.MANAGER:
        return people.filter(team_id__in=led_team_ids(membership))
    return people.filter(user=membership.user)


def get_person(membership: Membership, pk: int) -> Person:
    try:
        return visible_people(membership).get(pk=pk)
    except Person.DoesNotExist:
        raise Http404("No such person") from None


def get_team(membership: Membership, pk: int) -> Team:
    try:
        return visible_teams(membership).get(pk=pk)
    except Team.DoesNotExist:
        raise Http404("No such team") from None


def is_leader_of(membership: Membership, person: Person) -> bool:
    return membership.role == Role.ADMIN or (
        membership.role == Role.MANAGER and person.team_id in led_team_ids(membership)
    )


def notes_for(membership: Membership, person: Person):
    """Private notes are seen by their author alone, administrators included; shared notes
    by the person and those who lead them."""
    from django.db.models import Q

    from .models import Note

    notes = Note.objects.filter(person=person).select_related("author")
    if person.user_id == membership.user_id:
        return notes.filter(shared=True)
    if is_leader_of(membership, person):
        return notes.filter(Q(author=membership.user) | Q(shared=True))
    return notes.none()


def workload_trend(person: Person, limit: int = 12):
    """The latest readings, oldest first, for a small trend table."""
    return list(reversed(person.workload.all()[:limit]))


@dataclass(frozen=True, slots=True)
class Agenda:
    """What a person is waiting for: their next one-to-one and their open needs."""

    next_meeting_id: int | None
    next_meeting_on: date | None
    open_needs: int


def agendas(person_ids) -> dict[int, Agenda]:
    """The agenda of each person (ids the caller may see), in one plain query.

    The next one-to-one comes from the partial index of meetings not yet held, so years of
    held ones are never read. Plain SQL for the same reason as feedback standings: the ORM
    form cost more to build than to run on every people list and card.
    """
    from engagera.needs.models import CLOSED, Need
    from engagera.oneonones.models import Meeting

    meeting, need, person = Meeting._meta.db_table, Need._meta.db_table, Person._meta.db_table
    found: dict[int, Agenda] = {}
    for batch, placeholders in id_batches(person_ids):
        # Table names come from the models; every value is a parameter.
        sql = (
            f"SELECT p.id, (SELECT m.id FROM {meeting} m WHERE m.person_id = p.id "  # noqa: S608  # nosec B608
            "AND m.held_on IS NULL ORDER BY m.scheduled_on, m.id LIMIT 1), "
            f"(SELECT MIN(m.scheduled_on) FROM {meeting} m "
            "WHERE m.person_id = p.id AND m.held_on IS NULL), "
            f"(SELECT COUNT(*) FROM {need} n WHERE n.person_id = p.id "
            f"AND n.status NOT IN (%s, %s)) FROM {person} p WHERE p.id IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*CLOSED, *batch])
            for pk, meeting_id, day, open_needs in cursor.fetchall():
                found[pk] = Agenda(meeting_id, as_date(day), open_needs)
    return found


def dashboard_reminders(membership: Membership, today):
    """What the manager's internal customers are waiting for: overdue one-to-ones and actions.

    One small query, bounded by LIMIT, whatever the history.
    """
    from engagera.oneonones.queries import overdue_for_dashboard

    if not led_team_ids(membership) and membership.role != Role.ADMIN:
        return {"meetings": [], "actions": []}
    meetings, actions = overdue_for_dashboard(membership, today)
    return {"meetings": meetings, "actions": actions}


def member_overview(membership: Membership) -> dict:
    """An employee's own view: their upcoming one-to-ones (to add talking points) and needs."""
    from engagera.needs.models import Need
    from engagera.oneonones.models import Meeting

    person = Person.objects.filter(
        organisation=membership.organisation, user=membership.user
    ).first()
    if person is None:
        return {"person": None, "meetings": [], "needs": [], "notes": [], "goals": []}
    return {
        "person": person,
        # The card's shared parts only: notes shared with them and the goals agreed with them.
        "notes": list(notes_for(membership, person)[:10]),
        "goals": list(person.goals.filter(done_on__isnull=True)[:10]),
        "meetings": list(
            Meeting.objects.filter(person=person, held_on__isnull=True).order_by("scheduled_on")[:3]
        ),
        "needs": list(Need.objects.filter(person=person).order_by("-raised_at")[:10]),
    }
