"""A person with something in every kind of data Engagera holds today, and the helpers to look."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core import serializers

from engagera.core.actions import do_create_user
from engagera.core.models import Role
from engagera.gdpr import queries
from engagera.lib.habits import Target
from engagera.people.models import Person, Team
from engagera.practices import actions
from engagera.practices.models import Performance
from tests.conftest import PASSWORD, practice

# Names that appear nowhere else, so a search for them finds only this person's rows.
NAME = "Ebba Raderström"
EMAIL = "ebba.raderstrom@solbacka.example"


def rich_manager(organisation, *, name=NAME, email=EMAIL, start_days_ago=30):
    """A manager with an employee record, a team, a plan, logs with notes, a pause and a rating."""
    user = do_create_user(
        email, organisation, Role.MANAGER, password=PASSWORD, full_name=name, check_password=False
    )
    membership = user.memberships.get()
    person = Person.objects.create(
        organisation=organisation, full_name=name, email=email, title="Enhetschef", user=user
    )
    team = Team.objects.create(organisation=organisation, name=f"Team of {user.pk}")
    team.managers.add(user)
    start = organisation.today() - timedelta(days=start_days_ago)
    item = actions.do_add_plan_item(
        membership, practice(43), Target.parse("2/week"), start_date=start
    )
    actions.do_add_plan_item(membership, practice(41), Target.parse("1/week"), start_date=start)
    for days_ago in (1, 3, 8):
        actions.do_log_performance(
            membership, item, day=organisation.today() - timedelta(days=days_ago), note="bra möte"
        )
    actions.do_log_performance(membership, item)  # no note
    today = organisation.today()
    actions.do_skip_days(membership, [item], today, today + timedelta(days=1))
    actions.do_rate_automaticity(membership, item, 4)
    return SimpleNamespace(membership=membership, user=user, person=person, team=team, item=item)


@pytest.fixture
def ebba(org):
    return rich_manager(org)


@pytest.fixture
def ebba_subject(ebba):
    return queries.get_subject(ebba.membership.organisation, f"person-{ebba.person.pk}")


def logged_with(manager_membership, person, days_ago=2):
    """A colleague's log "carried out with" the person: about the person, written by another."""
    organisation = manager_membership.organisation
    item = actions.do_add_plan_item(
        manager_membership,
        practice(45),
        Target.parse("1/week"),
        start_date=organisation.today() - timedelta(days=10),
    )
    performance, _ = actions.do_log_performance(
        manager_membership, item, day=organisation.today() - timedelta(days=days_ago)
    )
    Performance.objects.filter(pk=performance.pk).update(person=person)
    return performance


def rows_naming(*needles: str) -> list[str]:
    """Every row of every table whose serialized form contains one of `needles`."""
    found = []
    lowered = [needle.lower() for needle in needles]
    for model in apps.get_models():
        for row in model._base_manager.all():
            text = serializers.serialize("json", [row]).lower()
            if any(needle in text for needle in lowered):
                found.append(f"{model._meta.label} {row.pk}")
    return found


def snapshot_rows() -> dict[str, list]:
    """Every row of every model, serialized, by model: to compare two databases row by row."""
    return {
        model._meta.label: [
            serializers.serialize("json", [row]) for row in model._base_manager.order_by("pk")
        ]
        for model in apps.get_models()
    }
