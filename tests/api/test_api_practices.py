"""The practice loop through the API: same numbers as the CLI, one write path."""

import io
import json
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command

from engagera.practices.models import Performance, Skip


@pytest.fixture
def api(api_for, manager, plan_item):
    return api_for(manager)


def test_it_lists_the_catalogue_with_pagination(api):
    response = api.get("/api/v1/practices", limit=5, offset=0)
    assert response.status_code == 200
    body = response.json()
    assert len(body["items"]) == 5 and body["count"] > 5
    assert body["items"][0]["number"] == 1
    second = api.get("/api/v1/practices", limit=5, offset=5).json()
    assert second["items"][0]["number"] != body["items"][0]["number"]


def test_it_refuses_a_limit_above_the_maximum(api):
    response = api.get("/api/v1/practices", limit=1000)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert "limit" in response.json()["error"]["fields"]


def test_it_shows_the_plan(api, plan_item):
    body = api.get("/api/v1/plan").json()
    assert body["count"] == 1
    assert body["items"][0]["practice"] == 43 and body["items"][0]["target"] == "2/week"


def test_status_has_the_same_numbers_as_the_cli(api, manager, plan_item):
    api.post("/api/v1/performances", {"practice": "43"})
    out = io.StringIO()
    call_command("status", "--user", manager.user.email, "--json", stdout=out)
    cli = json.loads(out.getvalue())
    api.language = "en"  # the CLI speaks English; the API follows Accept-Language
    response = api.get("/api/v1/status")
    assert response.status_code == 200
    assert response.json() == cli
    assert response.json()["items"][0]["performances_this_period"] == 1


def test_it_logs_lists_and_deletes_a_performance(api, plan_item):
    token = str(uuid.uuid4())
    response = api.post(
        "/api/v1/performances", {"practice": "give-feedback-often", "note": "bra", "token": token}
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["created"] is True and created["performance"]["practice"] == 43
    again = api.post("/api/v1/performances", {"practice": "43", "token": token})
    assert again.status_code == 201 and again.json()["created"] is False
    assert Performance.objects.filter(plan_item=plan_item).count() == 1
    listed = api.get("/api/v1/performances").json()
    assert [p["id"] for p in listed["items"]] == [created["performance"]["id"]]
    pk = created["performance"]["id"]
    assert api.delete(f"/api/v1/performances/{pk}").status_code == 204
    assert not Performance.objects.filter(pk=pk).exists()
    assert api.delete(f"/api/v1/performances/{pk}").status_code == 404


def test_a_refused_log_is_a_400_with_the_field(api, manager, plan_item):
    future = (manager.organisation.today() + timedelta(days=3)).isoformat()
    response = api.post("/api/v1/performances", {"practice": "43", "day": future})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "refused" and "day" in error["fields"]


def test_a_practice_outside_the_plan_is_refused(api):
    response = api.post("/api/v1/performances", {"practice": "1"})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"practice": ["not in plan"]}


def test_it_pauses_and_resumes_days(api, manager, plan_item):
    today = manager.organisation.today()
    response = api.post(
        "/api/v1/skips",
        {
            "practices": ["43"],
            "first": (today - timedelta(days=2)).isoformat(),
            "last": today.isoformat(),
        },
    )
    assert response.status_code == 201 and response.json() == {"created": 3}
    listed = api.get("/api/v1/skips").json()
    assert listed["count"] == 3
    pk = listed["items"][0]["id"]
    assert api.delete(f"/api/v1/skips/{pk}").status_code == 204
    assert Skip.objects.filter(plan_item=plan_item).count() == 2


def test_a_read_token_cannot_write(api_for, manager, plan_item):
    api = api_for(manager, scope="read")
    assert api.get("/api/v1/status").status_code == 200
    response = api.post("/api/v1/performances", {"practice": "43"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "read_only_token"
    assert not Performance.objects.exists()


def test_me_tells_whose_token_it_is(api, manager):
    body = api.get("/api/v1/me").json()
    assert body["email"] == manager.user.email and body["scope"] == "write"
    assert body["organisation"] == "solbacka"
