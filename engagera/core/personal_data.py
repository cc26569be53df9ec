"""Personal data in accounts: the account and its membership, never the password hash."""

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import Membership, Role, User


def _accounts(subject: Subject):
    if subject.user is None:
        return User.objects.none()
    # Only an account that is a member here: another organisation's member is not ours to touch.
    here = Membership.objects.filter(user=OuterRef("pk"), organisation=subject.organisation)
    return User.objects.filter(
        pk=subject.user.pk, memberships__organisation=subject.organisation
    ).annotate(role_here=Subquery(here.values("role")[:1]))


def _account_row(user: User) -> dict:
    return {"role": Role(user.role_here).label if user.role_here else ""}


def _delete_sessions(user: User) -> int:
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return 0
    from django.contrib.sessions.models import Session

    mine = [
        session.pk
        for session in Session.objects.iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    deleted, _per_model = Session.objects.filter(pk__in=mine).delete()
    return deleted


def _erase_account(subject: Subject) -> int:
    user = subject.user
    if user is None:
        return 0
    removed, _per_model = Membership.objects.filter(
        user=user, organisation=subject.organisation
    ).delete()
    if removed and not Membership.objects.filter(user=user).exists():
        # A member of no other organisation: the account itself goes, with its sign-ins.
        removed += _delete_sessions(user)
        deleted, _per_model = User.objects.filter(pk=user.pk).delete()
        removed += deleted
    return removed


register(
    DataType(
        key="core.account",
        label=_("Account and membership"),
        purpose=_(
            "To let the person sign in, and to know their role and language in the organisation."
        ),
        rows=_accounts,
        fields={
            "email": _("email address"),
            "full_name": _("name"),
            "language": _("language"),
            "role": _("role"),
            "is_active": _("active"),
            "date_joined": _("joined"),
            "last_login": _("last sign-in"),
        },
        models=("core.User", "core.Membership"),
        export_row=_account_row,
        erase=_erase_account,
        identity=True,
    )
)
