from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from engagera.core.access import admin_required, leader_required
from engagera.core.errors import ActionError

from . import actions, digest, ical, queries
from .forms import DigestPreferenceForm, WebhookForm


@leader_required
def reminder_settings(request):
    membership = request.membership
    pref = queries.digest_preference(membership)
    initial = {
        "weekly": pref.weekly if pref else True,
        "weekday": "" if pref is None or pref.weekday is None else str(pref.weekday),
        "hour": "" if pref is None or pref.hour is None else str(pref.hour),
        "daily_nudge": pref.daily_nudge if pref else False,
    }
    form = DigestPreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_save_digest_preference(membership, **form.cleaned_data)
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Your reminder settings are saved."))
            return redirect("reminder_settings")
    organisation = membership.organisation
    return render(
        request,
        "reminders/settings.html",
        {
            "form": form,
            "feed": queries.calendar_feed(membership),
            "feed_url": request.session.pop("new_calendar_url", None),
            "default_weekday": organisation.get_digest_weekday_display(),
            "default_hour": f"{organisation.digest_hour:02d}:00",
        },
    )


@leader_required
@require_POST
def regenerate_calendar_feed(request):
    secret = actions.do_regenerate_calendar_feed(request.membership)
    # Shown once, on the next page: kept in the session only until then.
    request.session["new_calendar_url"] = request.build_absolute_uri(
        reverse("calendar_feed", args=[secret])
    )
    messages.success(request, _("Your new calendar address is ready. The old one no longer works."))
    return redirect("reminder_settings")


@leader_required
@require_POST
def revoke_calendar_feed(request):
    actions.do_revoke_calendar_feed(request.membership)
    messages.success(request, _("The calendar address no longer works."))
    return redirect("reminder_settings")


def calendar_feed(request, secret):
    """Public by design: the secret in the address is the key (calendar apps cannot sign in)."""
    membership = queries.membership_for_feed(secret)
    if membership is None:
        raise Http404("No such calendar")
    response = HttpResponse(ical.build(membership), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="engagera.ics"'
    return response


@csrf_exempt  # the signed token is the credential; mail clients' one-click POST has no cookie
def unsubscribe(request, token):
    """GET asks for confirmation (link scanners only GET); POST unsubscribes."""
    membership = digest.membership_for_token(token)
    if membership is None:
        raise Http404("No such link")
    if request.method == "POST":
        actions.do_unsubscribe(membership)
        return render(request, "reminders/unsubscribed.html", {"membership": membership})
    return render(request, "reminders/unsubscribe.html", {"membership": membership})


@admin_required
def webhook_settings(request):
    membership = request.membership
    hook = queries.webhook(membership)
    initial = {"url": hook.url if hook else "", "active": hook.active if hook else True}
    form = WebhookForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_save_webhook(membership, **form.cleaned_data)
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The webhook is saved."))
            return redirect("webhook_settings")
    return render(request, "reminders/webhook.html", {"form": form, "hook": hook})
