"""The manager's core loop with the keyboard alone: key presses only, a visible focus at every step.

From the dashboard: Tab to the catalogue, search for a practice, Tab to "Add to my plan",
fill the form by typing, submit with Enter; back on the dashboard, Tab to "Done today",
Enter, and the count goes up. And feedback: from "My people" to a person's card, choose
the kind with the arrow keys, type the note, submit with Enter.
"""

import re

import pytest
from playwright.sync_api import expect

from engagera.practices.models import Performance, PlanItem
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

MAX_TABS = 80
PRACTICE = "give-feedback-often"


def _focus_outline(page) -> dict:
    return page.evaluate(
        """() => {
             const style = getComputedStyle(document.activeElement);
             return {style: style.outlineStyle, width: parseFloat(style.outlineWidth),
                     tag: document.activeElement.outerHTML.slice(0, 80)};
           }"""
    )


def tab_to(page, description: str, test: str, *, shift: bool = False) -> None:
    """Press Tab until `test` (a JS expression on `el`, the focused element) holds.

    Every control passed on the way must show a focus indicator: a visible outline.
    """
    check = f"() => {{ const el = document.activeElement; return !!el && ({test}); }}"
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if shift else "Tab")
        outline = _focus_outline(page)
        assert outline["style"] != "none" and outline["width"] > 0, (
            f"no visible focus on {outline['tag']}"
        )
        if page.evaluate(check):
            return
    pytest.fail(f"Tab never reached {description} within {MAX_TABS} presses")


def test_it_adds_and_logs_a_practice_with_the_keyboard_alone(live_server, page, sign_in, manager):
    manager.user.language = "en"
    manager.user.save(update_fields=["language"])
    sign_in(page, manager.user.email, PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")

    # To the catalogue through the main menu.
    tab_to(page, "the Catalogue link", "el.matches('nav a[href=\"/practices/\"]')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/practices/")

    # Search, so the practice is a few Tabs away rather than fifty cards down.
    tab_to(page, "the search field", "el.id === 'q'")
    page.keyboard.type("feedback")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/practices/\?.*q=feedback"))

    tab_to(
        page,
        "'Add to my plan' for the practice",
        f"el.matches('a.button[href$=\"/plan/add/{PRACTICE}/\"]')",
    )
    expect(page.locator(":focus")).to_have_accessible_name(re.compile(r"^Add to my plan"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/plan/add/{PRACTICE}/")

    tab_to(page, "the target field", "el.name === 'target'")
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("2/week")
    tab_to(page, "the 'When' field", "el.name === 'if_situation'")
    page.keyboard.type("Monday's team meeting starts")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("name", "if_action")
    page.keyboard.type("praise one concrete thing that went well")
    page.keyboard.press("Enter")  # submits the form, as in any browser
    page.wait_for_url(re.compile(r"/plan/\d+/$"))
    item = PlanItem.objects.get(manager=manager.user, practice__slug=PRACTICE)
    assert (item.times, item.period_days) == (2, 7)
    assert item.if_situation == "Monday's team meeting starts"

    # Back to today's dashboard, and log it.
    tab_to(page, "the Today link", "el.matches('nav a[href=\"/dashboard/\"]')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")
    count = page.get_by_test_id("count")
    expect(count).to_have_text("0 of 2")
    tab_to(page, "'Done today'", "el.classList.contains('log-button')")
    expect(page.locator(":focus")).to_have_accessible_name(re.compile(r"^Done today"))
    page.keyboard.press("Enter")
    expect(count).to_have_text("1 of 2")
    expect(page.locator("#messages")).to_contain_text("Logged: ")
    assert Performance.objects.filter(plan_item=item).count() == 1
    # Focus stays on the card (its Undo button), not lost to the top of the page.
    expect(page.locator(":focus")).to_have_text("Undo")
    assert _focus_outline(page)["style"] != "none"


def test_it_logs_feedback_with_the_keyboard_alone(live_server, page, sign_in, manager):
    from engagera.feedback.models import Feedback
    from engagera.people.models import Person, Team

    manager.user.language = "en"
    manager.user.save(update_fields=["language"])
    team = Team.objects.create(organisation=manager.organisation, name="Hemtjänst")
    team.managers.add(manager.user)
    person = Person.objects.create(organisation=team.organisation, team=team, full_name="Åsa Öberg")
    sign_in(page, manager.user.email, PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")

    tab_to(page, "the My people link", "el.matches('nav a[href=\"/people/\"]')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/people/")
    tab_to(page, "the person's name", f"el.matches('a[href=\"/people/{person.pk}/\"]')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/people/{person.pk}/")

    # The kind is a radio group: Tab into it, arrows move the choice.
    tab_to(page, "the kind of feedback", "el.name === 'kind'")
    page.keyboard.press("ArrowDown")
    expect(page.locator(":focus")).to_have_attribute("value", "developmental")
    tab_to(page, "the note", "el.name === 'note'")
    page.keyboard.type("Shorter reports next week")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/people/{person.pk}/")
    expect(page.get_by_test_id("days-since-feedback")).to_have_text("Last feedback 0 days ago.")
    feedback = Feedback.objects.get(person=person)
    assert (feedback.kind, feedback.note) == ("developmental", "Shorter reports next week")
