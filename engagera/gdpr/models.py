"""The organisation's retention rules, one per personal data type."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Organisation

MAX_MONTHS = 240


class RetentionRule(models.Model):
    """Delete a data type `months` after the person leaves; no months: keep until erased.

    Without a rule the data type's default from the registry applies.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="retention_rules"
    )
    data_type = models.CharField(_("data type"), max_length=64)
    months = models.PositiveSmallIntegerField(
        _("months after leaving"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_MONTHS)],
    )

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "data_type"], name="one_retention_rule_per_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.data_type}: {self.months}"
