"""Personal data in the audit log and in the libraries' own tables (sign-in limits, 2FA)."""

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Membership

from .registry import DataType, Subject, register


def _only_member_here(subject: Subject) -> bool:
    """Account-wide rows are ours to erase only when no other organisation holds the account."""
    return (
        subject.user is not None
        and not Membership.objects.filter(user=subject.user)
        .exclude(organisation=subject.organisation)
        .exists()
    )


if apps.is_installed("engagera.audit"):
    from engagera.audit.actions import forget_target
    from engagera.audit.models import AuditEntry

    def _audit_entries(subject: Subject):
        about = Q(pk__in=[])
        if subject.user is not None:
            about |= Q(actor=subject.user) | Q(
                target_type="core.user", target_id=str(subject.user.pk)
            )
        if subject.person is not None:
            about |= Q(target_type="people.person", target_id=str(subject.person.pk))
        return AuditEntry.objects.filter(about, organisation=subject.organisation).order_by(
            "created_at"
        )

    def _forget(subject: Subject) -> int:
        # The log is append-only: the events stay, the name they carried goes, and the link
        # to the actor goes with the account.
        forgotten = 0
        if subject.user is not None:
            forgotten += forget_target("core.user", subject.user.pk)
        if subject.person is not None:
            forgotten += forget_target("people.person", subject.person.pk)
        return forgotten

    register(
        DataType(
            key="audit.entries",
            label=_("Audit log entries"),
            purpose=_(
                "To show who signed in and who handled personal data, for security and "
                "accountability."
            ),
            rows=_audit_entries,
            fields={
                "created_at": _("when"),
                "label": _("action"),
                "target_label": _("target"),
                "ip_address": _("address"),
            },
            models=("audit.AuditEntry",),
            default_months=None,  # the audit log keeps its own period
            author=lambda entry: entry.actor,
            erase=_forget,
            kept_apart=True,
        )
    )


if apps.is_installed("django_otp.plugins.otp_totp"):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def _devices(subject: Subject, model=TOTPDevice):
        if subject.user is None:
            return model.objects.none()
        return model.objects.filter(
            user=subject.user, user__memberships__organisation=subject.organisation
        )

    def _remove_devices(subject: Subject) -> int:
        if not _only_member_here(subject):
            return 0
        # The authenticator app and the recovery codes go together.
        deleted, _per_model = _devices(subject).delete()
        codes, _per_model = _devices(subject, StaticDevice).delete()
        return deleted + codes

    register(
        DataType(
            key="security.two_factor",
            label=_("Two-factor authentication devices"),
            purpose=_("To check the second factor when the person signs in."),
            rows=_devices,
            # Never the device's secret key, nor the recovery codes.
            fields={"name": _("name"), "confirmed": _("confirmed"), "created_at": _("created")},
            models=("otp_totp.TOTPDevice", "otp_static.StaticDevice", "otp_static.StaticToken"),
            erase=_remove_devices,
        )
    )


if apps.is_installed("axes"):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    def _attempts(subject: Subject):
        if not subject.email or subject.user is None:
            return AccessFailureLog.objects.none()
        return AccessFailureLog.objects.filter(username__iexact=subject.email).order_by(
            "attempt_time"
        )

    def _forget_attempts(subject: Subject) -> int:
        if not _only_member_here(subject) or not subject.email:
            return 0
        removed = 0
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            deleted, _per_model = model.objects.filter(username__iexact=subject.email).delete()
            removed += deleted
        return removed

    register(
        DataType(
            key="security.sign_in_attempts",
            label=_("Failed sign-in attempts"),
            purpose=_("To slow down password guessing against the account."),
            rows=_attempts,
            fields={
                "attempt_time": _("when"),
                "ip_address": _("address"),
                "locked_out": _("locked"),
            },
            models=("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"),
            default_months=1,
            erase=_forget_attempts,
            kept_apart=True,
        )
    )
