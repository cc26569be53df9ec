"""One-to-ones: the employee's meetings, agenda, actions and the cadence.

Private notes are the writing manager's alone (never shown to anyone else,
administrators included), so an export lists that they exist, not what they say.
"""

from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import Cadence, Meeting


def _meetings(subject: Subject):
    if subject.person is None:
        return Meeting.objects.none()
    return Meeting.objects.filter(
        organisation=subject.organisation, person=subject.person
    ).prefetch_related("points", "actions")


def _cadence(subject: Subject):
    if subject.person is None:
        return Cadence.objects.none()
    return Cadence.objects.filter(organisation=subject.organisation, person=subject.person)


def _led(subject: Subject):
    if subject.user is None:
        return Meeting.objects.none()
    return Meeting.objects.filter(organisation=subject.organisation, manager=subject.user)


def _forget_manager(subject: Subject) -> int:
    # The meetings belong to the employees' history; the manager's name and private notes go.
    changed = _led(subject).update(manager=None, private_notes="")
    Cadence.objects.filter(organisation=subject.organisation, manager=subject.user).update(
        manager=None
    )
    return changed


def _meeting_row(meeting: Meeting) -> dict:
    return {
        "agenda": [point.text for point in meeting.points.all()],
        "actions": [f"{a.text} ({a.get_owner_display()})" for a in meeting.actions.all()],
        "private_notes": _("yes, kept by the manager") if meeting.private_notes else "",
    }


register(
    DataType(
        key="oneonones.meetings",
        label=_("One-to-ones"),
        purpose=_("Regular private meetings between the employee and their manager."),
        rows=_meetings,
        fields={
            "scheduled_on": _("date"),
            "held_on": _("held on"),
            "shared_notes": _("shared notes"),
            "agenda": _("agenda"),
            "actions": _("actions"),
            "private_notes": _("private notes"),
        },
        models=("oneonones.Meeting", "oneonones.TalkingPoint"),
        default_months=24,
        author=lambda meeting: meeting.manager,
        export_row=_meeting_row,
    ),
    DataType(
        key="oneonones.cadence",
        label=_("One-to-one cadence"),
        purpose=_("How often the manager meets the employee."),
        rows=_cadence,
        fields={"every_days": _("every (days)"), "next_on": _("next one-to-one")},
        models=("oneonones.Cadence",),
        default_months=1,
    ),
    DataType(
        key="oneonones.led",
        label=_("One-to-ones held as manager"),
        purpose=_("The manager's side of the meetings they hold."),
        rows=_led,
        fields={"scheduled_on": _("date"), "held_on": _("held on")},
        models=("oneonones.Meeting",),
        erase=_forget_manager,
        kept_apart=True,
    ),
)
