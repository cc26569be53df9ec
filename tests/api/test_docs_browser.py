"""The API docs work offline and under the CSP: Swagger UI renders every operation with
no request leaving the server and no policy violation."""

import pytest

pytestmark = pytest.mark.browser


def test_the_docs_render_offline_under_the_csp(new_page, live_server, transactional_db):
    page = new_page()
    outside, violations = [], []
    page.context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server.url)
            else (outside.append(route.request.url), route.abort())
        ),
    )
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + "/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 20
    assert outside == []
    assert violations == []
