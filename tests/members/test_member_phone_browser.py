"""A member's day on a phone (390 px): sign in with an emailed link, recognise a colleague,
build on an idea, download their data."""

import json
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from engagera.ideas.actions import do_post_idea
from engagera.ideas.models import BuildOn
from engagera.recognition.models import Recognition
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_a_member_signs_in_by_link_recognises_builds_and_downloads(
    live_server,
    new_page,
    maja,
    tove,
    team_a,
    driver,
):
    maja.user.language = "en"
    maja.user.save(update_fields=["language"])
    do_post_idea(tove, team_a, title="Shorter morning meetings", text="Standing, *ten* minutes?")
    page = new_page(**PHONE)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Email me a sign-in link").click()
    page.get_by_label("Your work email address").fill(maja.user.email)
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/link/\S+/", mail.outbox[0].body).group(0)

    page.goto(link)  # opening the link alone does not sign in: a button does
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/me/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Maja")
    assert no_sideways_scroll(page)

    page.locator("main").get_by_role("link", name="Recognise a colleague").click()
    page.get_by_label("Colleague").select_option(label="Tove Teammate (Hemtjänst)")
    page.get_by_label("What did they do, and why did it matter?").fill(
        "You took my Friday shift at short notice"
    )
    page.get_by_label("It relates to").select_option(index=1)
    page.get_by_role("button", name="Post the recognition").click()
    expect(page.locator("main")).to_contain_text("You took my Friday shift at short notice")
    assert no_sideways_scroll(page)
    assert Recognition.objects.get().receiver.full_name == "Tove Teammate"

    page.goto(f"{live_server.url}/me/")
    page.locator("main").get_by_role("link", name="Shorter morning meetings").click()
    expect(page.locator(".idea-text em")).to_have_text("ten")
    page.get_by_label("Build on it").fill("And end with **one** decision")
    page.get_by_role("button", name="Add to the idea").click()
    expect(page.locator(".build-ons strong")).to_have_text("one")
    assert BuildOn.objects.get().author == maja.user
    assert no_sideways_scroll(page)

    page.goto(f"{live_server.url}/me/")
    page.get_by_role("link", name="Download your data").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    document = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    text = json.dumps(document, ensure_ascii=False)
    assert "You took my Friday shift at short notice" in text
    assert "And end with **one** decision" in text
