from engagera.core.cli_base import UsageError
from engagera.practices import queries


def practice_for(organisation, key: str):
    practice = queries.find_practice(organisation, key)
    if practice is None:
        close = queries.closest_practices(organisation, key)
        hint = ", ".join(f"{p.number} {p.slug}" for p in close)
        raise UsageError(f"unknown practice {key!r}" + (f"; did you mean: {hint}?" if hint else ""))
    return practice


def plan_item_for(membership, key: str, *, include_retired: bool = False):
    practice = practice_for(membership.organisation, key)
    items = queries.plan_items(membership).filter(practice=practice)
    if not include_retired:
        items = items.exclude(state="retired")
    item = items.order_by("-id").first()
    if item is None:
        raise UsageError(
            f"practice {practice.number} ({practice.slug}) is not in the plan of {membership.user.email}"
        )
    return item


def person_for(membership, key: str):
    """An employee the user leads, by email or id."""
    from engagera.people.queries import visible_people

    people = visible_people(membership)
    key = key.strip()
    person = (
        people.filter(pk=int(key)).first()
        if key.isdigit()
        else people.filter(email__iexact=key).first()
    )
    if person is None:
        raise UsageError(f"no employee {key!r} in the teams {membership.user.email} leads")
    return person
