"""The injection payload in a real browser: one page of each kind, it must never run."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.pages import all_pages, build_all
from tests.security.test_injection import PAYLOAD, poison_everything

pytestmark = pytest.mark.browser

BROWSER_PAGES = (
    "dashboard",
    "plan_item",
    "catalogue",
    "person",
    "meeting",
    "need",
    "team",
    "overview",
    "recognition_feed",
    "recognition",
    "idea",
)


def test_it_never_runs_the_payload_in_a_browser(
    live_server, new_page, sign_in, manager, admin, capsys
):
    owner = SimpleNamespace(manager=manager, admin=admin, secret=PAYLOAD, org_secret=PAYLOAD)
    objects = build_all(owner)
    poison_everything()
    pages = {page.name: page for page in all_pages()}
    page = new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, manager.user.email, PASSWORD)
    executed = 0
    for name in BROWSER_PAGES:
        entry = pages[name]
        if "manager" not in entry.viewers:
            continue
        url = reverse(name, args=[objects[entry.obj]] if entry.obj else [])
        page.goto(f"{live_server.url}{url}")
        executed += bool(page.evaluate("() => window.__xss === 1"))
    with capsys.disabled():
        print(
            f"\ninjection: {len(BROWSER_PAGES)} payloads tried, {executed} executed (in Chromium)"
        )
    assert executed == 0 and dialogs == []
