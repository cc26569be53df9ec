from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagera.core.access import leader_required, member_required
from engagera.core.errors import ActionError
from engagera.lib.habits import Target
from engagera.people.queries import get_team
from engagera.practices import actions as practice_actions
from engagera.practices.queries import get_practice

from . import actions, charts, queries, results
from .forms import WHOLE_ORGANISATION, AnswerForm, OpenRoundForm

COMMENTS_SHOWN = 100  # already in random order: a fresh random selection each time


@leader_required
def rounds(request):
    membership = request.membership
    return render(
        request,
        "surveys/rounds.html",
        {"rows": queries.rounds_for_leader(membership), "today": membership.organisation.today()},
    )


@leader_required
def open_round(request):
    membership = request.membership
    today = membership.organisation.today()
    form = OpenRoundForm(
        membership,
        request.POST or None,
        initial={"opens_on": today, "closes_on": today.fromordinal(today.toordinal() + 14)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        team = None if data["team"] == WHOLE_ORGANISATION else get_team(membership, data["team"])
        try:
            round_ = actions.do_open_round(
                membership,
                team=team,
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                questions=form.chosen_questions(),
            )
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The round is open. Invitations go out by email."))
            return redirect("survey_round", pk=round_.pk)
    return render(request, "surveys/open.html", {"form": form})


@leader_required
def round_detail(request, pk):
    membership = request.membership
    round_ = results.get_round(membership, pk)
    today = membership.organisation.today()
    if round_.is_closed(today):
        return redirect("survey_results", pk=round_.pk)
    return render(
        request,
        "surveys/round.html",
        {
            "round": round_,
            "is_open": round_.is_open(today),
            "invited": round_.invitations.count(),
            "responded": round_.invitations.filter(responded=True).count(),
            "manage": actions.may_manage(membership, round_),
        },
    )


@leader_required
@require_POST
def close_round(request, pk):
    membership = request.membership
    round_ = results.get_round(membership, pk)
    try:
        actions.do_close_round(membership, round_)
    except ActionError as exc:
        messages.error(request, str(exc))
        return redirect("survey_round", pk=round_.pk)
    messages.success(request, _("The round is closed."))
    return redirect("survey_results", pk=round_.pk)


@leader_required
@require_POST
def remind(request, pk):
    membership = request.membership
    round_ = results.get_round(membership, pk)
    try:
        count = actions.do_remind(membership, round_)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("A reminder went to %(count)d people who have not answered yet.") % {"count": count},
        )
    return redirect("survey_round", pk=round_.pk)


def _focus(request) -> int | None:
    raw = request.GET.get("group", "")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404 from None


def _results_for(request, round_, focus=None):
    try:
        return results.round_results(request.membership, round_, focus=focus)
    except results.ResultsNotReady:
        return None


@leader_required
def round_results(request, pk):
    membership = request.membership
    round_ = results.get_round(membership, pk)
    focus = _focus(request)
    try:
        page = results.page_results(membership, round_, focus, comments_shown=COMMENTS_SHOWN)
    except results.ResultsNotReady:
        return redirect("survey_round", pk=round_.pk)
    group = page.group
    return render(
        request,
        "surveys/results.html",
        {
            "round": round_,
            "results": page.results,
            "group": group,
            "parent": page.parent,
            "children": page.children,
            "suggestions": queries.suggestions(membership, group) if group.team_id else [],
            "chart": charts.driver_bars(group),
            "comments": page.comments,
            "comment_count": page.comment_count,
        },
    )


@leader_required
@require_POST
def add_practice(request, pk):
    """One click from a suggestion to the plan, with the plan's "not too many at once" rule."""
    membership = request.membership
    round_ = results.get_round(membership, pk)
    if _results_for(request, round_, focus=-1) is None:  # closed, and some group is theirs
        raise Http404
    practice = get_practice(membership, request.POST.get("practice", ""))
    confirmed = request.POST.get("confirmed") == "1"
    back = request.POST.get("group", "")
    back = back if back.isdigit() else ""
    try:
        practice_actions.do_add_plan_item(
            membership, practice, Target.parse(practice.cadence), confirmed=confirmed
        )
    except practice_actions.NeedsConfirmation as exc:
        return render(
            request,
            "surveys/confirm_add.html",
            {"round": round_, "practice": practice, "question": str(exc), "group": back},
        )
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(practice)s is in your plan. Good luck!") % {"practice": practice.title}
        )
    url = reverse("survey_results", args=[round_.pk])
    return redirect(f"{url}?group={back}" if back else url)


@leader_required
def trend(request, node):
    membership = request.membership
    points = queries.results_module.trend(membership, node)
    if not points:
        raise Http404
    name = get_team(membership, node).name if node else membership.organisation.name
    return render(
        request,
        "surveys/trend.html",
        {
            "name": name,
            "node": node,
            "points": points,
            "drivers": _drivers_named(charts.trend_drivers(points)),
            "chart": charts.trend_chart(points),
        },
    )


def _drivers_named(codes: list[str]) -> list:
    from engagera.practices.models import Driver

    by_code = {d.code: d for d in Driver.objects.filter(code__in=codes)}
    return [by_code[code] for code in codes if code in by_code]


@leader_required
def measured(request, pk):
    membership = request.membership
    team, drivers, rows, shows_performances = queries.done_and_measured(membership, pk)
    return render(
        request,
        "surveys/measured.html",
        {
            "team": team,
            "drivers": drivers,
            "rows": rows,
            "shows_performances": shows_performances,
        },
    )


def _answer(request, invitation, template_context):
    round_ = invitation.round
    form = AnswerForm(round_, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_submit_response(
                invitation, form.values(), comment=form.cleaned_data["comment"]
            )
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            return render(request, "surveys/thanks.html", {"round": round_})
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "surveys/answer.html",
        {"form": form, "round": round_, **template_context},
        status=status,
    )


def answer_link(request, round_pk, secret):
    """The emailed one-time link: works without signing in, once, while the round is open."""
    invitation = actions.invitation_for_secret(round_pk, secret)
    if invitation is None:
        return render(request, "surveys/link_invalid.html", status=404)
    if not invitation.round.is_open(invitation.round.organisation.today()):
        return render(request, "surveys/round_closed.html", status=410)
    return _answer(request, invitation, {})


@member_required
def answer(request, pk):
    """The signed-in way to answer: from the employee's own page."""
    invitation = actions.invitation_for_member(request.membership, pk)
    if invitation is None:
        raise Http404
    if not invitation.round.is_open(invitation.round.organisation.today()):
        return render(request, "surveys/round_closed.html", status=410)
    return _answer(request, invitation, {})
