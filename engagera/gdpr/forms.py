from django import forms
from django.utils.translation import gettext_lazy as _

from engagera.practices.forms import DateInput

from .models import MAX_MONTHS


class LeftOnForm(forms.Form):
    left_on = forms.DateField(
        label=_("Left the organisation on"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty while the person is still here. Retention periods count from this day."),
    )


class CopyForm(forms.Form):
    """The choices for a copy of a person's data (sent with GET: it changes nothing)."""

    redact = forms.BooleanField(
        label=_("Hide other people's names"),
        required=False,
        help_text=_("For example who wrote a note about the person."),
    )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this removes the data for good and cannot be undone."),
        required=True,
    )


class RetentionForm(forms.Form):
    """One number of months per data type; empty keeps the data until erased by hand."""

    def __init__(self, *args, data_types, effective, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = {}
        for data_type in data_types:
            name = data_type.key.replace(".", "__")
            self.keys[name] = data_type.key
            if data_type.identity:
                help_text = _(
                    "Removed no earlier than the rest of the person's data, since it hangs on this."
                )
            elif data_type.contains:
                help_text = _("Removed no earlier than the data stored with it.")
            else:
                help_text = ""
            months = effective.get(data_type.key)
            if months is not None and help_text:
                help_text = _("%(rule)s In effect: %(months)d months.") % {
                    "rule": help_text,
                    "months": months,
                }
            self.fields[name] = forms.IntegerField(
                label=data_type.label,
                required=False,
                min_value=0,
                max_value=MAX_MONTHS,
                help_text=help_text,
            )

    def months(self) -> dict[str, int | None]:
        return {self.keys[name]: value for name, value in self.cleaned_data.items()}
