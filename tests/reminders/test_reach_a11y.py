"""axe-core (WCAG 2.1 AA) on the issue 6 pages, in Swedish and English, light and dark,
at desktop and phone width, with their one-time content showing (a new token, a new
calendar address) and the public unsubscribe pages. The registry-wide check in tests/a11y
covers the signed-in pages too; this one is quick to run on its own."""

import pytest
from django.urls import reverse

from engagera.api.actions import do_create_token
from engagera.reminders import digest
from engagera.reminders.actions import do_regenerate_calendar_feed, do_save_webhook
from tests.a11y.test_every_page_a11y import Run, _session_cookie

pytestmark = pytest.mark.browser


def test_the_reach_pages_have_no_wcag_violations(
    new_page, live_server, manager, admin, transactional_db
):
    do_create_token(manager, scope="read", name="Skript för veckorapport")
    do_regenerate_calendar_feed(manager)
    do_save_webhook(admin, url="https://hooks.example/abc", active=True)
    unsubscribe = digest.unsubscribe_url(manager).removeprefix("http://127.0.0.1:8000")
    targets = {
        manager: [
            ("reminder_settings", reverse("reminder_settings")),
            ("api_tokens", reverse("api_tokens")),
        ],
        admin: [("webhook_settings", reverse("webhook_settings"))],
        None: [("digest_unsubscribe", unsubscribe)],
    }
    run = Run()
    for language in ("sv", "en"):
        for membership, pages in targets.items():
            page = new_page(locale="sv-SE" if language == "sv" else "en-GB")
            page.context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            if membership is not None:
                membership.user.language = language
                membership.user.save(update_fields=["language"])
                page.context.add_cookies([_session_cookie(membership, live_server)])
            for name, url in pages:
                where = f"{language} {url}"
                if run.load(page, live_server.url, name, url, where, language):
                    run.check(page, name, where, language)
            if membership is manager:
                # The pages with their one-time content: a new token, a new address.
                page.goto(live_server.url + reverse("api_tokens"))
                page.locator("button.primary").first.click()
                run.check(page, "api_tokens", f"{language} new token", language)
                page.goto(live_server.url + reverse("reminder_settings"))
                page.locator("form[action$='calendar/new/'] button").click()
                run.check(page, "reminder_settings", f"{language} new address", language)
            if membership is None:
                page.locator("main form button, form button").first.click()
                run.check(page, "digest_unsubscribe", f"{language} unsubscribed", language)
            page.context.close()
    assert run.violations + run.problems == [], "\n".join(run.violations + run.problems)
    assert run.checked == {
        "reminder_settings",
        "api_tokens",
        "webhook_settings",
        "digest_unsubscribe",
    }
