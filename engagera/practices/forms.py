from django import forms
from django.utils.translation import gettext_lazy as _

from engagera.lib.habits import Target

from .models import Driver


class TargetField(forms.CharField):
    """'3/week', '2/day', '1/month' or '1/14d'."""

    default_error_messages = {
        "invalid": _("Write the target as times/period, e.g. 3/week, 1/day, 1/month or 1/14d."),
    }

    def to_python(self, value):
        value = super().to_python(value).strip().replace(" ", "")
        if not value:
            return None
        try:
            return Target.parse(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        return str(value) if isinstance(value, Target) else value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PlanItemForm(forms.Form):
    target = TargetField(
        label=_("Target"),
        help_text=_("How often: times/period, e.g. 3/week, 1/day, 1/month or 1/14d."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    if_situation = forms.CharField(
        label=_("When…"),
        max_length=200,
        required=False,
        help_text=_("A situation that recurs, e.g. “Monday's team meeting starts”."),
    )
    if_action = forms.CharField(
        label=_("…I will"),
        max_length=200,
        required=False,
        help_text=_("What you will do then, e.g. “explain why this week's priority matters”."),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class LogForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    day = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    person = forms.IntegerField(label=_("With whom"), required=False)


class PerformanceForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SkipForm(forms.Form):
    first = forms.DateField(label=_("First day"), widget=DateInput())
    last = forms.DateField(label=_("Last day"), widget=DateInput())
    items = forms.TypedMultipleChoiceField(
        label=_("Practices"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Paused days neither raise nor lower the strength of these practices."),
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(item.pk, item.practice.title) for item in items]


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("“Doing this is something I do automatically.”"),
        coerce=int,
        choices=[
            (1, _("1 – not true at all")),
            (2, "2"),
            (3, "3"),
            (4, "4"),
            (5, _("5 – completely true")),
        ],
        widget=forms.RadioSelect,
    )


class OwnPracticeForm(forms.Form):
    title_sv = forms.CharField(label=_("Title (Swedish)"), max_length=120, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=120, required=False)
    description_sv = forms.CharField(
        label=_("Description (Swedish)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    tip_sv = forms.CharField(
        label=_("Tip for this week (Swedish)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    tip_en = forms.CharField(
        label=_("Tip for this week (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    cadence = TargetField(label=_("Suggested target"), initial="1/week")
    drivers = forms.ModelMultipleChoiceField(
        label=_("Drivers"), queryset=Driver.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    def clean(self):
        data = super().clean()
        if not (data.get("title_sv") or data.get("title_en")):
            self.add_error("title_sv", _("Give the practice a title in at least one language."))
        return data


class OrganisationSettingsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(label=_("Default language"))
    max_learning = forms.IntegerField(
        label=_("Practices in learning at once"), min_value=1, max_value=20
    )
    established_strength = forms.IntegerField(
        label=_("Strength at which a practice is established (%)"), min_value=10, max_value=100
    )
    established_min_days = forms.IntegerField(
        label=_("Minimum days before a practice is established"), min_value=1, max_value=365
    )
    slipping_strength = forms.IntegerField(
        label=_("Strength under which an established practice is slipping (%)"),
        min_value=0,
        max_value=100,
    )
    admins_see_individuals = forms.BooleanField(
        label=_("Administrators see individual managers"),
        required=False,
        help_text=_(
            "Off: administrators see only aggregates. Engagera is a coaching tool, not surveillance."
        ),
    )
    feedback_wait_days = forms.IntegerField(
        label=_("Days without feedback before someone is waiting"), min_value=1, max_value=365
    )
    need_target_working_days = forms.IntegerField(
        label=_("Target for closing a need (working days)"), min_value=1, max_value=60
    )
    require_2fa_for_admins = forms.BooleanField(
        label=_("Administrators must use two-factor authentication"),
        required=False,
        help_text=_(
            "Administrators see the whole organisation: with this on, they must set up an "
            "authenticator app before they can do anything else."
        ),
    )

    survey_min_responses = forms.IntegerField(
        required=False,
        label=_("Fewest responses before a group's survey results are shown"),
        min_value=3,
        max_value=50,
        help_text=_("Protects anonymity: smaller groups are folded into the group above them."),
    )
    survey_min_comments = forms.IntegerField(
        required=False,
        label=_("Fewest comments before a group's comments are shown"),
        min_value=3,
        max_value=100,
    )
    recognition_weekly_limit = forms.IntegerField(
        required=False,
        label=_("Recognitions a person may give per week"),
        min_value=1,
        max_value=50,
    )
    unseen_after_weeks = forms.IntegerField(
        required=False,
        label=_("Weeks without recognition before someone risks going unseen"),
        min_value=1,
        max_value=52,
    )
    digest_weekday = forms.TypedChoiceField(
        label=_("Default weekday of the weekly digest"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    digest_hour = forms.IntegerField(
        required=False, label=_("Default hour of the weekly digest"), min_value=0, max_value=23
    )

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        from engagera.core.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["digest_weekday"].choices = Organisation._meta.get_field(
            "digest_weekday"
        ).choices

    def clean(self):
        data = super().clean()
        if (
            data.get("slipping_strength") is not None
            and data.get("established_strength") is not None
            and data["slipping_strength"] >= data["established_strength"]
        ):
            self.add_error(
                "slipping_strength",
                _("Must be lower than the strength at which a practice is established."),
            )
        return data
