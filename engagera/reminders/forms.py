from django import forms
from django.utils.translation import gettext_lazy as _

from .models import WEEKDAYS


def _optional_int(value):
    return int(value) if value not in (None, "") else None


class DigestPreferenceForm(forms.Form):
    weekly = forms.BooleanField(label=_("Send me the weekly digest"), required=False)
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        choices=[("", _("The organisation's default"))]
        + [(str(n), label) for n, label in WEEKDAYS],
        coerce=_optional_int,
        empty_value=None,
        required=False,
    )
    hour = forms.TypedChoiceField(
        label=_("Hour"),
        choices=[("", _("The organisation's default"))]
        + [(str(h), f"{h:02d}:00") for h in range(24)],
        coerce=_optional_int,
        empty_value=None,
        required=False,
        help_text=_("In your organisation's time zone."),
    )
    daily_nudge = forms.BooleanField(
        label=_("Also a short morning nudge on weekdays with something due"), required=False
    )


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=_("Webhook address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "An incoming-webhook address from Slack, Teams or another chat tool. Public "
            "recognitions and heroes of the day are posted there."
        ),
    )
    active = forms.BooleanField(label=_("Send public recognition to this address"), required=False)
