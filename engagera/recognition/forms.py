from django import forms
from django.utils.translation import gettext_lazy as _

from engagera.practices.models import Driver

from .models import FoundIn, RewardState, Visibility


class DriverChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({obj.team.name})" if obj.team_id else obj.full_name


class RecogniseForm(forms.Form):
    receiver = PersonChoice(label=_("Colleague"), queryset=None)
    message = forms.CharField(
        label=_("What did they do, and why did it matter?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    driver = DriverChoice(label=_("It relates to"), queryset=Driver.objects.all())
    visibility = forms.ChoiceField(
        label=_("Who sees it"),
        choices=Visibility.choices,
        initial=Visibility.TEAM,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = people


class HeroForm(forms.Form):
    person = PersonChoice(label=_("Who found it"), queryset=None)
    found_in = forms.ChoiceField(
        label=_("The flaw was in"), choices=FoundIn.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("What they found"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    driver = DriverChoice(label=_("It relates to"), queryset=Driver.objects.all(), required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Why hide it?"), max_length=300)


class StartRewardForm(forms.Form):
    options = forms.CharField(
        label=_("Suggestions for the team (one per line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The recognised person chooses one of these, or something else."),
    )


class ChooseRewardForm(forms.Form):
    """A suggestion (radio) or the person's own words; their own words win."""

    choice = forms.CharField(label=_("Suggestions"), max_length=200, required=False)
    own = forms.CharField(label=_("Or in your own words"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        choice = (data.get("own") or "").strip() or (data.get("choice") or "").strip()
        if not choice:
            raise forms.ValidationError(_("Choose something for the team."))
        return {"choice": choice}


class AdvanceRewardForm(forms.Form):
    state = forms.ChoiceField(
        choices=[
            (RewardState.PLANNED, RewardState.PLANNED.label),
            (RewardState.DONE, RewardState.DONE.label),
        ]
    )
    planned_on = forms.DateField(
        label=_("Planned for"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
