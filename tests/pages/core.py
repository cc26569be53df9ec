"""Accounts and the organisation's home pages."""

from . import EVERYONE, Page

PAGES = [
    Page("home", viewers=EVERYONE),
    Page("me", viewers=EVERYONE),
    Page("set_language", public=True),
    # Django's account pages: public by design (sign-in, reset) or about oneself.
    Page("login", viewers=("anonymous",), public=True),
    Page("logout", public=True),
    Page("password_change", viewers=EVERYONE),
    Page("password_change_done", viewers=EVERYONE),
    Page("password_reset", viewers=("anonymous",), public=True),
    Page("password_reset_done", viewers=("anonymous",), public=True),
    Page("password_reset_confirm", public=True, notes="needs a token: checked in test_accounts"),
    Page("password_reset_complete", viewers=("anonymous",), public=True),
]


def build(owner) -> dict:
    return {}
