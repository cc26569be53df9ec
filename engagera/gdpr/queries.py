"""Reads for personal data duties, always scoped to one organisation."""

from django.http import Http404

from engagera.core.models import Membership, Organisation, User
from engagera.people.models import Person

from . import registry
from .models import RetentionRule
from .registry import DataType, Subject


def subjects(organisation: Organisation) -> list[Subject]:
    """Everyone the organisation holds data about: employee records, then accounts without one."""
    people = list(Person.objects.filter(organisation=organisation).select_related("user", "team"))
    linked = {person.user_id for person in people if person.user_id}
    accounts = (
        User.objects.filter(memberships__organisation=organisation)
        .exclude(pk__in=linked)
        .order_by("full_name", "email")
    )
    found = [Subject(organisation, person=p, user=p.user) for p in people]
    found += [Subject(organisation, user=user) for user in accounts]
    return sorted(found, key=lambda s: s.name.lower())


def get_subject(organisation: Organisation, key: str) -> Subject:
    """The subject named by a URL key ("person-12", "user-7"), inside the organisation, or 404."""
    kind, _, number = key.partition("-")
    if not number.isdigit():
        raise Http404("No such person")
    if kind == "person":
        person = (
            Person.objects.filter(pk=int(number), organisation=organisation)
            .select_related("user")
            .first()
        )
        if person is not None:
            return Subject(organisation, person=person, user=person.user)
    elif kind == "user":
        membership = (
            Membership.objects.filter(user_id=int(number), organisation=organisation)
            .select_related("user")
            .first()
        )
        if membership is not None:
            return subject_for_user(organisation, membership.user)
    raise Http404("No such person")


def subject_for_user(organisation: Organisation, user: User) -> Subject:
    person = Person.objects.filter(user=user, organisation=organisation).first()
    return Subject(organisation, person=person, user=user)


def own_subject(membership: Membership) -> Subject:
    return subject_for_user(membership.organisation, membership.user)


def find_subject(organisation: Organisation, email: str) -> Subject | None:
    """For the command line: an account or employee record by email address.

    Raises LookupError when several employee records share the address.
    """
    email = email.strip().lower()
    membership = (
        Membership.objects.filter(organisation=organisation, user__email__iexact=email)
        .select_related("user")
        .first()
    )
    if membership is not None:
        return subject_for_user(organisation, membership.user)
    people = list(Person.objects.filter(organisation=organisation, email__iexact=email)[:2])
    if len(people) > 1:
        raise LookupError(email)
    if people:
        return Subject(organisation, person=people[0], user=people[0].user)
    return None


def counts(subject: Subject) -> list[tuple[DataType, int]]:
    return [(data_type, data_type.count(subject)) for data_type in registry.data_types()]


def chosen_months(organisation: Organisation) -> dict[str, int | None]:
    """The organisation's months per data type: its own rule, else the registry's default."""
    rules = dict(
        RetentionRule.objects.filter(organisation=organisation).values_list("data_type", "months")
    )
    return {t.key: rules.get(t.key, t.default_months) for t in registry.data_types()}


def effective_months(organisation: Organisation) -> dict[str, int | None]:
    """When each type really goes: never before the types stored inside its rows.

    Removing a plan item removes its performances, and removing the account removes
    everything that hangs on it, so those wait for the longest period they contain.
    None (kept until erased by hand) wins over any number.
    """
    chosen = chosen_months(organisation)
    types = {t.key: t for t in registry.data_types()}

    def longest(keys) -> int | None:
        values = [chosen[k] for k in keys]
        return None if None in values else max(values, default=0)

    def inside(key: str) -> set[str]:
        if types[key].identity:
            # Everything about the person hangs on the account or record.
            return {k for k, t in types.items() if not t.kept_apart}
        found, todo = set(), [key]
        while todo:
            for inner in types[todo.pop()].contains:
                if inner in types and inner not in found:
                    found.add(inner)
                    todo.append(inner)
        return found

    return {key: longest(inside(key) | {key}) for key in types}
