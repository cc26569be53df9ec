"""Reads for the practice loop, always scoped to the signed-in membership."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from engagera.core.models import Membership, Organisation
from engagera.lib import habits

from .models import (
    ACTIVE_STATES,
    AutomaticityRating,
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


def statuses_for_items(
    organisation: Organisation, items: list[PlanItem], on: date
) -> list[ItemStatus]:
    """Strength, streak and counts for many plan items with three queries in all."""
    ids = [item.pk for item in items]
    performed: dict[int, list[date]] = defaultdict(list)
    for item_id, day in (
        Performance.objects.filter(plan_item_id__in=ids, performed_on__lte=on)
        .order_by("performed_on")
        .values_list("plan_item_id", "performed_on")
    ):
        performed[item_id].append(day)
    skipped: dict[int, list[date]] = defaultdict(list)
    for item_id, day in Skip.objects.filter(plan_item_id__in=ids, day__lte=on).values_list(
        "plan_item_id", "day"
    ):
        skipped[item_id].append(day)
    month = on.replace(day=1)
    rated = set(
        AutomaticityRating.objects.filter(plan_item_id__in=ids, month=month).values_list(
            "plan_item_id", flat=True
        )
    )
    strengths = habits.strengths_batch(
        [
            habits.HabitInput(item.target, item.start_date, performed[item.pk], skipped[item.pk])
            for item in items
        ],
        on,
    )
    statuses = []
    for item, strength in zip(items, strengths, strict=True):
        days = performed[item.pk]
        first, last = habits.period_bounds(item.target, item.start_date, on)
        old_enough = (on - item.start_date).days >= organisation.established_min_days
        statuses.append(
            ItemStatus(
                item=item,
                on=on,
                strength=strength,
                streak=habits.streak(item.target, item.start_date, on, days, skipped[item.pk]),
                done_this_period=sum(1 for day in days if first <= day <= last),
                period_start=first,
                period_end=last,
                last_performed=days[-1] if days else None,
                meets_established=strength >= organisation.established_strength and old_enough,
                slipping=item.state == PlanState.ESTABLISHED
                and strength < organisation.slipping_strength,
                rated_this_month=item.pk in rated,
                performances=days,
            )
        )
    return statuses


def plan_status(
    membership: Membership, on: date | None = None, *, active_only=True
) -> list[ItemStatus]:
    on = on or membership.organisation.today()
    states = ACTIVE_STATES if active_only else None
    items = list(plan_items(membership, states=states).order_by("start_date", "id"))
    return statuses_for_items(membership.organisation, items, on)


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


def suggest_next_practice(membership: Membership) -> Practice | None:
    """A practice not in the plan, preferring a driver the plan does not serve yet."""
    in_plan = plan_items(membership).exclude(state=PlanState.RETIRED)
    used_practices = set(in_plan.values_list("practice_id", flat=True))
    served = set(in_plan.values_list("practice__drivers__code", flat=True))
    candidates = [
        p for p in visible_practices(membership.organisation) if p.pk not in used_practices
    ]
    if not candidates:
        return None

    def rank(practice: Practice) -> tuple:
        codes = {driver.code for driver in practice.drivers.all()}
        return (codes <= served, practice.source != "seed", practice.number)

    return min(candidates, key=rank)


# --- The administrators' overview -------------------------------------------------------


@dataclass
class ManagerSummary:
    user_id: int
    name: str
    statuses: list[ItemStatus]

    @property
    def last_performed(self) -> date | None:
        days = [s.last_performed for s in self.statuses if s.last_performed]
        return max(days) if days else None

    @property
    def mean_strength(self) -> float | None:
        if not self.statuses:
            return None
        return sum(s.strength for s in self.statuses) / len(self.statuses)


def organisation_overview(membership: Membership, on: date | None = None) -> dict:
    """Per manager plans and strength (if the organisation allows it) and adoption per practice."""
    organisation = membership.organisation
    on = on or organisation.today()
    items = list(
        PlanItem.objects.filter(organisation=organisation, state__in=ACTIVE_STATES)
        .select_related("practice", "manager")
        .order_by("manager__full_name", "start_date")
    )
    statuses = statuses_for_items(organisation, items, on)
    by_manager: dict[int, ManagerSummary] = {}
    for status in statuses:
        manager = status.item.manager
        summary = by_manager.setdefault(manager.pk, ManagerSummary(manager.pk, str(manager), []))
        summary.statuses.append(status)
    adoption = (
        PlanItem.objects.filter(organisation=organisation)
        .exclude(state=PlanState.RETIRED)
        .values("practice_id")
        .annotate(
            managers=Count("manager", distinct=True),
            established=Count("id", filter=Q(state=PlanState.ESTABLISHED), distinct=True),
            last=Max("performances__performed_on"),
        )
        .order_by("-managers", "practice_id")
    )
    practices = {
        p.pk: p for p in Practice.objects.filter(pk__in=[row["practice_id"] for row in adoption])
    }
    leaders = Membership.objects.filter(
        organisation=organisation, role__in=["manager", "admin"]
    ).count()
    all_strengths = [s.strength for s in statuses]
    return {
        "on": on,
        "managers": list(by_manager.values()) if organisation.admins_see_individuals else None,
        "leaders": leaders,
        "managers_with_plan": len(by_manager),
        "active_items": len(statuses),
        "established_items": sum(1 for s in statuses if s.item.state == PlanState.ESTABLISHED),
        "mean_strength": (sum(all_strengths) / len(all_strengths)) if all_strengths else None,
        "adoption": [dict(row, practice=practices[row["practice_id"]]) for row in adoption],
    }
