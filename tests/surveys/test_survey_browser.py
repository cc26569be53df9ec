"""In a real browser: an employee answers from the emailed link; after closing, the manager
reads the results and adds a suggested practice to the plan."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from engagera.practices.models import PlanItem
from engagera.surveys.models import Answer, Invitation, Response
from tests.conftest import PASSWORD

from .conftest import answer_all, make_team, open_now

pytestmark = pytest.mark.browser


def test_an_employee_answers_and_the_manager_acts_on_the_results(
    live_server,
    page,
    new_page,
    sign_in,
    manager,
):
    manager.user.language = "en"
    manager.user.save(update_fields=["language"])
    organisation = manager.organisation
    organisation.survey_min_comments = 3  # the lowest allowed: 3 comments come in below
    organisation.save(update_fields=["survey_min_comments"])
    team = make_team(manager.organisation, "Kitchen", people=6, managers=[manager])
    round_ = open_now(manager, team)
    assert len(mail.outbox) == 6
    employee_mail = mail.outbox[0]
    link = re.search(r"https?://\S+", employee_mail.body).group(0)
    path = "/" + link.split("//", 1)[1].split("/", 1)[1]

    # The employee, not signed in, follows the emailed link.
    employee = new_page(locale="en-GB")
    employee.goto(live_server.url + path)
    expect(employee.get_by_role("heading", level=1)).to_be_visible()
    for group in employee.locator("main form fieldset").all():
        group.locator("input[type=radio]").nth(1).check()  # 2 on 1-5, 1 on 0-10
    employee.locator("textarea[name=comment]").fill("Too much to do before lunch")
    employee.locator("main form button[type=submit]").click()
    expect(employee.locator("main")).to_contain_text("without your name")
    assert Response.objects.filter(round=round_).count() == 1
    assert Answer.objects.filter(round=round_, value=2).exists()
    # The link is spent.
    employee.goto(live_server.url + path)
    expect(employee.locator("main h1")).not_to_have_text("Pulse survey")
    assert Response.objects.filter(round=round_).count() == 1

    # Colleagues answer too (k = 5), then the manager closes the round.
    answer_all(round_, agreement=2, recommend=3, comment="Fewer meetings, please", limit=2)
    answer_all(round_, agreement=2, recommend=3)
    assert Invitation.objects.filter(round=round_, responded=False).count() == 0
    sign_in(page, manager.user.email, PASSWORD)
    page.goto(f"{live_server.url}/surveys/rounds/{round_.pk}/")
    page.get_by_role("button", name="Close the round now").click()
    page.wait_for_url(re.compile(r"/results/"))
    expect(page.locator("main h1")).to_contain_text("Kitchen")
    expect(page.locator("main")).to_contain_text("Too much to do before lunch")
    suggestions = page.locator(".survey-suggestions").first
    add = suggestions.get_by_role("button", name=re.compile(r"^Add to my plan"))
    expect(add.first).to_be_visible()
    chosen = add.first.get_attribute("aria-label") or add.first.inner_text()
    add.first.click()
    expect(page.locator("main")).to_contain_text("is in your plan")
    item = PlanItem.objects.get(manager=manager.user)
    assert item.practice.title_en in chosen
