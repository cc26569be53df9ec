"""Per-request security: session lifetime, the two-factor gate, no caching of personal pages.

Each answers from the session and objects other middleware already loaded: no query of
its own on an ordinary request (docs/performance.md compares every page with a floor).
"""

from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from . import queries, sessions


def _redirect(request, url: str):
    # An htmx request would swap the target page into a fragment: send the browser instead.
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


class NoStoreMiddleware:
    """Pages for a signed-in user hold personal data: no browser or proxy may keep a copy.

    Static files never get here (whitenoise answers them first) and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True)
        return response


class SessionTimeoutMiddleware:
    """End a session after SESSION_IDLE_TIMEOUT without requests, or SESSION_ABSOLUTE_TIMEOUT
    after sign-in, whichever comes first.

    The last-activity stamp is written at most once a minute, so most requests do not
    save the session at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            now = sessions.now()
            started = session.get(sessions.STARTED)
            seen = session.get(sessions.SEEN)
            if started is None or seen is None:
                # A session from before these clocks existed: start them now.
                session[sessions.STARTED] = session[sessions.SEEN] = now
            elif (
                now - seen > settings.SESSION_IDLE_TIMEOUT
                or now - started > settings.SESSION_ABSOLUTE_TIMEOUT
            ):
                return self._expire(request, idle=now - seen > settings.SESSION_IDLE_TIMEOUT)
            elif now - seen >= sessions.SEEN_RESOLUTION:
                session[sessions.SEEN] = now
        return self.get_response(request)

    def _expire(self, request, *, idle: bool):
        # Not auth.logout(): that would also end the user's other sessions, and a timeout
        # on one device is no reason to sign out the others.
        request.session.flush()
        request.user = AnonymousUser()
        request._cached_user = request.user
        if idle:
            text = _(
                "You were signed out after %(minutes)d minutes without activity. "
                "Please sign in again."
            ) % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60}
        else:
            text = _("Your session has reached its maximum length. Please sign in again.")
        messages.info(request, text)
        if request.method == "GET" and not getattr(request, "htmx", False):
            return self.get_response(request)  # login_required sends them to sign in
        # A form posted into an expired session: to the sign-in page, back to the page after.
        login = resolve_url(settings.LOGIN_URL)
        page = urlsplit(request.headers.get("HX-Current-URL", ""))
        if page.path:
            login += "?" + urlencode({"next": urlunsplit(("", "", page.path, page.query, ""))})
        return _redirect(request, login)


def two_factor_exempt(view):
    """Mark a view that holds nothing personal (a manifest, a service worker, an offline
    page) as reachable before the two-factor step, like Django's csrf_exempt."""
    view.two_factor_exempt = True
    return view


class TwoFactorMiddleware:
    """Nothing but the code page for a signed-in user who still owes a two-factor code, and
    nothing but the setup page for an admin whose organisation requires two-factor
    authentication and who has not set it up."""

    # Reachable while a code is owed, and while an admin must set up (plus the setup page).
    ALWAYS_OPEN = frozenset({"two_factor_verify", "logout", "set_language"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        session = request.session
        if sessions.is_verified(session):
            return None
        name = request.resolver_match.url_name if request.resolver_match else None
        if name in self.ALWAYS_OPEN or getattr(view_func, "two_factor_exempt", False):
            return None
        if sessions.needs_code(session):
            return _redirect(request, _with_next(reverse("two_factor_verify"), request))
        if name != "two_factor" and queries.two_factor_required(
            getattr(request, "membership", None)
        ):
            return _redirect(request, _with_next(reverse("two_factor"), request))
        return None


def _with_next(url: str, request) -> str:
    if request.method != "GET" or getattr(request, "htmx", False):
        return url  # a POST cannot be replayed after the code; back to the start instead
    return f"{url}?{urlencode({'next': request.get_full_path()})}"
