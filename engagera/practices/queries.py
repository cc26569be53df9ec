"""Reads for the practice loop, always scoped to the signed-in membership."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from engagera.core.models import Membership, Organisation, User
from engagera.lib import habits

from .models import (
    ACTIVE_STATES,
    Driver,
    HiddenPractice,
    Performance,
    PlanItem,
    PlanState,
    Practice,
    Skip,
)


def visible_practices(
    organisation: Organisation, *, driver: str = "", text: str = "", include_hidden: bool = False
) -> QuerySet[Practice]:
    """The shared catalogue (less what the organisation hides) plus its own practices."""
    practices = Practice.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))
    if not include_hidden:
        hidden = HiddenPractice.objects.filter(organisation=organisation).values("practice_id")
        practices = practices.exclude(id__in=hidden)
    if driver:
        practices = practices.filter(drivers__code=driver)
    if text:
        words = Q()
        for column in ("title_sv", "title_en", "description_sv", "description_en"):
            words |= Q(**{f"{column}__icontains": text})
        if text.isdigit():
            words |= Q(number=int(text))
        practices = practices.filter(words)
    return practices.distinct().prefetch_related("drivers").order_by("number", "id")


def hidden_practice_ids(organisation: Organisation) -> set[int]:
    return set(
        HiddenPractice.objects.filter(organisation=organisation).values_list(
            "practice_id", flat=True
        )
    )


def drivers() -> QuerySet[Driver]:
    return Driver.objects.all()


def find_practice(organisation: Organisation, key: str) -> Practice | None:
    """A practice by number or slug; the organisation's own one wins over the catalogue's."""
    practices = visible_practices(organisation, include_hidden=True)
    key = str(key).strip()
    match = practices.filter(number=int(key)) if key.isdigit() else practices.filter(slug=key)
    return _prefer_own(match)


def _prefer_own(practices) -> Practice | None:
    # An organisation's own practice wins over a catalogue one with the same slug or number.
    found = list(practices)
    found.sort(key=lambda practice: practice.organisation_id is not None)
    return found[-1] if found else None


def closest_practices(organisation: Organisation, key: str, limit: int = 3) -> list[Practice]:
    import difflib

    practices = list(visible_practices(organisation, include_hidden=True))
    by_slug = {p.slug: p for p in practices}
    names = difflib.get_close_matches(key.lower(), by_slug.keys(), n=limit, cutoff=0.4)
    if not names:
        names = [slug for slug in by_slug if key.lower() in slug][:limit]
    return [by_slug[name] for name in names]


def get_practice(membership: Membership, slug: str) -> Practice:
    practice = visible_practices(membership.organisation, include_hidden=True).filter(slug=slug)
    found = _prefer_own(practice)
    if found is None:
        raise Http404("No such practice")
    return found


def plan_items(membership: Membership, *, states=None) -> QuerySet[PlanItem]:
    items = PlanItem.objects.filter(
        organisation=membership.organisation, manager=membership.user
    ).select_related("practice")
    if states is not None:
        items = items.filter(state__in=states)
    return items


def get_plan_item(membership: Membership, pk: int) -> PlanItem:
    try:
        return plan_items(membership).get(pk=pk)
    except PlanItem.DoesNotExist:
        raise Http404("No such plan item") from None


def get_performance(membership: Membership, pk: int) -> Performance:
    try:
        return Performance.objects.select_related("plan_item__practice").get(
            pk=pk,
            plan_item__manager=membership.user,
            plan_item__organisation=membership.organisation,
        )
    except Performance.DoesNotExist:
        raise Http404("No such performance") from None


def performance_history(membership: Membership) -> QuerySet[Performance]:
    return Performance.objects.filter(
        plan_item__manager=membership.user, plan_item__organisation=membership.organisation
    ).select_related("plan_item__practice")


def skipped_days(membership: Membership, since: date) -> QuerySet[Skip]:
    return Skip.objects.filter(
        plan_item__manager=membership.user,
        plan_item__organisation=membership.organisation,
        day__gte=since,
    ).select_related("plan_item__practice")


@dataclass
class ItemStatus:
    """One plan item's standing on a day: what the dashboard, CLI and API show."""

    item: PlanItem
    on: date
    strength: float
    streak: int
    done_this_period: int
    period_start: date
    period_end: date
    last_performed: date | None
    meets_established: bool
    slipping: bool
    rated_this_month: bool = False
    performances: list[date] = field(default_factory=list, repr=False)

    @property
    def target(self) -> habits.Target:
        return self.item.target

    @property
    def remaining(self) -> int:
        return max(0, self.item.times - self.done_this_period)

    @property
    def strength_percent(self) -> int:
        return round(self.strength * 100)

    @property
    def days_since_start(self) -> int:
        return (self.on - self.item.start_date).days

    @property
    def state(self) -> str:
        return self.item.state

    def as_dict(self) -> dict:
        return {
            "id": self.item.pk,
            "practice": self.item.practice.number,
            "slug": self.item.practice.slug,
            "title": self.item.practice.title,
            "target": str(self.target),
            "strength": round(self.strength, 4),
            "streak": self.streak,
            "performances_this_period": self.done_this_period,
            "period": [self.period_start.isoformat(), self.period_end.isoformat()],
            "last_performed": self.last_performed.isoformat() if self.last_performed else None,
            "state": self.item.state,
            "slipping": self.slipping,
            "start_date": self.item.start_date.isoformat(),
        }


# The checkpoint lies further back than any log can be back-dated, so ordinary use
# never changes what it summarises; it is renewed when it grows older than this.
CHECKPOINT_LAG_DAYS = 61
CHECKPOINT_RENEW_AFTER_DAYS = CHECKPOINT_LAG_DAYS + 60


def _usable_checkpoint(item: PlanItem, on: date) -> bool:
    return (
        item.checkpoint_on is not None
        and item.start_date <= item.checkpoint_on < on
        and (on - item.checkpoint_on).days <= CHECKPOINT_RENEW_AFTER_DAYS
    )


MAX_DATE_GROUPS = 40


def _merged_groups(by_first: dict[date, list[int]]) -> dict[date, list[int]]:
    """At most MAX_DATE_GROUPS groups of neighbouring first days, keyed by their earliest."""
    days = sorted(by_first)
    size = -(-len(days) // MAX_DATE_GROUPS)
    merged: dict[date, list[int]] = {}
    for start in range(0, len(days), size):
        chunk = days[start : start + size]
        merged[chunk[0]] = [pk for day in chunk for pk in by_first[day]]
    return merged


def _history(items: list[PlanItem], on: date, read_from: dict[int, date]):
    """Performances and paused days per item, in one query, from each item's first needed day.

    Plain SQL on purpose: this runs on every dashboard and log request, and building
    the same UNION through the ORM costs several times more than running it. Every
    value is a bound parameter.
    """
    by_first: dict[date, list[int]] = defaultdict(list)
    for item in items:
        by_first[read_from[item.pk]].append(item.pk)
    performed: dict[int, list[date]] = defaultdict(list)
    skipped: dict[int, list[date]] = defaultdict(list)
    if not items:
        return performed, skipped
    if len(by_first) > MAX_DATE_GROUPS:
        # An organisation-wide page has thousands of items with different first days: one
        # OR branch each would be too deep for SQLite. Merge neighbouring days into a few
        # groups reading from the group's earliest day, and drop the extra rows below.
        by_first = _merged_groups(by_first)
    groups, params = [], []
    for first, ids in by_first.items():
        groups.append(f"(plan_item_id IN ({', '.join(['%s'] * len(ids))}) AND {{day}} >= %s)")
        params += [*ids, first]
    where = " OR ".join(groups)
    # Table names come from the models and every value is a parameter.
    performance_table, skip_table = Performance._meta.db_table, Skip._meta.db_table
    sql = (
        f"SELECT plan_item_id, performed_on, 0 FROM {performance_table} "  # noqa: S608  # nosec B608: table names from the models, values bound
        f"WHERE ({where.format(day='performed_on')}) AND performed_on <= %s "
        f"UNION ALL SELECT plan_item_id, day, 1 FROM {skip_table} "
        f"WHERE ({where.format(day='day')}) AND day <= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, on, *params, on])
        rows = cursor.fetchall()
    for item_id, day, kind in rows:
        if isinstance(day, str):  # SQLite may hand back a compound select's dates as text
            day = date.fromisoformat(day)
        if day >= read_from[item_id]:
            (skipped if kind else performed)[item_id].append(day)
    for days in performed.values():
        days.sort()
    return performed, skipped


def statuses_for_items(
    organisation: Organisation, items: list[PlanItem], on: date, *, streaks: bool = True
) -> list[ItemStatus]:
    """Strength, streak and counts for many plan items in a constant number of queries.

    Items with a usable checkpoint read only the history after it (plus one target
    window); the others read their whole history once and, when `on` is today, save
    a new checkpoint so the next page is cheap again.
    """
    renew = on == organisation.today()
    resumed = {item.pk for item in items if _usable_checkpoint(item, on)}
    read_from = {
        item.pk: habits.data_needed_from(item.target, item.start_date, item.checkpoint_on)
        if item.pk in resumed
        else item.start_date
        for item in items
    }
    performed, skipped = _history(items, on, read_from)
    month = on.replace(day=1)
    renewed = []
    if renew:
        renewed = _renew_checkpoints(
            [
                i
                for i in items
                if i.pk not in resumed and (on - i.start_date).days > CHECKPOINT_LAG_DAYS
            ],
            on,
            performed,
            skipped,
        )
        resumed |= {item.pk for item in renewed}
    inputs = []
    for item in items:
        if item.pk in resumed:
            inputs.append(
                habits.HabitInput(
                    item.target,
                    item.start_date,
                    performed[item.pk],
                    skipped[item.pk],
                    item.checkpoint_on,
                    item.checkpoint_strength,
                )
            )
        else:
            inputs.append(
                habits.HabitInput(
                    item.target, item.start_date, performed[item.pk], skipped[item.pk]
                )
            )
    strengths = habits.strengths_batch(inputs, on)
    statuses = []
    for item, strength in zip(items, strengths, strict=True):
        days = performed[item.pk]
        first, last = habits.period_bounds(item.target, item.start_date, on)
        if not streaks:  # organisation-wide pages show strength, not streaks
            streak = 0
            last_performed = days[-1] if days else item.checkpoint_last_performed
        elif item.pk in resumed:
            since = habits.period_bounds(
                item.target, item.start_date, item.checkpoint_on + timedelta(days=1)
            )[0]
            count, unbroken = habits.streak_since(
                item.target, item.start_date, on, days, skipped[item.pk], since
            )
            streak = count + (item.checkpoint_streak if unbroken else 0)
            last_performed = days[-1] if days else item.checkpoint_last_performed
        else:
            streak = habits.streak(item.target, item.start_date, on, days, skipped[item.pk])
            last_performed = days[-1] if days else None
        old_enough = (on - item.start_date).days >= organisation.established_min_days
        statuses.append(
            ItemStatus(
                item=item,
                on=on,
                strength=strength,
                streak=streak,
                done_this_period=sum(1 for day in days if first <= day <= last),
                period_start=first,
                period_end=last,
                last_performed=last_performed,
                meets_established=strength >= organisation.established_strength and old_enough,
                slipping=item.state == PlanState.ESTABLISHED
                and strength < organisation.slipping_strength,
                rated_this_month=item.rated_month == month,
                performances=days,
            )
        )
    return statuses


def _renew_checkpoints(items, on, performed, skipped) -> list[PlanItem]:
    """Save each item's state as of CHECKPOINT_LAG_DAYS ago, from its full history."""
    if not items:
        return []
    saved_on = on - timedelta(days=CHECKPOINT_LAG_DAYS)
    strengths = habits.strengths_batch(
        [
            habits.HabitInput(
                item.target,
                item.start_date,
                [d for d in performed[item.pk] if d <= saved_on],
                [d for d in skipped[item.pk] if d <= saved_on],
            )
            for item in items
        ],
        saved_on,
    )
    for item, strength in zip(items, strengths, strict=True):
        since = habits.period_bounds(item.target, item.start_date, saved_on + timedelta(days=1))[0]
        item.checkpoint_on = saved_on
        item.checkpoint_strength = strength
        item.checkpoint_streak = habits.streak_before(
            item.target, item.start_date, since, performed[item.pk], skipped[item.pk]
        )
        earlier = [d for d in performed[item.pk] if d <= saved_on]
        item.checkpoint_last_performed = earlier[-1] if earlier else None
    PlanItem.objects.bulk_update(
        items,
        ["checkpoint_on", "checkpoint_strength", "checkpoint_streak", "checkpoint_last_performed"],
    )
    return items


def plan_status(
    membership: Membership, on: date | None = None, *, active_only=True
) -> list[ItemStatus]:
    on = on or membership.organisation.today()
    states = ACTIVE_STATES if active_only else None
    items = list(plan_items(membership, states=states).order_by("start_date", "id"))
    return statuses_for_items(membership.organisation, items, on)


def dashboard_status(membership: Membership) -> tuple[list[ItemStatus], list[PlanItem]]:
    """The active items' standing and the paused items."""
    items = list(
        plan_items(membership).exclude(state=PlanState.RETIRED).order_by("start_date", "id")
    )
    active = [item for item in items if item.is_active]
    statuses = statuses_for_items(membership.organisation, active, membership.organisation.today())
    return statuses, [item for item in items if not item.is_active]


def full_history(item: PlanItem, on: date) -> tuple[list[date], list[date]]:
    """Every performance and paused day of one item: its own page draws all of it."""
    performed = list(
        item.performances.filter(performed_on__lte=on)
        .order_by("performed_on")
        .values_list("performed_on", flat=True)
    )
    skipped = list(item.skips.filter(day__lte=on).order_by().values_list("day", flat=True))
    return performed, skipped


def item_status(membership: Membership, item: PlanItem, on: date | None = None) -> ItemStatus:
    on = on or membership.organisation.today()
    return statuses_for_items(membership.organisation, [item], on)[0]


def weekly_counts(
    item: PlanItem, performances: list[date], on: date, weeks: int = 26
) -> list[tuple[date, int]]:
    """Performances per ISO week for the last `weeks` weeks (Monday, count)."""
    this_monday = on - timedelta(days=on.weekday())
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    counts: dict[date, int] = defaultdict(int)
    for day in performances:
        monday = day - timedelta(days=day.weekday())
        if monday >= first_monday:
            counts[monday] += 1
    return [
        (first_monday + timedelta(weeks=i), counts[first_monday + timedelta(weeks=i)])
        for i in range(weeks)
    ]


def suggest_next_practice(
    membership: Membership, in_plan: set[int] | None = None
) -> Practice | None:
    """A practice not in the plan, preferring a driver the plan does not serve yet.

    `in_plan` (practice ids of the open plan) saves a query when the caller has them.
    """
    if in_plan is None:
        in_plan = set(
            plan_items(membership)
            .exclude(state=PlanState.RETIRED)
            .values_list("practice_id", flat=True)
        )
    # Plain rows, not model instances: this runs on the dashboard.
    drivers_of: dict[int, set[str]] = defaultdict(set)
    facts: dict[int, tuple[str, int]] = {}
    rows = (
        visible_practices(membership.organisation)
        .order_by()
        .values_list("pk", "source", "number", "drivers__code")
    )
    for pk, source, number, code in rows:
        drivers_of[pk].add(code)
        facts[pk] = (source, number)
    served = set().union(*(drivers_of[pk] for pk in in_plan if pk in drivers_of))
    candidates = [pk for pk in facts if pk not in in_plan]
    if not candidates:
        return None

    def rank(pk: int) -> tuple:
        source, number = facts[pk]
        return (drivers_of[pk] <= served, source != "seed", number)

    return Practice.objects.get(pk=min(candidates, key=rank))


# --- The administrators' overview -------------------------------------------------------


def organisation_overview(
    membership: Membership, on: date | None = None, page: str | int | None = None
) -> dict:
    """Aggregates of every plan in the organisation, and (if the organisation allows it) one
    page of managers with each practice's strength.

    Computing it reads every plan item's recent history, so the figures are kept for
    OVERVIEW_CACHE_SECONDS (in the shared cache when one is configured) and the page says
    when they were computed.
    """
    from django.core.cache import cache
    from django.core.paginator import Paginator

    organisation = membership.organisation
    on = on or organisation.today()
    key = overview_cache_key(organisation, on)
    data = cache.get(key)
    if data is None:
        data = overview_figures(organisation, on)
        cache.set(key, data, OVERVIEW_CACHE_SECONDS)
    practices = {p.pk: p for p in Practice.objects.filter(pk__in=data["practice_ids"])}
    managers = None
    if data["managers"] is not None:
        managers = Paginator(data["managers"], MANAGERS_PER_PAGE).get_page(page)
        for manager in managers:
            for item in manager["items"]:
                item["practice"] = practices[item["practice_id"]]
    return {
        **data,
        "managers": managers,
        "adoption": [dict(row, practice=practices[row["practice_id"]]) for row in data["adoption"]],
    }


def overview_cache_key(organisation: Organisation, on: date) -> str:
    return ":".join(
        [
            "overview",
            str(organisation.pk),
            organisation.created_at.isoformat(),  # a new organisation never reuses a key
            on.isoformat(),
            str(organisation.admins_see_individuals),
        ]
    )


def overview_figures(organisation: Organisation, on: date) -> dict:
    """The organisation overview as plain data (cacheable): strength only, no streaks."""
    items = list(
        PlanItem.objects.filter(organisation=organisation, state__in=ACTIVE_STATES)
        # Thousands of rows: only the columns the strength needs, and no practice or
        # manager object per row (a few dozen practices and managers, shared by thousands).
        .only(*OVERVIEW_ITEM_FIELDS)
        .order_by("manager__full_name", "manager_id", "start_date")
    )
    names = {
        user.pk: str(user)
        for user in User.objects.filter(pk__in={item.manager_id for item in items}).only(
            "full_name", "email"
        )
    }
    statuses = statuses_for_items(organisation, items, on, streaks=False)
    by_manager: dict[int, dict] = {}
    last_by_practice: dict[int, date] = {}
    for status in statuses:
        item = status.item
        summary = by_manager.setdefault(
            item.manager_id, {"name": names[item.manager_id], "last_performed": None, "items": []}
        )
        summary["items"].append(
            {
                "practice_id": item.practice_id,
                "strength_percent": status.strength_percent,
                "established": item.state == PlanState.ESTABLISHED,
            }
        )
        if status.last_performed:
            summary["last_performed"] = max(
                status.last_performed, summary["last_performed"] or status.last_performed
            )
            last_by_practice[item.practice_id] = max(
                status.last_performed, last_by_practice.get(item.practice_id, status.last_performed)
            )
    adoption = list(
        PlanItem.objects.filter(organisation=organisation)
        .exclude(state=PlanState.RETIRED)
        .values("practice_id")
        .annotate(
            managers=Count("manager", distinct=True),
            established=Count("id", filter=Q(state=PlanState.ESTABLISHED), distinct=True),
        )
        .order_by("-managers", "practice_id")
    )
    for row in adoption:
        # Last performed among the practice's active plan items (paused ones wait).
        row["last"] = last_by_practice.get(row["practice_id"])
    leaders = Membership.objects.filter(
        organisation=organisation, role__in=["manager", "admin"]
    ).count()
    strengths = [s.strength for s in statuses]
    return {
        "on": on,
        "computed_at": timezone.now(),
        "managers": list(by_manager.values()) if organisation.admins_see_individuals else None,
        "leaders": leaders,
        "managers_with_plan": len(by_manager),
        "active_items": len(statuses),
        "established_items": sum(1 for s in statuses if s.item.state == PlanState.ESTABLISHED),
        "mean_strength": (sum(strengths) / len(strengths)) if strengths else None,
        "adoption": adoption,
        "practice_ids": sorted({row["practice_id"] for row in adoption}),
    }


OVERVIEW_CACHE_SECONDS = 600
MANAGERS_PER_PAGE = 50
OVERVIEW_ITEM_FIELDS = (
    "organisation_id",
    "practice_id",
    "manager_id",
    "times",
    "period_days",
    "start_date",
    "state",
    "established_on",
    "rated_month",
    "checkpoint_on",
    "checkpoint_strength",
    "checkpoint_streak",
    "checkpoint_last_performed",
)
