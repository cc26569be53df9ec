"""Browser tests: Debian's Chromium driven by Playwright's sync API against pytest-django's live_server.

Never run `playwright install` here: the machine's network is closed, so the tests use
/usr/bin/chromium (apt-get install -y chromium) with flags that keep it off the internet.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# in a thread with a running loop unless told it is safe (it is: the loop only drives the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: apt-get install -y chromium", pytrace=False)
    from tests.browser.chromium import shared

    def launch(playwright):
        return playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )

    # Shared with tests/a11y and tests/security, which import this fixture: one Playwright only.
    with shared(launch) as chromium:
        yield chromium


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh context (own cookies); every context is closed after the test."""
    contexts = []

    def open_page(*, locale="en-GB", **options):
        settings = {**DESKTOP, **options}
        context = browser.new_context(locale=locale, timezone_id="Europe/Stockholm", **settings)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop page with an English browser."""
    return new_page(locale="en-GB")


@pytest.fixture
def sign_in(live_server):
    """Sign in through the real login form, as a person would."""

    def sign_in_as(page, email, password):
        page.goto(f"{live_server.url}/accounts/login/")
        email_field = page.locator("input[name=username]")
        password_field = page.locator("input[name=password]")
        # Each field carries a label, so a screen reader user can sign in too.
        expect(email_field).to_have_accessible_name(re.compile(r"\S"))
        expect(password_field).to_have_accessible_name(re.compile(r"\S"))
        email_field.fill(email)
        password_field.fill(password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    return sign_in_as
