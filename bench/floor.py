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
