from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagera.core.access import leader_required, member_required
from engagera.core.errors import ActionError
from engagera.people.queries import get_person

from . import actions, queries
from .forms import ActionForm, CadenceForm, HoldForm, PointForm
from .models import ActionItem, Cadence


@leader_required
def person_one_to_ones(request, pk):
    membership = request.membership
    person = get_person(membership, pk)
    cadence = Cadence.objects.filter(person=person).first()
    today = membership.organisation.today()
    form = CadenceForm(
        request.POST or None,
        initial={
            "every_days": cadence.every_days if cadence else 14,
            "next_on": cadence.next_on if cadence else today,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_set_cadence(
                membership,
                person,
                every_days=form.cleaned_data["every_days"],
                next_on=form.cleaned_data["next_on"],
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The one-to-one plan is saved."))
            return redirect("person_one_to_ones", pk=person.pk)
    meetings = person.one_to_ones.filter(manager=membership.user).order_by("-scheduled_on")[:20]
    return render(
        request, "oneonones/person.html", {"person": person, "form": form, "meetings": meetings}
    )


@member_required
def meeting(request, pk):
    membership = request.membership
    meeting = queries.get_meeting(membership, pk)
    manager_view = meeting.manager_id == membership.user_id
    strengths = meeting.person.strengths if manager_view else ""
    return render(
        request,
        "oneonones/meeting.html",
        {
            "meeting": meeting,
            "manager_view": manager_view,
            "points": meeting.points.all(),
            "actions": meeting.actions.all(),
            "point_form": PointForm(prefix="point"),
            "action_form": ActionForm(prefix="action"),
            "hold_form": HoldForm(
                initial={
                    "held_on": membership.organisation.today(),
                    "shared_notes": meeting.shared_notes,
                }
            )
            if manager_view
            else None,
            "strengths": strengths,
            "can_add": actions.can_add_point(membership, meeting),
        },
    )


@member_required
@require_POST
def add_point(request, pk):
    membership = request.membership
    meeting = queries.get_meeting(membership, pk)
    form = PointForm(request.POST, prefix="point")
    if form.is_valid():
        try:
            actions.do_add_talking_point(membership, meeting, form.cleaned_data["text"])
        except ActionError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Write the talking point."))
    return redirect("meeting", pk=meeting.pk)


@leader_required
@require_POST
def add_action(request, pk):
    membership = request.membership
    meeting = queries.get_meeting(membership, pk)
    form = ActionForm(request.POST, prefix="action")
    if form.is_valid():
        try:
            actions.do_add_action_item(membership, meeting, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Write the action and choose its owner."))
    return redirect("meeting", pk=meeting.pk)


@leader_required
@require_POST
def toggle_action(request, pk):
    membership = request.membership
    action = (
        ActionItem.objects.filter(
            pk=pk, meeting__manager=membership.user, meeting__organisation=membership.organisation
        )
        .select_related("meeting")
        .first()
    )
    if action is None:
        raise Http404
    actions.do_set_action_done(membership, action, request.POST.get("done") == "1")
    return redirect("meeting", pk=action.meeting_id)


@leader_required
@require_POST
def hold(request, pk):
    membership = request.membership
    meeting = queries.get_meeting(membership, pk)
    form = HoldForm(request.POST)
    if form.is_valid():
        discussed = {int(value) for value in request.POST.getlist("discussed") if value.isdigit()}
        try:
            actions.do_hold_meeting(membership, meeting, discussed=discussed, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("The one-to-one is saved. Points not discussed move to the next one.")
            )
            return redirect("person", pk=meeting.person_id)
    else:
        messages.error(request, _("Give the date the one-to-one was held."))
    return redirect("meeting", pk=meeting.pk)
