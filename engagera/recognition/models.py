"""Recognition between colleagues (45), the hero of the day (50) and group rewards (44)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Organisation
from engagera.people.models import Person, Team
from engagera.practices.models import Driver


class Kind(models.TextChoices):
    PEER = "peer", _("recognition")
    HERO = "hero", _("hero of the day")


class Visibility(models.TextChoices):
    TEAM = "team", _("public to the team")
    PRIVATE = "private", _("private to the person (and their manager)")


class FoundIn(models.TextChoices):
    PRODUCT = "product", _("a product")
    PROCESS = "process", _("a process")
    OFFER = "offer", _("an offer")


class Recognition(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # The receiver's team when it was given: the feed it shows in.
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="recognitions"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.PEER)
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    receiver = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="recognitions")
    message = models.CharField(_("message"), max_length=500)
    driver = models.ForeignKey(
        Driver,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("driver"),
    )
    found_in = models.CharField(
        _("the flaw was in"), max_length=8, choices=FoundIn.choices, blank=True
    )
    visibility = models.CharField(
        _("who sees it"), max_length=8, choices=Visibility.choices, default=Visibility.TEAM
    )
    created_at = models.DateTimeField(_("given"), db_index=True)
    # Hidden by a manager as inappropriate: kept, with who and why (and in the audit log).
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.CharField(_("why hidden"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "team", "created_at"], name="recog_org_team"),
            models.Index(fields=["giver", "created_at"], name="recog_giver_created"),
        ]

    def __str__(self) -> str:
        return self.message[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.TEAM


class ReactionKind(models.TextChoices):
    THANKS = "thanks", _("Thank you")
    APPLAUSE = "applause", _("Well done")
    AGREE = "agree", _("Agree")


class Reaction(models.Model):
    recognition = models.ForeignKey(Recognition, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recognition", "user", "kind"], name="one_reaction_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.recognition_id}"


class RewardState(models.TextChoices):
    OFFERED = "offered", _("waiting for a choice")
    CHOSEN = "chosen", _("chosen")
    PLANNED = "planned", _("planned")
    DONE = "done", _("done")


REWARD_FLOW = [RewardState.OFFERED, RewardState.CHOSEN, RewardState.PLANNED, RewardState.DONE]


class GroupReward(models.Model):
    """The recognised person chooses something for the whole team (practice 44)."""

    recognition = models.OneToOneField(
        Recognition, on_delete=models.CASCADE, related_name="group_reward"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    options = models.TextField(_("suggestions (one per line)"), blank=True)
    choice = models.CharField(_("what the team gets"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=RewardState.choices, default=RewardState.OFFERED
    )
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.choice or str(self.recognition)

    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]
