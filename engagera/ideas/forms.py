from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TEXT_MAX, IdeaStatus

MARKDOWN_HELP = _("You can use *italics*, **bold** and lists starting with a dash.")


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("The idea in a line"), max_length=200)
    text = forms.CharField(
        label=_("Your thinking so far"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
    )


class BuildOnForm(forms.Form):
    text = forms.CharField(
        label=_("Build on it"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MARKDOWN_HELP,
    )


class MarkForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Mark the idea as"),
        choices=[c for c in IdeaStatus.choices if c[0] != IdeaStatus.OPEN],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Why"), max_length=300, required=False)


class SessionForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("What you thought about"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
