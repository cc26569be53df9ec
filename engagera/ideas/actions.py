"""Writes for the idea board: post, build on, mark, and record a thinking-aloud session."""

from django.db import transaction
from django.utils.translation import gettext as _

from engagera.audit.actions import record
from engagera.core.errors import ActionError
from engagera.core.models import Membership
from engagera.people.models import Team
from engagera.people.queries import led_team_ids
from engagera.practices.actions import log_practice_if_planned

from . import queries
from .models import TEXT_MAX, BuildOn, Idea, IdeaStatus, ThinkingSession


def _text(value: str, field: str, *, required: bool = True, limit: int = TEXT_MAX) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ActionError(_("Write a few words."), field=field)
    if len(text) > limit:
        raise ActionError(_("Keep it under %(max)d characters.") % {"max": limit}, field=field)
    return text


@transaction.atomic
def do_post_idea(membership: Membership, team: Team, *, title: str, text: str = "") -> Idea:
    if team.organisation_id != membership.organisation_id or team.pk not in (
        queries.board_team_ids(membership)
    ):
        raise ActionError(_("You can post only to your own team's board."))
    idea = Idea.objects.create(
        organisation=membership.organisation,
        team=team,
        author=membership.user,
        title=_text(title, "title", limit=200),
        text=_text(text, "text", required=False),
    )
    record("idea.posted", organisation=membership.organisation, actor=membership.user, target=idea)
    return idea


@transaction.atomic
def do_build_on(membership: Membership, idea: Idea, *, text: str) -> BuildOn:
    if idea.team_id not in queries.board_team_ids(membership):
        raise ActionError(_("You can build on ideas of your own team only."))
    reply = BuildOn.objects.create(idea=idea, author=membership.user, text=_text(text, "text"))
    record(
        "idea.built_on", organisation=membership.organisation, actor=membership.user, target=idea
    )
    return reply


@transaction.atomic
def do_mark_idea(membership: Membership, idea: Idea, *, status: str, note: str = "") -> Idea:
    if not queries.may_mark(membership, idea):
        raise ActionError(_("Only the team's manager can mark an idea."))
    if status not in IdeaStatus.values:
        raise ActionError(_("Choose explored, adopted or parked."), field="status")
    idea.status = status
    idea.status_note = _text(note, "note", required=False, limit=300)
    idea.status_by = membership.user
    idea.save(update_fields=["status", "status_note", "status_by"])
    record(
        "idea.marked",
        organisation=membership.organisation,
        actor=membership.user,
        target=idea,
        details={"status": status},
    )
    return idea


@transaction.atomic
def do_record_thinking_session(
    membership: Membership, team: Team, *, held_on, note: str = "", ideas=()
) -> ThinkingSession:
    """A thinking-aloud session with the team: a performance of practice 48."""
    if team.organisation_id != membership.organisation_id or team.pk not in led_team_ids(
        membership
    ):
        raise ActionError(_("Choose a team you lead."), field="team")
    if held_on > membership.organisation.today():
        raise ActionError(_("The date cannot be in the future."), field="held_on")
    session = ThinkingSession.objects.create(
        organisation=membership.organisation,
        team=team,
        led_by=membership.user,
        held_on=held_on,
        note=_text(note, "note", required=False, limit=500),
    )
    session.ideas.set([idea for idea in ideas if idea.team_id == team.pk])
    record(
        "idea.session_recorded",
        organisation=membership.organisation,
        actor=membership.user,
        target=session,
    )
    log_practice_if_planned(membership, 48, day=held_on, note=session.note)
    return session
