"""The practice loop in a real browser: add a practice, log it on the dashboard without a reload, undo."""

import re

import pytest
from playwright.sync_api import expect

from engagera.practices.models import Performance
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _speak_english(membership):
    membership.user.language = "en"
    membership.user.save(update_fields=["language"])


def test_it_adds_a_practice_and_logs_it_without_reload(live_server, page, sign_in, manager):
    _speak_english(manager)
    sign_in(page, manager.user.email, PASSWORD)

    page.goto(f"{live_server.url}/practices/")
    card = page.locator(".practice-list > li").filter(
        has=page.locator('a[href$="/practices/give-feedback-often/"]')
    )
    expect(card).to_have_count(1)
    card.get_by_role("link", name=re.compile(r"^Add to my plan")).click()

    page.wait_for_url("**/plan/add/give-feedback-often/")
    page.locator("input[name=target]").fill("2/week")
    page.locator("input[name=if_situation]").fill("Monday's team meeting starts")
    page.locator("input[name=if_action]").fill("praise one concrete thing that went well")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/plan/\d+/$"))

    page.goto(f"{live_server.url}/dashboard/")
    item = page.locator("article.item-card")
    expect(item).to_have_count(1)
    count = item.get_by_test_id("count")
    strength = item.get_by_test_id("strength")
    expect(count).to_have_text("0 of 2")
    expect(strength).to_have_text(re.compile(r"^0\s*%$"))

    page.evaluate("window.__noReload = true")
    item.get_by_role("button", name=re.compile(r"^Done today")).click()

    expect(count).to_have_text("1 of 2")
    expect(strength).not_to_have_text(re.compile(r"^0\s*%$"))
    expect(strength).to_have_text(re.compile(r"^\d+\s*%$"))
    assert int(re.match(r"\d+", strength.inner_text()).group()) > 0
    undo = item.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("Logged: ")
    expect(page.locator("#messages")).to_have_attribute("aria-live", "polite")
    assert page.evaluate("window.__noReload") is True
    assert Performance.objects.filter(plan_item__manager=manager.user).count() == 1

    undo.click()
    expect(count).to_have_text("0 of 2")
    expect(item.get_by_role("button", name="Undo")).to_have_count(0)
    expect(item.get_by_role("button", name=re.compile(r"^Done today"))).to_be_visible()
    assert page.evaluate("window.__noReload") is True
    assert Performance.objects.count() == 0


def test_it_logs_with_the_keyboard_alone(live_server, page, sign_in, manager, plan_item):
    _speak_english(manager)
    sign_in(page, manager.user.email, PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    count = page.get_by_test_id("count")
    expect(count).to_have_text("0 of 2")

    is_log_button = "() => document.activeElement?.classList.contains('log-button') ?? false"
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(is_log_button):
            break
    else:
        pytest.fail("Tab never reached the 'Done today' button within 60 presses")

    focused = page.locator("button.log-button")
    expect(focused).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused 'Done today' button shows no focus indicator"

    page.evaluate("window.__noReload = true")
    page.keyboard.press("Enter")
    expect(count).to_have_text("1 of 2")
    assert page.evaluate("window.__noReload") is True
    assert Performance.objects.filter(plan_item=plan_item).count() == 1
