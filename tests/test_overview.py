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
        },
    )
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    admin.organisation.refresh_from_db()
    assert admin.organisation.slipping_strength == 0.6
