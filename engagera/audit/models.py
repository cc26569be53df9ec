"""The audit log: security events and access to personal data, append-only."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What the log page calls each action; an action missing here is shown by its dotted name.
ACTION_LABELS = {
    "auth.login": _("Signed in"),
    "auth.login_failed": _("Sign-in failed"),
    "auth.locked_out": _("Sign-in locked after repeated failures"),
    "auth.logout": _("Signed out"),
    "auth.2fa_enabled": _("Two-factor authentication turned on"),
    "auth.2fa_disabled": _("Two-factor authentication turned off"),
    "auth.2fa_reset": _("Two-factor authentication reset by the operator"),
    "auth.2fa_failed": _("Wrong two-factor code"),
    "membership.role_changed": _("Role changed"),
    "data.exported": _("Personal data exported"),
    "person.erased": _("Person erased"),
    "person.viewed": _("Person's card viewed"),
}


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit entry through the app."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit entries cannot be changed.")

    def delete(self):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    # SET_NULL: erasing a person or an organisation keeps the event but not the link.
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("organisation"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=64)
    target_type = models.CharField(_("target type"), max_length=64, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_label = models.CharField(_("target"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="audit_org_recent"),
            models.Index(fields=["organisation", "action", "-created_at"], name="audit_org_action"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit entries cannot be deleted.")

    @property
    def label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))
