"""Personal data about employees: their record and the teams they lead."""

from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import Goal, Introduction, Note, Person, PriorityChange, Team, WorkloadReading


def _records(subject: Subject):
    if subject.person is not None:
        return Person.objects.filter(pk=subject.person.pk, organisation=subject.organisation)
    if subject.user is not None:
        return Person.objects.filter(user=subject.user, organisation=subject.organisation)
    return Person.objects.none()


def _teams_led(subject: Subject):
    if subject.user is None:
        return Team.objects.none()
    return Team.objects.filter(organisation=subject.organisation, managers=subject.user)


def _stop_leading(subject: Subject) -> int:
    if subject.user is None:
        return 0
    links = Team.managers.through.objects.filter(
        user=subject.user, team__organisation=subject.organisation
    )
    deleted, _per_model = links.delete()
    return deleted


register(
    DataType(
        key="people.person",
        label=_("Employee record"),
        purpose=_("To know who is in which team, so their manager can lead them."),
        rows=_records,
        # Every field of the record, so what the card gains is exported too.
        fields={
            f.name: f.verbose_name
            for f in Person._meta.concrete_fields
            if f.name not in ("id", "organisation", "user")
        },
        models=("people.Person",),
        identity=True,
    ),
    DataType(
        key="people.teams_led",
        label=_("Teams the person leads"),
        purpose=_("To show a manager their own teams."),
        rows=_teams_led,
        fields={"name": _("team")},
        models=("people.Team",),
        erase=_stop_leading,
    ),
)


# --- The card's history: workload checks, introductions, goals, notes ------------------------
# Each is about the employee; the manager who wrote it is its author (redactable).


def _about(model, author_field: str):
    def rows(subject: Subject):
        if subject.person is None:
            return model.objects.none()
        return model.objects.filter(
            person=subject.person, person__organisation=subject.organisation
        )

    def by(subject: Subject):
        if subject.user is None:
            return model.objects.none()
        return model.objects.filter(
            **{author_field: subject.user}, person__organisation=subject.organisation
        )

    def forget(subject: Subject) -> int:
        return by(subject).update(**{author_field: None})

    return rows, by, forget


_workload_rows, _workload_by, _workload_forget = _about(WorkloadReading, "recorded_by")
_intro_rows, _intro_by, _intro_forget = _about(Introduction, "introduced_by")
_goal_rows, _goal_by, _goal_forget = _about(Goal, "agreed_by")
_note_rows, _note_by, _note_forget = _about(Note, "author")


def _goal_row(goal: Goal) -> dict:
    return {"check_ins": [f"{c.day.isoformat()}: {c.note}" for c in goal.check_ins.all()]}


def _note_row(note: Note) -> dict:
    # A private note is its author's alone: an export says it exists, not what it says.
    return {"text": note.text if note.shared else _("(a private note kept by its author)")}


def _priority_changes_by(subject: Subject):
    if subject.user is None:
        return PriorityChange.objects.none()
    return PriorityChange.objects.filter(
        changed_by=subject.user, goal__team__organisation=subject.organisation
    )


register(
    DataType(
        key="people.workload",
        label=_("Workload checks"),
        purpose=_("To see overload as a trend and act in time (work environment duties)."),
        rows=_workload_rows,
        fields={
            "day": _("date"),
            "load": _("workload (1 light – 5 overloaded)"),
            "note": _("note"),
        },
        models=("people.WorkloadReading",),
        default_months=12,
        author=lambda row: row.recorded_by,
    ),
    DataType(
        key="people.introductions",
        label=_("Introductions from the manager's network"),
        purpose=_("To remember whom the employee was introduced to, and why."),
        rows=_intro_rows,
        fields={
            "day": _("date"),
            "contact": _("to whom"),
            "why": _("why"),
            "outcome": _("outcome"),
        },
        models=("people.Introduction",),
        default_months=12,
        author=lambda row: row.introduced_by,
    ),
    DataType(
        key="people.goals",
        label=_("Agreed goals and check-ins"),
        purpose=_("Goals agreed with the employee, the way they chose, and support along it."),
        rows=_goal_rows,
        fields={
            "what": _("goal"),
            "why": _("why it matters"),
            "way": _("the way they chose"),
            "agreed_on": _("agreed on"),
            "done_on": _("reached on"),
            "check_ins": _("check-ins"),
        },
        models=("people.Goal", "people.GoalCheckIn"),
        default_months=24,
        author=lambda row: row.agreed_by,
        export_row=_goal_row,
    ),
    DataType(
        key="people.notes",
        label=_("Notes"),
        purpose=_("The manager's notes on the employee, private or shared with them."),
        rows=_note_rows,
        fields={
            "created_at": _("written"),
            "shared": _("shared with the employee"),
            "text": _("note"),
        },
        models=("people.Note",),
        default_months=12,
        author=lambda row: row.author,
        export_row=_note_row,
    ),
    DataType(
        key="people.written_by",
        label=_("What the person wrote about others as a manager"),
        purpose=_("Authorship of workload checks, introductions, goals and notes."),
        rows=lambda subject: _note_by(subject),
        fields={"created_at": _("written")},
        models=("people.Note", "people.WorkloadReading", "people.Introduction", "people.Goal"),
        erase=lambda subject: (
            sum(forget(subject) for forget in (_workload_forget, _intro_forget, _goal_forget))
            + _note_by(subject).delete()[0]
        ),
        kept_apart=True,
    ),
    DataType(
        key="people.priority_changes",
        label=_("Team priority changes"),
        purpose=_("Who changed a team goal's priority, so the team hears why."),
        rows=_priority_changes_by,
        fields={"day": _("date"), "reason": _("why the priority changed")},
        models=("people.PriorityChange",),
        erase=lambda subject: _priority_changes_by(subject).update(changed_by=None),
        kept_apart=True,
        default_months=None,
    ),
)
