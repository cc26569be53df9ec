"""The administrators' overview: adoption for everyone, individuals only if the organisation allows."""

from django.urls import reverse

from engagera.lib.habits import Target
from engagera.practices import actions
from tests.conftest import practice


def test_it_shows_only_aggregates_by_default(client_for, admin, manager, colleague):
    actions.do_add_plan_item(manager, practice(43), Target.parse("2/week"))
    actions.do_add_plan_item(colleague, practice(43), Target.parse("1/week"))
    body = client_for(admin).get(reverse("overview")).content.decode()
    assert practice(43).title_sv in body
    assert manager.user.full_name not in body and colleague.user.full_name not in body


def test_it_shows_each_manager_when_the_organisation_allows(client_for, admin, manager, colleague):
    admin.organisation.admins_see_individuals = True
    admin.organisation.save()
    item = actions.do_add_plan_item(manager, practice(43), Target.parse("2/week"))
    actions.do_log_performance(manager, item)
    response = client_for(admin).get(reverse("overview"))
    body = response.content.decode()
    assert manager.user.full_name in body
    adoption = response.context["o"]["adoption"]
    assert [(row["practice"].number, row["managers"], row["established"]) for row in adoption] == [
        (43, 1, 0)
    ]


def test_it_counts_established_items_once_whatever_the_history(client_for, admin, manager):
    item = actions.do_add_plan_item(manager, practice(43), Target.parse("2/week"))
    for _ in range(3):
        actions.do_log_performance(manager, item)
    item.state = "established"
    item.save()
    adoption = client_for(admin).get(reverse("overview")).context["o"]["adoption"]
    assert adoption[0]["established"] == 1


def test_it_saves_the_organisation_settings(client_for, admin):
    response = client_for(admin).post(
        reverse("organisation_settings"),
        {
            "name": "Solbacka",
            "language": "en",
            "max_learning": 2,
            "established_strength": 75,
            "established_min_days": 50,
            "slipping_strength": 55,
            "admins_see_individuals": "on",
            "feedback_wait_days": 21,
            "need_target_working_days": 3,
            "survey_min_responses": 7,
            "survey_min_comments": 10,
            "recognition_weekly_limit": 3,
            "unseen_after_weeks": 6,
            "digest_weekday": 4,
            "digest_hour": 7,
        },
    )
    assert response.status_code == 302
    admin.organisation.refresh_from_db()
    assert (
        admin.organisation.established_strength == 0.75
        and admin.organisation.admins_see_individuals
    )
    assert (admin.organisation.feedback_wait_days, admin.organisation.need_target_working_days) == (
        21,
        3,
    )
    organisation = admin.organisation
    assert (organisation.survey_min_responses, organisation.survey_min_comments) == (7, 10)
    assert (organisation.recognition_weekly_limit, organisation.unseen_after_weeks) == (3, 6)
    assert (organisation.digest_weekday, organisation.digest_hour) == (4, 7)


def test_it_never_lets_the_survey_threshold_fall_under_three(client_for, admin):
    data = {
        "name": "Solbacka",
        "language": "sv",
        "max_learning": 3,
        "established_strength": 80,
        "established_min_days": 66,
        "slipping_strength": 60,
        "feedback_wait_days": 14,
        "need_target_working_days": 5,
        "survey_min_responses": 2,
        "survey_min_comments": 8,
        "recognition_weekly_limit": 5,
        "unseen_after_weeks": 4,
        "digest_weekday": 0,
        "digest_hour": 8,
    }
    response = client_for(admin).post(reverse("organisation_settings"), data)
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    admin.organisation.refresh_from_db()
    assert admin.organisation.survey_min_responses == 5


def test_it_refuses_a_slipping_level_above_the_established_one(client_for, admin):
    response = client_for(admin).post(
        reverse("organisation_settings"),
        {
            "name": "Solbacka",
            "language": "sv",
            "max_learning": 3,
            "established_strength": 60,
            "established_min_days": 66,
            "slipping_strength": 70,
            "feedback_wait_days": 14,
            "need_target_working_days": 5,
            "survey_min_responses": 5,
            "survey_min_comments": 8,
            "recognition_weekly_limit": 5,
            "unseen_after_weeks": 4,
            "digest_weekday": 0,
            "digest_hour": 8,
        },
    )
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    admin.organisation.refresh_from_db()
    assert admin.organisation.slipping_strength == 0.6


def test_it_keeps_the_figures_for_ten_minutes_and_says_when_they_were_computed(
    client_for, admin, manager
):
    from django.core.cache import cache

    cache.clear()
    item = actions.do_add_plan_item(manager, practice(43), Target.parse("2/week"))
    client = client_for(admin)
    first = client.get(reverse("overview")).context["o"]
    actions.do_log_performance(manager, item)
    assert client.get(reverse("overview")).context["o"]["computed_at"] == first["computed_at"]
    cache.clear()  # what ten minutes do
    again = client.get(reverse("overview"))
    assert again.context["o"]["computed_at"] > first["computed_at"]
    assert again.context["o"]["adoption"][0]["last"] == manager.organisation.today()


def test_it_shows_fifty_managers_a_page(client_for, admin, manager, colleague, monkeypatch):
    from django.core.cache import cache

    from engagera.practices import queries

    cache.clear()
    monkeypatch.setattr(queries, "MANAGERS_PER_PAGE", 1)
    admin.organisation.admins_see_individuals = True
    admin.organisation.save()
    actions.do_add_plan_item(manager, practice(43), Target.parse("2/week"))
    actions.do_add_plan_item(colleague, practice(41), Target.parse("1/week"))
    client = client_for(admin)
    first = client.get(reverse("overview")).content.decode()
    second = client.get(reverse("overview") + "?page=2").content.decode()
    assert manager.user.full_name in first and colleague.user.full_name not in first
    assert colleague.user.full_name in second and manager.user.full_name not in second
    assert 'rel="next"' in first and 'rel="prev"' in second
