"""Every write of the pulse surveys: open and close rounds, invite, answer, remind.

Answering writes no audit entry on purpose: an entry would tie a person (or their link)
to a moment, and that is exactly what the Response must never be linked to.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from engagera.audit.actions import record
from engagera.core.errors import ActionError
from engagera.core.mail import send_templated_email
from engagera.core.models import Membership, Role
from engagera.people.models import Person, Team
from engagera.people.queries import led_team_ids, with_sub_teams

from .models import Answer, Invitation, Kind, Question, Response, Round

MAX_DAYS_OPEN = 60
COMMENT_MAX = 1000


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def may_manage(membership: Membership, round_: Round) -> bool:
    if round_.organisation_id != membership.organisation_id:
        return False
    if membership.role == Role.ADMIN:
        return True
    return (
        membership.role == Role.MANAGER
        and round_.team_id is not None
        and round_.team_id in led_team_ids(membership)
    )


def _require_manage(membership: Membership, round_: Round) -> None:
    if not may_manage(membership, round_):
        raise ActionError(_("Only the team's manager or an administrator can do this."))


def people_in_scope(organisation, team: Team | None):
    people = Person.objects.filter(organisation=organisation, left_on__isnull=True)
    if team is not None:
        people = people.filter(team_id__in=with_sub_teams(organisation, [team.pk]))
    return people.select_related("user")


PULSE_AGREEMENT_QUESTIONS = 7  # plus the recommendation question: a short pulse of 8


def pulse_questions(organisation, team: Team | None) -> list[Question]:
    """The default short pulse: one agreement question from each of 7 drivers, plus the
    recommendation question.

    Each round for the same group moves on through the drivers (and through each driver's
    questions), so with 9 drivers every driver is asked at least every second round.
    """
    earlier = Round.objects.filter(organisation=organisation, team=team).count()
    agreement = list(
        Question.objects.filter(active=True, kind=Kind.AGREEMENT)
        .select_related("driver")
        .order_by("driver__position", "driver_id", "position", "id")
    )
    by_driver: dict[int, list[Question]] = {}
    for question in agreement:
        by_driver.setdefault(question.driver_id, []).append(question)
    drivers = list(by_driver)
    count = min(PULSE_AGREEMENT_QUESTIONS, len(drivers))
    first = (earlier * count) % len(drivers) if drivers else 0
    chosen = []
    for step in range(count):
        index = first + step
        questions = by_driver[drivers[index % len(drivers)]]
        # The driver's turn number picks which of its questions is asked this time.
        chosen.append(questions[(index // len(drivers)) % len(questions)])
    return chosen + list(Question.objects.filter(active=True, kind=Kind.RECOMMEND)[:1])


@transaction.atomic
def do_open_round(
    membership: Membership,
    *,
    team: Team | None,
    opens_on: date,
    closes_on: date,
    questions: list[Question] | None = None,
) -> Round:
    """Open a round for a team (with its sub-teams) or, for an administrator, everyone.

    Without `questions`, the round asks the default short pulse; with them, a custom set
    chosen from the bank.
    """
    organisation = membership.organisation
    if team is None:
        if membership.role != Role.ADMIN:
            raise ActionError(
                _("Only administrators can open a round for the whole organisation."), field="team"
            )
    elif team.organisation_id != organisation.pk or team.pk not in led_team_ids(membership):
        raise ActionError(_("You can open rounds only for teams you lead."), field="team")
    today = organisation.today()
    if opens_on < today:
        raise ActionError(_("A round cannot open in the past."), field="opens_on")
    if closes_on < opens_on:
        raise ActionError(
            _("The round must close on or after the day it opens."), field="closes_on"
        )
    if closes_on > opens_on + timedelta(days=MAX_DAYS_OPEN):
        raise ActionError(
            _("A round can be open for at most %(days)d days.") % {"days": MAX_DAYS_OPEN},
            field="closes_on",
        )
    if questions is None:
        chosen = pulse_questions(organisation, team)
    else:
        chosen = [q for q in questions if q.active]
        if not chosen:
            raise ActionError(_("Choose at least one question."), field="questions")
    people = list(people_in_scope(organisation, team))
    reachable = [p for p in people if p.email or p.user_id]
    if len(reachable) < organisation.survey_min_responses:
        raise ActionError(
            _(
                "Too few people to ask: results need at least %(k)d responses, so ask a "
                "larger group."
            )
            % {"k": organisation.survey_min_responses},
            field="team",
        )
    round_ = Round.objects.create(
        organisation=organisation,
        team=team,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=membership.user,
    )
    round_.questions.set(chosen)
    Invitation.objects.bulk_create(
        Invitation(round=round_, person=person, team_id=person.team_id) for person in reachable
    )
    record("survey.opened", organisation=organisation, actor=membership.user, target=round_)
    if opens_on == today:
        send_round_invitations(round_)
    return round_


def _language(person: Person, organisation) -> str:
    language = getattr(person, "language", "") or (person.user.language if person.user else "")
    return language or organisation.language or settings.LANGUAGE_CODE


def answer_path(round_: Round, secret: str) -> str:
    return reverse("survey_answer_link", args=[round_.pk, secret])


def _email(invitation: Invitation, template: str) -> bool:
    """Give the invitation a fresh one-time secret and email its link. False: no address."""
    person = invitation.person
    address = person.email or (person.user.email if person.user else "")
    if not address:
        return False
    round_ = invitation.round
    secret = secrets.token_urlsafe(32)
    invitation.token_hash = _hash(secret)
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    send_templated_email(
        [address],
        template,
        {
            "round": round_,
            "organisation": round_.organisation,
            "link": f"{base}{answer_path(round_, secret)}",
            "closes_on": round_.closes_on,
        },
        _language(person, round_.organisation),
    )
    return True


@transaction.atomic
def send_round_invitations(round_: Round) -> int:
    """Email everyone not yet invited (on the opening day; the worker may call it daily)."""
    if not round_.is_open(round_.organisation.today()):
        return 0
    sent = 0
    pending = round_.invitations.filter(sent=False, responded=False).select_related(
        "person__user", "round__organisation"
    )
    for invitation in pending.select_for_update(of=("self",)):
        if _email(invitation, "surveys/email/invitation"):
            invitation.sent = True
            invitation.save(update_fields=["token_hash", "sent"])
            sent += 1
    return sent


def send_due_invitations(today: date | None = None) -> int:
    """Invite everyone of every round open today not yet invited (for the worker, daily)."""
    sent = 0
    rounds = Round.objects.filter(
        closed_early=False, invitations__sent=False, invitations__responded=False
    ).select_related("organisation")
    for round_ in rounds.distinct():
        if round_.is_open(today or round_.organisation.today()):
            sent += send_round_invitations(round_)
    return sent


@transaction.atomic
def send_round_reminders(round_: Round) -> int:
    """Remind only those who have not answered. The count is all anyone learns."""
    if not round_.is_open(round_.organisation.today()):
        return 0
    reminded = 0
    pending = round_.invitations.filter(responded=False).select_related(
        "person__user", "round__organisation"
    )
    for invitation in pending.select_for_update(of=("self",)):
        # A new secret replaces the old one: only a hash is kept, so the old link is unknown.
        if _email(invitation, "surveys/email/reminder"):
            invitation.sent = True
            invitation.reminders += 1
            invitation.save(update_fields=["token_hash", "sent", "reminders"])
            reminded += 1
    return reminded


@transaction.atomic
def do_remind(membership: Membership, round_: Round) -> int:
    _require_manage(membership, round_)
    if not round_.is_open(round_.organisation.today()):
        raise ActionError(_("Reminders can be sent only while the round is open."))
    count = send_round_reminders(round_)
    record(
        "survey.reminded",
        organisation=round_.organisation,
        actor=membership.user,
        target=round_,
        details={"count": count},
    )
    return count


@transaction.atomic
def do_close_round(membership: Membership, round_: Round) -> Round:
    _require_manage(membership, round_)
    today = round_.organisation.today()
    if round_.is_closed(today):
        raise ActionError(_("This round is already closed."))
    if round_.opens_on > today:
        raise ActionError(_("This round has not opened yet."))
    round_.closed_early = True
    round_.closes_on = today
    round_.save(update_fields=["closed_early", "closes_on"])
    Invitation.objects.filter(round=round_).update(token_hash="")  # no link works any more
    record("survey.closed", organisation=round_.organisation, actor=membership.user, target=round_)
    return round_


def invitation_for_secret(round_id: int, secret: str) -> Invitation | None:
    """The invitation a one-time link belongs to, or None (unknown, used or another round's)."""
    if not secret or len(secret) > 100:
        return None
    return (
        Invitation.objects.filter(round_id=round_id, token_hash=_hash(secret), responded=False)
        .select_related("round__organisation")
        .first()
    )


def invitation_for_member(membership: Membership, round_id: int) -> Invitation | None:
    return (
        Invitation.objects.filter(
            round_id=round_id,
            round__organisation=membership.organisation,
            person__user=membership.user,
            responded=False,
        )
        .select_related("round__organisation")
        .first()
    )


def _clean_values(round_: Round, values: dict) -> list[tuple[Question, int]]:
    cleaned = []
    for question in round_.questions.all():
        raw = values.get(question.code)
        if raw in (None, ""):
            raise ActionError(_("Answer every question."), field=question.code)
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise ActionError(_("Choose one of the values shown."), field=question.code) from None
        low, high = question.scale
        if not low <= value <= high:
            raise ActionError(
                _("Choose a value from %(low)d to %(high)d.") % {"low": low, "high": high},
                field=question.code,
            )
        cleaned.append((question, value))
    return cleaned


@transaction.atomic
def do_submit_response(invitation: Invitation, values: dict, comment: str = "") -> None:
    """Store the answers with no link to the person, then mark the invitation answered."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("round__organisation")
        .get(pk=invitation.pk)
    )
    round_ = invitation.round
    if invitation.responded:
        raise ActionError(_("You have already answered this round."))
    if not round_.is_open(round_.organisation.today()):
        raise ActionError(_("This round is closed."))
    answers = _clean_values(round_, values)
    response = Response.objects.create(
        round=round_, team_id=invitation.team_id, comment=comment.strip()[:COMMENT_MAX]
    )
    Answer.objects.bulk_create(
        Answer(
            response=response,
            round=round_,
            team_id=invitation.team_id,
            question=question,
            value=value,
        )
        for question, value in answers
    )
    invitation.responded = True
    invitation.token_hash = ""  # the link is spent
    invitation.save(update_fields=["responded", "token_hash"])


def recommendation_question(round_: Round) -> Question | None:
    return round_.questions.filter(kind=Kind.RECOMMEND).first()
