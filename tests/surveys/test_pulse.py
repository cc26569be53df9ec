"""The default short pulse rotates through the drivers; leaders can also choose questions."""

import pytest
from django.urls import reverse

from engagera.core.errors import ActionError
from engagera.practices.models import Driver
from engagera.surveys import actions
from engagera.surveys.models import Kind, Question, Round
from tests.surveys.conftest import make_team, open_now


def _drivers(round_):
    return {q.driver_id for q in round_.questions.all() if q.kind == Kind.AGREEMENT}


def test_the_short_pulse_asks_eight_questions_of_seven_drivers(manager):
    team = make_team(manager.organisation, "Kundtjänst", people=6, managers=[manager])
    round_ = open_now(manager, team)
    questions = list(round_.questions.all())
    assert len(questions) == 8
    assert sum(q.kind == Kind.RECOMMEND for q in questions) == 1
    assert len(_drivers(round_)) == 7  # one question from each of seven drivers


def test_every_driver_is_asked_within_two_rounds_and_questions_rotate(manager):
    team = make_team(manager.organisation, "Kundtjänst", people=6, managers=[manager])
    rounds = [open_now(manager, team) for _ in range(4)]
    all_drivers = set(
        Driver.objects.filter(survey_questions__active=True).values_list("pk", flat=True)
    )
    for first, second in zip(rounds, rounds[1:], strict=False):
        assert _drivers(first) | _drivers(second) == all_drivers
    asked = [
        set(r.questions.filter(kind=Kind.AGREEMENT).values_list("code", flat=True)) for r in rounds
    ]
    # A driver asked again gets another of its questions: more questions than drivers.
    assert len(set().union(*asked)) > len(all_drivers)


def test_a_leader_can_choose_questions_from_the_bank(client_for, manager):
    team = make_team(manager.organisation, "Kundtjänst", people=6, managers=[manager])
    chosen = list(Question.objects.filter(kind=Kind.AGREEMENT).order_by("id")[:3])
    today = manager.organisation.today()
    data = {
        "team": str(team.pk),
        "opens_on": today.isoformat(),
        "closes_on": today.isoformat(),
        "what": "custom",
        "questions": [q.code for q in chosen],
    }
    response = client_for(manager).post(reverse("survey_open"), data)
    assert response.status_code == 302
    round_ = Round.objects.get()
    assert set(round_.questions.all()) == set(chosen)


def test_choosing_no_question_is_refused_and_opens_nothing(client_for, manager):
    team = make_team(manager.organisation, "Kundtjänst", people=6, managers=[manager])
    today = manager.organisation.today()
    data = {
        "team": str(team.pk),
        "opens_on": today.isoformat(),
        "closes_on": today.isoformat(),
        "what": "custom",
    }
    response = client_for(manager).post(reverse("survey_open"), data)
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert not Round.objects.exists()
    with pytest.raises(ActionError) as refused:
        actions.do_open_round(manager, team=team, opens_on=today, closes_on=today, questions=[])
    assert refused.value.field == "questions"
    assert not Round.objects.exists()
