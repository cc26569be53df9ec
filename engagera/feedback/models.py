"""Feedback given (practice 43): reinforcing or developmental, often."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Organisation
from engagera.people.models import Person


class FeedbackKind(models.TextChoices):
    REINFORCING = "reinforcing", _("reinforcing")
    DEVELOPMENTAL = "developmental", _("developmental")


class Feedback(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="feedback_given",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FeedbackKind.choices)
    given_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    one_to_one = models.ForeignKey(
        "oneonones.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        verbose_name=_("during the one-to-one"),
    )
    # The practice log this feedback also counted as, if the manager chose so.
    performance = models.OneToOneField(
        "practices.Performance", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        indexes = [models.Index(fields=["person", "given_on"], name="feedback_person_day")]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.person} ({self.given_on})"
