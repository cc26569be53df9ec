from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engagera.core.access import leader_required, member_required
from engagera.core.errors import ActionError
from engagera.people.queries import led_team_ids, visible_people

from . import actions, queries
from .forms import (
    AdvanceRewardForm,
    ChooseRewardForm,
    HeroForm,
    HideForm,
    RecogniseForm,
    StartRewardForm,
)


def _form_error(form, exc: ActionError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


def _int_param(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


@member_required
def feed(request):
    membership = request.membership
    teams = queries.feed_teams(membership)
    team_id = _int_param(request, "team")
    if team_id is not None and team_id not in {team.pk for team in teams}:
        raise Http404("No such team")
    items, older = queries.feed(membership, team_id=team_id, before=_int_param(request, "before"))
    return render(
        request,
        "recognition/feed.html",
        {
            "items": items,
            "older": older,
            "teams": teams,
            "team_id": team_id,
            "leads": bool(led_team_ids(membership)),
            "given_this_week": queries.given_this_week(membership),
            "limit": membership.organisation.recognition_weekly_limit,
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def recognise(request):
    membership = request.membership
    search = (request.POST or request.GET).get("q", "")[:100]
    offered = queries.recognisable(membership, search)
    if request.method == "POST":
        # Anyone in the organisation may be chosen (after a search); only the offered are shown.
        form = RecogniseForm(request.POST, people=queries.colleagues(membership))
        if form.is_valid():
            try:
                actions.do_recognise(membership, **form.cleaned_data)
            except ActionError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Thank you: your recognition is posted."))
                return redirect("recognition_feed")
        chosen = request.POST.get("receiver", "")
        form.fields["receiver"].queryset = queries.colleagues(membership).filter(
            Q(pk__in=offered.values("pk")) | Q(pk=int(chosen) if chosen.isdigit() else None)
        )
    else:
        form = RecogniseForm(people=offered)
        if search and offered.count() == 1:
            form.initial["receiver"] = offered.first().pk
    return render(
        request,
        "recognition/recognise.html",
        {
            "form": form,
            "search": search,
            "given_this_week": queries.given_this_week(membership),
            "limit": membership.organisation.recognition_weekly_limit,
        },
    )


@leader_required
@require_http_methods(["GET", "POST"])
def name_hero(request):
    membership = request.membership
    people = visible_people(membership).filter(left_on__isnull=True)
    form = HeroForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_name_hero(membership, data.pop("person"), **data)
        except ActionError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The hero of the day is in the team's feed."))
            return redirect("recognition_feed")
    return render(request, "recognition/hero.html", {"form": form})


@member_required
def recognition(request, pk):
    membership = request.membership
    item = queries.decorate(membership, queries.get_recognition(membership, pk))
    if item.is_hidden and not item.can_moderate:
        raise Http404("Hidden")
    return render(
        request,
        "recognition/recognition.html",
        {
            "item": item,
            "hide_form": HideForm(),
            "start_form": StartRewardForm(),
            "choose_form": ChooseRewardForm(),
            "advance_form": AdvanceRewardForm(),
        },
    )


@member_required
@require_POST
def react(request, pk):
    membership = request.membership
    item = queries.get_recognition(membership, pk)
    try:
        actions.do_toggle_reaction(membership, item, request.POST.get("kind", ""))
    except ActionError as exc:
        messages.error(request, str(exc))
    if request.htmx:
        item = queries.get_recognition(membership, pk)
        return render(
            request,
            "recognition/_reactions.html",
            {"item": queries.decorate(membership, item)},
        )
    return redirect("recognition", pk=item.pk)


@leader_required
@require_POST
def hide(request, pk):
    membership = request.membership
    item = queries.get_recognition(membership, pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you hide it."))
    else:
        try:
            actions.do_hide_recognition(membership, item, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Hidden. It stays on record, marked as hidden."))
    return redirect("recognition", pk=item.pk)


@leader_required
@require_POST
def start_reward(request, pk):
    membership = request.membership
    item = queries.get_recognition(membership, pk)
    form = StartRewardForm(request.POST)
    if form.is_valid():
        try:
            actions.do_start_group_reward(membership, item, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Group reward started: the recognised person chooses for the team.")
            )
    else:
        messages.error(request, _("Please correct the marked fields."))
    return redirect("recognition", pk=item.pk)


@member_required
@require_POST
def choose_reward(request, pk):
    membership = request.membership
    reward = queries.get_reward(membership, pk)
    form = ChooseRewardForm(request.POST)
    if form.is_valid():
        try:
            actions.do_choose_reward(membership, reward, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your choice is sent to your manager."))
    else:
        messages.error(request, _("Choose something for the team."))
    return redirect("recognition", pk=reward.recognition_id)


@leader_required
@require_POST
def advance_reward(request, pk):
    membership = request.membership
    reward = queries.get_reward(membership, pk)
    form = AdvanceRewardForm(request.POST)
    if form.is_valid():
        try:
            actions.do_advance_reward(membership, reward, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Choose planned or done."))
    return redirect("recognition", pk=reward.recognition_id)


@leader_required
def spread(request):
    membership = request.membership
    rows = queries.spread(membership)
    return render(
        request,
        "recognition/spread.html",
        {
            "rows": rows,
            "unseen": [r for r in rows if r.unseen],
            "weeks": membership.organisation.unseen_after_weeks,
            "days": queries.SPREAD_DAYS,
        },
    )
