"""The audit log: administrators of the organisation only."""

from engagera.audit.actions import record

from . import Page

PAGES = [
    Page("audit_log", viewers=("admin",), query="?action=membership.role_changed"),
]


def build(owner) -> dict:
    """An entry naming the victim's secret, which no other organisation may read."""
    record(
        "membership.role_changed",
        organisation=owner.admin.organisation,
        actor=owner.admin.user,
        target=owner.manager.user,
        details={"note": owner.secret},
    )
    return {}
