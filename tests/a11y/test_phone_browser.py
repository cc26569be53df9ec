"""A phone in one hand: the dashboard's log button is a full-width, thumb-sized target."""

import pytest

from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD

from .checks import MIN_TAP

pytestmark = pytest.mark.browser


def test_the_log_button_spans_the_card_on_a_phone(
    live_server, new_page, sign_in, manager, plan_item
):
    page = sign_in(new_page(**PHONE), manager.user.email, PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    width = page.viewport_size["width"]
    button = page.locator("article.item-card button.log-button").bounding_box()
    card = page.locator("article.item-card").bounding_box()
    assert button["height"] >= MIN_TAP
    assert button["x"] >= 0 and button["x"] + button["width"] <= width
    # Full width inside the card's padding, so a thumb hits it from either side.
    assert button["width"] >= card["width"] - 2 * 20
