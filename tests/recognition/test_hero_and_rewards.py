"""The hero of the day (50) and group rewards (44): both count in the manager's plan."""

import pytest
from django.urls import reverse

from engagera.core import events
from engagera.core.errors import ActionError
from engagera.lib.habits import Target
from engagera.practices.actions import do_add_plan_item
from engagera.practices.models import Performance
from engagera.recognition import actions
from engagera.recognition.models import GroupReward, Kind, Recognition, RewardState
from tests.conftest import practice
from tests.recognition.conftest import person_of

PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'


@pytest.fixture
def plan(manager):
    return {
        n: do_add_plan_item(manager, practice(n), Target.parse("1/week"), confirmed=True)
        for n in (44, 50)
    }


def test_it_names_a_hero_of_the_day_and_counts_practice_50(
    client_for, manager, maja, tove, plan, django_capture_on_commit_callbacks
):
    received = []
    handler = lambda org, kind, payload: received.append(payload)  # noqa: E731
    events.subscribe("recognition.hero", handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(manager).post(
                reverse("name_hero"),
                {
                    "person": person_of(maja).pk,
                    "found_in": "process",
                    "message": "Såg att nyckelrutinen hoppade över helgerna",
                },
            )
    finally:
        events._handlers["recognition.hero"].remove(handler)
    assert response.status_code == 302
    hero = Recognition.objects.get()
    assert hero.kind == Kind.HERO and hero.found_in == "process" and hero.is_public
    assert [p["id"] for p in received] == [hero.pk]
    performance = Performance.objects.get(plan_item=plan[50])
    assert performance.person == person_of(maja)
    body = client_for(tove).get(reverse("recognition_feed")).content.decode()
    assert "Dagens hjälte" in body and "nyckelrutinen" in body  # Swedish by default


def test_it_lets_only_a_manager_name_a_hero_in_their_teams(client_for, manager, maja, kalle):
    assert client_for(maja).get(reverse("name_hero")).status_code == 403
    response = client_for(manager).post(
        reverse("name_hero"),
        {"person": person_of(kalle).pk, "found_in": "offer", "message": "x"},
    )
    assert response.status_code == 200  # not among the choices
    with pytest.raises(ActionError):
        actions.do_name_hero(manager, person_of(kalle), found_in="offer", message="x")
    assert Recognition.objects.count() == 0


def test_it_runs_a_group_reward_from_choice_to_done(client_for, manager, maja, tove, plan, driver):
    item = actions.do_recognise(tove, person_of(maja), message="Du fixade kön", driver=driver)
    manager_client = client_for(manager)
    manager_client.post(reverse("start_reward", args=[item.pk]), {"options": "Fika\nLunch ute\n\n"})
    reward = GroupReward.objects.get()
    assert reward.state == RewardState.OFFERED and reward.option_list() == ["Fika", "Lunch ute"]
    assert Performance.objects.filter(plan_item=plan[44]).count() == 1
    # Only the recognised person chooses.
    client_for(tove).post(reverse("choose_reward", args=[reward.pk]), {"choice": "Fika"})
    reward.refresh_from_db()
    assert reward.state == RewardState.OFFERED
    client_for(maja).post(
        reverse("choose_reward", args=[reward.pk]), {"choice": "Fika", "own": "Glass till alla"}
    )
    reward.refresh_from_db()
    assert (reward.state, reward.choice) == (RewardState.CHOSEN, "Glass till alla")
    # Not straight to done; planned first.
    manager_client = client_for(manager)  # one test client: sign the manager in again
    manager_client.post(reverse("advance_reward", args=[reward.pk]), {"state": "done"})
    reward.refresh_from_db()
    assert reward.state == RewardState.CHOSEN
    manager_client.post(
        reverse("advance_reward", args=[reward.pk]),
        {"state": "planned", "planned_on": "2026-12-04"},
    )
    manager_client.post(reverse("advance_reward", args=[reward.pk]), {"state": "done"})
    reward.refresh_from_db()
    assert reward.state == RewardState.DONE and str(reward.planned_on) == "2026-12-04"
    body = client_for(tove).get(reverse("recognition_feed")).content.decode()
    assert "Glass till alla" in body and "Gruppbelöning" in body


def test_it_refuses_rewards_from_members_other_managers_and_private_items(
    client_for, manager, colleague, maja, tove, driver
):
    item = actions.do_recognise(tove, person_of(maja), message="Tack", driver=driver)
    assert client_for(maja).post(reverse("start_reward", args=[item.pk])).status_code == 403
    assert client_for(colleague).post(reverse("start_reward", args=[item.pk])).status_code == 404
    private = actions.do_recognise(
        tove, person_of(maja), message="Privat", driver=driver, visibility="private"
    )
    with pytest.raises(ActionError):
        actions.do_start_group_reward(manager, private)
    actions.do_start_group_reward(manager, item)
    with pytest.raises(ActionError):  # one reward per recognition
        actions.do_start_group_reward(manager, item)
    assert GroupReward.objects.count() == 1


def test_it_keeps_rewards_of_other_teams_out_of_reach(
    client_for, manager, maja, tove, kalle, stranger, driver
):
    item = actions.do_recognise(tove, person_of(maja), message="Tack", driver=driver)
    reward = actions.do_start_group_reward(manager, item, options="Fika")
    for refused in (kalle, stranger):
        client = client_for(refused)
        assert (
            client.post(reverse("choose_reward", args=[reward.pk]), {"choice": "x"}).status_code
            == 404
        )
        assert client.post(
            reverse("advance_reward", args=[reward.pk]), {"state": "planned"}
        ).status_code in (403, 404)
    reward.refresh_from_db()
    assert reward.state == RewardState.OFFERED and reward.choice == ""


def test_it_escapes_script_in_the_hero_and_reward_fields(client_for, manager, maja, tove):
    hero = actions.do_name_hero(manager, person_of(maja), found_in="product", message=PAYLOAD)
    reward = actions.do_start_group_reward(manager, hero, options=PAYLOAD)
    actions.do_choose_reward(maja, reward, choice=PAYLOAD)
    for viewer in (maja, tove, manager):
        body = client_for(viewer).get(reverse("recognition", args=[hero.pk])).content.decode()
        assert "<script>window.__xss" not in body and 'onerror="window.__xss' not in body
