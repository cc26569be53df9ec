"""Needs: what a person needs from their manager, handled with service levels and rated."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Organisation
from engagera.people.models import Person


class Category(models.TextChoices):
    EQUIPMENT = "equipment", _("equipment")
    TRAINING = "training", _("training")
    DECISION = "decision", _("a decision")
    HELP = "help", _("help with a problem")
    OTHER = "other", _("other")


class Status(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DECLINED = "declined", _("declined")


CLOSED = (Status.DONE, Status.DECLINED)


class Need(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="needs")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.CharField(_("what kind"), max_length=16, choices=Category.choices)
    description = models.CharField(_("what is needed"), max_length=500)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    raised_at = models.DateTimeField(_("raised"))
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("closed"), null=True, blank=True)
    decline_reason = models.CharField(_("why declined"), max_length=500, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.CharField(_("comment"), max_length=500, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the one-time rating link's secret; cleared once used.
    rating_token_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["organisation", "status"], name="need_org_status")]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED
