"""Pages for personal data duties: parse, check access, call an action, render.

Every page here shows personal data, so none of them may be cached.
"""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from engagera.core.access import admin_required, member_required
from engagera.core.errors import ActionError

from . import actions, export, queries, registry
from .forms import CopyForm, EraseForm, LeftOnForm, RetentionForm


def _download(document: dict, key: str) -> HttpResponse:
    day = timezone.localdate().isoformat()
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    # An id and a date in the file name: never the person's name.
    response["Content-Disposition"] = f'attachment; filename="engagera-{key}-{day}.json"'
    return response


def _redact(request) -> bool:
    form = CopyForm(request.GET)
    return form.is_valid() and form.cleaned_data["redact"]


@member_required
@never_cache
def my_data(request):
    membership = request.membership
    if request.method == "POST":
        document = actions.do_export_own(membership)
        return _download(document, "my-data")
    subject = queries.own_subject(membership)
    return render(request, "gdpr/my_data.html", {"counts": queries.counts(subject)})


@admin_required
@never_cache
def people(request):
    organisation = request.membership.organisation
    return render(request, "gdpr/people.html", {"subjects": queries.subjects(organisation)})


@admin_required
@never_cache
def person(request, key):
    subject = queries.get_subject(request.membership.organisation, key)
    context = {
        "subject": subject,
        "counts": queries.counts(subject),
        "left_form": LeftOnForm(initial={"left_on": subject.left_on}),
        "copy_form": CopyForm(),
    }
    return render(request, "gdpr/person.html", context)


@admin_required
@never_cache
def report(request, key):
    subject = queries.get_subject(request.membership.organisation, key)
    document = actions.do_export_person(subject, acting=request.membership, redact=_redact(request))
    context = {"subject": subject, "document": document, "sections": export.readable(document)}
    return render(request, "gdpr/report.html", context)


@admin_required
@never_cache
def export_json(request, key):
    subject = queries.get_subject(request.membership.organisation, key)
    document = actions.do_export_person(subject, acting=request.membership, redact=_redact(request))
    return _download(document, subject.key)


@admin_required
@require_POST
def set_left_on(request, key):
    subject = queries.get_subject(request.membership.organisation, key)
    form = LeftOnForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("privacy_person", key=subject.key)
    try:
        person = actions.do_set_left_on(
            subject, form.cleaned_data["left_on"], acting=request.membership
        )
    except ActionError as exc:
        messages.error(request, str(exc))
        return redirect("privacy_person", key=subject.key)
    messages.success(request, _("The leaving day is saved."))
    return redirect("privacy_person", key=f"person-{person.pk}" if person else subject.key)


@admin_required
@never_cache
def erase(request, key):
    membership = request.membership
    subject = queries.get_subject(membership.organisation, key)
    form = EraseForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            done = actions.do_erase_person(subject, acting=membership)
        except ActionError as exc:
            error = str(exc)
        else:
            rows = [(registry.get(k).label, n) for k, n in done.items()]
            return render(request, "gdpr/erased.html", {"rows": rows, "total": sum(done.values())})
    context = {"subject": subject, "counts": queries.counts(subject), "form": form, "error": error}
    return render(request, "gdpr/erase.html", context)


@admin_required
@never_cache
def retention(request):
    membership = request.membership
    organisation = membership.organisation
    types = registry.data_types()
    chosen = queries.chosen_months(organisation)
    form = RetentionForm(
        request.POST or None,
        data_types=types,
        effective=queries.effective_months(organisation),
        initial={t.key.replace(".", "__"): chosen[t.key] for t in types},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_set_retention(organisation, form.months(), acting=membership)
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The retention periods are saved."))
            return redirect("privacy_retention")
    return render(request, "gdpr/retention.html", {"form": form})


@admin_required
def record(request):
    organisation = request.membership.organisation
    months = queries.effective_months(organisation)
    types = [(t, months[t.key]) for t in registry.data_types()]
    return render(request, "gdpr/record.html", {"types": types, "organisation": organisation})
