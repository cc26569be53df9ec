from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from engagera.core.errors import ActionError
from engagera.core.models import Membership
from engagera.people.models import Person
from engagera.people.queries import is_leader_of
from engagera.practices import actions as practice_actions

from .models import ActionItem, Cadence, Meeting, Owner, TalkingPoint

STRENGTHS_PRACTICE = 49


def _lead(membership: Membership, person: Person) -> None:
    if person.organisation_id != membership.organisation_id or not is_leader_of(membership, person):
        raise ActionError(_("You can only hold one-to-ones with people in the teams you lead."))


def _own_meeting(membership: Membership, meeting: Meeting) -> None:
    if (
        meeting.manager_id != membership.user_id
        or meeting.organisation_id != membership.organisation_id
    ):
        raise ActionError(_("That one-to-one is not yours."))


@transaction.atomic
def do_set_cadence(
    membership: Membership, person: Person, *, every_days: int, next_on: date
) -> Cadence:
    _lead(membership, person)
    if not 1 <= every_days <= 365:
        raise ActionError(_("Choose between 1 and 365 days."), field="every_days")
    cadence, _created = Cadence.objects.update_or_create(
        person=person,
        defaults={
            "organisation": membership.organisation,
            "manager": membership.user,
            "every_days": every_days,
            "next_on": next_on,
        },
    )
    _ensure_upcoming(membership, person, next_on)
    return cadence


def _ensure_upcoming(membership: Membership, person: Person, on: date) -> Meeting:
    upcoming = (
        Meeting.objects.filter(person=person, held_on__isnull=True).order_by("scheduled_on").first()
    )
    if upcoming is None:
        return Meeting.objects.create(
            organisation=membership.organisation,
            person=person,
            manager=membership.user,
            scheduled_on=on,
        )
    if upcoming.scheduled_on != on:
        upcoming.scheduled_on = on
        upcoming.save(update_fields=["scheduled_on"])
    return upcoming


@transaction.atomic
def do_plan_meeting(membership: Membership, person: Person, *, on: date) -> Meeting:
    _lead(membership, person)
    return _ensure_upcoming(membership, person, on)


def can_add_point(membership: Membership, meeting: Meeting) -> bool:
    """Both sides build the agenda: the manager, and the person through their own account."""
    if meeting.organisation_id != membership.organisation_id or meeting.is_held:
        return False
    return meeting.manager_id == membership.user_id or meeting.person.user_id == membership.user_id


@transaction.atomic
def do_add_talking_point(membership: Membership, meeting: Meeting, text: str) -> TalkingPoint:
    if not can_add_point(membership, meeting):
        raise ActionError(_("You cannot add to this agenda."))
    text = text.strip()
    if not text:
        raise ActionError(_("Write the talking point."), field="text")
    return TalkingPoint.objects.create(meeting=meeting, text=text[:300], added_by=membership.user)


@transaction.atomic
def do_add_action_item(
    membership: Membership, meeting: Meeting, *, text: str, owner: str, due_on: date | None
) -> ActionItem:
    _own_meeting(membership, meeting)
    if owner not in Owner.values:
        raise ActionError(_("Choose who owns the action."), field="owner")
    if not text.strip():
        raise ActionError(_("Write the action."), field="text")
    return ActionItem.objects.create(
        meeting=meeting, text=text.strip()[:300], owner=owner, due_on=due_on
    )


@transaction.atomic
def do_set_action_done(membership: Membership, action: ActionItem, done: bool) -> ActionItem:
    _own_meeting(membership, action.meeting)
    action.done_on = membership.organisation.today() if done else None
    action.save(update_fields=["done_on"])
    return action


@transaction.atomic
def do_hold_meeting(
    membership: Membership,
    meeting: Meeting,
    *,
    held_on: date,
    shared_notes: str,
    private_notes: str,
    discussed: set[int],
    told_appreciation: bool,
) -> Meeting:
    """Close the meeting: undiscussed points move to the next one, the cadence moves on.

    Telling the person what you appreciate in them counts as practice 49 when it is in
    the plan.
    """
    _own_meeting(membership, meeting)
    if meeting.is_held:
        raise ActionError(_("This one-to-one is already closed."))
    practice_actions.check_day(membership.organisation, held_on, field="held_on")
    meeting.held_on = held_on
    meeting.shared_notes = shared_notes.strip()
    meeting.private_notes = private_notes.strip()
    meeting.told_appreciation = told_appreciation
    meeting.save()
    points = list(meeting.points.all())
    for point in points:
        point.discussed = point.pk in discussed
    TalkingPoint.objects.bulk_update(points, ["discussed"])
    cadence = Cadence.objects.filter(person=meeting.person).first()
    next_on = held_on + timedelta(days=cadence.every_days if cadence else 14)
    if cadence:
        cadence.next_on = next_on
        cadence.save(update_fields=["next_on"])
    leftovers = [p for p in points if not p.discussed]
    if leftovers or cadence:
        upcoming = _ensure_upcoming(membership, meeting.person, next_on)
        TalkingPoint.objects.bulk_create(
            TalkingPoint(
                meeting=upcoming, text=p.text, added_by_id=p.added_by_id, carried_over=True
            )
            for p in leftovers
        )
    if told_appreciation:
        practice_actions.log_practice_if_planned(
            membership,
            STRENGTHS_PRACTICE,
            day=held_on,
            person=meeting.person,
            note=_("Told in a one-to-one what I appreciate."),
        )
    return meeting
