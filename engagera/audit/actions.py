"""The one way to write the audit log. Other features call `record`."""

from django.db import models

from engagera.core.models import Membership
from engagera.security.throttle import client_ip

from .models import AuditEntry


def organisation_of(user) -> int | None:
    """The id of the user's organisation (their first membership), or None."""
    if user is None:
        return None
    return (
        Membership.objects.filter(user=user)
        .order_by("id")
        .values_list("organisation_id", flat=True)
        .first()
    )


def _organisation_id(organisation, actor) -> int | None:
    if organisation is not None:
        return organisation if isinstance(organisation, int) else organisation.pk
    return organisation_of(actor)


def record(
    action: str,
    *,
    organisation=None,
    actor=None,
    target: models.Model | None = None,
    details: dict | None = None,
    request=None,
    target_label: str | None = None,
) -> AuditEntry:
    """Append one entry. `action` is a dotted name such as "person.viewed".

    With a request, the signed-in user is the actor, their organisation the scope and the
    client address is kept; without an organisation, the actor's own is used. Pass
    `target_label` to store something other than str(target) (e.g. nothing, on erasure).
    """
    if request is not None:
        user = getattr(request, "user", None)
        if actor is None and user is not None and user.is_authenticated:
            actor = user
        if organisation is None:
            organisation = getattr(request, "organisation", None)
    entry = AuditEntry(
        organisation_id=_organisation_id(organisation, actor),
        actor=actor,
        action=action,
        details=details or {},
        ip_address=client_ip(request) if request is not None else None,
    )
    if target is not None:
        entry.target_type = target._meta.label_lower
        entry.target_id = str(target.pk)
        entry.target_label = str(target)[:200] if target_label is None else target_label[:200]
    entry.save(force_insert=True)
    return entry


def forget_target(target_type: str, target_id) -> int:
    """Blank the stored label of every entry about one object, for erasure under the GDPR.

    The only change the log allows: the events stay, the name they carried does not.
    """
    entries = models.QuerySet(AuditEntry).filter(target_type=target_type, target_id=str(target_id))
    return entries.update(target_label="")
