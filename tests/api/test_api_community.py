"""Recognition and survey results through the API, via those areas' own actions and the
results function that enforces anonymity."""

import pytest

from engagera.core.actions import do_create_user
from engagera.core.models import Role
from engagera.people.models import Person, Team
from engagera.recognition.models import Recognition
from engagera.surveys import actions as survey_actions
from engagera.surveys.bank_sync import bank_is_loaded, sync_questions
from tests.surveys.conftest import answer_all, make_team, open_now


@pytest.fixture
def colleague_member(team):
    user = do_create_user(
        "kim@solbacka.example",
        team.organisation,
        Role.MEMBER,
        password=None,
        full_name="Kim Kollega",
        check_password=False,
    )
    return Person.objects.create(
        organisation=team.organisation, team=team, full_name="Kim Kollega", user=user
    )


def test_it_recognises_a_colleague_and_lists_it(api_for, manager, colleague_member):
    api = api_for(manager)
    response = api.post(
        "/api/v1/recognitions",
        {"receiver": colleague_member.pk, "message": "Tack för hjälpen!", "driver": "recognition"},
    )
    assert response.status_code == 201, response.content
    assert Recognition.objects.get().giver == manager.user
    listed = api.get("/api/v1/recognitions").json()
    assert listed["count"] == 1 and listed["items"][0]["receiver_name"] == "Kim Kollega"


def test_the_weekly_limit_holds_in_the_api(api_for, manager, colleague_member, org):
    org.recognition_weekly_limit = 1
    org.save(update_fields=["recognition_weekly_limit"])
    api = api_for(manager)
    body = {"receiver": colleague_member.pk, "message": "Bra!", "driver": "recognition"}
    assert api.post("/api/v1/recognitions", body).status_code == 201
    refused = api.post("/api/v1/recognitions", body)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "refused"
    assert Recognition.objects.count() == 1


def test_a_manager_names_the_hero_of_the_day(api_for, manager, person, member):
    response = api_for(manager).post(
        "/api/v1/heroes", {"person": person.pk, "found_in": "process", "message": "Fann felet"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "hero"
    refused = api_for(member).post(
        "/api/v1/heroes", {"person": person.pk, "found_in": "process", "message": "x"}
    )
    assert refused.status_code == 404  # a member sees nobody else
    assert Recognition.objects.count() == 1


def test_an_unknown_driver_is_refused(api_for, manager, colleague_member):
    response = api_for(manager).post(
        "/api/v1/recognitions",
        {"receiver": colleague_member.pk, "message": "Bra!", "driver": "nonsense"},
    )
    assert response.status_code == 400 and "driver" in response.json()["error"]["fields"]


@pytest.fixture
def survey(manager):
    if not bank_is_loaded():
        sync_questions()
    department = make_team(manager.organisation, "Hemtjänst", managers=[manager])
    a = make_team(manager.organisation, "Hemtjänst A", parent=department, people=6)
    make_team(manager.organisation, "Hemtjänst B", parent=department, people=3)
    # A third small team: what is not A (six) is then large enough to show the department.
    make_team(manager.organisation, "Hemtjänst C", parent=department, people=3)
    round_ = open_now(manager, department)
    answer_all(round_)
    return round_, a


def test_results_wait_for_the_round_to_close(api_for, manager, survey):
    round_, _a = survey
    api = api_for(manager)
    assert [r["id"] for r in api.get("/api/v1/survey-rounds").json()["items"]] == [round_.pk]
    response = api.get(f"/api/v1/survey-rounds/{round_.pk}/results")
    assert response.status_code == 409 and response.json()["error"]["code"] == "not_ready"


def test_results_keep_small_groups_hidden(api_for, manager, survey):
    round_, a = survey
    survey_actions.do_close_round(manager, round_)
    response = api_for(manager).get(f"/api/v1/survey-rounds/{round_.pk}/results")
    assert response.status_code == 200, response.content
    groups = {g["name"]: g for g in response.json()["groups"]}
    assert groups["Hemtjänst A"]["shown"] and groups["Hemtjänst A"]["responses"] == 6
    assert groups["Hemtjänst A"]["drivers"] and groups["Hemtjänst"]["responses"] == 12
    small = groups["Hemtjänst B"]
    assert small["shown"] is False and small["hidden_reason"]
    assert small["responses"] is None and small["drivers"] == [] and small["comments"] == []


def test_a_member_sees_no_rounds(api_for, member, survey):
    round_, _a = survey
    api = api_for(member)
    assert api.get("/api/v1/survey-rounds").json()["count"] == 0
    assert api.get(f"/api/v1/survey-rounds/{round_.pk}/results").status_code == 404


def test_a_manager_of_another_team_gets_404(api_for, colleague, survey):
    Team.objects.create(organisation=colleague.organisation, name="Köket").managers.add(
        colleague.user
    )
    round_, _a = survey
    assert api_for(colleague).get(f"/api/v1/survey-rounds/{round_.pk}/results").status_code == 404
