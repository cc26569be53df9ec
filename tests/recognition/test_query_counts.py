"""The feed, the member's page and the idea board read a fixed number of rows' worth of
queries, however many items, reactions and rewards there are (no N+1)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagera.ideas.actions import do_build_on, do_post_idea
from engagera.recognition.actions import (
    do_recognise,
    do_start_group_reward,
    do_toggle_reaction,
)
from tests.recognition.conftest import person_of


def add_items(manager, maja, tove, team_a, driver, n):
    for i in range(n):
        item = do_recognise(tove, person_of(maja), message=f"Tack {i}", driver=driver)
        do_toggle_reaction(maja, item, "thanks")
        do_toggle_reaction(manager, item, "applause")
        do_start_group_reward(manager, item, options="Fika")
        idea = do_post_idea(maja, team_a, title=f"Idé {i}")
        do_build_on(tove, idea, text="Ja!")


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_pages_do_not_grow_with_the_number_of_items(client, manager, maja, tove, team_a, driver):
    organisation = maja.organisation
    organisation.recognition_weekly_limit = 50
    organisation.save(update_fields=["recognition_weekly_limit"])
    urls = [reverse("recognition_feed"), reverse("me"), reverse("idea_board")]
    add_items(manager, maja, tove, team_a, driver, 2)
    counts = {}
    for viewer in (maja, manager):
        client.force_login(viewer.user)
        counts[viewer.pk] = [queries_for(client, url) for url in urls]
    add_items(manager, maja, tove, team_a, driver, 8)
    for viewer in (maja, manager):
        client.force_login(viewer.user)
        assert [queries_for(client, url) for url in urls] == counts[viewer.pk]
