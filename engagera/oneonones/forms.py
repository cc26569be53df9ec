from django import forms
from django.utils.translation import gettext_lazy as _

from engagera.practices.forms import DateInput

from .models import Owner


class CadenceForm(forms.Form):
    every_days = forms.IntegerField(label=_("Every (days)"), min_value=1, max_value=365, initial=14)
    next_on = forms.DateField(label=_("Next one-to-one"), widget=DateInput())


class PointForm(forms.Form):
    text = forms.CharField(label=_("Talking point"), max_length=300)


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ChoiceField(label=_("Owner"), choices=Owner.choices)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput())


class HoldForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    shared_notes = forms.CharField(
        label=_("Shared notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The employee can read these. Do not record health, union membership or other sensitive data."
        ),
    )
    private_notes = forms.CharField(
        label=_("Private notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only you can read these, administrators included. Avoid sensitive data here too."
        ),
    )
    told_appreciation = forms.BooleanField(
        label=_("I told them what I appreciate in them"), required=False
    )
