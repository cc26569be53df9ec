from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import is_recovery_code


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )

    def __init__(self, *args, recovery: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.recovery = recovery  # also take a recovery code (signing in, turning off)
        if recovery:
            self.fields["code"].help_text = _(
                "Lost your phone? Enter one of your recovery codes instead."
            )
            self.fields["code"].widget.attrs["inputmode"] = "text"

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if self.recovery and is_recovery_code(code.replace("-", "").lower()):
            return code.replace("-", "").lower()
        if len(code) != 6 or not code.isdigit():
            raise forms.ValidationError(_("Enter the six digits your app shows, e.g. 123456."))
        return code


class SignInLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Your work email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class InviteForm(forms.Form):
    """Which of the invitable people to invite: all are ticked to start with."""

    people = forms.ModelMultipleChoiceField(
        label=_("Invite"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one person to invite.")},
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = queryset
        self.fields["people"].label_from_instance = lambda p: f"{p.full_name} ({p.email})"
        self.fields["people"].initial = list(queryset.values_list("pk", flat=True))
