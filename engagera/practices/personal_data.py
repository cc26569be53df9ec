"""Personal data in the practice loop: a manager's plan, logs, notes, paused days and ratings.

All of it is about the manager as a user; none of it names the people they lead.
"""

from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import AutomaticityRating, Performance, PlanItem, Skip


def _plan(subject: Subject):
    if subject.user is None:
        return PlanItem.objects.none()
    return PlanItem.objects.filter(
        organisation=subject.organisation, manager=subject.user
    ).select_related("practice")


def _of_plan(model):
    def rows(subject: Subject):
        if subject.user is None:
            return model.objects.none()
        return model.objects.filter(
            plan_item__organisation=subject.organisation, plan_item__manager=subject.user
        ).select_related("plan_item__practice")

    return rows


def _performances(subject: Subject):
    return _of_plan(Performance)(subject)


def _notes(subject: Subject):
    return _performances(subject).exclude(note="")


def _blank_notes(subject: Subject) -> int:
    # Emptying the note keeps the log (and its habit strength) until its own retention.
    return _notes(subject).update(note="")


def _with_person(subject: Subject):
    # A manager's log "carried out with" this employee: about them too, written by the manager.
    if subject.person is None:
        return Performance.objects.none()
    return Performance.objects.filter(
        plan_item__organisation=subject.organisation, person=subject.person
    ).select_related("plan_item__practice", "plan_item__manager")


def _unlink_person(subject: Subject) -> int:
    return _with_person(subject).update(person=None)


def _practice(row) -> dict:
    return {"practice": row.plan_item.practice}


def _plan_row(item: PlanItem) -> dict:
    return {"target": str(item.target), "state": item.get_state_display()}


PRACTICE = _("practice")

register(
    DataType(
        key="practices.performance_notes",
        label=_("Notes on performed practices"),
        purpose=_("The manager's own reminders of what they did, for their reflection."),
        rows=_notes,
        fields={"performed_on": _("date"), "practice": PRACTICE, "note": _("note")},
        models=("practices.Performance",),
        default_months=6,
        author=lambda performance: performance.plan_item.manager,
        export_row=_practice,
        erase=_blank_notes,
    ),
    DataType(
        key="practices.performances",
        label=_("Performed practices"),
        purpose=_(
            "To show the manager how often they carry out a practice and its habit strength."
        ),
        rows=_performances,
        fields={"performed_on": _("date"), "practice": PRACTICE, "created_at": _("recorded")},
        models=("practices.Performance",),
        export_row=_practice,
        contains=("practices.performance_notes",),
    ),
    DataType(
        key="practices.performed_with",
        label=_("Practices a manager carried out with the person"),
        purpose=_("To remind the manager with whom they carried out a practice."),
        rows=_with_person,
        fields={"performed_on": _("date"), "practice": PRACTICE},
        models=("practices.Performance",),
        author=lambda performance: performance.plan_item.manager,
        export_row=_practice,
        erase=_unlink_person,
        kept_apart=True,
    ),
    DataType(
        key="practices.paused_days",
        label=_("Paused days"),
        purpose=_("Days of leave or travel that do not count against the manager's habits."),
        rows=_of_plan(Skip),
        fields={"day": _("day"), "practice": PRACTICE},
        models=("practices.Skip",),
        export_row=_practice,
    ),
    DataType(
        key="practices.ratings",
        label=_("Automaticity ratings"),
        purpose=_("The manager's monthly view of how automatic a practice has become."),
        rows=_of_plan(AutomaticityRating),
        fields={"month": _("month"), "practice": PRACTICE, "score": _("score")},
        models=("practices.AutomaticityRating",),
        export_row=_practice,
    ),
    DataType(
        key="practices.plan",
        label=_("Practice plan"),
        purpose=_("The practices a manager has chosen, their targets and if-then plans."),
        rows=_plan,
        fields={
            "practice": PRACTICE,
            "target": _("target"),
            "start_date": _("start date"),
            "state": _("state"),
            "if_situation": _("when"),
            "if_action": _("I will"),
            "established_on": _("established on"),
            "created_at": _("created"),
        },
        models=("practices.PlanItem",),
        export_row=_plan_row,
        contains=(
            "practices.performances",
            "practices.performance_notes",
            "practices.paused_days",
            "practices.ratings",
        ),
    ),
)
