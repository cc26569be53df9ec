"""The personal-data registry covers every model that points at a person."""

import pytest
from django.apps import apps

from engagera.core.errors import ActionError
from engagera.core.models import User
from engagera.gdpr import queries, registry
from engagera.gdpr.actions import do_set_retention
from engagera.people.models import Person

# Models of features being built alongside this one: each owner registers theirs in
# engagera/<app>/personal_data.py and removes it from here. A model missing from both
# fails the test, so new personal data cannot ship without export and erasure.
PENDING: set[str] = set()


def models_pointing_at_people() -> set[str]:
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            direct = field.concrete or field.many_to_many
            if direct and not field.auto_created and field.related_model in (User, Person):
                found.add(model._meta.label)
    return found


def test_it_covers_every_model_that_points_at_a_person():
    uncovered = models_pointing_at_people() - registry.covered_models() - PENDING
    assert uncovered == set(), "register these in engagera/<app>/personal_data.py"


def test_it_lists_no_pending_model_twice():
    assert PENDING & registry.covered_models() == set(), "registered now: remove from PENDING"


def test_it_never_exports_secrets():
    exported = {name for t in registry.data_types() for name in t.fields}
    assert not exported & {"password", "key", "session_key", "session_data", "session_epoch"}


def test_it_keeps_the_identity_until_everything_hanging_on_it_is_due(admin):
    organisation = admin.organisation
    do_set_retention(
        organisation,
        {"core.account": 1, "practices.plan": 3, "practices.performance_notes": 30},
        acting=admin,
    )
    months = queries.effective_months(organisation)
    assert months["practices.performance_notes"] == 30
    assert months["practices.performances"] == 30  # notes live in performance rows
    assert months["practices.plan"] == 30  # and performances in plan items
    assert months["core.account"] == 30
    assert months["people.person"] == 30
    # The audit log does not hang on the account: it never holds the identity back.
    if "audit.entries" in months:
        assert months["audit.entries"] is None


def test_it_keeps_everything_when_a_type_is_kept_until_erased(admin):
    do_set_retention(admin.organisation, {"practices.ratings": None}, acting=admin)
    months = queries.effective_months(admin.organisation)
    assert months["practices.ratings"] is None
    assert months["practices.plan"] is None and months["core.account"] is None
    assert months["practices.performance_notes"] == 6


def test_it_refuses_rules_from_others_and_nonsense(manager, outsider_admin, admin, org):
    for acting in (manager, outsider_admin):
        with pytest.raises(ActionError):
            do_set_retention(org, {"practices.plan": 1}, acting=acting)
    for rule in ({"no.such_type": 1}, {"practices.plan": -1}, {"practices.plan": 241}):
        with pytest.raises(ActionError):
            do_set_retention(org, rule, acting=admin)
    assert queries.chosen_months(org)["practices.plan"] == 12
