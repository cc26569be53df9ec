from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST

from .access import member_required
from .actions import do_set_language


@login_required
def home(request):
    membership = request.membership
    if membership is None:
        return render(request, "core/no_organisation.html", status=403)
    if membership.can_lead:
        return redirect("dashboard")
    return redirect("me")


@member_required
def me(request):
    from engagera.ideas.queries import board, get_board_team
    from engagera.people.queries import member_overview  # the employee's side of the CRM
    from engagera.recognition.queries import feed, received_and_given

    membership = request.membership
    context = member_overview(membership)
    team = get_board_team(membership, None)
    context.update(
        recognition=received_and_given(membership, limit=5),
        feed=feed(membership, limit=5)[0],
        idea_team=team,
        ideas=board(membership, team, limit=5) if team else [],
    )
    return render(request, "core/me.html", context)


@require_POST
def set_language(request):
    """Remember the choice on the account (when signed in) and in the language cookie."""
    from django.conf import settings

    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language and check_for_language(language) and language in dict(settings.LANGUAGES):
        do_set_language(request.user, language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=False,
        )
    return response
