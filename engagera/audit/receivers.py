"""Sign-in events reach the audit log through Django's own auth signals."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .actions import organisation_of, record


@receiver(user_logged_in, dispatch_uid="audit_login")
def on_login(sender, request, user, **kwargs):
    record("auth.login", actor=user, target=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record("auth.logout", actor=user, target=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    """Record the failure in the account's organisation when the account exists.

    The typed name is not stored (people type passwords into it), and the visitor sees the
    same answer either way: whether an account exists is never revealed outside the log.
    """
    credentials = credentials or {}
    username = credentials.get("username") or credentials.get(get_user_model().USERNAME_FIELD)
    username = str(username or "")
    account = get_user_model().objects.filter(email__iexact=username.strip()).first()
    record(
        "auth.login_failed", target=account, organisation=organisation_of(account), request=request
    )
