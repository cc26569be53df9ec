"""Writes for recognition: give, name a hero, react, hide, and run a group reward."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagera.audit.actions import record
from engagera.core.errors import ActionError
from engagera.core.events import publish
from engagera.core.models import Membership
from engagera.people.models import Person
from engagera.people.queries import is_leader_of
from engagera.practices.actions import log_practice_if_planned
from engagera.practices.models import Driver

from . import queries
from .models import (
    REWARD_FLOW,
    FoundIn,
    GroupReward,
    Kind,
    Reaction,
    ReactionKind,
    Recognition,
    RewardState,
    Visibility,
)

MESSAGE_MAX = 500


def _clean_message(message: str, field: str = "message") -> str:
    text = (message or "").strip()
    if not text:
        raise ActionError(_("Write a few words about what they did."), field=field)
    if len(text) > MESSAGE_MAX:
        raise ActionError(
            _("Keep it under %(max)d characters.") % {"max": MESSAGE_MAX}, field=field
        )
    return text


def payload(recognition: Recognition) -> dict:
    """What the outbound webhook receives: no private data, only a public post."""
    return {
        "id": recognition.pk,
        "kind": recognition.kind,
        "receiver": recognition.receiver.full_name,
        "team": recognition.team.name if recognition.team_id else None,
        "message": recognition.message,
        "driver": recognition.driver.code if recognition.driver_id else None,
        "found_in": recognition.found_in or None,
        "created_at": recognition.created_at.isoformat(),
    }


@transaction.atomic
def do_recognise(
    membership: Membership,
    receiver: Person,
    *,
    message: str,
    driver: Driver | None,
    visibility: str = Visibility.TEAM,
) -> Recognition:
    """A colleague recognises another (practice 45), within the weekly limit."""
    if not queries.colleagues(membership).filter(pk=receiver.pk).exists():
        raise ActionError(_("Choose a colleague in your organisation."), field="receiver")
    if receiver.user_id and receiver.user_id == membership.user_id:
        raise ActionError(_("Recognise someone else than yourself."), field="receiver")
    if driver is None:
        raise ActionError(_("Choose what it relates to."), field="driver")
    if visibility not in Visibility.values:
        raise ActionError(_("Choose who sees it."), field="visibility")
    text = _clean_message(message)
    # Lock the giver's row so two quick posts cannot both slip under the limit.
    type(membership.user).objects.select_for_update().filter(pk=membership.user_id).first()
    limit = membership.organisation.recognition_weekly_limit
    if queries.given_this_week(membership) >= limit:
        raise ActionError(
            _(
                "You have given %(limit)d recognitions this week, the most your organisation "
                "allows. A limit keeps each one meaningful: you can give more from Monday."
            )
            % {"limit": limit}
        )
    recognition = Recognition.objects.create(
        organisation=membership.organisation,
        team_id=receiver.team_id,
        kind=Kind.PEER,
        giver=membership.user,
        receiver=receiver,
        message=text,
        driver=driver,
        visibility=visibility,
        created_at=timezone.now(),
    )
    record(
        "recognition.given",
        organisation=membership.organisation,
        actor=membership.user,
        target=recognition,
    )
    if recognition.is_public:
        publish(membership.organisation, "recognition.public", payload(recognition))
    return recognition


@transaction.atomic
def do_name_hero(
    membership: Membership,
    person: Person,
    *,
    found_in: str,
    message: str,
    driver: Driver | None = None,
) -> Recognition:
    """A manager names the hero of the day: who found a flaw, and what (practice 50)."""
    if person.organisation_id != membership.organisation_id or not is_leader_of(membership, person):
        raise ActionError(_("Choose someone in a team you lead."), field="person")
    if found_in not in FoundIn.values:
        raise ActionError(_("Choose where the flaw was found."), field="found_in")
    text = _clean_message(message)
    hero = Recognition.objects.create(
        organisation=membership.organisation,
        team_id=person.team_id,
        kind=Kind.HERO,
        giver=membership.user,
        receiver=person,
        message=text,
        driver=driver,
        found_in=found_in,
        visibility=Visibility.TEAM,
        created_at=timezone.now(),
    )
    record(
        "recognition.hero_named",
        organisation=membership.organisation,
        actor=membership.user,
        target=hero,
    )
    publish(membership.organisation, "recognition.hero", payload(hero))
    log_practice_if_planned(membership, 50, day=membership.organisation.today(), person=person)
    return hero


@transaction.atomic
def do_toggle_reaction(membership: Membership, recognition: Recognition, kind: str) -> bool:
    """Add the reaction, or take it back if already there. Returns whether it is on now."""
    if kind not in ReactionKind.values:
        raise ActionError(_("Unknown reaction."))
    if recognition.is_hidden:
        raise ActionError(_("This item is hidden."))
    removed, _counts = Reaction.objects.filter(
        recognition=recognition, user=membership.user, kind=kind
    ).delete()
    if removed:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(recognition=recognition, user=membership.user, kind=kind)
    except IntegrityError:  # a double click raced us: it is on either way
        pass
    return True


@transaction.atomic
def do_hide_recognition(membership: Membership, recognition: Recognition, *, reason: str):
    """Hide an inappropriate item: it stays, marked hidden with who and why."""
    if not queries.may_moderate(membership, recognition):
        raise ActionError(_("Only the person's manager can hide this."))
    reason = (reason or "").strip()
    if not reason:
        raise ActionError(_("Say why you hide it."), field="reason")
    if recognition.is_hidden:
        raise ActionError(_("This item is already hidden."))
    recognition.hidden_at = timezone.now()
    recognition.hidden_by = membership.user
    recognition.hidden_reason = reason[:300]
    recognition.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    record(
        "recognition.hidden",
        organisation=membership.organisation,
        actor=membership.user,
        target=recognition,
        details={"reason": recognition.hidden_reason},
    )
    return recognition


@transaction.atomic
def do_start_group_reward(
    membership: Membership, recognition: Recognition, *, options: str = ""
) -> GroupReward:
    """Turn a recognition into a group reward: the recognised person chooses (practice 44)."""
    if not queries.may_moderate(membership, recognition):
        raise ActionError(_("Only the person's manager can start a group reward."))
    if recognition.is_hidden or not recognition.is_public:
        raise ActionError(_("A group reward starts from a public recognition."))
    if GroupReward.objects.filter(recognition=recognition).exists():
        raise ActionError(_("This recognition already has a group reward."))
    lines = [line.strip()[:200] for line in (options or "").splitlines() if line.strip()]
    reward = GroupReward.objects.create(
        recognition=recognition, started_by=membership.user, options="\n".join(lines[:10])
    )
    record(
        "recognition.reward_started",
        organisation=membership.organisation,
        actor=membership.user,
        target=reward,
    )
    log_practice_if_planned(
        membership, 44, day=membership.organisation.today(), person=recognition.receiver
    )
    return reward


@transaction.atomic
def do_choose_reward(membership: Membership, reward: GroupReward, *, choice: str) -> GroupReward:
    """The recognised person chooses, from the suggestions or in their own words."""
    if reward.recognition.receiver.user_id != membership.user_id:
        raise ActionError(_("Only the recognised person chooses the reward."))
    if reward.state not in (RewardState.OFFERED, RewardState.CHOSEN):
        raise ActionError(_("The reward is already planned."))
    text = (choice or "").strip()
    if not text:
        raise ActionError(_("Choose something for the team."), field="choice")
    reward.choice = text[:200]
    reward.state = RewardState.CHOSEN
    reward.save(update_fields=["choice", "state", "updated_at"])
    record(
        "recognition.reward_chosen",
        organisation=membership.organisation,
        actor=membership.user,
        target=reward,
    )
    return reward


@transaction.atomic
def do_advance_reward(
    membership: Membership, reward: GroupReward, *, state: str, planned_on=None
) -> GroupReward:
    """The manager moves a chosen reward on: planned (with a date), then done."""
    if not queries.may_moderate(membership, reward.recognition):
        raise ActionError(_("Only the person's manager can plan the reward."))
    if state not in (RewardState.PLANNED, RewardState.DONE):
        raise ActionError(_("Choose planned or done."), field="state")
    if REWARD_FLOW.index(state) != REWARD_FLOW.index(reward.state) + 1:
        raise ActionError(_("A reward goes from chosen to planned to done."), field="state")
    reward.state = state
    if state == RewardState.PLANNED:
        reward.planned_on = planned_on
    reward.save(update_fields=["state", "planned_on", "updated_at"])
    record(
        f"recognition.reward_{state}",
        organisation=membership.organisation,
        actor=membership.user,
        target=reward,
    )
    return reward
