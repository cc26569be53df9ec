"""Issue 6, reaching the manager where they work: reminder settings, calendar feed,
digest unsubscribe, the webhook, API tokens and the REST API."""

from engagera.api.actions import do_create_token
from engagera.reminders.actions import do_regenerate_calendar_feed, do_save_webhook

from . import EVERYONE, LEADERS, Page

API = "a REST API operation: token auth only (401 without one); isolation in tests/api"

PAGES = [
    Page("reminder_settings", viewers=LEADERS),
    Page("regenerate_calendar_feed"),
    Page("revoke_calendar_feed"),
    Page("calendar_feed", public=True, notes="a secret link: tested in tests/reminders"),
    Page("digest_unsubscribe", public=True, notes="a signed link: tested in tests/reminders"),
    Page("webhook_settings", viewers=("admin",)),
    Page("api_tokens", viewers=EVERYONE),
    Page("revoke_api_token", obj="api_token"),
    # The API: like the CSV export, not pages. Token auth only, so the session-based
    # matrix does not apply; tests/api/test_api_isolation.py proves every object
    # operation answers another organisation's token with 404.
    Page("api-root", public=True, notes=API),
    Page("openapi-json", public=True, notes="the OpenAPI description: public by design"),
    Page("openapi-view", public=True, notes="Swagger UI, served locally: public by design"),
    *[
        Page(name, public=True, notes=API)
        for name in (
            "api_me",
            "api_list_practices",
            "api_list_plan",
            "api_status",
            "api_list_performances",
            "api_log_performance",
            "api_delete_performance",
            "api_list_skips",
            "api_skip_days",
            "api_unskip_day",
            "api_list_people",
            "api_get_person",
            "api_list_feedback",
            "api_give_feedback",
            "api_list_needs",
            "api_get_need",
            "api_raise_need",
            "api_start_need",
            "api_close_need",
            "api_list_recognitions",
            "api_recognise",
            "api_name_hero",
            "api_list_survey_rounds",
            "api_survey_results",
        )
    ],
]


def build(owner) -> dict:
    manager, admin = owner.manager, owner.admin
    token, _secret = do_create_token(manager, scope="write", name=owner.secret)
    do_regenerate_calendar_feed(manager)
    do_save_webhook(admin, url=f"https://hooks.example/{owner.secret}", active=True)
    return {"api_token": token.pk}
