"""One-to-ones: a cadence per person, meetings with a shared agenda, notes and action items."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Organisation
from engagera.people.models import Person


class Cadence(models.Model):
    """How often the manager meets the person one to one, and when next."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="one_to_one_cadence"
    )
    # Kept when the manager's account goes: the employee's history stays with them.
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    every_days = models.PositiveSmallIntegerField(
        _("every (days)"), default=14, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    next_on = models.DateField(_("next one-to-one"))

    def __str__(self) -> str:
        return f"{self.person}: every {self.every_days} days"


class Meeting(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="one_to_ones")
    # Kept when the manager's account goes: the employee's history stays with them.
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    scheduled_on = models.DateField(_("date"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    shared_notes = models.TextField(_("shared notes"), blank=True)
    # Seen by the manager who wrote them and nobody else, administrators included.
    private_notes = models.TextField(_("private notes"), blank=True)
    told_appreciation = models.BooleanField(
        _("I told them what I appreciate in them"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_on", "-id"]
        indexes = [
            models.Index(fields=["person", "scheduled_on"], name="meeting_person_day"),
            # The dashboard's "overdue one-to-ones": only open meetings, never the years held.
            models.Index(
                fields=["manager", "scheduled_on"],
                condition=models.Q(held_on__isnull=True),
                name="meeting_open_by_manager",
            ),
            # Each person's next one-to-one, on the people list and the card.
            models.Index(
                fields=["person", "scheduled_on"],
                condition=models.Q(held_on__isnull=True),
                name="meeting_open_by_person",
            ),
            # The newest held ones, on the person's timeline.
            models.Index(fields=["person", "held_on"], name="meeting_person_held"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.scheduled_on}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None


class TalkingPoint(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="points")
    text = models.CharField(_("talking point"), max_length=300)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    discussed = models.BooleanField(_("discussed"), default=False)
    carried_over = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text


class Owner(models.TextChoices):
    MANAGER = "manager", _("the manager")
    PERSON = "person", _("the employee")


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=8, choices=Owner.choices, default=Owner.MANAGER)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_on", "due_on", "id"]
        # Reminders look for open actions only; done ones pile up with every meeting held.
        indexes = [
            models.Index(
                fields=["due_on"], condition=models.Q(done_on__isnull=True), name="action_open_due"
            )
        ]

    def __str__(self) -> str:
        return self.text
