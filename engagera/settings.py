"""Engagera's one settings file: every value comes from the environment.

A bad value stops start-up with ImproperlyConfigured naming the variable, so a
self-hoster learns exactly what to fix instead of meeting odd behaviour later.
"""

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1 (or true/false), not {raw!r}")


def envint(name: str, default: int, minimum: int = 0, maximum: int = 2**31) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}, not {value}")
    return value


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def data_dir() -> Path:
    path = Path(env("ENGAGERA_DATA_DIR", "data")).expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(f"ENGAGERA_DATA_DIR {str(path)!r} is not usable: {exc}") from exc
    return path


def secret_key(directory: Path) -> str:
    """Use ENGAGERA_SECRET_KEY, else a key generated once into the data dir (mode 0600)."""
    given = env("ENGAGERA_SECRET_KEY")
    key_path = env("ENGAGERA_SECRET_KEY_FILE")
    if key_path and not given:
        # The secret as a file (a container or systemd credential), never in the environment.
        try:
            given = Path(key_path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"ENGAGERA_SECRET_KEY_FILE {key_path!r} cannot be read: {exc}"
            ) from exc
    if given:
        if len(given) < 32:
            raise ImproperlyConfigured(
                "ENGAGERA_SECRET_KEY (or its file) must be at least 32 characters long"
            )
        return given
    key_file = directory / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return key_file.read_text().strip()


DATA_DIR = data_dir()
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = envbool("ENGAGERA_DEBUG", False)
HTTPS = envbool("ENGAGERA_HTTPS", False)
ALLOWED_HOSTS = envlist("ENGAGERA_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("ENGAGERA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "engagera.core",
    "engagera.people",
    "engagera.practices",
    "engagera.feedback",
    "engagera.oneonones",
    "engagera.needs",
    "engagera.surveys",
    "engagera.recognition",
    "engagera.ideas",
    "engagera.audit",
    "engagera.security",
    "engagera.gdpr",
    "engagera.pwa",
    "engagera.reminders",
    "engagera.api",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # one-time recovery codes for a lost phone
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Only for its templates and static files: the API docs then load Swagger UI from
    # Engagera itself, with no CDN and no inline script (see engagera/api/README.md).
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise: static files need no policy; every page and fragment gets one.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "engagera.security.middleware.NoStoreMiddleware",
    # Before the organisation lookup: an expired session costs no membership query.
    "engagera.security.middleware.SessionTimeoutMiddleware",
    "engagera.core.middleware.OrganisationMiddleware",
    # After the organisation lookup: the admin rule needs the membership.
    "engagera.security.middleware.TwoFactorMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "engagera.urls"
WSGI_APPLICATION = "engagera.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "engagera.core.context_processors.organisation",
            ],
        },
    },
    # Only for fragments repeated on hot pages (engagera/core/jinja.py); found in <app>/jinja2/.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "engagera.core.jinja.environment"},
    },
]


def database_settings() -> dict:
    url = env("DATABASE_URL")
    if url:
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except Exception as exc:  # the library raises several types for a bad URL
            raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
        if config.get("ENGINE") != "django.db.backends.postgresql":
            raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...)")
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "engagera.sqlite3",
        # Keep each server thread's connection: opening one runs the PRAGMAs below.
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait
            # (busy_timeout) instead of failing with "database is locked" mid-transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=FULL;"
                "PRAGMA busy_timeout=20000;"
                "PRAGMA foreign_keys=ON;"
            ),
        },
    }


DATABASES = {"default": database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_settings() -> dict:
    """ENGAGERA_CACHE_URL: empty (each process its own memory), `db` (a table in the
    database, shared by every server) or `redis://host:6379/0` (shared, fastest)."""
    url = env("ENGAGERA_CACHE_URL").strip()
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "engagera_cache",  # created by `engagera migrate`
        }
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured(
        f"ENGAGERA_CACHE_URL must be empty, db or redis://host:port/db, not {url!r}"
    )


CACHES = {
    "default": cache_settings(),
    # Django's {% cache %} tag uses this alias: the page header's menus, which depend only
    # on the code, the catalogues, the language and the role. Per process on purpose: a
    # hit costs microseconds, where a shared cache would cost a round trip.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "engagera-fragments",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username+address before the password is even checked.
    "engagera.security.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2 first: new and changed passwords use it; older hashes still verify and are
# upgraded to Argon2 at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR.parent / "locale", BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Stockholm"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing root before collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "uploads"
# Serve static files straight from the apps, so `engagera serve` works without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_HOST = env("ENGAGERA_EMAIL_HOST")
EMAIL_PORT = envint("ENGAGERA_EMAIL_PORT", 587, 1, 65535)
EMAIL_HOST_USER = env("ENGAGERA_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("ENGAGERA_EMAIL_PASSWORD")
EMAIL_USE_TLS = envbool("ENGAGERA_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("ENGAGERA_EMAIL_FROM", "engagera@localhost")
# A mail server that stops answering must not hold a worker's job forever.
EMAIL_TIMEOUT = envint("ENGAGERA_EMAIL_TIMEOUT", 30, 1, 600)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# Sessions end after ENGAGERA_SESSION_IDLE_MINUTES without a request, and in any case
# ENGAGERA_SESSION_MAX_HOURS after sign-in (engagera.security.middleware enforces both).
SESSION_IDLE_TIMEOUT = envint("ENGAGERA_SESSION_IDLE_MINUTES", 30, 1, 24 * 60) * 60
SESSION_ABSOLUTE_TIMEOUT = envint("ENGAGERA_SESSION_MAX_HOURS", 12, 1, 7 * 24) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# How many reverse proxies append to X-Forwarded-For in front of Engagera. Behind TLS a
# proxy is assumed (see SECURE_PROXY_SSL_HEADER); without the right count every sign-in
# seems to come from the proxy, and login throttling by address could not tell people apart.
TRUSTED_PROXIES = envint("ENGAGERA_TRUSTED_PROXIES", 1 if HTTPS else 0, 0, 10)

# Content Security Policy: the app has no inline scripts or styles and loads nothing from
# elsewhere; keep it so (engagera/checks.py refuses a weaker policy).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
    }
}

# Login throttling (django-axes): failures count per username AND address together, so a
# colleague typing your address wrongly from their machine cannot lock you out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = envint("ENGAGERA_LOGIN_FAILURE_LIMIT", 5, 1, 100)
AXES_COOLOFF_TIME = timedelta(minutes=envint("ENGAGERA_LOGIN_COOLOFF_MINUTES", 15, 1, 24 * 60))
AXES_RESET_ON_SUCCESS = True
# The login form posts the email as "username" (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "engagera.security.throttle.username_from"
AXES_CLIENT_IP_CALLABLE = "engagera.security.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "engagera.security.views.locked_out"
# Our audit log records sign-ins and failures; no second log, and no usernames on stdout.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Two-factor authentication (TOTP): the name authenticator apps show for the account.
OTP_TOTP_ISSUER = "Engagera"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("ENGAGERA_LOG_LEVEL", "WARNING")},
}

# Background work (issue 6): django-tasks with its database backend, so no broker is needed.
# `engagera worker` runs the jobs; several workers may run at once (each job is claimed in
# a locking transaction). "immediate" runs each job at once in the enqueuing process: the
# test suite uses it, and a site without a worker could too. Emails wait for the commit
# either way (engagera.core.mail).
TASKS_BACKEND = env(
    "ENGAGERA_TASKS_BACKEND", "immediate" if "pytest" in sys.modules else "database"
)
if TASKS_BACKEND not in ("database", "immediate"):
    raise ImproperlyConfigured("ENGAGERA_TASKS_BACKEND must be database or immediate")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}

# A job still marked running this long after it started was left by a worker that died
# (killed, machine lost): the next worker puts it back in the queue. Far above any job's
# run time, so a job that is merely slow is not run twice.
TASK_STALLED_AFTER_MINUTES = envint("ENGAGERA_TASK_STALLED_MINUTES", 15, 1, 1440)

# The REST API (engagera.api): requests per token per minute.
API_RATE_LIMIT_PER_MINUTE = envint("ENGAGERA_API_RATE_LIMIT", 120, 1, 100000)
# The outbound webhook may only reach public internet addresses unless this is set: an
# intranet chat server needs it, but by default an administrator's webhook address cannot
# be used to make the server post into its own network (server-side request forgery).
WEBHOOK_ALLOW_PRIVATE = envbool("ENGAGERA_WEBHOOK_ALLOW_PRIVATE", False)
# Where links in emails and the calendar feed point (no request to build them from).
SITE_URL = env("ENGAGERA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# django-ninja reads these at import: every list in the API pages with limit/offset.
NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_LIMIT = 100
