"""Pulse surveys: a question bank tied to the drivers, rounds, and anonymous responses.

Anonymity by construction: a Response and its Answers hold no person, account, token,
address, browser or time. Who has answered is a separate mark on the Invitation, with no
link to the Response. Responses get a random key, so their order in a listing says
nothing about who answered when.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagera.core.models import Organisation
from engagera.people.models import Person, Team
from engagera.practices.models import Bilingual, Driver


class Kind(models.TextChoices):
    AGREEMENT = "agreement", _("agreement, 1-5")
    RECOMMEND = "recommend", _("recommendation, 0-10")


SCALES = {Kind.AGREEMENT: (1, 5), Kind.RECOMMEND: (0, 10)}


class Question(Bilingual, models.Model):
    """One item of the shared question bank (see bank.py), tied to exactly one driver."""

    code = models.SlugField(unique=True)
    driver = models.ForeignKey(Driver, on_delete=models.PROTECT, related_name="survey_questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.AGREEMENT)
    text_sv = models.CharField(max_length=300)
    text_en = models.CharField(max_length=300)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.localized("text")

    @property
    def scale(self) -> tuple[int, int]:
        return SCALES[self.kind]


class Round(models.Model):
    """One pulse survey round for a team (with its sub-teams) or the whole organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # Null: the whole organisation.
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="survey_rounds"
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    # Closed early by a leader (or the day after closes_on passed; see is_closed).
    closed_early = models.BooleanField(default=False)
    questions = models.ManyToManyField(Question, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope_name} {self.opens_on}–{self.closes_on}"

    @property
    def scope_name(self) -> str:
        return self.team.name if self.team_id else self.organisation.name

    def is_open(self, today) -> bool:
        return not self.closed_early and self.opens_on <= today <= self.closes_on

    def is_closed(self, today) -> bool:
        return self.closed_early or today > self.closes_on


class Invitation(models.Model):
    """That a person is asked, and whether they have answered: never what, never when."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    # The person's team when the round opened: response rates per team come from here.
    team = models.ForeignKey(Team, null=True, on_delete=models.SET_NULL, related_name="+")
    # SHA-256 of the one-time link's secret; cleared once the person has answered.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    sent = models.BooleanField(default=False)
    responded = models.BooleanField(default=False)
    reminders = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="one_invitation_per_person")
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class Response(models.Model):
    """One anonymous set of answers. Deliberately no person, user, token, time or address."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    team = models.ForeignKey(Team, null=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["round", "team"], name="response_round_team")]

    def __str__(self) -> str:
        return "response"


class Answer(models.Model):
    """One value. Round and team are repeated here so results are one indexed scan."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, null=True, on_delete=models.SET_NULL, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["round", "team", "question", "value"], name="answer_round_cube")
        ]
        constraints = [
            models.CheckConstraint(condition=Q(value__lte=10), name="answer_value_0_to_10"),
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_a_question"),
        ]

    def __str__(self) -> str:
        return "answer"


class Tally(models.Model):
    """The counts of a closed round, per team (never per person), kept once computed.

    A closed round takes no more answers, so its counts never change: results read this one
    row instead of scanning every answer again. It is as anonymous as the answers it sums.
    """

    round = models.OneToOneField(Round, primary_key=True, on_delete=models.CASCADE)
    data = models.JSONField()

    def __str__(self) -> str:
        return f"tally of round {self.round_id}"
