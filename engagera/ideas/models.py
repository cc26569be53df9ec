"""The idea board: thinking aloud together (practice 48)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Organisation
from engagera.people.models import Team

TEXT_MAX = 2000


class IdeaStatus(models.TextChoices):
    OPEN = "open", _("open")
    EXPLORED = "explored", _("explored")
    ADOPTED = "adopted", _("adopted")
    PARKED = "parked", _("parked")


class Idea(models.Model):
    """An unfinished thought posted to the team, for others to build on."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("the idea in a line"), max_length=200)
    text = models.TextField(_("thinking so far"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=IdeaStatus.choices, default=IdeaStatus.OPEN
    )
    status_note = models.CharField(_("why"), max_length=300, blank=True)
    status_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["team", "created_at"], name="idea_team_created")]

    def __str__(self) -> str:
        return self.title


class BuildOn(models.Model):
    """A reply that takes the idea a step further."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="build_ons")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("build on it"), max_length=TEXT_MAX)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class ThinkingSession(models.Model):
    """A thinking-aloud session the manager held with the team."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="thinking_sessions")
    led_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    held_on = models.DateField(_("held on"))
    note = models.CharField(_("what you thought about"), max_length=500, blank=True)
    ideas = models.ManyToManyField(Idea, blank=True, related_name="sessions")

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.team} {self.held_on}"
