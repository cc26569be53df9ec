"""Reaching the manager outside the app: digest preferences, calendar feeds, the webhook,
and the slots that let several workers schedule periodic work without doing it twice."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Organisation

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class PeriodicSlot(models.Model):
    """One periodic job for one slot (e.g. "digest:12:2026-W48"): the unique key means only
    the first worker to insert it enqueues the job, however many workers run."""

    key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key


class DigestPreference(models.Model):
    """A manager's choice of when (and whether) the weekly digest arrives."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preferences"
    )
    weekly = models.BooleanField(_("send me the weekly digest"), default=True)
    # Empty: the organisation's default (Organisation.digest_weekday / digest_hour).
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), null=True, blank=True, choices=WEEKDAYS
    )
    hour = models.PositiveSmallIntegerField(
        _("hour"), null=True, blank=True, validators=[MaxValueValidator(23)]
    )
    daily_nudge = models.BooleanField(
        _("also a short morning nudge on days with something due"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_digest_pref")
        ]

    def __str__(self) -> str:
        return f"digest preference of {self.user_id}"


class CalendarFeed(models.Model):
    """A private iCalendar address: only the SHA-256 of its secret is kept."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_calendar_feed")
        ]

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"


class Webhook(models.Model):
    """The organisation's one outbound webhook (Slack, Teams or anything taking JSON)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="webhook"
    )
    url = models.URLField(_("webhook address"), max_length=500, blank=True)
    active = models.BooleanField(_("send public recognition to this address"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_status = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"webhook of {self.organisation_id}"
