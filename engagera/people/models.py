"""Teams and the people in them: the manager's internal customers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Organisation


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=200)
    # Teams nest: a department holds teams.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("part of"),
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_teams",
        verbose_name=_("managers"),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_org")
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """An employee; need not have a login, and may later be linked to a member account."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("team"),
    )
    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), blank=True)
    title = models.CharField(_("title"), max_length=150, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    # The day the person left the organisation: retention periods count from it (gdpr app).
    left_on = models.DateField(_("left on"), null=True, blank=True)
    # The card: what the manager knows of this internal customer's needs.
    strengths = models.TextField(
        _("strengths: what you appreciate in them"),
        blank=True,
        help_text=_("Tell them in your one-to-ones."),
    )
    motivation = models.TextField(_("what motivates them"), blank=True)
    working_toward = models.TextField(_("what they are working toward"), blank=True)
    recognition_preference = models.CharField(
        _("how they like to be recognised"), max_length=300, blank=True
    )
    is_talent = models.BooleanField(
        _("key talent to protect"),
        default=False,
        help_text=_("Keep their focus on what matters most and watch their workload."),
    )
    focus_areas = models.TextField(_("focus areas"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


SENSITIVE_HELP = _(
    "Do not record health, union membership, religion or other sensitive personal data."
)


class WorkloadReading(models.Model):
    """A 1-5 reading of how heavy the work feels, kept as history so overload shows as a trend."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="workload")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    day = models.DateField(_("date"))
    load = models.PositiveSmallIntegerField(_("workload (1 light – 5 overloaded)"))
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=SENSITIVE_HELP)

    class Meta:
        ordering = ["-day", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(load__gte=1, load__lte=5), name="load_1_to_5")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.day}: {self.load}"


class Introduction(models.Model):
    """A contact from the manager's network (practice 46)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="introductions")
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    day = models.DateField(_("date"))
    contact = models.CharField(_("to whom"), max_length=200)
    why = models.CharField(_("why"), max_length=300)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)

    class Meta:
        ordering = ["-day", "-id"]

    def __str__(self) -> str:
        return f"{self.person} → {self.contact}"


class Goal(models.Model):
    """A goal agreed with the person (practice 42): the what and why, and the way they chose."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="goals")
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    what = models.CharField(_("goal"), max_length=300)
    why = models.CharField(_("why it matters"), max_length=500, blank=True)
    way = models.TextField(_("the way they chose"), blank=True)
    agreed_on = models.DateField(_("agreed on"))
    done_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        ordering = ["done_on", "-agreed_on", "-id"]

    def __str__(self) -> str:
        return self.what


class GoalCheckIn(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="check_ins")
    day = models.DateField(_("date"))
    note = models.CharField(_("how it goes, and what support they need"), max_length=500)

    class Meta:
        ordering = ["-day", "-id"]

    def __str__(self) -> str:
        return f"{self.goal} {self.day}"


class Note(models.Model):
    """A note on the person: private to its author, or shared with the person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"), help_text=SENSITIVE_HELP)
    shared = models.BooleanField(
        _("shared with the employee"),
        default=False,
        help_text=_("Otherwise only you can read it, administrators included."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:40]


class TeamGoal(models.Model):
    """A team goal with why it matters and how the team's work feeds the larger picture (41)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    why = models.TextField(_("why it matters"))
    contribution = models.TextField(_("how our work contributes to the larger picture"), blank=True)
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    created_on = models.DateField(_("set on"))
    retired_on = models.DateField(_("no longer a goal since"), null=True, blank=True)

    class Meta:
        ordering = ["retired_on", "priority", "id"]

    def __str__(self) -> str:
        return self.title


class PriorityChange(models.Model):
    """A changed priority with its reason and date, so the manager remembers to explain it."""

    goal = models.ForeignKey(TeamGoal, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    day = models.DateField(_("date"))
    old_priority = models.PositiveSmallIntegerField()
    new_priority = models.PositiveSmallIntegerField()
    reason = models.CharField(_("why the priority changed"), max_length=500)
    explained_on = models.DateField(_("explained to the team on"), null=True, blank=True)

    class Meta:
        ordering = ["-day", "-id"]

    def __str__(self) -> str:
        return f"{self.goal}: {self.old_priority} → {self.new_priority}"
