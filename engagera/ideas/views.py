from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from engagera.core.access import leader_required, member_required
from engagera.core.errors import ActionError
from engagera.people.queries import led_team_ids, visible_teams

from . import actions, queries
from .forms import BuildOnForm, IdeaForm, MarkForm, SessionForm


def _form_error(form, exc: ActionError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


def _team_id(request) -> int | None:
    value = request.GET.get("team", "")
    return int(value) if value.isdigit() else None


@member_required
@require_http_methods(["GET", "POST"])
def board(request):
    membership = request.membership
    team = queries.get_board_team(membership, _team_id(request))
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and team is not None and form.is_valid():
        try:
            idea = actions.do_post_idea(membership, team, **form.cleaned_data)
        except ActionError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Your idea is on the board."))
            return redirect("idea", pk=idea.pk)
    return render(
        request,
        "ideas/board.html",
        {
            "team": team,
            "teams": list(queries.board_teams(membership)),
            "ideas": queries.board(membership, team) if team else [],
            "sessions": queries.sessions(membership, team) if team else [],
            "leads": team is not None and team.pk in led_team_ids(membership),
            "form": form,
        },
    )


@member_required
def idea(request, pk):
    membership = request.membership
    item = queries.get_idea(membership, pk)
    return render(
        request,
        "ideas/idea.html",
        {
            "idea": item,
            "build_ons": list(item.build_ons.select_related("author")),
            "form": BuildOnForm(),
            "mark_form": MarkForm() if queries.may_mark(membership, item) else None,
        },
    )


@member_required
@require_POST
def build_on(request, pk):
    membership = request.membership
    item = queries.get_idea(membership, pk)
    form = BuildOnForm(request.POST)
    if form.is_valid():
        try:
            actions.do_build_on(membership, item, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you for building on it."))
    else:
        messages.error(request, _("Write a few words."))
    return redirect(reverse("idea", args=[item.pk]) + "#build-ons")


@leader_required
@require_POST
def mark(request, pk):
    membership = request.membership
    item = queries.get_idea(membership, pk)
    form = MarkForm(request.POST)
    if form.is_valid():
        try:
            actions.do_mark_idea(membership, item, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The idea is marked."))
    else:
        messages.error(request, _("Choose explored, adopted or parked."))
    return redirect("idea", pk=item.pk)


@leader_required
@require_http_methods(["GET", "POST"])
def record_session(request):
    membership = request.membership
    teams = visible_teams(membership).order_by("name")
    form = SessionForm(
        request.POST or None,
        teams=teams,
        initial={"held_on": membership.organisation.today(), "team": _team_id(request)},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        team = data.pop("team")
        try:
            actions.do_record_thinking_session(membership, team, **data)
        except ActionError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The thinking-aloud session is recorded."))
            return redirect(reverse("idea_board") + f"?team={team.pk}")
    return render(request, "ideas/session.html", {"form": form})
