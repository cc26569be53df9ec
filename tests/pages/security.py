"""Two-factor authentication, sign-in links and invitations: no victim objects."""

from . import EVERYONE, LEADERS, Page

PAGES = [
    Page("two_factor", viewers=EVERYONE),
    Page("two_factor_disable", viewers=EVERYONE),
    Page("two_factor_recovery_codes", notes="POST only: makes the signed-in user's own codes"),
    Page("two_factor_verify", viewers=EVERYONE),
    Page("sign_in_link_request", viewers=("anonymous",), public=True),
    Page("sign_in_link", public=True, notes="needs a secret: tested in tests/members"),
    Page("invite_people", viewers=LEADERS),
]


def build(owner) -> dict:
    return {}
