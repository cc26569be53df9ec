"""Home screen and offline: the manifest, the service worker and its offline page."""

from . import Page

PAGES = [
    # Not HTML, so not for axe: tests/a11y/test_pwa.py checks them.
    Page("manifest", public=True, notes="JSON for the home screen"),
    Page("service_worker", public=True, notes="JavaScript at the site root, for its scope"),
    Page("offline", viewers=("anonymous",), public=True, notes="no personal data, for anyone"),
]


def build(owner) -> dict:
    return {}
