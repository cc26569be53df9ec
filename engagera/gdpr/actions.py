"""Every write of the personal data duties: exports (audited), erasure, leave dates, rules.

`acting` is the administrator's membership; None means the server's operator at the
command line, who already holds the whole database.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from engagera.core.errors import ActionError
from engagera.core.models import Membership, Organisation, Role
from engagera.people.models import Person

from . import audit, export, queries, registry
from .models import MAX_MONTHS, RetentionRule
from .registry import Subject


def _require_admin(acting: Membership | None, organisation: Organisation) -> None:
    if acting is None:
        return
    if acting.role != Role.ADMIN or acting.organisation_id != organisation.pk:
        raise ActionError(_("Only the organisation's administrators can do this."))


def _actor(acting: Membership | None):
    return acting.user if acting is not None else None


def _target(subject: Subject):
    return subject.person if subject.person is not None else subject.user


def do_export_person(subject: Subject, *, acting: Membership | None, redact: bool) -> dict:
    _require_admin(acting, subject.organisation)
    document = export.document(subject, redact=redact)
    audit.record(
        "data.exported",
        actor=_actor(acting),
        organisation=subject.organisation,
        target=_target(subject),
        subject=subject.key,
        redacted=redact,
    )
    return document


def do_export_own(membership: Membership) -> dict:
    """A member's own data. Other people's names are hidden: an administrator can decide otherwise."""
    subject = queries.own_subject(membership)
    document = export.document(subject, redact=True)
    audit.record(
        "data.exported",
        actor=membership.user,
        organisation=membership.organisation,
        target=_target(subject),
        subject=subject.key,
        redacted=True,
    )
    return document


@transaction.atomic
def do_erase_person(subject: Subject, *, acting: Membership | None) -> dict[str, int]:
    """Remove or anonymise everything that names the person; returns rows changed per type."""
    _require_admin(acting, subject.organisation)
    if acting is not None and subject.user_id == acting.user_id:
        raise ActionError(_("You cannot erase yourself; ask another administrator."))
    report = registry.erase_types(subject, registry.data_types())
    audit.record(
        "person.erased",
        actor=_actor(acting),
        organisation=subject.organisation,
        subject=subject.key,
        counts=report,
    )
    return report


@transaction.atomic
def do_set_left_on(
    subject: Subject, day: date | None, *, acting: Membership | None
) -> Person | None:
    """Record the day the person left (None: still here); retention counts from it."""
    _require_admin(acting, subject.organisation)
    person = subject.person
    if person is None:
        if day is None:
            return None
        if Person.objects.filter(user=subject.user).exists():
            raise ActionError(
                _("This account is linked to an employee record in another organisation.")
            )
        # An account without an employee record gets one, to hold the leaving day.
        person = Person.objects.create(
            organisation=subject.organisation,
            user=subject.user,
            full_name=subject.user.get_full_name(),
            email=subject.user.email,
            left_on=day,
        )
    else:
        person.left_on = day
        person.save(update_fields=["left_on"])
    audit.record(
        "person.left_on_set",
        actor=_actor(acting),
        organisation=subject.organisation,
        target=person,
        subject=f"person-{person.pk}",
        left_on=day.isoformat() if day else None,
    )
    return person


@transaction.atomic
def do_set_retention(
    organisation: Organisation, months: dict[str, int | None], *, acting: Membership | None
) -> None:
    _require_admin(acting, organisation)
    known = {t.key for t in registry.data_types()}
    for key, value in months.items():
        if key not in known:
            raise ActionError(_("Unknown data type %(key)s.") % {"key": key})
        if value is not None and not 0 <= value <= MAX_MONTHS:
            raise ActionError(
                _("Choose from 0 to %(max)d months, or leave it empty.") % {"max": MAX_MONTHS},
                field=key,
            )
        RetentionRule.objects.update_or_create(
            organisation=organisation, data_type=key, defaults={"months": value}
        )
    audit.record(
        "retention.changed",
        actor=_actor(acting),
        organisation=organisation,
        months=months,
    )
