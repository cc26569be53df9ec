"""Shared fixtures: two organisations, each role, and the catalogue.

Every view test gets an owner, a colleague and an outsider, so access rules are
checked wherever a view is tested.
"""

import pytest

from engagera.core.actions import do_create_organisation, do_create_user
from engagera.core.models import Role
from engagera.lib.habits import Target
from engagera.practices import actions
from engagera.practices.catalogue_sync import catalogue_is_loaded, sync_catalogue
from engagera.practices.models import Practice

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def catalogue(db):
    # Transactional tests flush the migration's rows, so load the catalogue again when needed.
    if not catalogue_is_loaded():
        sync_catalogue()


def _organisation(name, slug):
    organisation = do_create_organisation(name, slug=slug)
    # Ordinary tests sign admins in with force_login; the two-factor requirement (on by
    # default) has its own tests in tests/security/.
    organisation.require_2fa_for_admins = False
    organisation.save(update_fields=["require_2fa_for_admins"])
    return organisation


@pytest.fixture
def org(catalogue):
    return _organisation("Solbacka kommun", "solbacka")


@pytest.fixture
def other_org(catalogue):
    return _organisation("Andra AB", "andra")


def _user(email, organisation, role, name):
    user = do_create_user(
        email, organisation, role, password=PASSWORD, full_name=name, check_password=False
    )
    return user.memberships.get()


@pytest.fixture
def manager(org):
    return _user("anna@solbacka.example", org, Role.MANAGER, "Anna Andersson")


@pytest.fixture
def colleague(org):
    """Another manager in the same organisation: must not reach the manager's plan."""
    return _user("bo@solbacka.example", org, Role.MANAGER, "Bo Bengtsson")


@pytest.fixture
def admin(org):
    return _user("hr@solbacka.example", org, Role.ADMIN, "Hedda Rask")


@pytest.fixture
def member(org):
    return _user("maja@solbacka.example", org, Role.MEMBER, "Maja Månsson")


@pytest.fixture
def outsider(other_org):
    return _user("olle@andra.example", other_org, Role.MANAGER, "Olle Outsider")


@pytest.fixture
def outsider_admin(other_org):
    return _user("admin@andra.example", other_org, Role.ADMIN, "Alva Admin")


def practice(number: int) -> Practice:
    return Practice.objects.get(organisation__isnull=True, number=number)


@pytest.fixture
def plan_item(manager):
    return actions.do_add_plan_item(manager, practice(43), Target.parse("2/week"))


@pytest.fixture
def client_for(client):
    def sign_in(membership):
        client.force_login(membership.user)
        return client

    return sign_in
