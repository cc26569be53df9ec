"""Sign-in links and invitations: when a link was sent to the account, and when used."""

from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import SignInLink


def _links(subject: Subject):
    if subject.user is None:
        return SignInLink.objects.none()
    return SignInLink.objects.filter(user=subject.user)


def _sent(subject: Subject):
    if subject.user is None:
        return SignInLink.objects.none()
    return SignInLink.objects.filter(invited_by=subject.user)


register(
    DataType(
        key="security.sign_in_links",
        label=_("Sign-in links and invitations"),
        purpose=_("So a person can sign in without a password, and one link works only once."),
        rows=_links,
        fields={
            "purpose": _("kind"),
            "created_at": _("created"),
            "expires_at": _("expires"),
            "used_at": _("used"),
        },
        models=("security.SignInLink",),
        default_months=3,
        export_row=lambda link: {"purpose": link.get_purpose_display()},
    ),
    DataType(
        key="security.invitations_sent",
        label=_("Invitations sent to others"),
        purpose=_("Who invited a person."),
        rows=_sent,
        fields={"created_at": _("created")},
        models=("security.SignInLink",),
        default_months=3,
        erase=lambda subject: _sent(subject).update(invited_by=None),
        kept_apart=True,
    ),
)
