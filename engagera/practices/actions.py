"""Every write of the practice loop. Views, the CLI and (later) the API all call these."""

import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from engagera.core.errors import ActionError
from engagera.core.models import Membership, Organisation, Role
from engagera.lib.habits import Target

from . import queries
from .models import (
    ACTIVE_STATES,
    AutomaticityRating,
    HiddenPractice,
    Performance,
    PlanItem,
    PlanState,
    Practice,
    Skip,
    Source,
)

BACKDATE_DAYS = 60
SKIP_AHEAD_DAYS = 365


class NeedsConfirmation(ActionError):
    """The change is allowed, but the user should confirm it first."""


def _require_leader(membership: Membership) -> None:
    if membership.role not in (Role.MANAGER, Role.ADMIN):
        raise ActionError(_("Only managers and administrators keep a practice plan."))


def _require_admin(membership: Membership) -> None:
    if membership.role != Role.ADMIN:
        raise ActionError(_("Only administrators can change this."))


def _own(membership: Membership, item: PlanItem) -> None:
    # Actions trust no caller: an item from another manager or organisation is refused.
    if item.manager_id != membership.user_id or item.organisation_id != membership.organisation_id:
        raise ActionError(_("That plan item is not yours."))


def check_day(organisation: Organisation, day: date, *, field: str = "day") -> None:
    today = organisation.today()
    if day > today:
        raise ActionError(_("The date cannot be in the future."), field=field)
    if day < today - timedelta(days=BACKDATE_DAYS):
        raise ActionError(
            _("You can record at most %(days)d days back.") % {"days": BACKDATE_DAYS}, field=field
        )


@transaction.atomic
def do_add_plan_item(
    membership: Membership,
    practice: Practice,
    target: Target,
    *,
    start_date: date | None = None,
    if_situation: str = "",
    if_action: str = "",
    confirmed: bool = False,
) -> PlanItem:
    _require_leader(membership)
    organisation = membership.organisation
    if practice.organisation_id not in (None, organisation.pk):
        raise ActionError(_("Unknown practice."), field="practice")
    start_date = start_date or organisation.today()
    if start_date < organisation.today() - timedelta(days=BACKDATE_DAYS):
        raise ActionError(
            _("The start date can be at most %(days)d days back.") % {"days": BACKDATE_DAYS},
            field="start_date",
        )
    existing = queries.plan_items(membership).exclude(state=PlanState.RETIRED)
    if existing.filter(practice=practice).exists():
        raise ActionError(_("This practice is already in your plan."), field="practice")
    learning = existing.filter(state=PlanState.LEARNING).count()
    if learning >= organisation.max_learning and not confirmed:
        raise NeedsConfirmation(
            _(
                "You are already learning %(count)d practices. Starting with a few makes each one "
                "stick: are you sure you want to add another?"
            )
            % {"count": learning}
        )
    return PlanItem.objects.create(
        organisation=organisation,
        manager=membership.user,
        practice=practice,
        times=target.times,
        period_days=target.period_days,
        start_date=start_date,
        if_situation=if_situation.strip(),
        if_action=if_action.strip(),
    )


@transaction.atomic
def do_edit_plan_item(
    membership: Membership,
    item: PlanItem,
    *,
    target: Target,
    start_date: date,
    if_situation: str,
    if_action: str,
) -> PlanItem:
    _own(membership, item)
    first_log = (
        item.performances.order_by("performed_on").values_list("performed_on", flat=True).first()
    )
    if first_log and start_date > first_log:
        raise ActionError(
            _("The start date cannot be after the first recorded performance (%(day)s).")
            % {"day": first_log.isoformat()},
            field="start_date",
        )
    if (target.times, target.period_days, start_date) != (
        item.times,
        item.period_days,
        item.start_date,
    ):
        item.checkpoint_on = None  # the saved state was computed for the old target or start
    item.times, item.period_days = target.times, target.period_days
    item.start_date = start_date
    item.if_situation, item.if_action = if_situation.strip(), if_action.strip()
    item.save(
        update_fields=[
            "times",
            "period_days",
            "start_date",
            "if_situation",
            "if_action",
            "checkpoint_on",
        ]
    )
    return item


@transaction.atomic
def do_set_plan_state(membership: Membership, item: PlanItem, state: str) -> PlanItem:
    """Pause, resume or retire. Resuming returns to learning, or established if it was."""
    _own(membership, item)
    if state not in (PlanState.PAUSED, PlanState.RETIRED, PlanState.LEARNING):
        raise ActionError(_("Unknown state."), field="state")
    if item.state == PlanState.RETIRED:
        raise ActionError(_("A retired practice cannot be changed; add it to your plan again."))
    if state == PlanState.LEARNING:
        state = PlanState.ESTABLISHED if item.established_on else PlanState.LEARNING
    item.state = state
    item.save(update_fields=["state"])
    return item


def sync_established(membership: Membership, statuses: list) -> list[PlanItem]:
    """Move learning items that now meet the organisation's rule to established."""
    promoted = []
    for status in statuses:
        item = status.item
        if item.state == PlanState.LEARNING and status.meets_established:
            item.state = PlanState.ESTABLISHED
            item.established_on = status.on
            promoted.append(item)
    if promoted:
        PlanItem.objects.bulk_update(promoted, ["state", "established_on"])
    return promoted


def do_log_performance(
    membership: Membership,
    item: PlanItem,
    *,
    day: date | None = None,
    note: str = "",
    token: uuid.UUID | None = None,
    person=None,
) -> tuple[Performance, bool]:
    """Record one performance. The same form token twice gives the first record back.

    `person` is "with whom": an employee the manager leads.
    """
    _own(membership, item)
    if person is not None:
        from engagera.people.queries import is_leader_of

        if person.organisation_id != membership.organisation_id or not is_leader_of(
            membership, person
        ):
            raise ActionError(_("You can only name people in the teams you lead."), field="person")
    if item.state not in ACTIVE_STATES:
        raise ActionError(
            _(
                "This practice is paused or retired: resume it, or add it to your plan again, "
                "before logging."
            )
        )
    day = day or membership.organisation.today()
    check_day(membership.organisation, day)
    if day < item.start_date:
        raise ActionError(
            _("The date is before this practice started (%(day)s).")
            % {"day": item.start_date.isoformat()},
            field="day",
        )
    token = token or uuid.uuid4()
    try:
        with transaction.atomic():
            performance = Performance.objects.create(
                plan_item=item, performed_on=day, note=note.strip(), token=token, person=person
            )
        return performance, True
    except IntegrityError:
        return Performance.objects.get(plan_item=item, token=token), False


@transaction.atomic
def do_edit_performance(membership: Membership, performance: Performance, *, day: date, note: str):
    _own(membership, performance.plan_item)
    if day != performance.performed_on:
        check_day(membership.organisation, day)
        if day < performance.plan_item.start_date:
            raise ActionError(_("The date is before this practice started."), field="day")
    _forget_if_before_checkpoint(performance.plan_item, performance.performed_on, day)
    performance.performed_on = day
    performance.note = note.strip()
    performance.save(update_fields=["performed_on", "note"])
    return performance


def _forget_if_before_checkpoint(item: PlanItem, *days: date) -> None:
    # Logs cannot be back-dated past the checkpoint, but history edits can reach it.
    if item.checkpoint_on is not None and min(days) <= item.checkpoint_on:
        item.forget_checkpoint()


@transaction.atomic
def do_delete_performance(membership: Membership, performance: Performance) -> None:
    _own(membership, performance.plan_item)
    _forget_if_before_checkpoint(performance.plan_item, performance.performed_on)
    performance.delete()


@transaction.atomic
def do_skip_days(membership: Membership, items: list[PlanItem], first: date, last: date) -> int:
    """Mark days as paused for the given plan items. Returns the number of new skipped days."""
    if not items:
        raise ActionError(_("Choose at least one practice."), field="items")
    for item in items:
        _own(membership, item)
    if last < first:
        raise ActionError(_("The last day is before the first."), field="last")
    today = membership.organisation.today()
    if first < today - timedelta(days=BACKDATE_DAYS):
        raise ActionError(
            _("You can pause at most %(days)d days back.") % {"days": BACKDATE_DAYS}, field="first"
        )
    if last > today + timedelta(days=SKIP_AHEAD_DAYS):
        raise ActionError(_("You can pause at most a year ahead."), field="last")
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    existing = set(
        Skip.objects.filter(plan_item__in=items, day__in=days).values_list("plan_item_id", "day")
    )
    new = [
        Skip(plan_item=item, day=day)
        for item in items
        for day in days
        if (item.pk, day) not in existing
    ]
    Skip.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def do_unskip_day(membership: Membership, skip: Skip) -> None:
    _own(membership, skip.plan_item)
    _forget_if_before_checkpoint(skip.plan_item, skip.day)
    skip.delete()


@transaction.atomic
def do_rate_automaticity(membership: Membership, item: PlanItem, score: int) -> AutomaticityRating:
    _own(membership, item)
    if not 1 <= int(score) <= 5:
        raise ActionError(_("Choose a value from 1 to 5."), field="score")
    month = membership.organisation.today().replace(day=1)
    rating, _created = AutomaticityRating.objects.update_or_create(
        plan_item=item, month=month, defaults={"score": int(score)}
    )
    if item.rated_month is None or item.rated_month < month:
        item.rated_month = month
        item.save(update_fields=["rated_month"])
    return rating


# --- The organisation's catalogue ----------------------------------------------------------


@transaction.atomic
def do_set_practice_hidden(membership: Membership, practice: Practice, hidden: bool) -> None:
    _require_admin(membership)
    organisation = membership.organisation
    if practice.organisation_id not in (None, organisation.pk):
        raise ActionError(_("Unknown practice."))
    if hidden:
        HiddenPractice.objects.get_or_create(organisation=organisation, practice=practice)
    else:
        HiddenPractice.objects.filter(organisation=organisation, practice=practice).delete()


OWN_PRACTICE_FIRST_NUMBER = 101


@transaction.atomic
def do_save_own_practice(
    membership: Membership, practice: Practice | None, fields: dict, drivers: list
) -> Practice:
    """Create or edit one of the organisation's own practices (numbered from 101)."""
    _require_admin(membership)
    organisation = membership.organisation
    if practice is not None and practice.organisation_id != organisation.pk:
        raise ActionError(_("Only your organisation's own practices can be edited."))
    if not drivers:
        raise ActionError(_("Choose at least one driver."), field="drivers")
    Target.parse(fields.get("cadence") or "1/week")
    if not (fields.get("title_sv") or fields.get("title_en")):
        raise ActionError(
            _("Give the practice a title in at least one language."), field="title_sv"
        )
    if practice is None:
        highest = (
            Practice.objects.filter(organisation=organisation)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        practice = Practice(
            organisation=organisation,
            number=max(highest or 0, OWN_PRACTICE_FIRST_NUMBER - 1) + 1,
            source=Source.ORGANISATION,
        )
    for name, value in fields.items():
        setattr(practice, name, value.strip() if isinstance(value, str) else value)
    if not practice.slug:
        from django.utils.text import slugify

        practice.slug = (
            slugify(practice.title_en or practice.title_sv)[:70] or f"practice-{practice.number}"
        )
        if Practice.objects.filter(organisation=organisation, slug=practice.slug).exists():
            practice.slug = f"{practice.slug}-{practice.number}"
    practice.save()
    practice.drivers.set(drivers)
    return practice


@transaction.atomic
def do_update_organisation(
    membership: Membership, organisation: Organisation, changes: dict
) -> Organisation:
    _require_admin(membership)
    if organisation.pk != membership.organisation_id:
        raise ActionError(_("Unknown organisation."))
    for name, value in changes.items():
        setattr(organisation, name, value)
    try:
        organisation.full_clean()
    except ValidationError as exc:
        field, errors = next(iter(exc.message_dict.items()))
        raise ActionError(" ".join(errors), field=field) from None
    organisation.save(update_fields=list(changes))
    return organisation


def plan_item_for_practice(membership: Membership, number: int) -> PlanItem | None:
    """The manager's active plan item for a catalogue practice, if they have one."""
    return (
        PlanItem.objects.filter(
            organisation=membership.organisation,
            manager=membership.user,
            practice__organisation__isnull=True,
            practice__number=number,
            state__in=ACTIVE_STATES,
        )
        .select_related("practice")
        .first()
    )


def log_practice_if_planned(
    membership: Membership, number: int, *, day: date, person=None, note: str = ""
) -> Performance | None:
    """Count a CRM action as a performance of practice `number` when it is in the plan.

    Feedback (43), introductions (46), agreed goals (42), workload checks (47) and
    telling strengths (49) are performances of their practice: one action, both records.
    """
    item = plan_item_for_practice(membership, number)
    if item is None or day < item.start_date:
        return None
    performance, _created = do_log_performance(membership, item, day=day, note=note, person=person)
    return performance
