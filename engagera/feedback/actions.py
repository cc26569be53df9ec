from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from engagera.core.errors import ActionError
from engagera.core.models import Membership
from engagera.people.models import Person
from engagera.people.queries import is_leader_of
from engagera.practices import actions as practice_actions
from engagera.practices.models import PlanItem

from .models import Feedback, FeedbackKind

FEEDBACK_PRACTICE = 43


def feedback_plan_item(membership: Membership) -> PlanItem | None:
    return practice_actions.plan_item_for_practice(membership, FEEDBACK_PRACTICE)


@transaction.atomic
def do_log_feedback(
    membership: Membership,
    person: Person,
    *,
    kind: str,
    day: date | None = None,
    note: str = "",
    meeting=None,
    count_as_practice: bool = False,
) -> Feedback:
    """Record feedback given; optionally count it as a performance of practice 43, in one step."""
    if person.organisation_id != membership.organisation_id or not is_leader_of(membership, person):
        raise ActionError(_("You can only give feedback to people in the teams you lead."))
    if kind not in FeedbackKind.values:
        raise ActionError(_("Choose reinforcing or developmental."), field="kind")
    day = day or membership.organisation.today()
    practice_actions.check_day(membership.organisation, day)
    if meeting is not None and meeting.person_id != person.pk:
        raise ActionError(_("That one-to-one is with someone else."), field="meeting")
    performance = None
    if count_as_practice:
        item = feedback_plan_item(membership)
        if item is None:
            raise ActionError(
                _("Practice 43 (give feedback often) is not in your plan."),
                field="count_as_practice",
            )
        if day >= item.start_date:
            performance, _created = practice_actions.do_log_performance(
                membership, item, day=day, note=note, person=person
            )
    return Feedback.objects.create(
        organisation=membership.organisation,
        person=person,
        author=membership.user,
        kind=kind,
        given_on=day,
        note=note.strip(),
        one_to_one=meeting,
        performance=performance,
    )


@transaction.atomic
def do_delete_feedback(membership: Membership, feedback: Feedback) -> None:
    if feedback.author_id != membership.user_id:
        raise ActionError(_("Only the person who logged it can delete it."))
    feedback.delete()
