"""API fixtures: personal tokens, a client that sends them and records every call, so
test_openapi_coverage can prove each operation of the OpenAPI description was exercised."""

import json

import pytest

from engagera.api.actions import do_create_token
from engagera.people.models import Person, Team
from tests.browser.conftest import browser, new_page  # noqa: F401  (the docs page check)

CALLS: set[tuple[str, str]] = set()  # (METHOD, path) of every call the API tests made


class ApiClient:
    def __init__(self, client, secret: str):
        self.client = client
        self.secret = secret
        self.language = ""

    def _headers(self):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.secret}"} if self.secret else {}
        if self.language:
            headers["HTTP_ACCEPT_LANGUAGE"] = self.language
        return headers

    def request(self, method: str, path: str, body=None, **query):
        CALLS.add((method.upper(), path.split("?")[0]))
        call = getattr(self.client, method.lower())
        if method.upper() in ("POST", "PUT", "PATCH"):
            return call(
                path,
                data=json.dumps(body if body is not None else {}),
                content_type="application/json",
                **self._headers(),
            )
        return call(path, query or None, **self._headers())

    def get(self, path, **query):
        return self.request("GET", path, **query)

    def post(self, path, body=None):
        return self.request("POST", path, body)

    def delete(self, path):
        return self.request("DELETE", path)


def token_for(membership, scope="write", **kwargs) -> str:
    return do_create_token(membership, scope=scope, **kwargs)[1]


@pytest.fixture
def api_for(client):
    def make(membership, scope="write", **kwargs):
        return ApiClient(client, token_for(membership, scope, **kwargs))

    return make


@pytest.fixture
def team(manager):
    team = Team.objects.create(organisation=manager.organisation, name="Hemtjänst")
    team.managers.add(manager.user)
    return team


@pytest.fixture
def person(team):
    return Person.objects.create(
        organisation=team.organisation, team=team, full_name="Maja Månsson", email="maja@x.example"
    )


@pytest.fixture
def foreign_person(outsider):
    team = Team.objects.create(organisation=outsider.organisation, name="Andra teamet")
    team.managers.add(outsider.user)
    return Person.objects.create(
        organisation=outsider.organisation, team=team, full_name="Fia Främling"
    )


def pytest_collection_modifyitems(items):
    # The coverage check reads what the other API tests recorded: run it last.
    last = [item for item in items if item.get_closest_marker("api_coverage")]
    for item in last:
        items.remove(item)
        items.append(item)


def pytest_configure(config):
    config.addinivalue_line("markers", "api_coverage: runs after the other API tests")


@pytest.fixture
def api_calls():
    return CALLS


@pytest.fixture
def api_with(client):
    """A client that sends the given secret (or none)."""
    return lambda secret: ApiClient(client, secret)


@pytest.fixture
def make_token():
    return token_for
