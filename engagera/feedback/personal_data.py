"""Feedback: about the employee who received it, written by their manager."""

from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import Feedback


def _received(subject: Subject):
    if subject.person is None:
        return Feedback.objects.none()
    return Feedback.objects.filter(organisation=subject.organisation, person=subject.person)


def _given(subject: Subject):
    if subject.user is None:
        return Feedback.objects.none()
    return Feedback.objects.filter(organisation=subject.organisation, author=subject.user)


def _forget_author(subject: Subject) -> int:
    # The feedback is the receiver's history; only the giver's name goes.
    return _given(subject).update(author=None)


register(
    DataType(
        key="feedback.received",
        label=_("Feedback received"),
        purpose=_("So the manager gives feedback often, balanced and about the work."),
        rows=_received,
        fields={"given_on": _("date"), "kind": _("kind"), "note": _("note")},
        models=("feedback.Feedback",),
        default_months=24,
        author=lambda feedback: feedback.author,
        export_row=lambda feedback: {"kind": feedback.get_kind_display()},
    ),
    DataType(
        key="feedback.given",
        label=_("Feedback given to others"),
        purpose=_("The manager's record of the feedback they gave."),
        rows=_given,
        fields={"given_on": _("date"), "kind": _("kind")},
        models=("feedback.Feedback",),
        default_months=24,
        erase=_forget_author,
        kept_apart=True,
    ),
)
