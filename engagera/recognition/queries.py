"""Who sees which recognition, the team feed, the weekly limit and the manager's spread.

A public recognition is seen by the receiver's team, the giver and those who lead the
team; a private one by the receiver, the giver and the receiver's managers. A hidden
item leaves members' feeds; managers still see it, marked hidden.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from engagera.core.models import Membership, Role
from engagera.people.models import Person, Team
from engagera.people.queries import is_leader_of, led_team_ids, visible_people, with_sub_teams

from .models import GroupReward, Kind, Reaction, Recognition, Visibility

SPREAD_DAYS = 90


def own_person(membership: Membership) -> Person | None:
    return (
        Person.objects.filter(organisation=membership.organisation, user=membership.user)
        .select_related("team")
        .first()
    )


def feed_team_ids(membership: Membership) -> set[int]:
    """The teams whose public feed the user reads: their own and those they lead."""
    ids = set(led_team_ids(membership))
    person = own_person(membership)
    if person is not None and person.team_id:
        ids.add(person.team_id)
    return ids


def visible_recognitions(membership: Membership):
    user = membership.user
    base = Recognition.objects.filter(organisation=membership.organisation)
    own_team = own_person(membership)
    own_team_id = own_team.team_id if own_team else None
    led = led_team_ids(membership)
    mine = Q(giver=user) | Q(receiver__user=user)
    public_in_own_team = Q(visibility=Visibility.TEAM, team_id=own_team_id, hidden_at__isnull=True)
    condition = mine | public_in_own_team if own_team_id else mine
    if led:
        # Leaders see the public items of the teams they lead, hidden ones included, and
        # private ones only as the receiver's own manager: an administrator who leads
        # everyone on paper does not read private praise in teams they do not manage.
        managed = _managed_team_ids(membership)
        condition |= Q(visibility=Visibility.TEAM, team_id__in=led)
        condition |= Q(receiver__team_id__in=managed) | Q(team_id__in=managed)
    return base.filter(condition).select_related("receiver", "giver", "driver", "team")


def _managed_team_ids(membership: Membership) -> set[int]:
    if membership.role != Role.ADMIN:
        return led_team_ids(membership)
    direct = Team.objects.filter(
        organisation=membership.organisation, managers=membership.user
    ).values_list("id", flat=True)
    return with_sub_teams(membership.organisation, direct)


def get_recognition(membership: Membership, pk: int) -> Recognition:
    try:
        return visible_recognitions(membership).get(pk=pk)
    except Recognition.DoesNotExist:
        raise Http404("No such recognition") from None


def get_reward(membership: Membership, pk: int) -> GroupReward:
    try:
        return GroupReward.objects.select_related("recognition__receiver").get(
            pk=pk, recognition__in=visible_recognitions(membership)
        )
    except GroupReward.DoesNotExist:
        raise Http404("No such reward") from None


def may_moderate(membership: Membership, recognition: Recognition) -> bool:
    """Managers of the receiver (admins too) may hide items and start group rewards."""
    return recognition.organisation_id == membership.organisation_id and is_leader_of(
        membership, recognition.receiver
    )


def feed(
    membership: Membership,
    *,
    team_id: int | None = None,
    before: int | None = None,
    limit: int = 30,
) -> tuple[list, int | None]:
    """A page of the newest items for the user, with reactions and group rewards in few
    queries, and the id to pass as `before` for the next (older) page, or None.

    Members never see hidden items; managers see them marked as hidden. Paging goes by
    the last item shown rather than by page number, so new items do not shift it.
    """
    items = visible_recognitions(membership)
    if not led_team_ids(membership):
        items = items.filter(hidden_at__isnull=True)
    if team_id is not None:
        items = items.filter(team_id=team_id)
    if before is not None:
        anchor = items.filter(pk=before).values_list("created_at", flat=True).first()
        if anchor is not None:
            items = items.filter(Q(created_at__lt=anchor) | Q(created_at=anchor, pk__lt=before))
    items = items.order_by("-created_at", "-id").prefetch_related(
        Prefetch("reactions", queryset=Reaction.objects.only("recognition_id", "user_id", "kind")),
        Prefetch("group_reward"),
    )
    page = list(items[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return [decorate(membership, item) for item in page], (page[-1].pk if more else None)


def feed_teams(membership: Membership) -> list[Team]:
    """The teams a user may filter the feed by: their own and those they lead."""
    return list(
        Team.objects.filter(
            organisation=membership.organisation, pk__in=feed_team_ids(membership)
        ).order_by("name")
    )


def reaction_summary(membership: Membership, recognition: Recognition) -> list[dict]:
    from .models import ReactionKind

    counts = {kind: 0 for kind in ReactionKind.values}
    mine = set()
    for reaction in recognition.reactions.all():
        counts[reaction.kind] += 1
        if reaction.user_id == membership.user_id:
            mine.add(reaction.kind)
    return [
        {"kind": kind, "label": label, "count": counts[kind], "mine": kind in mine}
        for kind, label in ReactionKind.choices
    ]


def decorate(membership: Membership, item: Recognition) -> Recognition:
    item.reaction_list = reaction_summary(membership, item)
    item.can_moderate = may_moderate(membership, item)
    try:
        item.reward = item.group_reward
    except GroupReward.DoesNotExist:
        item.reward = None
    item.is_receiver = item.receiver.user_id == membership.user_id
    return item


def week_start(membership: Membership, now: datetime | None = None) -> datetime:
    """Monday 00:00 of the current week in the organisation's time zone."""
    now = now or timezone.now()
    local = timezone.localtime(now, membership.organisation.tzinfo)
    monday = (local - timedelta(days=local.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return monday


def given_this_week(membership: Membership, now: datetime | None = None) -> int:
    return Recognition.objects.filter(
        organisation=membership.organisation,
        giver=membership.user,
        kind=Kind.PEER,
        created_at__gte=week_start(membership, now),
    ).count()


def colleagues(membership: Membership):
    """Whom a person can recognise: anyone in the organisation with an account (so they can
    read it), who has not left, not oneself. People without an account stay in their
    manager's CRM only: their names are not shown organisation-wide."""
    people = Person.objects.filter(
        organisation=membership.organisation,
        left_on__isnull=True,
        user__isnull=False,
        user__is_active=True,
    ).select_related("team")
    return people.exclude(user=membership.user) if membership.user_id else people


def recognisable(membership: Membership, search: str = ""):
    """The colleagues offered in the form: one's own team and the teams one leads, plus
    those in other teams whose name matches a search (at least two letters). The whole
    organisation is never listed at once."""
    near = Q(team_id__in=feed_team_ids(membership))
    search = (search or "").strip()
    if len(search) >= 2:
        near |= Q(full_name__icontains=search)
    return colleagues(membership).filter(near).order_by("full_name")


def received_and_given(membership: Membership, limit: int = 10) -> dict:
    person = own_person(membership)
    base = Recognition.objects.filter(
        organisation=membership.organisation, hidden_at__isnull=True
    ).select_related("receiver", "giver", "driver")
    received = base.filter(receiver=person)[:limit] if person else []
    return {
        "received": list(received),
        "given": list(base.filter(giver=membership.user)[:limit]),
    }


@dataclass
class SpreadRow:
    person: Person
    recent: int  # received within the unseen window
    in_period: int  # received in the last SPREAD_DAYS days
    last: datetime | None

    @property
    def unseen(self) -> bool:
        return self.recent == 0


def spread(membership: Membership, now: datetime | None = None) -> list[SpreadRow]:
    """How recognition is spread over the people the manager leads; the unseen first."""
    now = now or timezone.now()
    window = now - timedelta(weeks=membership.organisation.unseen_after_weeks)
    period = now - timedelta(days=SPREAD_DAYS)
    counted = Q(recognitions__hidden_at__isnull=True)
    people = (
        visible_people(membership)
        .filter(left_on__isnull=True)
        .annotate(
            recent=Count("recognitions", filter=counted & Q(recognitions__created_at__gte=window)),
            in_period=Count(
                "recognitions", filter=counted & Q(recognitions__created_at__gte=period)
            ),
        )
    )
    from django.db.models import Max

    people = people.annotate(last=Max("recognitions__created_at", filter=counted))
    rows = [SpreadRow(p, p.recent, p.in_period, p.last) for p in people]
    rows.sort(key=lambda r: (r.recent > 0, r.in_period, r.person.full_name))
    return rows
