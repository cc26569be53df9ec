"""A token of organisation A never reaches organisation B: every object URL in the OpenAPI
description, with B's object, is a 404 and changes nothing; no list shows B's data."""

import hashlib

import pytest
from django.core import serializers

from engagera.api.api import api as ninja_api
from engagera.feedback.actions import do_log_feedback
from engagera.feedback.models import Feedback
from engagera.needs.actions import do_raise_need
from engagera.needs.models import Need
from engagera.people.models import Person
from engagera.practices import actions as practice_actions
from engagera.practices.models import Performance, PlanItem, Skip

SECRET = "B-SECRET-41d9"


@pytest.fixture
def victim(outsider, foreign_person):
    """Organisation B's objects, each carrying the secret where text goes."""
    from engagera.lib.habits import Target
    from tests.conftest import practice

    today = outsider.organisation.today()
    foreign_person.title = SECRET
    foreign_person.save()
    item = practice_actions.do_add_plan_item(outsider, practice(43), Target.parse("2/week"))
    performance, _ = practice_actions.do_log_performance(outsider, item, note=SECRET)
    practice_actions.do_skip_days(outsider, [item], today, today)
    do_log_feedback(outsider, foreign_person, kind="reinforcing", note=SECRET)
    need = do_raise_need(outsider, foreign_person, category="help", description=SECRET)
    round_ = _closed_round(outsider, foreign_person.team)
    _recognition(outsider, foreign_person.team)
    return {
        "survey-rounds": round_.pk,
        "people": foreign_person.pk,
        "needs": need.pk,
        "performances": performance.pk,
        "skips": Skip.objects.get(plan_item=item).pk,
    }


def _closed_round(membership, team):
    from engagera.surveys.actions import do_close_round
    from engagera.surveys.bank_sync import bank_is_loaded, sync_questions
    from tests.surveys.conftest import add_people, answer_all, open_now

    if not bank_is_loaded():
        sync_questions()
    add_people(team, 5, prefix="b")
    round_ = open_now(membership, team)
    answer_all(round_, comment=SECRET)
    return do_close_round(membership, round_)


def _recognition(membership, team):
    from engagera.core.actions import do_create_user
    from engagera.core.models import Role
    from engagera.practices.models import Driver
    from engagera.recognition.actions import do_recognise

    user = do_create_user(
        "b.member@andra.example",
        team.organisation,
        Role.MEMBER,
        password=None,
        check_password=False,
    )
    person = Person.objects.create(
        organisation=team.organisation, team=team, full_name=SECRET, user=user
    )
    do_recognise(membership, person, message=SECRET, driver=Driver.objects.first())


def snapshot() -> str:
    digest = hashlib.sha256()
    from engagera.recognition.models import Recognition
    from engagera.surveys.models import Round

    for model in (Performance, Skip, PlanItem, Feedback, Need, Recognition, Round):
        digest.update(serializers.serialize("json", model.objects.order_by("pk")).encode())
    return digest.hexdigest()


BODIES = {"/api/v1/needs/{pk}/close": {"status": "done"}}


def object_operations():
    schema = ninja_api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        if "{pk}" in path:
            for method in methods:
                yield method.upper(), path


@pytest.mark.parametrize("method,path", list(object_operations()))
def test_every_object_of_another_organisation_is_a_404(method, path, api_for, admin, victim):
    # An administrator of A: the widest view inside A, still nothing of B.
    api = api_for(admin)
    kind = path.split("/")[3]
    url = path.replace("{pk}", str(victim[kind]))
    before = snapshot()
    response = api.request(method, url, BODIES.get(path))
    assert response.status_code == 404, (method, url, response.content)
    assert response.json()["error"]["code"] == "not_found"
    assert SECRET not in response.content.decode()
    assert snapshot() == before


def test_writes_naming_another_organisations_person_are_404(api_for, manager, victim, plan_item):
    api = api_for(manager)
    person = victim["people"]
    before = snapshot()
    for path, body in [
        ("/api/v1/feedback", {"person": person, "kind": "reinforcing"}),
        ("/api/v1/needs", {"person": person, "category": "help", "description": "x"}),
        ("/api/v1/performances", {"practice": "43", "person": person}),
        ("/api/v1/recognitions", {"receiver": person, "message": "x", "driver": "recognition"}),
        ("/api/v1/heroes", {"person": person, "found_in": "process", "message": "x"}),
    ]:
        response = api.post(path, body)
        assert response.status_code == 404, (path, response.content)
    assert api.get("/api/v1/feedback", person=person).status_code == 404
    assert snapshot() == before


def test_no_list_shows_another_organisations_data(api_for, admin, victim):
    api = api_for(admin)
    for path in [
        "/api/v1/people",
        "/api/v1/feedback",
        "/api/v1/needs",
        "/api/v1/performances",
        "/api/v1/skips",
        "/api/v1/plan",
        "/api/v1/recognitions",
        "/api/v1/survey-rounds",
        "/api/v1/status",
    ]:
        response = api.get(path)
        assert response.status_code == 200, path
        assert SECRET not in response.content.decode(), path
        if "count" in response.json():
            assert response.json()["count"] == 0, path
