"""A manager in a browser: names the hero of the day and turns a recognition into a group
reward; both show in the team's feed and count in the manager's practices."""

import pytest
from playwright.sync_api import expect

from engagera.lib.habits import Target
from engagera.practices.actions import do_add_plan_item
from engagera.recognition.actions import do_recognise
from tests.conftest import PASSWORD, practice
from tests.recognition.conftest import person_of

pytestmark = pytest.mark.browser


def test_a_manager_names_a_hero_and_starts_a_group_reward(
    live_server,
    page,
    sign_in,
    manager,
    maja,
    tove,
    driver,
):
    manager.user.language = "en"
    manager.user.save(update_fields=["language"])
    items = [
        do_add_plan_item(manager, practice(number), Target.parse("1/week"), confirmed=True)
        for number in (44, 50)
    ]
    do_recognise(tove, person_of(maja), message="Maja calmed the waiting room", driver=driver)
    sign_in(page, manager.user.email, PASSWORD)

    page.goto(f"{live_server.url}/recognition/")
    page.get_by_role("link", name="Name the hero of the day").click()
    page.get_by_label("Who found it").select_option(label="Tove Teammate (Hemtjänst)")
    page.get_by_label("a process").check()
    page.get_by_label("What they found").fill("The key routine skipped weekends")
    page.get_by_role("button", name="Name the hero").click()
    hero = page.locator("article.hero")
    expect(hero).to_contain_text("Hero of the day")
    expect(hero).to_contain_text("The key routine skipped weekends")

    page.get_by_role("link", name="Open the recognition of Maja Månsson").click()
    page.get_by_label("Suggestions for the team (one per line)").fill("Cake on Friday\nLunch out")
    page.get_by_role("button", name="Start a group reward").click()
    expect(page.get_by_test_id("reward-state")).to_have_text("waiting for a choice")

    page.get_by_role("link", name="Recognition", exact=True).first.click()
    expect(page.locator("main")).to_contain_text("Group reward: waiting for a choice")
    expect(page.locator("article.hero")).to_contain_text("The key routine skipped weekends")

    page.goto(f"{live_server.url}/")
    for item in items:  # practices 44 and 50: done once this week each
        expect(page.locator(f"#item-{item.pk}").get_by_test_id("count")).to_have_text("1 of 1")
