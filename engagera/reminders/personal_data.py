"""Reminder settings and the calendar feed of a manager's account."""

from django.utils.translation import gettext_lazy as _

from engagera.gdpr.registry import DataType, Subject, register

from .models import CalendarFeed, DigestPreference


def _preferences(subject: Subject):
    if subject.user is None:
        return DigestPreference.objects.none()
    return DigestPreference.objects.filter(organisation=subject.organisation, user=subject.user)


def _feeds(subject: Subject):
    if subject.user is None:
        return CalendarFeed.objects.none()
    return CalendarFeed.objects.filter(organisation=subject.organisation, user=subject.user)


register(
    DataType(
        key="reminders.preferences",
        label=_("Digest and reminder settings"),
        purpose=_("To send the weekly digest when, and only if, the manager wants it."),
        rows=_preferences,
        fields={
            "weekly": _("weekly digest"),
            "weekday": _("weekday"),
            "hour": _("hour"),
            "daily_nudge": _("morning nudge"),
            "updated_at": _("changed"),
        },
        models=("reminders.DigestPreference",),
        default_months=1,
    ),
    DataType(
        key="reminders.calendar_feeds",
        label=_("Calendar address"),
        purpose=_("So the manager's calendar app can show their one-to-ones and practices."),
        rows=_feeds,
        fields={"created_at": _("created"), "last_used_at": _("last used")},
        models=("reminders.CalendarFeed",),
        default_months=1,
    ),
)
