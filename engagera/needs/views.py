from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagera.core.access import leader_required, member_required
from engagera.core.errors import ActionError
from engagera.people.queries import get_person

from . import actions, queries
from .forms import CloseForm, NeedForm, RatingForm
from .models import Need


@leader_required
def service_level(request):
    membership = request.membership
    level = queries.service_level(
        membership, target_working_days=membership.organisation.need_target_working_days
    )
    today = membership.organisation.today()
    rows = [{"need": need, "age": queries.age_days(need, today)} for need in level.open_needs]
    return render(request, "needs/service_level.html", {"level": level, "rows": rows})


@leader_required
def raise_need(request, pk):
    membership = request.membership
    person = get_person(membership, pk)
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need = actions.do_raise_need(membership, person, **form.cleaned_data)
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The need is recorded."))
            return redirect("need", pk=need.pk)
    return render(request, "needs/raise.html", {"form": form, "person": person})


@leader_required
def need(request, pk):
    membership = request.membership
    item = queries.get_need(membership, pk)
    return render(request, "needs/need.html", {"need": item, "close_form": CloseForm()})


@leader_required
@require_POST
def start(request, pk):
    membership = request.membership
    item = queries.get_need(membership, pk)
    try:
        actions.do_start_need(membership, item)
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect("need", pk=item.pk)


@leader_required
@require_POST
def close(request, pk):
    membership = request.membership
    item = queries.get_need(membership, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            secret = actions.do_close_need(membership, item, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            link = request.build_absolute_uri(reverse("rate_need", args=[secret]))
            messages.success(
                request,
                _(
                    "The need is closed. The employee can rate it on their page, or with this one-time link: %(link)s"
                )
                % {"link": link},
            )
    else:
        messages.error(request, _("Choose done or declined."))
    return redirect("need", pk=item.pk)


def rate(request, secret):
    """The one-time rating link: works without signing in, once."""
    item = actions.need_for_rating_secret(secret)
    if item is None:
        return render(request, "needs/rate_gone.html", status=404)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_rate_need(item, **form.cleaned_data)
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "needs/rate_thanks.html")
    return render(request, "needs/rate.html", {"form": form, "need": item})


@member_required
@require_POST
def rate_mine(request, pk):
    """The employee rates their own closed need from their page."""
    membership = request.membership
    item = Need.objects.filter(
        pk=pk, organisation=membership.organisation, person__user=membership.user
    ).first()
    if item is None:
        raise Http404
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            actions.do_rate_need(item, **form.cleaned_data, membership=membership)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Thank you. Your rating helps your manager serve you better.")
            )
    else:
        messages.error(request, _("Choose a value from 1 to 5."))
    return redirect("me")
