"""The benchmark's floor: the cheapest page a signed-in user can get.

It passes through the same middleware as every real page (sessions, the user,
the membership lookup, language, CSRF) and renders a tiny template through the
same template engine and context processors, so ``page time / floor time`` is
what a page costs beyond the fixed price of any request.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines

FLOOR_TEMPLATE = (
    "<!DOCTYPE html><html><head><title>floor</title></head>"
    "<body><p>{{ user.email }}</p></body></html>"
)
_template = None


def _compiled():
    global _template
    if _template is None:
        _template = engines["django"].from_string(FLOOR_TEMPLATE)
    return _template


@login_required
def floor(request):
    return HttpResponse(_compiled().render({"user": request.user}, request))


@login_required
def floor_write(request):
    """The floor plus one durable write: what any logging request pays for its commit.

    SQLite runs with synchronous=FULL and PostgreSQL with synchronous_commit on, so a
    commit waits for the disk; logging cannot be cheaper than this.
    """
    from django.db import transaction
    from django.utils import timezone

    from engagera.core.models import User

    with transaction.atomic():
        User.objects.filter(pk=request.user.pk).update(last_login=timezone.now())
    return HttpResponse(_compiled().render({"user": request.user}, request))
