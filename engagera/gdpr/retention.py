"""Retention: delete each kind of personal data a set number of months after the person leaves.

`apply_retention` is the scheduler's hook: `engagera retention` runs it (from cron or
a systemd timer today, from the background worker once there is one).
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from engagera.core.models import Organisation
from engagera.people.models import Person

from . import audit, queries, registry
from .registry import DataType, Subject


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class Removal:
    organisation: str  # slug
    subject: str  # key: an id, never a name
    data_type: str
    rows: int


def due(organisation: Organisation, today: date) -> list[tuple[Subject, list[DataType]]]:
    """Each person who has left, with the data types whose period has run out by `today`."""
    months = queries.effective_months(organisation)
    found = []
    leavers = Person.objects.filter(
        organisation=organisation, left_on__isnull=False, left_on__lte=today
    ).select_related("user")
    for person in leavers.order_by("pk"):
        types = [
            data_type
            for data_type in registry.data_types()
            if months[data_type.key] is not None
            and add_months(person.left_on, months[data_type.key]) <= today
        ]
        if any(data_type.identity for data_type in types):
            # The person's record goes: rows kept apart (a colleague's log "with" them, the
            # audit log) stay, but stop naming them.
            types = [t for t in registry.data_types() if t in types or t.kept_apart]
        if types:
            found.append((Subject(organisation, person=person, user=person.user), types))
    return found


def apply_retention(
    today: date | None = None, *, dry_run: bool = False, organisations=None
) -> list[Removal]:
    """Delete what is past its date, organisation by organisation; dry_run changes nothing."""
    removals: list[Removal] = []
    if organisations is None:
        organisations = Organisation.objects.order_by("slug")
    for organisation in organisations:
        on = today or organisation.today()
        with transaction.atomic():
            here = []
            for subject, types in due(organisation, on):
                for key, rows in registry.erase_types(subject, types).items():
                    if rows:
                        here.append(Removal(organisation.slug, subject.key, key, rows))
            if dry_run:
                # The real deletions tell exactly what would go; rolling back keeps it all.
                transaction.set_rollback(True)
            elif here:
                audit.record(
                    "retention.applied",
                    organisation=organisation,
                    removals=[(r.subject, r.data_type, r.rows) for r in here],
                )
        removals += here
    return removals
