"""HTML views of the practice loop: parse, check access, call an action, render."""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from engagera.core.access import admin_required, leader_required
from engagera.core.errors import ActionError
from engagera.lib import habits
from engagera.people import queries as people_queries

from . import actions, charts, queries
from .cards import render_item_card
from .forms import (
    LogForm,
    OrganisationSettingsForm,
    OwnPracticeForm,
    PerformanceForm,
    PlanItemForm,
    RatingForm,
    SkipForm,
)
from .models import PlanState


def _form_error(form, error: ActionError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


# --- Dashboard -----------------------------------------------------------------------------


@leader_required
def dashboard(request):
    membership = request.membership
    statuses, paused = queries.dashboard_status(membership)
    promoted = actions.sync_established(membership, statuses)
    today = membership.organisation.today()
    recently_established = [
        s for s in statuses if s.item.established_on and (today - s.item.established_on).days <= 14
    ]
    context = {
        "statuses": statuses,
        "today": today,
        "reminders": people_queries.dashboard_reminders(membership, today),
        "promoted": promoted,
        "recently_established": recently_established,
        "slipping": [s for s in statuses if s.slipping],
        "to_rate": [
            s
            for s in statuses
            if s.item.state == PlanState.LEARNING
            and not s.rated_this_month
            and s.days_since_start >= 7
        ],
        "suggestion": queries.suggest_next_practice(
            membership, {s.item.practice_id for s in statuses} | {i.practice_id for i in paused}
        )
        if recently_established
        else None,
        "rating_form": RatingForm(),
        "paused_count": len(paused),
    }
    return render(request, "practices/dashboard.html", context)


def _card(request, status, *, logged=None, error=None, status_code=200):
    card = render_item_card(status, csrf_token=get_token(request), logged=logged, error=error)
    return HttpResponse(card, status=status_code)


@leader_required
@require_POST
def log_performance(request, pk):
    membership = request.membership
    item = queries.get_plan_item(membership, pk)
    form = LogForm(request.POST)
    error = None
    performance = None
    if form.is_valid():
        person = None
        if form.cleaned_data["person"]:
            person = (
                people_queries.visible_people(membership)
                .filter(pk=form.cleaned_data["person"])
                .first()
            )
        try:
            if form.cleaned_data["person"] and person is None:
                raise ActionError(_("You can only name people in the teams you lead."))
            performance, _created = actions.do_log_performance(
                membership,
                item,
                day=form.cleaned_data["day"],
                note=form.cleaned_data["note"],
                token=form.cleaned_data["token"],
                person=person,
            )
        except ActionError as exc:
            error = str(exc)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if request.htmx:
        return _card(
            request,
            queries.item_status(membership, item),
            logged=performance,
            error=error,
            status_code=200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Logged: %(practice)s.") % {"practice": item.practice.title})
    return redirect("dashboard")


@leader_required
@require_POST
def undo_performance(request, pk):
    membership = request.membership
    performance = queries.get_performance(membership, pk)
    item = performance.plan_item
    actions.do_delete_performance(membership, performance)
    if request.htmx:
        return (
            _card(request, queries.item_status(membership, item), error=None)
            if request.POST.get("card")
            else HttpResponse("")
        )
    messages.success(request, _("The performance was removed."))
    return redirect(request.POST.get("next") or "history")


@leader_required
@require_POST
def rate_automaticity(request, pk):
    membership = request.membership
    item = queries.get_plan_item(membership, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        actions.do_rate_automaticity(membership, item, form.cleaned_data["score"])
        messages.success(request, _("Thank you. Your rating is saved."))
    else:
        messages.error(request, _("Choose a value from 1 to 5."))
    return redirect("dashboard")


# --- Catalogue -----------------------------------------------------------------------------


@leader_required
def catalogue(request):
    membership = request.membership
    driver = request.GET.get("driver", "")
    text = request.GET.get("q", "").strip()[:100]
    show_hidden = membership.is_admin and request.GET.get("hidden") == "1"
    practices = queries.visible_practices(
        membership.organisation, driver=driver, text=text, include_hidden=show_hidden
    )
    in_plan = set(
        queries.plan_items(membership)
        .exclude(state=PlanState.RETIRED)
        .values_list("practice_id", flat=True)
    )
    # The practices' texts may be read in the other language than the page's.
    text_language = request.GET.get("lang")
    if text_language not in ("sv", "en"):
        text_language = translation.get_language()
    with translation.override(text_language):
        rows = [
            {
                "p": p,
                "title": p.title,
                "description": p.description,
                "drivers": [d.name for d in p.drivers.all()],
            }
            for p in practices
        ]
    return render(
        request,
        "practices/catalogue.html",
        {
            "rows": rows,
            "text_language": text_language,
            "drivers": queries.drivers(),
            "driver": driver,
            "q": text,
            "in_plan": in_plan,
            "hidden": queries.hidden_practice_ids(membership.organisation)
            if membership.is_admin
            else set(),
            "show_hidden": show_hidden,
        },
    )


@leader_required
def practice_detail(request, slug):
    membership = request.membership
    practice = queries.get_practice(membership, slug)
    item = (
        queries.plan_items(membership)
        .exclude(state=PlanState.RETIRED)
        .filter(practice=practice)
        .first()
    )
    return render(
        request,
        "practices/practice.html",
        {
            "practice": practice,
            "item": item,
            "hidden": practice.pk in queries.hidden_practice_ids(membership.organisation),
        },
    )


@admin_required
def own_practice_form(request, slug=None):
    membership = request.membership
    practice = queries.get_practice(membership, slug) if slug else None
    if practice is not None and practice.organisation_id != membership.organisation_id:
        messages.error(request, _("Only your organisation's own practices can be edited."))
        return redirect("practice", slug=practice.slug)
    initial = {}
    if practice:
        initial = {
            name: getattr(practice, name)
            for name in OwnPracticeForm.base_fields
            if name != "drivers"
        }
        initial["drivers"] = list(practice.drivers.all())
    form = OwnPracticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        drivers = list(data.pop("drivers"))
        data["cadence"] = str(data["cadence"])
        try:
            saved = actions.do_save_own_practice(membership, practice, data, drivers)
        except ActionError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The practice is saved."))
            return redirect("practice", slug=saved.slug)
    return render(request, "practices/own_practice_form.html", {"form": form, "practice": practice})


@admin_required
@require_POST
def set_practice_hidden(request, slug):
    membership = request.membership
    practice = queries.get_practice(membership, slug)
    hide = request.POST.get("hidden") == "1"
    actions.do_set_practice_hidden(membership, practice, hide)
    if hide:
        messages.success(request, _("The practice is hidden from your organisation's catalogue."))
    else:
        messages.success(
            request, _("The practice is shown in your organisation's catalogue again.")
        )
    return redirect("practice", slug=practice.slug)


# --- Plan ----------------------------------------------------------------------------------


@leader_required
def plan(request):
    membership = request.membership
    statuses = queries.plan_status(membership, active_only=False)
    groups = {state: [] for state in PlanState.values}
    for status in statuses:
        groups[status.item.state].append(status)
    return render(
        request,
        "practices/plan.html",
        {
            "groups": [(PlanState(state).label, state, rows) for state, rows in groups.items()],
            "learning_count": len(groups[PlanState.LEARNING]),
            "max_learning": membership.organisation.max_learning,
        },
    )


@leader_required
def plan_add(request, slug):
    membership = request.membership
    practice = queries.get_practice(membership, slug)
    initial = {"target": practice.cadence, "start_date": membership.organisation.today()}
    form = PlanItemForm(request.POST or None, initial=initial)
    confirm = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = actions.do_add_plan_item(
                membership,
                practice,
                data["target"],
                start_date=data["start_date"],
                if_situation=data["if_situation"],
                if_action=data["if_action"],
                confirmed=data["confirmed"],
            )
        except actions.NeedsConfirmation as exc:
            confirm = str(exc)
            form = PlanItemForm(
                initial={**form.cleaned_data, "confirmed": True, "target": str(data["target"])}
            )
        except ActionError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("%(practice)s is in your plan. Good luck!") % {"practice": practice.title},
            )
            return redirect("plan_item", pk=item.pk)
    return render(
        request, "practices/plan_add.html", {"form": form, "practice": practice, "confirm": confirm}
    )


@leader_required
def plan_item(request, pk):
    membership = request.membership
    item = queries.get_plan_item(membership, pk)
    status = queries.item_status(membership, item)
    performed, skipped = queries.full_history(item, status.on)
    series = habits.strength_series(item.target, item.start_date, status.on, performed, skipped)
    weekly = queries.weekly_counts(item, performed, status.on)
    explanation = habits.explain(item.target, item.start_date, status.on, performed, skipped)
    return render(
        request,
        "practices/plan_item.html",
        {
            "item": item,
            "s": status,
            "weekly": weekly,
            "weekly_chart": charts.bar_chart(weekly),
            "strength_chart": charts.line_chart(series, item.start_date),
            "strength_table": charts.monthly_points(series, item.start_date),
            "explanation": explanation,
            "ratings": item.automaticity.all(),
            "recent": item.performances.all()[:10],
            "token": uuid.uuid4(),
        },
    )


@leader_required
def plan_item_edit(request, pk):
    membership = request.membership
    item = queries.get_plan_item(membership, pk)
    initial = {
        "target": str(item.target),
        "start_date": item.start_date,
        "if_situation": item.if_situation,
        "if_action": item.if_action,
    }
    form = PlanItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_edit_plan_item(
                membership,
                item,
                target=data["target"],
                start_date=data["start_date"],
                if_situation=data["if_situation"],
                if_action=data["if_action"],
            )
        except ActionError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Your plan is saved."))
            return redirect("plan_item", pk=item.pk)
    return render(request, "practices/plan_item_edit.html", {"form": form, "item": item})


@leader_required
@require_POST
def plan_item_state(request, pk):
    membership = request.membership
    item = queries.get_plan_item(membership, pk)
    try:
        actions.do_set_plan_state(membership, item, request.POST.get("state", ""))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(practice)s is now %(state)s.")
            % {"practice": item.practice.title, "state": item.get_state_display()},
        )
    return redirect("plan")


# --- History and pauses --------------------------------------------------------------------


@leader_required
def history(request):
    from django.core.paginator import Paginator

    membership = request.membership
    performances = queries.performance_history(membership)
    page = Paginator(performances, 50).get_page(request.GET.get("page"))
    return render(request, "practices/history.html", {"page": page})


@leader_required
def performance_edit(request, pk):
    membership = request.membership
    performance = queries.get_performance(membership, pk)
    form = PerformanceForm(
        request.POST or None, initial={"day": performance.performed_on, "note": performance.note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_edit_performance(
                membership,
                performance,
                day=form.cleaned_data["day"],
                note=form.cleaned_data["note"],
            )
        except ActionError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The performance is saved."))
            return redirect("history")
    return render(
        request, "practices/performance_edit.html", {"form": form, "performance": performance}
    )


@leader_required
def pauses(request):
    membership = request.membership
    items = list(queries.plan_items(membership, states=[PlanState.LEARNING, PlanState.ESTABLISHED]))
    today = membership.organisation.today()
    form = SkipForm(
        request.POST or None,
        items=items,
        initial={"first": today, "last": today, "items": [i.pk for i in items]},
    )
    if request.method == "POST" and form.is_valid():
        chosen = [item for item in items if item.pk in form.cleaned_data["items"]]
        try:
            count = actions.do_skip_days(
                membership, chosen, form.cleaned_data["first"], form.cleaned_data["last"]
            )
        except ActionError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d new paused day saved.", "%(count)d new paused days saved.", count
                )
                % {"count": count},
            )
            return redirect("pauses")
    skips = queries.skipped_days(membership, today - timedelta(days=actions.BACKDATE_DAYS))
    return render(request, "practices/pauses.html", {"form": form, "skips": skips})


@leader_required
@require_POST
def unskip(request, pk):
    from django.http import Http404

    membership = request.membership
    skip = (
        queries.skipped_days(membership, membership.organisation.today() - timedelta(days=3650))
        .filter(pk=pk)
        .first()
    )
    if skip is None:
        raise Http404
    actions.do_unskip_day(membership, skip)
    messages.success(request, _("The paused day was removed."))
    return redirect("pauses")


# --- Administrators ------------------------------------------------------------------------


@admin_required
def overview(request):
    return render(
        request,
        "practices/overview.html",
        {"o": queries.organisation_overview(request.membership, page=request.GET.get("page"))},
    )


@admin_required
def organisation_settings(request):
    membership = request.membership
    organisation = membership.organisation
    initial = {
        "name": organisation.name,
        "language": organisation.language,
        "max_learning": organisation.max_learning,
        "established_strength": round(organisation.established_strength * 100),
        "established_min_days": organisation.established_min_days,
        "slipping_strength": round(organisation.slipping_strength * 100),
        "admins_see_individuals": organisation.admins_see_individuals,
        "require_2fa_for_admins": organisation.require_2fa_for_admins,
        "feedback_wait_days": organisation.feedback_wait_days,
        "need_target_working_days": organisation.need_target_working_days,
        "survey_min_responses": organisation.survey_min_responses,
        "survey_min_comments": organisation.survey_min_comments,
        "recognition_weekly_limit": organisation.recognition_weekly_limit,
        "unseen_after_weeks": organisation.unseen_after_weeks,
        "digest_weekday": organisation.digest_weekday,
        "digest_hour": organisation.digest_hour,
    }
    form = OrganisationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Settings left out of the post (older clients, scripts) keep their values.
        changes = {k: v for k, v in form.cleaned_data.items() if v is not None}
        changes["established_strength"] /= 100
        changes["slipping_strength"] /= 100
        try:
            actions.do_update_organisation(membership, organisation, changes)
        except ActionError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The organisation's settings are saved."))
            return redirect(reverse("organisation_settings"))
    return render(request, "practices/organisation_settings.html", {"form": form})


@leader_required
def strength_help(request):
    return render(
        request, "practices/strength_help.html", {"organisation": request.membership.organisation}
    )
