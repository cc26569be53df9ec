"""Session bookkeeping at sign-in and sign-out, and lockouts into the audit log."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from engagera.audit.actions import organisation_of, record

from . import queries, sessions
from .actions import do_end_other_sessions


@receiver(user_logged_in, dispatch_uid="security_session_start")
def on_login(sender, request, user, **kwargs):
    # Django has already given the session a new key; start its clocks and its 2FA state.
    sessions.start(request.session, has_device=queries.has_device(user))


@receiver(user_logged_out, dispatch_uid="security_end_other_sessions")
def on_logout(sender, request, user, **kwargs):
    # Signing out on one device signs out everywhere: a shared or lost device is covered.
    if user is not None:
        do_end_other_sessions(user)


@receiver(user_locked_out, dispatch_uid="security_audit_lockout")
def on_locked_out(sender, request, username, ip_address, **kwargs):
    account = get_user_model().objects.filter(email__iexact=username or "").first()
    record(
        "auth.locked_out", target=account, organisation=organisation_of(account), request=request
    )
