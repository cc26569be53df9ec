from datetime import date

from django.http import Http404

from engagera.core.models import Membership

from .models import ActionItem, Meeting


def meetings_led(membership: Membership):
    return Meeting.objects.filter(
        organisation=membership.organisation, manager=membership.user
    ).select_related("person")


def get_meeting(membership: Membership, pk: int) -> Meeting:
    """The manager's own meeting, or the person's own meeting through their account."""
    meeting = (
        Meeting.objects.filter(organisation=membership.organisation, pk=pk)
        .select_related("person", "manager")
        .first()
    )
    if meeting is None or membership.user_id not in (meeting.manager_id, meeting.person.user_id):
        raise Http404("No such one-to-one")
    return meeting


def overdue_meetings(membership: Membership, today: date):
    return (
        meetings_led(membership)
        .filter(held_on__isnull=True, scheduled_on__lt=today)
        .order_by("scheduled_on")
    )


def overdue_actions(membership: Membership, today: date):
    return (
        ActionItem.objects.filter(
            meeting__organisation=membership.organisation,
            meeting__manager=membership.user,
            done_on__isnull=True,
            due_on__lt=today,
        )
        .select_related("meeting__person")
        .order_by("due_on")
    )
