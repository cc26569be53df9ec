"""Engagera's own system checks: what Django's `check --deploy` does not cover.

Each message names the setting or environment variable and says what to do.
"""

from csp.constants import NONCE
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"
TIMEOUT_MIDDLEWARE = "engagera.security.middleware.SessionTimeoutMiddleware"

# Directives that must be exactly this: no plugins, no <base> hijack, no framing.
CSP_EXACT = {"object-src": ["'none'"], "base-uri": ["'none'"], "frame-ancestors": ["'none'"]}
# Directives that must be present and allow only our own files (or a per-request nonce):
# no inline code, no other sites (Engagera runs offline and loads nothing from elsewhere).
CSP_STRICT = ("default-src", "script-src", "style-src")
CSP_ALLOWED = ("'self'", NONCE)


@register(Tags.security)
def check_content_security_policy(app_configs, **kwargs):
    errors = []
    if CSP_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(
            Error(
                f"{CSP_MIDDLEWARE} is missing from MIDDLEWARE, so no page sends a Content "
                "Security Policy.",
                hint="Add it right after whitenoise's middleware, as engagera/settings.py does.",
                id="engagera.E001",
            )
        )
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
    directives = policy.get("DIRECTIVES") if isinstance(policy, dict) else None
    if not isinstance(directives, dict):
        errors.append(
            Error(
                "CONTENT_SECURITY_POLICY has no DIRECTIVES: pages would be sent without a "
                "Content Security Policy.",
                hint='Set CONTENT_SECURITY_POLICY = {"DIRECTIVES": {...}} (django-csp 4 format).',
                id="engagera.E002",
            )
        )
        return errors
    for name, expected in CSP_EXACT.items():
        if list(directives.get(name) or []) != expected:
            errors.append(
                Error(
                    f"The Content Security Policy's {name} is {directives.get(name)!r}; it must "
                    f"be {expected!r}.",
                    hint=f'Set "{name}": ["\'none\'"] in CONTENT_SECURITY_POLICY["DIRECTIVES"].',
                    id="engagera.E003",
                )
            )
    for name in CSP_STRICT:
        sources = list(directives.get(name) or [])
        if not sources:
            errors.append(
                Error(
                    f"The Content Security Policy has no {name}.",
                    hint=f'Set "{name}": ["\'self\'"] in CONTENT_SECURITY_POLICY["DIRECTIVES"].',
                    id="engagera.E004",
                )
            )
        weak = [str(source) for source in sources if source not in CSP_ALLOWED]
        if weak:
            errors.append(
                Error(
                    f"The Content Security Policy's {name} allows {', '.join(weak)}: inline code "
                    "or code from elsewhere could run in Engagera's pages.",
                    hint="Keep scripts and styles in static files; allow only 'self' here.",
                    id="engagera.E005",
                )
            )
    return errors


@register(Tags.security)
def check_session_lifetime(app_configs, **kwargs):
    errors = []
    idle = getattr(settings, "SESSION_IDLE_TIMEOUT", None)
    absolute = getattr(settings, "SESSION_ABSOLUTE_TIMEOUT", None)
    if TIMEOUT_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(
            Error(
                f"{TIMEOUT_MIDDLEWARE} is missing from MIDDLEWARE, so sessions never time out.",
                hint="Add it after AuthenticationMiddleware, as engagera/settings.py does.",
                id="engagera.E010",
            )
        )
    for name, value, variable in (
        ("SESSION_IDLE_TIMEOUT", idle, "ENGAGERA_SESSION_IDLE_MINUTES"),
        ("SESSION_ABSOLUTE_TIMEOUT", absolute, "ENGAGERA_SESSION_MAX_HOURS"),
    ):
        if not isinstance(value, int) or value <= 0:
            errors.append(
                Error(
                    f"{name} must be a positive number of seconds, not {value!r}.",
                    hint=f"Set {variable} in the environment.",
                    id="engagera.E011",
                )
            )
    if errors:
        return errors
    if idle > absolute:
        errors.append(
            Warning(
                f"The idle timeout ({idle // 60} minutes) is longer than the maximum session "
                f"length ({absolute / 3600:g} hours), so it never applies.",
                hint="Lower ENGAGERA_SESSION_IDLE_MINUTES or raise ENGAGERA_SESSION_MAX_HOURS.",
                id="engagera.W010",
            )
        )
    if idle > 8 * 3600:
        errors.append(
            Warning(
                f"Sessions stay open for {idle // 60} minutes without activity: an unattended "
                "screen stays signed in to personal data for that long.",
                hint="Set ENGAGERA_SESSION_IDLE_MINUTES to 30 (the default) or less.",
                id="engagera.W011",
            )
        )
    if absolute > 24 * 3600:
        errors.append(
            Warning(
                f"Sessions last up to {absolute / 3600:g} hours after sign-in; a working day "
                "is enough.",
                hint="Set ENGAGERA_SESSION_MAX_HOURS to 12 (the default) or less.",
                id="engagera.W012",
            )
        )
    if absolute > settings.SESSION_COOKIE_AGE:
        errors.append(
            Warning(
                f"SESSION_COOKIE_AGE ({settings.SESSION_COOKIE_AGE} s) is shorter than the "
                f"maximum session length ({absolute} s): sessions end earlier than configured.",
                hint="Keep SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT.",
                id="engagera.W013",
            )
        )
    if settings.SESSION_SAVE_EVERY_REQUEST:
        errors.append(
            Warning(
                "SESSION_SAVE_EVERY_REQUEST writes the session on every request; the idle "
                "timeout needs a write at most once a minute.",
                hint="Set SESSION_SAVE_EVERY_REQUEST = False.",
                id="engagera.W014",
            )
        )
    return errors
