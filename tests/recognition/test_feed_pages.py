"""The recognition feed pages back through older items and filters by team, within what
the viewer may see."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from engagera.recognition.models import Recognition
from tests.recognition.conftest import person_of


def _post_many(giver, receiver, count, driver, *, team=None, start=0):
    """`count` public items, one a minute apart (same timestamps would be ambiguous)."""
    now = timezone.now()
    return Recognition.objects.bulk_create(
        Recognition(
            organisation=receiver.organisation,
            team=team or receiver.team,
            giver=giver.user,
            receiver=receiver,
            message=f"Tack nummer {start + n}",
            driver=driver,
            created_at=now - timedelta(minutes=start + n),
        )
        for n in range(count)
    )


def _messages(body: str) -> list[int]:
    return [int(n) for n in re.findall(r"Tack nummer (\d+)", body)]


def _older(body: str) -> str | None:
    found = re.search(r'href="(\?[^"]*before=\d+)" rel="next"', body)
    return found.group(1).replace("&amp;", "&") if found else None


def test_it_pages_back_through_every_item_once(client_for, maja, tove, driver):
    _post_many(maja, person_of(tove), 65, driver)
    client = client_for(tove)
    seen, url = [], reverse("recognition_feed")
    while url:
        body = client.get(url).content.decode()
        seen += _messages(body)
        following = _older(body)
        url = reverse("recognition_feed") + following if following else None
    assert seen == list(range(65))  # newest first, none twice, none missing
    assert len(_messages(client.get(reverse("recognition_feed")).content.decode())) == 30


def test_items_with_the_same_time_are_not_lost_between_pages(client_for, maja, tove, driver):
    same = timezone.now()
    items = _post_many(maja, person_of(tove), 40, driver)
    Recognition.objects.filter(pk__in=[i.pk for i in items]).update(created_at=same)
    client = client_for(tove)
    first = client.get(reverse("recognition_feed")).content.decode()
    second = client.get(reverse("recognition_feed") + _older(first)).content.decode()
    assert sorted(_messages(first) + _messages(second)) == list(range(40))


def test_a_leader_filters_by_team(client_for, admin, maja, tove, kalle, driver):
    from engagera.people.models import Team

    _post_many(maja, person_of(tove), 3, driver)
    _post_many(tove, person_of(kalle), 2, driver, start=100)
    client = client_for(admin)  # leads every team
    everything = client.get(reverse("recognition_feed")).content.decode()
    assert sorted(_messages(everything)) == [0, 1, 2, 100, 101]
    kitchen = Team.objects.get(name="Köket")
    only = client.get(reverse("recognition_feed"), {"team": kitchen.pk}).content.decode()
    assert _messages(only) == [100, 101]


def test_nobody_reads_another_teams_or_organisations_feed_through_the_filter(
    client_for, maja, tove, kalle, stranger, driver
):
    from engagera.people.models import Team

    _post_many(tove, person_of(kalle), 2, driver, start=100)
    _post_many(stranger, person_of(stranger), 1, driver, start=200)
    kitchen = Team.objects.get(name="Köket")
    far = Team.objects.get(name="Långt bort")
    client = client_for(maja)  # a member of team A
    for team in (kitchen, far):
        response = client.get(reverse("recognition_feed"), {"team": team.pk})
        assert response.status_code == 404
    # An id from elsewhere as the paging anchor shows nothing of it.
    foreign = Recognition.objects.filter(organisation=stranger.organisation).get()
    body = client.get(reverse("recognition_feed"), {"before": foreign.pk}).content.decode()
    assert 200 not in _messages(body) and 100 not in _messages(body)
