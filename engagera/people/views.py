import base64
import binascii

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagera.audit.actions import record
from engagera.core.access import admin_required, leader_required
from engagera.core.errors import ActionError
from engagera.feedback.forms import FeedbackForm
from engagera.feedback.queries import standings
from engagera.needs.models import CLOSED

from . import actions, importer, queries
from .actions import do_import_people
from .contexts import people_rows, timeline_rows
from .forms import (
    CardForm,
    CheckInForm,
    GoalForm,
    ImportForm,
    IntroductionForm,
    NoteForm,
    PriorityForm,
    TeamGoalForm,
    WorkloadForm,
)
from .models import Goal, Note, TeamGoal
from .timeline import PAGE, timeline

PEOPLE_PER_PAGE = 50


@leader_required
def team_overview(request):
    """The people a manager leads: how long since feedback, next one-to-one, open needs.

    A page at a time, optionally one team, so a department head with a thousand people
    gets the same quick page as a team leader with twelve.
    """
    membership = request.membership
    today = membership.organisation.today()
    teams = list(queries.visible_teams(membership).order_by("name").values_list("id", "name"))
    team_id = request.GET.get("team", "")
    # Only what a line shows: a person row otherwise carries the whole card.
    people = (
        queries.visible_people(membership)
        .only("id", "full_name", "team__name")
        .order_by("team__name", "full_name", "id")
    )
    if team_id:
        if not team_id.isdigit() or int(team_id) not in dict(teams):
            raise Http404("No such team")
        people = people.filter(team_id=int(team_id))
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    ids = [person.pk for person in page]
    # The ids come from the visible people above: no need to join the teams again.
    feedback = standings(membership, today, ids)
    agenda = queries.agendas(ids)
    context = {
        "rows": people_rows(page, today, feedback, agenda),
        "today": today,
        "page": page,
        "teams": [(pk, name, str(pk) == team_id) for pk, name in teams] if len(teams) > 1 else [],
        "team": team_id,
    }
    return render(request, "people/team_overview.html", context)


@leader_required
def people_options(request):
    """The <option>s of the people a log can name ("with whom"), for the dashboard's cards."""
    people = (
        queries.visible_people(request.membership)
        .select_related(None)
        .only("id", "full_name")
        .order_by("full_name", "id")
    )
    return render(request, "people/_people_options.html", {"people": people})


@leader_required
def person_card(request, pk):
    membership = request.membership
    person = queries.get_person(membership, pk)
    # Access to personal data is audited: who opened whose card, and when.
    record("person.viewed", request=request, target=person)
    today = membership.organisation.today()
    # get_person has checked access: count this one person's feedback, no team join.
    standing = standings(membership, today, [person.pk]).get(person.pk)
    agenda = queries.agendas([person.pk])[person.pk]
    try:
        before = parse_date(request.GET.get("before", ""))
    except ValueError:  # a well-formed but impossible date
        before = None
    events = timeline(membership, person, before=before)
    return render(
        request,
        "people/person.html",
        {
            "person": person,
            "today": today,
            "standing": standing,
            "days_since_feedback": standing.days_since(today) if standing else None,
            "feedback_form": FeedbackForm(initial={"day": today, "kind": "reinforcing"}),
            "agenda": agenda,
            "open_needs": person.needs.exclude(status__in=CLOSED),
            "events": timeline_rows(events),
            "older": events[-1].day if len(events) == PAGE else None,
            "notes": queries.notes_for(membership, person),
            "workload": queries.workload_trend(person),
            "introductions": person.introductions.all()[:10],
            "goals": person.goals.prefetch_related("check_ins")[:10],
        },
    )


@admin_required
def import_people(request):
    """Upload, preview (nothing written), then import the same bytes on confirmation."""
    membership = request.membership
    report = None
    payload = ""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("payload"):
        try:
            data = base64.b64decode(request.POST["payload"], validate=True)
        except (binascii.Error, ValueError):
            messages.error(request, _("The upload was damaged; choose the file again."))
            return redirect("import_people")
        try:
            report = do_import_people(
                membership.organisation, data, acting=membership, dry_run=False
            )
        except ActionError as exc:
            messages.error(request, str(exc))
            return redirect("import_people")
        if report.ok:
            messages.success(
                request,
                _("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
                % {
                    "created": len(report.created),
                    "updated": len(report.updated),
                    "unchanged": report.unchanged,
                },
            )
            return redirect("team_overview")
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read(importer.MAX_BYTES + 1)
        report = do_import_people(membership.organisation, data, acting=membership, dry_run=True)
        if report.ok:
            payload = base64.b64encode(data).decode()
    return render(
        request, "people/import.html", {"form": form, "report": report, "payload": payload}
    )


@leader_required
def export_people(request):
    people = (
        queries.visible_people(request.membership)
        .prefetch_related("team__managers")
        .order_by("full_name")
    )
    response = HttpResponse(importer.export(people), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="people.csv"'
    return response


def _card_action(request, pk, form_class, run, success, title, *, goal=None):
    """The card's small forms, each on a page of its own (keeps the card itself light):
    GET shows the form, POST calls the action and goes back to the card."""
    membership = request.membership
    person = queries.get_person(membership, pk)
    today = membership.organisation.today()
    initial = {name: today for name in ("day",) if name in form_class.base_fields}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            run(membership, person, form.cleaned_data)
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, success)
            return redirect("person", pk=person.pk)
    return render(
        request,
        "people/card_action.html",
        {"form": form, "person": person, "title": title, "goal": goal},
    )


@leader_required
def edit_card(request, pk):
    membership = request.membership
    person = queries.get_person(membership, pk)
    form = CardForm(
        request.POST or None, initial={name: getattr(person, name) for name in actions.CARD_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_card(membership, person, form.cleaned_data)
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The card is saved."))
            return redirect("person", pk=person.pk)
    return render(request, "people/card_form.html", {"form": form, "person": person})


@leader_required
def record_workload(request, pk):
    return _card_action(
        request,
        pk,
        WorkloadForm,
        lambda m, p, d: actions.do_record_workload(m, p, **d),
        _("The workload reading is saved."),
        _("Workload check"),
    )


@leader_required
def add_introduction(request, pk):
    return _card_action(
        request,
        pk,
        IntroductionForm,
        lambda m, p, d: actions.do_add_introduction(m, p, **d),
        _("The introduction is saved."),
        _("An introduction from your network"),
    )


@leader_required
def agree_goal(request, pk):
    return _card_action(
        request,
        pk,
        GoalForm,
        lambda m, p, d: actions.do_agree_goal(m, p, **d),
        _("The goal is saved."),
        _("Agree on a goal"),
    )


@leader_required
def add_note(request, pk):
    return _card_action(
        request,
        pk,
        NoteForm,
        lambda m, p, d: actions.do_add_note(m, p, **d),
        _("The note is saved."),
        _("Write a note"),
    )


@leader_required
def check_in_goal(request, pk):
    membership = request.membership
    goal = Goal.objects.filter(pk=pk, person__in=queries.visible_people(membership)).first()
    if goal is None:
        raise Http404
    return _card_action(
        request,
        goal.person_id,
        CheckInForm,
        lambda m, p, d: actions.do_check_in_goal(m, goal, **d),
        _("The check-in is saved."),
        _("Check in on the goal"),
        goal=goal,
    )


@leader_required
@require_POST
def delete_note(request, pk):
    membership = request.membership
    note = Note.objects.filter(
        pk=pk, author=membership.user, person__organisation=membership.organisation
    ).first()
    if note is None:
        raise Http404
    actions.do_delete_note(membership, note)
    messages.success(request, _("The note is deleted."))
    return redirect("person", pk=note.person_id)


@leader_required
def team_page(request, pk):
    membership = request.membership
    team = queries.get_team(membership, pk)
    form = TeamGoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_add_team_goal(membership, team, **form.cleaned_data)
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The goal is saved."))
            return redirect("team", pk=team.pk)
    goals = team.goals.filter(retired_on__isnull=True).prefetch_related("changes")
    return render(
        request,
        "people/team.html",
        {
            "team": team,
            "goals": goals,
            "form": form,
            "priority_form": PriorityForm(),
            "today": membership.organisation.today(),
        },
    )


def _team_goal(membership, pk):
    goal = (
        TeamGoal.objects.filter(pk=pk, team__in=queries.visible_teams(membership))
        .select_related("team")
        .first()
    )
    if goal is None:
        raise Http404
    return goal


@leader_required
@require_POST
def change_priority(request, pk):
    membership = request.membership
    goal = _team_goal(membership, pk)
    form = PriorityForm(request.POST)
    if form.is_valid():
        try:
            actions.do_change_priority(membership, goal, **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("The priority is changed. Remember to explain why to the team.")
            )
    else:
        messages.error(request, _("Give the new priority and why it changed."))
    return redirect("team", pk=goal.team_id)


@leader_required
@require_POST
def explain_goal(request, pk):
    membership = request.membership
    goal = _team_goal(membership, pk)
    try:
        performance = actions.do_explain_goal(membership, goal, day=membership.organisation.today())
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        if performance:
            messages.success(request, _("Logged as practice 41: explain the why."))
        else:
            messages.success(
                request, _("Noted. Add practice 41 to your plan to count it as a habit.")
            )
    return redirect("team", pk=goal.team_id)
