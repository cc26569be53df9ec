"""Leaders' pages: opening, results only after closing, who sees what, practices to the plan."""

from datetime import timedelta

import pytest
from django.urls import reverse

from engagera.lib.habits import Target
from engagera.practices import actions as practice_actions
from engagera.practices.models import PlanItem, PlanState, Practice
from engagera.surveys import actions
from engagera.surveys.models import Round

from .conftest import answer_all, make_team, open_now


@pytest.fixture
def closed_round(manager):
    team = make_team(manager.organisation, "Kök", people=8, managers=[manager])
    round_ = open_now(manager, team)
    answer_all(round_, agreement=2, recommend=4, comment="För mycket att göra")
    actions.do_close_round(manager, round_)
    return round_


def test_it_opens_a_round_from_the_form(client_for, manager):
    team = make_team(manager.organisation, "Kök", people=6, managers=[manager])
    client = client_for(manager)
    today = manager.organisation.today()
    response = client.post(
        reverse("survey_open"),
        {
            "team": str(team.pk),
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=7)).isoformat(),
        },
    )
    round_ = Round.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "survey_round", args=[round_.pk]
    )
    assert round_.invitations.count() == 6


def test_a_manager_cannot_open_a_round_for_the_organisation_or_another_team(
    client_for, manager, colleague
):
    other = make_team(manager.organisation, "Andras", people=6, managers=[colleague])
    today = manager.organisation.today().isoformat()
    client = client_for(manager)
    for team in ("all", str(other.pk)):
        response = client.post(
            reverse("survey_open"), {"team": team, "opens_on": today, "closes_on": today}
        )
        assert response.status_code == 200
    assert not Round.objects.exists()


def test_an_admin_opens_a_round_for_the_whole_organisation(admin, manager):
    make_team(manager.organisation, "Kök", people=6, managers=[manager])
    round_ = open_now(admin, None)
    assert round_.team is None and round_.invitations.count() == 6


def test_bad_dates_are_refused(manager):
    team = make_team(manager.organisation, "Kök", people=6, managers=[manager])
    today = manager.organisation.today()
    for opens, closes in (
        (today - timedelta(days=1), today),
        (today, today - timedelta(days=1)),
        (today, today + timedelta(days=90)),
    ):
        with pytest.raises(actions.ActionError):
            actions.do_open_round(manager, team=team, opens_on=opens, closes_on=closes)


def test_results_appear_only_after_the_round_closes(client_for, manager):
    team = make_team(manager.organisation, "Kök", people=6, managers=[manager])
    round_ = open_now(manager, team)
    answer_all(round_)
    client = client_for(manager)
    response = client.get(reverse("survey_results", args=[round_.pk]))
    assert response.status_code == 302  # back to the round page: no figures yet
    page = client.get(reverse("survey_round", args=[round_.pk])).content.decode()
    assert "6" in page
    client.post(reverse("survey_close", args=[round_.pk]))
    assert client.get(reverse("survey_results", args=[round_.pk])).status_code == 200


def test_the_results_page_shows_scores_counts_and_recommendation(client_for, manager, closed_round):
    page = (
        client_for(manager).get(reverse("survey_results", args=[closed_round.pk])).content.decode()
    )
    assert "För mycket att göra" in page  # 8 comments >= 8
    assert "-100" in page  # everyone answered 4: all detractors
    assert "2,0" in page or "2.0" in page
    assert "Net Promoter" not in page


def signed_in(membership):
    from django.test import Client

    client = Client()
    client.force_login(membership.user)
    return client


def test_who_sees_results(manager, colleague, member, admin, outsider_admin, closed_round):
    url = reverse("survey_results", args=[closed_round.pk])
    assert signed_in(manager).get(url).status_code == 200
    assert signed_in(admin).get(url).status_code == 200
    assert signed_in(colleague).get(url).status_code == 404  # manager of another team
    assert signed_in(member).get(url).status_code == 403
    assert signed_in(outsider_admin).get(url).status_code == 404
    for name in ("survey_trend", "survey_measured"):
        team_url = reverse(name, args=[closed_round.team_id])
        assert signed_in(manager).get(team_url).status_code == 200
        assert signed_in(colleague).get(team_url).status_code == 404
        assert signed_in(outsider_admin).get(team_url).status_code == 404
    # The organisation as a whole: administrators only.
    assert signed_in(manager).get(reverse("survey_trend", args=[0])).status_code == 404


def test_a_manager_adds_a_suggested_practice_with_one_click(client_for, manager, closed_round):
    client = client_for(manager)
    page = client.get(reverse("survey_results", args=[closed_round.pk])).content.decode()
    assert (
        "survey_add_practice" not in page
        and reverse("survey_add_practice", args=[closed_round.pk]) in page
    )
    practice = Practice.objects.filter(organisation__isnull=True, drivers__code="workload").first()
    response = client.post(
        reverse("survey_add_practice", args=[closed_round.pk]), {"practice": practice.slug}
    )
    assert response.status_code == 302
    assert PlanItem.objects.filter(manager=manager.user, practice=practice).exists()


def test_adding_beyond_the_learning_limit_asks_first(client_for, manager, closed_round):
    organisation = manager.organisation
    numbers = iter(
        Practice.objects.filter(organisation__isnull=True)
        .exclude(drivers__code="workload")
        .values_list("number", flat=True)
    )
    while (
        PlanItem.objects.filter(manager=manager.user, state=PlanState.LEARNING).count()
        < organisation.max_learning
    ):
        practice_actions.do_add_plan_item(
            manager,
            Practice.objects.get(organisation__isnull=True, number=next(numbers)),
            Target.parse("1/week"),
        )
    practice = Practice.objects.filter(organisation__isnull=True, drivers__code="workload").first()
    client = client_for(manager)
    url = reverse("survey_add_practice", args=[closed_round.pk])
    response = client.post(url, {"practice": practice.slug})
    assert response.status_code == 200 and 'name="confirmed" value="1"' in response.content.decode()
    assert not PlanItem.objects.filter(manager=manager.user, practice=practice).exists()
    client.post(url, {"practice": practice.slug, "confirmed": "1"})
    assert PlanItem.objects.filter(manager=manager.user, practice=practice).exists()


def test_trend_and_done_and_measured(client_for, manager, closed_round):
    client = client_for(manager)
    team = closed_round.team
    second = open_now(manager, team)
    answer_all(second, agreement=4, recommend=9)
    actions.do_close_round(manager, second)
    trend = client.get(reverse("survey_trend", args=[team.pk]))
    assert trend.status_code == 200
    assert b"<svg" in trend.content and b"<table" in trend.content
    results = client.get(reverse("survey_results", args=[second.pk])).content.decode()
    assert "+200" in results  # recommendation went from -100 to +100
    measured = client.get(reverse("survey_measured", args=[team.pk])).content.decode()
    assert "do not show that one caused the other" in measured or "orsak" in measured


def test_closing_and_reminding_need_the_rounds_manager(client_for, manager, colleague):
    team = make_team(manager.organisation, "Kök", people=6, managers=[manager])
    round_ = open_now(manager, team)
    client = client_for(colleague)
    assert client.post(reverse("survey_close", args=[round_.pk])).status_code == 404
    assert client.post(reverse("survey_remind", args=[round_.pk])).status_code == 404
    round_.refresh_from_db()
    assert not round_.closed_early
