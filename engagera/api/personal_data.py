"""Personal API tokens: only their hash, name, scope and dates are kept."""

from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import ApiToken


def _tokens(subject: Subject):
    if subject.user is None:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(organisation=subject.organisation, user=subject.user)


register(
    DataType(
        key="api.tokens",
        label=_("Personal API tokens"),
        purpose=_("So scripts and other tools can act for the user, with their permissions."),
        rows=_tokens,
        fields={
            "name": _("name"),
            "prefix": _("token"),
            "scope": _("access"),
            "created_at": _("created"),
            "expires_on": _("expires"),
            "last_used_at": _("last used"),
        },
        models=("api.ApiToken",),
        default_months=1,
        export_row=lambda token: {"scope": token.get_scope_display()},
    ),
)
