"""In a real browser: the Content Security Policy blocks nothing of ours, and the
two-factor sign-in works with the keyboard and a code typed from the page's key."""

import re
from base64 import b32decode

import pytest
from playwright.sync_api import expect

from engagera.practices.models import Performance
from tests.a11y.checks import run_axe
from tests.browser.conftest import browser, new_page, page, sign_in  # noqa: F401  (fixtures)
from tests.conftest import PASSWORD

from .conftest import add_device, code_for

pytestmark = pytest.mark.browser


def watch_console(tab) -> list[str]:
    """Collect what the browser reports: a CSP violation shows up here as an error."""
    seen: list[str] = []
    tab.on("console", lambda message: seen.append(f"{message.type}: {message.text}"))
    tab.on("pageerror", lambda error: seen.append(f"pageerror: {error}"))
    return seen


def test_it_blocks_nothing_of_ours(live_server, page, sign_in, manager, plan_item):  # noqa: F811
    """htmx, app.js and the styles all load under the policy, and logging still works."""
    manager.user.language = "en"
    manager.user.save(update_fields=["language"])
    seen = watch_console(page)
    sign_in(page, manager.user.email, PASSWORD)
    for path in ("/dashboard/", "/plan/", "/practices/", "/history/", "/accounts/two-factor/"):
        response = page.goto(f"{live_server.url}{path}")
        assert "script-src 'self'" in response.headers["content-security-policy"]
    page.goto(f"{live_server.url}/dashboard/")
    page.evaluate("window.__noReload = true")
    page.locator("article.item-card").get_by_role("button", name=re.compile(r"^Done today")).click()
    expect(page.locator("#messages")).to_contain_text("Logged: ")
    assert page.evaluate("window.__noReload") is True
    assert Performance.objects.count() == 1
    # The stylesheet applied (a blocked one would leave the browser's default margins).
    assert page.evaluate("getComputedStyle(document.body).margin") != "8px"
    assert [line for line in seen if "error" in line.split(":")[0]] == [], seen


def test_it_signs_an_admin_in_with_a_second_factor(live_server, page, sign_in, admin):  # noqa: F811
    organisation = admin.organisation
    organisation.require_2fa_for_admins = True
    organisation.language = "en"
    organisation.save()
    seen = watch_console(page)
    sign_in(page, admin.user.email, PASSWORD)
    page.wait_for_url("**/accounts/two-factor/**")
    expect(page.locator("svg.qr")).to_be_visible()
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8)).hex()
    code_field = page.get_by_label(re.compile("code from your authenticator app", re.I))
    code_field.fill(code_for(key))
    code_field.press("Enter")
    # The recovery codes, shown this once: readable, and passing axe like every page.
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert run_axe(page) == []
    page.get_by_role("link", name="I have saved them").click()
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    page.goto(f"{live_server.url}/overview/")
    expect(page.locator("main h1")).to_be_visible()
    assert "/overview/" in page.url

    # Next time: password, then the code.
    page.context.clear_cookies()
    sign_in(page, admin.user.email, PASSWORD)
    page.wait_for_url("**/accounts/two-factor/verify/**")
    code_field = page.get_by_label(re.compile("code from your authenticator app", re.I))
    code_field.fill(code_for(key, steps_ahead=1))
    code_field.press("Enter")
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    assert [line for line in seen if "error" in line.split(":")[0]] == [], seen


def test_it_needs_the_code_before_anything_else(live_server, page, sign_in, manager):  # noqa: F811
    add_device(manager.user)
    sign_in(page, manager.user.email, PASSWORD)
    page.wait_for_url("**/accounts/two-factor/verify/**")
    page.goto(f"{live_server.url}/plan/")
    assert "/accounts/two-factor/verify/" in page.url
