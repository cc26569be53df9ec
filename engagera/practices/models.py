"""The practice catalogue and the manager's habit loop: plan, performances, skips."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Organisation
from engagera.lib.habits import Target


class Bilingual:
    """Fields stored as <name>_sv and <name>_en; read in the active language, falling back."""

    def localized(self, field: str) -> str:
        language = (get_language() or "sv")[:2]
        other = "en" if language == "sv" else "sv"
        return getattr(self, f"{field}_{language}", "") or getattr(self, f"{field}_{other}", "")


class Driver(Bilingual, models.Model):
    """What a practice (and later a survey question) serves: purpose, autonomy, ..."""

    code = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    name_sv = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    description_sv = models.TextField(blank=True)
    description_en = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("driver")
        verbose_name_plural = _("drivers")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localized("name")

    @property
    def description(self) -> str:
        return self.localized("description")


class Source(models.TextChoices):
    SEED = "seed", _("Tomas Bogren's article series on engagement (2014), part 5 of 5")
    ENGAGERA = "engagera", _("Engagera")
    ORGANISATION = "organisation", _("Your organisation")


class Practice(Bilingual, models.Model):
    # Null organisation: the shared catalogue. Otherwise an organisation's own practice.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="own_practices"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    slug = models.SlugField(_("short name"), max_length=80)
    title_sv = models.CharField(_("title (Swedish)"), max_length=120, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    tip_sv = models.TextField(_("tip for this week (Swedish)"), blank=True)
    tip_en = models.TextField(_("tip for this week (English)"), blank=True)
    drivers = models.ManyToManyField(Driver, related_name="practices", verbose_name=_("drivers"))
    cadence = models.CharField(_("suggested target"), max_length=16, default="1/week")
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.ORGANISATION)

    class Meta:
        ordering = ["number"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(organisation__isnull=True),
                name="catalogue_slug_unique",
            ),
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(organisation__isnull=True),
                name="catalogue_number_unique",
            ),
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="own_practice_slug_unique"
            ),
            models.UniqueConstraint(
                fields=["organisation", "number"], name="own_practice_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def description(self) -> str:
        return self.localized("description")

    @property
    def tip(self) -> str:
        return self.localized("tip")

    @property
    def suggested_target(self) -> Target:
        return Target.parse(self.cadence)


class HiddenPractice(models.Model):
    """An organisation that does not use a catalogue practice hides it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="hidden_practices"
    )
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "practice"], name="hide_practice_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} hides {self.practice_id}"


class PlanState(models.TextChoices):
    LEARNING = "learning", _("learning")
    ESTABLISHED = "established", _("established")
    PAUSED = "paused", _("paused")
    RETIRED = "retired", _("retired")


ACTIVE_STATES = (PlanState.LEARNING, PlanState.ESTABLISHED)


class PlanItem(models.Model):
    """A practice a manager has chosen, with a target frequency and a state."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="plan_items"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_items"
    )
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="plan_items")
    times = models.PositiveSmallIntegerField(
        _("times"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    period_days = models.PositiveSmallIntegerField(
        _("period (days)"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    start_date = models.DateField(_("start date"))
    state = models.CharField(
        _("state"), max_length=16, choices=PlanState.choices, default=PlanState.LEARNING
    )
    # The if-then plan (implementation intention): "when <situation>, I will <action>".
    if_situation = models.CharField(_("when"), max_length=200, blank=True)
    if_action = models.CharField(_("I will"), max_length=200, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    # A saved state of the habit model on a day no new log can reach (more than the
    # back-dating limit ago), so pages read only recent history. See queries.py.
    checkpoint_on = models.DateField(null=True, blank=True, editable=False)
    checkpoint_strength = models.FloatField(default=0.0, editable=False)
    checkpoint_streak = models.PositiveIntegerField(default=0, editable=False)
    checkpoint_last_performed = models.DateField(null=True, blank=True, editable=False)
    # The month of the latest automaticity rating, so the dashboard need not ask.
    rated_month = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "practice"],
                condition=~Q(state="retired"),
                name="one_open_plan_item_per_practice",
            )
        ]

    def __str__(self) -> str:
        return f"{self.practice} ({self.target})"

    @property
    def target(self) -> Target:
        return Target(self.times, self.period_days)

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    def forget_checkpoint(self) -> None:
        """A change reached the saved state's past: compute from the start next time."""
        PlanItem.objects.filter(pk=self.pk).update(checkpoint_on=None)
        self.checkpoint_on = None


class Performance(models.Model):
    """One recorded time a manager carried a practice out."""

    plan_item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="performances")
    performed_on = models.DateField(_("date"))
    # "With whom": the employee the practice was carried out with, if one.
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice_logs",
        verbose_name=_("with whom"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    # The form's one-time token: a double-submitted form finds the first record.
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-performed_on", "-id"]
        verbose_name = _("performance")
        verbose_name_plural = _("performances")
        constraints = [
            models.UniqueConstraint(fields=["plan_item", "token"], name="performance_token_unique")
        ]
        indexes = [models.Index(fields=["plan_item", "performed_on"], name="performance_item_day")]

    def __str__(self) -> str:
        return f"{self.plan_item_id} on {self.performed_on}"


class Skip(models.Model):
    """A paused day: neither raises nor lowers strength (leave, travel)."""

    plan_item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="skips")
    day = models.DateField(_("day"))

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["plan_item", "day"], name="skip_once_a_day")]

    def __str__(self) -> str:
        return f"{self.plan_item_id} paused {self.day}"


class AutomaticityRating(models.Model):
    """Once a month: how much 'doing this is something I do automatically' holds, 1-5."""

    plan_item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="automaticity")
    month = models.DateField(_("month"))  # always the first day of the month
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["plan_item", "month"], name="one_rating_a_month"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_item_id} {self.month:%Y-%m}: {self.score}"
