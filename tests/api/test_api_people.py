"""People, feedback and needs through the API, each through the existing actions."""

import pytest

from engagera.feedback.models import Feedback
from engagera.needs.models import Need


@pytest.fixture
def api(api_for, manager, person):
    return api_for(manager)


def test_it_lists_and_shows_the_people_the_manager_leads(api, person):
    body = api.get("/api/v1/people").json()
    assert [p["full_name"] for p in body["items"]] == ["Maja Månsson"]
    one = api.get(f"/api/v1/people/{person.pk}")
    assert one.status_code == 200 and one.json()["team"] == "Hemtjänst"


def test_it_records_and_lists_feedback(api, person, manager):
    response = api.post(
        "/api/v1/feedback", {"person": person.pk, "kind": "developmental", "note": "tydligare"}
    )
    assert response.status_code == 201, response.content
    feedback = Feedback.objects.get()
    assert feedback.author == manager.user and feedback.kind == "developmental"
    assert api.get("/api/v1/feedback").json()["count"] == 1
    assert api.get("/api/v1/feedback", person=person.pk).json()["items"][0]["note"] == "tydligare"


def test_a_wrong_kind_of_feedback_is_a_422(api, person):
    response = api.post("/api/v1/feedback", {"person": person.pk, "kind": "praise"})
    assert response.status_code == 422
    assert "kind" in response.json()["error"]["fields"]
    assert not Feedback.objects.exists()


def test_a_member_cannot_list_feedback(api_for, member):
    response = api_for(member).get("/api/v1/feedback")
    assert response.status_code == 403


def test_it_raises_starts_and_closes_a_need(api, person):
    response = api.post(
        "/api/v1/needs", {"person": person.pk, "category": "help", "description": "ny skärm"}
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert api.get(f"/api/v1/needs/{pk}").json()["status"] == "open"
    assert api.post(f"/api/v1/needs/{pk}/start").json()["status"] == "in_progress"
    refused = api.post(f"/api/v1/needs/{pk}/close", {"status": "declined"})
    assert refused.status_code == 400 and "reason" in refused.json()["error"]["fields"]
    closed = api.post(f"/api/v1/needs/{pk}/close", {"status": "done"})
    assert closed.status_code == 200 and closed.json()["resolved_at"]
    assert api.get("/api/v1/needs").json()["count"] == 1
    assert Need.objects.get().status == "done"
