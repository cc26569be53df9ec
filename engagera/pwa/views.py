"""Home screen and offline: the web app manifest, the service worker and its offline page.

The service worker caches only static files and the offline page, which shows no
personal data; every other page always comes from the network.
"""

import hashlib
import json
from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

THEME_COLOUR = "#0b5cad"  # --accent in app.css
BACKGROUND_COLOUR = "#ffffff"
# What the app shell needs to start without a network.
SHELL = [
    "engagera/app.css",
    "engagera/app.js",
    "engagera/icon.svg",
    "engagera/icon-192.png",
    "engagera/icon-512.png",
    "django_htmx/htmx-2.min.js",
]


@require_GET
@cache_control(max_age=3600)
def manifest(request):
    data = {
        "id": "/",
        "name": "Engagera",
        "short_name": "Engagera",
        "description": _("Engagera: leadership practices as habits, staff as internal customers."),
        "lang": get_language(),
        "start_url": reverse("dashboard"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static("engagera/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("engagera/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("engagera/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("engagera/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/manifest+json; charset=utf-8",
    )


@cache
def _shell_version() -> str:
    """Changes whenever a shell file changes, so the worker replaces its cache."""
    digest = hashlib.sha256()
    for name in SHELL:
        path = finders.find(name)
        digest.update(name.encode())
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


@require_GET
@cache_control(no_cache=True)
def service_worker(request):
    context = {
        "version": _shell_version(),
        "shell": json.dumps([static(name) for name in SHELL] + [reverse("offline")]),
        "offline": json.dumps(reverse("offline")),
        "static_prefix": json.dumps(static("")),
    }
    return render(request, "pwa/sw.js", context, content_type="text/javascript; charset=utf-8")


@require_GET
def offline(request):
    """Shown by the service worker when a page cannot load; the same for everyone."""
    return render(request, "pwa/offline.html")
