from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Category


class NeedForm(forms.Form):
    category = forms.ChoiceField(label=_("What kind"), choices=Category.choices)
    description = forms.CharField(
        label=_("What is needed"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not record health, union membership or other sensitive data."),
    )


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("done", _("done")), ("declined", _("declined"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Why declined"), max_length=500, required=False)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How well was your need handled?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(1, _("1 – poorly")), (2, "2"), (3, "3"), (4, "4"), (5, _("5 – very well"))],
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)
