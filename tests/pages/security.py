"""Two-factor authentication: about oneself only, so no victim objects."""

from . import EVERYONE, Page

PAGES = [
    Page("two_factor", viewers=EVERYONE),
    Page("two_factor_disable", viewers=EVERYONE),
    Page("two_factor_verify", viewers=EVERYONE),
]


def build(owner) -> dict:
    return {}
