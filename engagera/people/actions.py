"""Writes for people and teams."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from engagera.core.errors import ActionError
from engagera.core.models import Membership, Organisation, Role

from . import importer
from .models import (
    Goal,
    GoalCheckIn,
    Introduction,
    Note,
    Person,
    PriorityChange,
    Team,
    TeamGoal,
    WorkloadReading,
)


@dataclass
class ImportReport:
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    teams_created: list[str] = field(default_factory=list)
    managers_added: int = 0
    errors: list[importer.RowError] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changes(self) -> int:
        return len(self.created) + len(self.updated) + len(self.teams_created) + self.managers_added


def _require_admin(membership: Membership) -> None:
    if membership.role != Role.ADMIN:
        raise ActionError(_("Only administrators can import people."))


def do_import_people(
    organisation: Organisation,
    data: bytes,
    *,
    acting: Membership | None,
    dry_run: bool,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import people from CSV. With any bad row, or with dry_run, nothing is written.

    People are matched on email within the organisation, so importing the same file
    again changes nothing. `acting` is the signed-in administrator; None means the
    server's operator on the command line.
    """
    if acting is not None:
        _require_admin(acting)
        if acting.organisation_id != organisation.pk:
            raise ActionError(_("Unknown organisation."))
    parsed = importer.parse(data)
    report = ImportReport(rows=len(parsed.rows) + len(parsed.errors), errors=list(parsed.errors))
    existing = {p.email.lower(): p for p in Person.objects.filter(organisation=organisation)}
    teams = {
        t.name: t
        for t in Team.objects.filter(organisation=organisation).prefetch_related("managers")
    }
    leaders = {
        m.user.email.lower(): m.user
        for m in Membership.objects.filter(
            organisation=organisation, role__in=[Role.MANAGER, Role.ADMIN]
        ).select_related("user")
    }
    seen: dict[str, int] = {}
    new_teams: dict[str, Team] = {}
    links: set[tuple[str, int]] = set()
    to_create: list[Person] = []
    to_update: list[Person] = []
    for row in parsed.rows:
        if progress:
            progress(1)
        if row.email in seen:
            report.errors.append(
                importer.RowError(
                    row.line,
                    _("duplicate email %(email)s (also on line %(first)d)")
                    % {"email": row.email, "first": seen[row.email]},
                )
            )
            continue
        seen[row.email] = row.line
        manager = None
        if row.manager_email:
            manager = leaders.get(row.manager_email)
            if manager is None:
                report.errors.append(
                    importer.RowError(
                        row.line,
                        _(
                            "unknown manager %(email)s: no manager or administrator with "
                            "that email in the organisation"
                        )
                        % {"email": row.manager_email},
                    )
                )
                continue
        team = None
        if row.team:
            team = teams.get(row.team) or new_teams.get(row.team)
            if team is None:
                team = new_teams[row.team] = Team(organisation=organisation, name=row.team)
            if manager is not None:
                already = team.pk and any(m.pk == manager.pk for m in team.managers.all())
                if not already:
                    links.add((row.team, manager.pk))
        person = existing.get(row.email)
        values = {"full_name": row.name, "title": row.title, "start_date": row.start_date}
        if person is None:
            to_create.append(
                Person(organisation=organisation, email=row.email, team=team, **values)
            )
        else:
            changed = [name for name, value in values.items() if getattr(person, name) != value]
            if (person.team.name if person.team else None) != (team.name if team else None):
                changed.append("team")
            if changed:
                for name, value in values.items():
                    setattr(person, name, value)
                person.team = team
                to_update.append(person)
            else:
                report.unchanged += 1
    report.created = [p.full_name for p in to_create]
    report.updated = [p.full_name for p in to_update]
    report.teams_created = sorted(new_teams)
    report.managers_added = len(links)
    report.errors.sort(key=lambda error: error.line)
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        for team in new_teams.values():
            team.save()
        for person in to_create + to_update:
            if person.team is not None and person.team.pk:
                person.team_id = person.team.pk
        Person.objects.bulk_create(to_create)
        Person.objects.bulk_update(to_update, ["full_name", "title", "start_date", "team"])
        all_teams = {**teams, **new_teams}
        for team_name, user_id in links:
            all_teams[team_name].managers.add(user_id)
    report.written = True
    return report


# --- The person's card ---------------------------------------------------------------------

CARD_FIELDS = (
    "strengths",
    "motivation",
    "working_toward",
    "recognition_preference",
    "is_talent",
    "focus_areas",
)
GOALS_PRACTICE, NETWORK_PRACTICE, TALENT_PRACTICE = 42, 46, 47


def _lead(membership: Membership, person: Person) -> None:
    from .queries import is_leader_of

    if person.organisation_id != membership.organisation_id or not is_leader_of(membership, person):
        raise ActionError(_("You can only change the card of people in the teams you lead."))


@transaction.atomic
def do_update_card(membership: Membership, person: Person, changes: dict) -> Person:
    _lead(membership, person)
    unknown = set(changes) - set(CARD_FIELDS)
    if unknown:
        raise ActionError(_("Unknown field."))
    for name, value in changes.items():
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    person.save(update_fields=list(changes))
    return person


def _practice(membership, number, day, person, note, count_as_practice):
    if count_as_practice:
        from engagera.practices.actions import log_practice_if_planned

        log_practice_if_planned(membership, number, day=day, person=person, note=note)


@transaction.atomic
def do_record_workload(
    membership: Membership,
    person: Person,
    *,
    day,
    load: int,
    note: str = "",
    count_as_practice: bool = False,
) -> WorkloadReading:
    """A workload check (practice 47): kept as history, so overload shows as a trend."""
    _lead(membership, person)
    if not 1 <= int(load) <= 5:
        raise ActionError(_("Choose a value from 1 to 5."), field="load")
    reading = WorkloadReading.objects.create(
        person=person, recorded_by=membership.user, day=day, load=int(load), note=note.strip()
    )
    _practice(membership, TALENT_PRACTICE, day, person, _("Workload check"), count_as_practice)
    return reading


@transaction.atomic
def do_add_introduction(
    membership: Membership,
    person: Person,
    *,
    day,
    contact: str,
    why: str,
    outcome: str = "",
    count_as_practice: bool = False,
) -> Introduction:
    """An introduction from the manager's network (practice 46)."""
    _lead(membership, person)
    if not contact.strip() or not why.strip():
        raise ActionError(_("Say to whom and why."), field="contact")
    introduction = Introduction.objects.create(
        person=person,
        introduced_by=membership.user,
        day=day,
        contact=contact.strip(),
        why=why.strip(),
        outcome=outcome.strip(),
    )
    _practice(membership, NETWORK_PRACTICE, day, person, contact.strip(), count_as_practice)
    return introduction


@transaction.atomic
def do_agree_goal(
    membership: Membership,
    person: Person,
    *,
    what: str,
    why: str,
    way: str,
    day,
    count_as_practice: bool = False,
) -> Goal:
    """A goal agreed with the person, with the way they chose (practice 42)."""
    _lead(membership, person)
    if not what.strip():
        raise ActionError(_("Write the goal."), field="what")
    goal = Goal.objects.create(
        person=person,
        agreed_by=membership.user,
        what=what.strip(),
        why=why.strip(),
        way=way.strip(),
        agreed_on=day,
    )
    _practice(membership, GOALS_PRACTICE, day, person, what.strip(), count_as_practice)
    return goal


@transaction.atomic
def do_check_in_goal(
    membership: Membership, goal: Goal, *, day, note: str, reached: bool
) -> GoalCheckIn:
    _lead(membership, goal.person)
    if not note.strip():
        raise ActionError(_("Write how it goes."), field="note")
    check_in = GoalCheckIn.objects.create(goal=goal, day=day, note=note.strip())
    if reached and goal.done_on is None:
        goal.done_on = day
        goal.save(update_fields=["done_on"])
    return check_in


@transaction.atomic
def do_add_note(membership: Membership, person: Person, *, text: str, shared: bool) -> Note:
    _lead(membership, person)
    if not text.strip():
        raise ActionError(_("Write the note."), field="text")
    return Note.objects.create(
        person=person, author=membership.user, text=text.strip(), shared=shared
    )


@transaction.atomic
def do_delete_note(membership: Membership, note: Note) -> None:
    if note.author_id != membership.user_id:
        raise ActionError(_("Only the author can delete a note."))
    note.delete()


# --- Team goals and the why (practice 41) ---------------------------------------------------

WHY_PRACTICE = 41


def _lead_team(membership: Membership, team: Team) -> None:
    from .queries import led_team_ids

    if team.organisation_id != membership.organisation_id or team.pk not in led_team_ids(
        membership
    ):
        raise ActionError(_("You can only change the goals of teams you lead."))


@transaction.atomic
def do_add_team_goal(
    membership: Membership, team: Team, *, title: str, why: str, contribution: str, priority: int
) -> TeamGoal:
    _lead_team(membership, team)
    if not title.strip() or not why.strip():
        raise ActionError(_("A goal needs a title and why it matters."), field="why")
    return TeamGoal.objects.create(
        team=team,
        title=title.strip(),
        why=why.strip(),
        contribution=contribution.strip(),
        priority=priority,
        created_on=membership.organisation.today(),
    )


@transaction.atomic
def do_change_priority(
    membership: Membership, goal: TeamGoal, *, priority: int, reason: str
) -> PriorityChange:
    """Record a changed priority with its reason: the team needs to hear why."""
    _lead_team(membership, goal.team)
    if not reason.strip():
        raise ActionError(_("Say why the priority changed."), field="reason")
    if priority == goal.priority:
        raise ActionError(_("That is already the goal's priority."), field="priority")
    change = PriorityChange.objects.create(
        goal=goal,
        changed_by=membership.user,
        day=membership.organisation.today(),
        old_priority=goal.priority,
        new_priority=priority,
        reason=reason.strip(),
    )
    goal.priority = priority
    goal.save(update_fields=["priority"])
    return change


@transaction.atomic
def do_explain_goal(membership: Membership, goal: TeamGoal, *, day):
    """Explaining a goal (and any unexplained priority change) in a meeting: practice 41."""
    from engagera.practices.actions import check_day, log_practice_if_planned

    _lead_team(membership, goal.team)
    check_day(membership.organisation, day)
    goal.changes.filter(explained_on__isnull=True).update(explained_on=day)
    return log_practice_if_planned(
        membership, WHY_PRACTICE, day=day, note=_("Explained: %(goal)s") % {"goal": goal.title}
    )
