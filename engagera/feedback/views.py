from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagera.core.access import leader_required
from engagera.core.errors import ActionError
from engagera.people.queries import get_person

from . import actions, queries
from .forms import FeedbackForm


@leader_required
@require_POST
def give_feedback(request, pk):
    membership = request.membership
    person = get_person(membership, pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_log_feedback(
                membership,
                person,
                kind=data["kind"],
                day=data["day"],
                note=data["note"],
                count_as_practice=data["count_as_practice"],
            )
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Feedback to %(name)s logged.") % {"name": person.full_name}
            )
    else:
        messages.error(request, _("The feedback was not saved: choose the kind and a valid date."))
    return redirect("person", pk=person.pk)


@leader_required
def waiting(request):
    membership = request.membership
    today = membership.organisation.today()
    rows = [
        {"person": person, "last": last, "days": (today - last).days if last else None}
        for person, last in queries.waiting_for_feedback(
            membership, today, membership.organisation.feedback_wait_days
        )
    ]
    return render(
        request,
        "feedback/waiting.html",
        {"rows": rows, "wait_days": membership.organisation.feedback_wait_days},
    )
