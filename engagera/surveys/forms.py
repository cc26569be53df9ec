from django import forms
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Role
from engagera.people.queries import visible_teams

from .actions import COMMENT_MAX
from .models import Kind

WHOLE_ORGANISATION = "all"
PULSE, CUSTOM = "pulse", "custom"


class OpenRoundForm(forms.Form):
    team = forms.ChoiceField(
        label=_("Who is asked"),
        help_text=_("The team and every team below it."),
    )
    opens_on = forms.DateField(label=_("Opens"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("Closes"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Results appear the day after, or when you close the round early."),
    )

    what = forms.ChoiceField(
        label=_("What to ask"),
        choices=[
            (PULSE, _("The short pulse: 8 questions, moving through the drivers round by round")),
            (CUSTOM, _("Questions I choose from the bank")),
        ],
        initial=PULSE,
        required=False,  # left out: the short pulse
        widget=forms.RadioSelect,
    )
    questions = forms.MultipleChoiceField(
        label=_("Questions from the bank"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only used when you choose your own questions."),
    )

    def __init__(self, membership, *args, **kwargs):
        from .models import Question

        super().__init__(*args, **kwargs)
        groups: dict[str, list] = {}
        self.bank = {}
        for question in (
            Question.objects.filter(active=True)
            .select_related("driver")
            .order_by("kind", "driver__position", "position", "id")
        ):
            self.bank[question.code] = question
            group = str(question.driver) if question.kind == Kind.AGREEMENT else str(_("Recommend"))
            groups.setdefault(group, []).append((question.code, question.text))
        self.fields["questions"].choices = list(groups.items())
        choices = []
        if membership.role == Role.ADMIN:
            choices.append((WHOLE_ORGANISATION, _("The whole organisation")))
        choices += [
            (str(team.pk), team.name) for team in visible_teams(membership).order_by("name")
        ]
        self.fields["team"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("what") == CUSTOM and not data.get("questions"):
            self.add_error("questions", _("Choose at least one question."))
        return data

    def chosen_questions(self):
        """None for the short pulse, else the bank questions ticked."""
        if self.cleaned_data["what"] != CUSTOM:
            return None
        return [self.bank[code] for code in self.cleaned_data["questions"]]


def _choices(question):
    low, high = question.scale
    labels = {}
    if question.kind == Kind.AGREEMENT:
        labels = {1: _("1 – strongly disagree"), 5: _("5 – strongly agree")}
    else:
        labels = {0: _("0 – not at all likely"), 10: _("10 – extremely likely")}
    return [(value, labels.get(value, str(value))) for value in range(low, high + 1)]


class AnswerForm(forms.Form):
    """One radio group per question of the round, then an optional comment."""

    def __init__(self, round_, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(round_.questions.select_related("driver").order_by("position"))
        for question in self.questions:
            self.fields[question.code] = forms.TypedChoiceField(
                label=question.text,
                coerce=int,
                choices=_choices(question),
                widget=forms.RadioSelect(attrs={"class": "survey-scale"}),
                error_messages={"required": _("Answer every question.")},
            )
        self.fields["comment"] = forms.CharField(
            label=_("Anything else you want to say?"),
            required=False,
            max_length=COMMENT_MAX,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_(
                "Shown to your manager only when enough colleagues have commented, in random "
                "order and without dates. Do not write anything that gives you away."
            ),
        )

    def answer_fields(self):
        return [self[question.code] for question in self.questions]

    def values(self) -> dict:
        return {q.code: self.cleaned_data[q.code] for q in self.questions}
