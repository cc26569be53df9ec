from django import forms
from django.utils.translation import gettext_lazy as _

from engagera.practices.forms import DateInput

from .models import FeedbackKind


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Reinforcing: what to keep doing. Developmental: what could be better. "
            "Point at the task, not the person."
        ),
    )
    day = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("What you said, in short"),
        max_length=500,
        required=False,
        help_text=_("Do not record health, union membership or other sensitive data."),
    )
    count_as_practice = forms.BooleanField(
        label=_("Also log it as practice 43 (give feedback often)"), required=False
    )
