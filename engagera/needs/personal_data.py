"""Needs raised by or for an employee, with how they were handled and rated."""

from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import Need


def _needs(subject: Subject):
    if subject.person is None:
        return Need.objects.none()
    return Need.objects.filter(organisation=subject.organisation, person=subject.person)


def _raised_for_others(subject: Subject):
    if subject.user is None:
        return Need.objects.none()
    return Need.objects.filter(organisation=subject.organisation, raised_by=subject.user)


register(
    DataType(
        key="needs.needs",
        label=_("Needs and their handling"),
        purpose=_("So the manager serves the employee's needs in time, and learns how well."),
        rows=_needs,
        fields={
            "category": _("what kind"),
            "description": _("what is needed"),
            "status": _("status"),
            "raised_at": _("raised"),
            "resolved_at": _("closed"),
            "decline_reason": _("why declined"),
            "rating": _("rating"),
            "rating_comment": _("comment"),
        },
        models=("needs.Need",),
        default_months=24,
        author=lambda need: need.raised_by,
        export_row=lambda need: {
            "category": need.get_category_display(),
            "status": need.get_status_display(),
        },
    ),
    DataType(
        key="needs.raised",
        label=_("Needs recorded for others"),
        purpose=_("Who recorded a need."),
        rows=_raised_for_others,
        fields={"raised_at": _("raised")},
        models=("needs.Need",),
        erase=lambda subject: _raised_for_others(subject).update(raised_by=None),
        kept_apart=True,
    ),
)
