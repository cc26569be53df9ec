from django.core.paginator import Paginator
from django.shortcuts import render

from engagera.core.access import admin_required

from . import queries

PER_PAGE = 50


@admin_required
def audit_log(request):
    """The organisation's audit log, newest first, optionally for one action."""
    membership = request.membership
    choices = queries.action_choices(membership)
    action = request.GET.get("action", "")
    if action not in dict(choices):
        action = ""
    page = Paginator(queries.entries(membership, action=action), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "audit/log.html", {"page": page, "choices": choices, "action": action})
