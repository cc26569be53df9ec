"""Scoped reads of the surveys: open rounds for a member, suggestions, done and measured.

Figures from responses come only from results.py, which applies the anonymity rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from engagera.core.models import Membership, Role
from engagera.people.models import Team
from engagera.people.queries import get_team
from engagera.practices.models import ACTIVE_STATES, Driver, Performance, Practice
from engagera.practices.queries import plan_items, visible_practices

from . import results as results_module
from .models import Invitation, Round
from .results import ResultsNotReady, round_results, visible_rounds  # noqa: F401

WEAKEST = 2
PER_DRIVER = 3


def open_invitations(membership: Membership) -> list[Invitation]:
    """Open rounds the signed-in person has been asked to answer and has not yet."""
    today = membership.organisation.today()
    return list(
        Invitation.objects.filter(
            round__organisation=membership.organisation,
            person__user=membership.user,
            responded=False,
            round__closed_early=False,
            round__opens_on__lte=today,
            round__closes_on__gte=today,
        )
        .select_related("round__team", "round__organisation")
        .order_by("round__closes_on")
    )


def rounds_for_leader(membership: Membership) -> list[dict]:
    today = membership.organisation.today()
    from .actions import may_manage

    rows = []
    rounds = visible_rounds(membership).annotate(
        invited=Count("invitations"),
        answered=Count("invitations", filter=Q(invitations__responded=True)),
    )
    for round_ in rounds:
        rows.append(
            {
                "round": round_,
                "open": round_.is_open(today),
                "closed": round_.is_closed(today),
                "invited": round_.invited,
                # Only the total: no per-team progress to watch people by.
                "responded": round_.answered,
                "manage": may_manage(membership, round_),
            }
        )
    return rows


@dataclass
class Suggestion:
    driver: Driver
    score: float
    practices: list[Practice]


def suggestions(membership: Membership, group) -> list[Suggestion]:
    """Catalogue practices serving the group's weakest drivers, not already in the plan."""
    if membership.role not in (Role.MANAGER, Role.ADMIN) or not group.shown:
        return []
    scored = sorted(
        (d for d in group.drivers if d.score.mean is not None), key=lambda d: d.score.mean
    )[:WEAKEST]
    if not scored:
        return []
    drivers = {d.code: d for d in Driver.objects.filter(code__in=[d.code for d in scored])}
    planned = set(
        plan_items(membership, states=ACTIVE_STATES).values_list("practice_id", flat=True)
    )
    result = []
    for driver_result in scored:
        practices = [
            p
            for p in visible_practices(membership.organisation, driver=driver_result.code)
            if p.pk not in planned
        ][:PER_DRIVER]
        result.append(Suggestion(drivers[driver_result.code], driver_result.score.mean, practices))
    return result


@dataclass
class MeasuredRow:
    round: Round
    since: date | None
    responses: int | None
    # driver code -> (performances of practices serving it, survey score or None)
    drivers: dict[str, tuple[int | None, float | None]]


def done_and_measured(membership: Membership, team_pk: int) -> tuple[Team, list, list, bool]:
    """Per closed round covering the team: the team managers' performances per driver in the
    period up to the round's close, beside the survey score per driver (both with counts).
    """
    team = get_team(membership, team_pk)
    organisation = membership.organisation
    manager_ids = list(team.managers.values_list("id", flat=True))
    shows_performances = membership.user_id in manager_ids or (
        membership.role == Role.ADMIN and organisation.admins_see_individuals
    )
    today = organisation.today()
    memo: dict = {}
    rows = []
    since = None
    codes = list(Driver.objects.values_list("code", flat=True))
    rounds = [
        r for r in visible_rounds(membership).order_by("closes_on", "id") if r.is_closed(today)
    ]
    for round_ in rounds:
        try:
            results = round_results(
                membership, round_, today=today, with_changes=False, focus=team.pk, _memo=memo
            )
        except (results_module.Http404, ResultsNotReady):
            continue
        group = results.groups.get(team.pk)
        if group is None:
            continue
        counts: dict[str, int] = {}
        if shows_performances:
            performed = Performance.objects.filter(
                plan_item__organisation=organisation,
                plan_item__manager_id__in=manager_ids,
                performed_on__lte=round_.closes_on,
            )
            if since:
                performed = performed.filter(performed_on__gt=since)
            counts = dict(
                performed.values_list("plan_item__practice__drivers__code")
                .annotate(n=Count("id"))
                .order_by()
            )
        scores = {d.code: d.score.mean for d in group.drivers} if group.shown else {}
        rows.append(
            MeasuredRow(
                round=round_,
                since=since,
                responses=group.responses if group.shown else None,
                drivers={
                    code: (counts.get(code, 0) if shows_performances else None, scores.get(code))
                    for code in codes
                },
            )
        )
        since = round_.closes_on
    return team, list(Driver.objects.all()), rows, shows_performances


def rounds_closing(membership: Membership, first: date, last: date) -> list[Round]:
    """Open rounds closing between first and last: those a leader may see, or, for anyone,
    those they are asked to answer and have not (for the weekly digest and calendar)."""
    today = membership.organisation.today()
    if membership.role in (Role.MANAGER, Role.ADMIN):
        rounds = list(
            visible_rounds(membership).filter(
                closed_early=False, closes_on__range=(first, last), opens_on__lte=today
            )
        )
    else:
        rounds = []
    seen = {r.pk for r in rounds}
    for invitation in open_invitations(membership):
        if first <= invitation.round.closes_on <= last and invitation.round.pk not in seen:
            rounds.append(invitation.round)
    return sorted(rounds, key=lambda r: (r.closes_on, r.pk))
