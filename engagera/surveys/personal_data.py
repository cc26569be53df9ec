"""Survey invitations: that a person was asked and whether they answered, never what.

Answers are anonymous by construction (no link to anyone), so they are not personal data
of any one person and cannot be exported or erased per person.
"""

from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import Invitation, Round


def _invitations(subject: Subject):
    if subject.person is None:
        return Invitation.objects.none()
    return Invitation.objects.filter(
        round__organisation=subject.organisation, person=subject.person
    ).select_related("round")


def _rounds_opened(subject: Subject):
    if subject.user is None:
        return Round.objects.none()
    return Round.objects.filter(organisation=subject.organisation, created_by=subject.user)


register(
    DataType(
        key="surveys.invitations",
        label=_("Pulse survey invitations"),
        purpose=_("To send the survey link and reminders only to those who have not answered."),
        rows=_invitations,
        fields={"round": _("survey round"), "responded": _("has answered")},
        models=("surveys.Invitation",),
        default_months=12,
        export_row=lambda invitation: {"round": str(invitation.round)},
    ),
    DataType(
        key="surveys.rounds_opened",
        label=_("Pulse survey rounds opened"),
        purpose=_("Who opened a survey round."),
        rows=_rounds_opened,
        fields={"opens_on": _("opens"), "closes_on": _("closes")},
        models=("surveys.Round",),
        erase=lambda subject: _rounds_opened(subject).update(created_by=None),
        kept_apart=True,
    ),
)
