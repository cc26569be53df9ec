"""Every new URL of the employees' side, tried by members and managers of another team and
of another organisation: 403 or 404, nothing of the victim shown, nothing changed."""

import pytest
from django.urls import reverse

from engagera.ideas.actions import do_build_on, do_post_idea
from engagera.ideas.models import BuildOn, Idea
from engagera.recognition.actions import do_recognise, do_start_group_reward
from engagera.recognition.models import GroupReward, Reaction, Recognition
from tests.recognition.conftest import person_of

SECRET = "TEAM-A-ONLY-5b1e"
POST = {
    "kind": "thanks",
    "reason": "x",
    "options": "x",
    "choice": "x",
    "state": "planned",
    "text": "x",
    "status": "parked",
    "title": "x",
}


@pytest.fixture
def victims(manager, maja, tove, team_a, driver):
    public = do_recognise(maja, person_of(tove), message=SECRET, driver=driver)
    private = do_recognise(
        tove, person_of(maja), message=SECRET, driver=driver, visibility="private"
    )
    reward = do_start_group_reward(manager, public, options=SECRET)
    idea = do_post_idea(maja, team_a, title=SECRET, text=SECRET)
    do_build_on(tove, idea, text=SECRET)
    return {"public": public, "private": private, "reward": reward, "idea": idea}


def urls(v):
    for item in (v["public"], v["private"]):
        yield "get", reverse("recognition", args=[item.pk])
        for name in ("react", "hide_recognition", "start_reward"):
            yield "post", reverse(name, args=[item.pk])
    for name in ("choose_reward", "advance_reward"):
        yield "post", reverse(name, args=[v["reward"].pk])
    yield "get", reverse("idea", args=[v["idea"].pk])
    for name in ("build_on_idea", "mark_idea"):
        yield "post", reverse(name, args=[v["idea"].pk])
    yield "get", reverse("idea_board") + f"?team={v['idea'].team_id}"
    yield "post", reverse("idea_board") + f"?team={v['idea'].team_id}"  # post to their board


def state():
    return (
        list(Recognition.objects.values_list("hidden_at", "message").order_by("pk")),
        list(GroupReward.objects.values_list("state", "choice").order_by("pk")),
        Reaction.objects.count(),
        BuildOn.objects.count(),
        list(Idea.objects.values_list("status", "title").order_by("pk")),
    )


def test_no_one_outside_the_team_reaches_its_items(
    client_for, victims, kalle, colleague, stranger, outsider
):
    before = state()
    for attacker in (kalle, colleague, stranger, outsider):
        client = client_for(attacker)
        for method, url in urls(victims):
            response = client.get(url) if method == "get" else client.post(url, POST)
            assert response.status_code in (403, 404), (attacker.user.email, url)
            assert SECRET not in response.content.decode()
        for page in ("recognition_feed", "me", "idea_board", "recognise"):
            response = client.get(reverse(page))
            assert response.status_code in (200, 403) and SECRET not in response.content.decode()
        if attacker.can_lead:
            for page in ("recognition_spread", "name_hero", "invite_people"):
                assert SECRET not in client.get(reverse(page)).content.decode()
    assert state() == before


def test_a_teammate_sees_the_public_item_but_not_the_private_one(client_for, victims, tove, maja):
    from tests.recognition.conftest import member_in

    rut = member_in(victims["idea"].team, "rut@solbacka.example", "Rut Rask")
    client = client_for(rut)
    assert client.get(reverse("recognition", args=[victims["public"].pk])).status_code == 200
    assert client.get(reverse("recognition", args=[victims["private"].pk])).status_code == 404
    assert client.get(reverse("idea", args=[victims["idea"].pk])).status_code == 200
