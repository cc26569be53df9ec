from django import forms
from django.utils.translation import gettext_lazy as _

from engagera.practices.forms import DateInput

from .models import SENSITIVE_HELP


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: name, email, team, manager email, start date (YYYY-MM-DD), title. "
            "Comma or semicolon separated, UTF-8 or Windows-1252, as Excel saves it."
        ),
    )


class CardForm(forms.Form):
    strengths = forms.CharField(
        label=_("Strengths: what you appreciate in them"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=SENSITIVE_HELP,
    )
    motivation = forms.CharField(
        label=_("What motivates them"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=SENSITIVE_HELP,
    )
    working_toward = forms.CharField(
        label=_("What they are working toward"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=SENSITIVE_HELP,
    )
    recognition_preference = forms.CharField(
        label=_("How they like to be recognised"),
        required=False,
        max_length=300,
        help_text=_("Ask them: in front of the team, in private, in writing…"),
    )
    is_talent = forms.BooleanField(label=_("Key talent to protect"), required=False)
    focus_areas = forms.CharField(
        label=_("Focus areas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where their work has the greatest effect on results and their own interest."),
    )


class WorkloadForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    load = forms.TypedChoiceField(
        label=_("Workload"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(1, _("1 – light")), (2, "2"), (3, "3"), (4, "4"), (5, _("5 – overloaded"))],
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=300, help_text=SENSITIVE_HELP
    )
    count_as_practice = forms.BooleanField(
        label=_("Also log it as practice 47 (protect your key people)"), required=False
    )


class IntroductionForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    contact = forms.CharField(label=_("To whom"), max_length=200)
    why = forms.CharField(label=_("Why"), max_length=300)
    outcome = forms.CharField(label=_("Outcome"), max_length=300, required=False)
    count_as_practice = forms.BooleanField(
        label=_("Also log it as practice 46 (share your network)"), required=False
    )


class GoalForm(forms.Form):
    what = forms.CharField(label=_("Goal"), max_length=300)
    why = forms.CharField(label=_("Why it matters"), max_length=500, required=False)
    way = forms.CharField(
        label=_("The way they chose"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Let them choose the route; agree on how you support them along the way."),
    )
    day = forms.DateField(label=_("Agreed on"), widget=DateInput())
    count_as_practice = forms.BooleanField(
        label=_("Also log it as practice 42 (let them choose the way)"), required=False
    )


class CheckInForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("How it goes, and what support they need"), max_length=500)
    reached = forms.BooleanField(label=_("The goal is reached"), required=False)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), help_text=SENSITIVE_HELP
    )
    shared = forms.BooleanField(
        label=_("Share with the employee"),
        required=False,
        help_text=_("Otherwise only you can read it, administrators included."),
    )


class TeamGoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=200)
    why = forms.CharField(label=_("Why it matters"), widget=forms.Textarea(attrs={"rows": 2}))
    contribution = forms.CharField(
        label=_("How our work contributes to the larger picture"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    priority = forms.IntegerField(
        label=_("Priority (1 is highest)"), min_value=1, max_value=99, initial=1
    )


class PriorityForm(forms.Form):
    priority = forms.IntegerField(label=_("New priority"), min_value=1, max_value=99)
    reason = forms.CharField(label=_("Why the priority changed"), max_length=500)
