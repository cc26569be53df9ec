"""The CRM in a real browser: feedback and a one-to-one with an action item land on the timeline."""

import pytest
from playwright.sync_api import expect

from engagera.feedback.models import Feedback
from engagera.oneonones.models import ActionItem, Meeting
from engagera.people.models import Person, Team
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_it_logs_feedback_and_a_one_to_one_on_the_card(live_server, page, sign_in, manager):
    manager.user.language = "en"
    manager.user.save(update_fields=["language"])
    team = Team.objects.create(organisation=manager.organisation, name="Hemtjänst")
    team.managers.add(manager.user)
    person = Person.objects.create(organisation=team.organisation, team=team, full_name="Åsa Öberg")
    sign_in(page, manager.user.email, PASSWORD)

    page.goto(f"{live_server.url}/people/")
    page.get_by_role("link", name="Åsa Öberg").click()
    days = page.get_by_test_id("days-since-feedback")
    expect(days).to_have_text("No feedback logged yet.")

    feedback = page.locator("section[aria-labelledby=feedback-heading]")
    feedback.get_by_label("reinforcing").check()
    feedback.get_by_label("What you said, in short").fill("Calm and clear with the new client")
    feedback.get_by_role("button", name="Log feedback").click()
    expect(days).to_have_text("Last feedback 0 days ago.")
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("Calm and clear with the new client")

    page.get_by_role("link", name="Plan and cadence").click()
    page.get_by_label("Every (days)").fill("14")
    page.get_by_role("button", name="Save the plan").click()
    page.locator("main ul a").first.click()  # the planned meeting
    page.get_by_label("Talking point").fill("Training next spring")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_label("Action", exact=True).fill("Book the course")
    page.get_by_role("button", name="Add action").click()
    expect(page.locator("main")).to_contain_text("Book the course")
    page.get_by_label("Shared notes").fill("Good talk about training")
    page.get_by_role("button", name="Save and close").click()

    expect(page.get_by_test_id("timeline")).to_contain_text("Good talk about training")
    expect(page.get_by_test_id("timeline")).to_contain_text("Calm and clear with the new client")
    assert Feedback.objects.filter(person=person, kind="reinforcing").count() == 1
    assert Meeting.objects.filter(person=person, held_on__isnull=False).count() == 1
    assert ActionItem.objects.get().text == "Book the course"
