"""Refresh docs/screenshots/ from the demo organisation, in Swedish (the default language)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from engagera.practices import demo
from engagera.practices.models import PlanItem
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MANAGER = "anders.berg@solbacka.example"
ADMIN = "eva.lindqvist@solbacka.example"


def _shoot(page, name, full_page=True):
    page.wait_for_load_state("networkidle")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    # A Swedish page whose chrome is still English means the Swedish catalogue is not compiled.
    expect(page.locator('.site-header a[href="/dashboard/"]')).to_have_text("I dag")
    page.screenshot(path=str(SCREENSHOTS / name), full_page=full_page)


def _assert_no_horizontal_scroll(page):
    sizes = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert sizes["scroll"] <= sizes["inner"], f"{page.url} scrolls sideways: {sizes}"


def test_it_refreshes_the_screenshots(live_server, new_page, sign_in, catalogue):
    demo.create_demo()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    first_item = (
        PlanItem.objects.filter(manager__email=MANAGER).order_by("pk").values_list("pk", flat=True)
    )[0]

    desktop = sign_in(new_page(locale="sv-SE"), MANAGER, demo.DEMO_PASSWORD)
    desktop.goto(f"{live_server.url}/dashboard/")
    expect(desktop.locator("article.item-card").first).to_be_visible()
    _shoot(desktop, "dashboard-desktop.png")
    desktop.goto(f"{live_server.url}/practices/")
    expect(desktop.locator(".practice-list > li").first).to_be_visible()
    _shoot(
        desktop, "catalogue-desktop.png", full_page=False
    )  # 50 cards: the first screen tells enough

    phone = sign_in(new_page(locale="sv-SE", **PHONE), MANAGER, demo.DEMO_PASSWORD)
    for url, name in [
        ("/dashboard/", "dashboard-phone.png"),
        (f"/plan/{first_item}/", "plan-item-phone.png"),
    ]:
        phone.goto(f"{live_server.url}{url}")
        expect(phone.locator("main h1")).to_be_visible()
        _assert_no_horizontal_scroll(phone)
        _shoot(phone, name)

    admin = sign_in(new_page(locale="sv-SE"), ADMIN, demo.DEMO_PASSWORD)
    admin.goto(f"{live_server.url}/overview/")
    expect(admin.locator("main h1")).to_be_visible()
    _shoot(admin, "overview-desktop.png")
