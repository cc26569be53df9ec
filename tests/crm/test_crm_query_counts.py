"""The person's timeline and the team overview use the same number of queries at any history length."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagera.feedback.models import Feedback
from engagera.needs.models import Need
from engagera.oneonones.models import Meeting
from engagera.people.models import Person


def add_history(manager, person, years: int) -> None:
    today = manager.organisation.today()
    days = range(0, 365 * years, 7)
    Feedback.objects.bulk_create(
        Feedback(
            organisation=manager.organisation,
            person=person,
            author=manager.user,
            kind="reinforcing",
            given_on=today - timedelta(days=n),
            note="bra",
        )
        for n in days
    )
    Meeting.objects.bulk_create(
        Meeting(
            organisation=manager.organisation,
            person=person,
            manager=manager.user,
            scheduled_on=today - timedelta(days=n),
            held_on=today - timedelta(days=n),
        )
        for n in range(0, 365 * years, 14)
    )
    from django.utils import timezone

    Need.objects.bulk_create(
        Need(
            organisation=manager.organisation,
            person=person,
            category="help",
            description="x",
            raised_at=timezone.now() - timedelta(days=n),
            status="done",
        )
        for n in range(0, 365 * years, 30)
    )


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_it_uses_constant_queries_for_timeline_and_overview(client_for, manager, team, person):
    other = Person.objects.create(
        organisation=team.organisation, team=team, full_name="Lång Historia"
    )
    add_history(manager, person, 0)
    add_history(manager, other, 5)
    client = client_for(manager)
    client.get(reverse("team_overview"))
    short = count(client, reverse("person", args=[person.pk]))
    long = count(client, reverse("person", args=[other.pk]))
    assert short == long
    before = count(client, reverse("team_overview"))
    for n in range(10):
        extra = Person.objects.create(
            organisation=team.organisation, team=team, full_name=f"Ny {n}"
        )
        add_history(manager, extra, 1)
    assert count(client, reverse("team_overview")) == before
