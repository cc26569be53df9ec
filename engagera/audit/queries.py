"""Reads of the audit log, always scoped to the reader's organisation."""

from django.db.models import QuerySet

from engagera.core.models import Membership

from .models import ACTION_LABELS, AuditEntry


def entries(membership: Membership, *, action: str = "") -> QuerySet[AuditEntry]:
    found = AuditEntry.objects.filter(organisation_id=membership.organisation_id)
    if action:
        found = found.filter(action=action)
    return found.select_related("actor").order_by("-created_at", "-id")


def action_choices(membership: Membership) -> list[tuple[str, str]]:
    """The known actions, plus any other action this organisation's log holds."""
    present = set(
        AuditEntry.objects.filter(organisation_id=membership.organisation_id)
        .values_list("action", flat=True)
        .distinct()
    )
    choices = [(name, str(label)) for name, label in ACTION_LABELS.items()]
    choices += [(name, name) for name in sorted(present - ACTION_LABELS.keys())]
    return choices
