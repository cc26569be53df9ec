"""On a phone with a poor connection: a performance logged offline is sent once it returns, once."""

import json
import re

import pytest
from playwright.sync_api import expect

from engagera.practices.models import Performance
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

QUEUE_KEY = "engagera.pendingLogs"


def _queue(page) -> list[dict]:
    return json.loads(page.evaluate(f"() => localStorage.getItem('{QUEUE_KEY}') || '[]'"))


def test_it_sends_a_log_made_offline_when_the_connection_returns(
    live_server, new_page, sign_in, manager, plan_item
):
    manager.user.language = "en"
    manager.user.save(update_fields=["language"])
    page = sign_in(new_page(**PHONE), manager.user.email, PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    count = page.get_by_test_id("count")
    expect(count).to_have_text("0 of 2")
    form = page.locator("form.log-form")
    token = form.locator("input[name=token]").input_value()
    queued_text = form.get_attribute("data-queued-text")
    assert queued_text and queued_text.strip()

    page.context.set_offline(True)
    page.get_by_role("button", name=re.compile(r"^Done today")).click()
    notice = page.locator("article.item-card .queued-notice")
    expect(notice).to_have_text(queued_text)
    expect(notice).to_have_attribute("role", "status")
    today = manager.organisation.today().isoformat()
    assert _queue(page) == [
        {"url": f"/plan/{plan_item.pk}/log/", "token": token, "day": today, "note": ""}
    ]
    assert not Performance.objects.filter(token=token).exists()

    page.context.set_offline(False)
    expect(count).to_have_text("1 of 2")
    expect(notice).to_have_count(0)
    expect(page.locator("#messages")).to_contain_text("Logged: ")
    assert _queue(page) == []
    assert Performance.objects.filter(plan_item=plan_item, token=token).count() == 1

    page.reload()
    expect(count).to_have_text("1 of 2")
    page.wait_for_load_state("networkidle")
    assert Performance.objects.filter(plan_item=plan_item).count() == 1


def test_it_creates_no_duplicate_when_a_sent_log_is_sent_again(
    live_server, new_page, sign_in, manager, plan_item
):
    """The answer to the first send was lost, so the entry is still queued: same token, one record."""
    page = sign_in(new_page(**PHONE), manager.user.email, PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    form = page.locator("form.log-form")
    token = form.locator("input[name=token]").input_value()
    form.locator("button.log-button").click()
    expect(page.locator("article.item-card .logged")).to_be_visible()
    assert Performance.objects.filter(token=token).count() == 1

    entry = {"url": f"/plan/{plan_item.pk}/log/", "token": token, "day": "", "note": ""}
    page.evaluate(f"entry => localStorage.setItem('{QUEUE_KEY}', JSON.stringify([entry]))", entry)
    page.reload()
    page.wait_for_function(f"() => localStorage.getItem('{QUEUE_KEY}') === null")
    assert Performance.objects.filter(plan_item=plan_item).count() == 1
