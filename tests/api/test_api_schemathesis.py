"""Schemathesis against the OpenAPI description: generated requests for every operation,
with a valid write token; no 5xx, and every response matches the description."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from engagera.api.actions import do_create_token
from engagera.api.api import api
from engagera.feedback.actions import do_log_feedback
from engagera.needs.actions import do_raise_need
from engagera.people.models import Person, Team
from engagera.practices import actions as practice_actions

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
application = get_wsgi_application()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: a request through the raw WSGI app must not close the
    connection that holds the test's transaction (PostgreSQL would lose it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def secret(manager, plan_item):
    """A manager with a plan, a person, feedback and a need, so ids 1.. exist."""
    cache.clear()
    team = Team.objects.create(organisation=manager.organisation, name="Team")
    team.managers.add(manager.user)
    person = Person.objects.create(organisation=manager.organisation, team=team, full_name="P")
    practice_actions.do_log_performance(manager, plan_item)
    do_log_feedback(manager, person, kind="reinforcing")
    do_raise_need(manager, person, category="help", description="d")
    return do_create_token(manager, scope="write")[1]


@schema.parametrize()
@settings(
    max_examples=8,
    database=None,  # no .hypothesis directory in the checkout
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_operation_keeps_its_description(case, secret):
    case.call_and_validate(
        app=application, headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS
    )
