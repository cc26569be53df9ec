"""The private calendar feed: valid iCalendar, stable UIDs, the organisation's time zone,
a secret address stored hashed and replaced on request."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse

from engagera.lib.habits import Target
from engagera.oneonones.actions import do_plan_meeting
from engagera.people.models import Person, Team
from engagera.practices import actions
from engagera.reminders.actions import do_regenerate_calendar_feed, hash_secret
from engagera.reminders.models import CalendarFeed
from tests.conftest import practice


@pytest.fixture
def planned(manager):
    team = Team.objects.create(organisation=manager.organisation, name="Team")
    team.managers.add(manager.user)
    person = Person.objects.create(organisation=manager.organisation, team=team, full_name="Maja")
    meeting = do_plan_meeting(manager, person, on=manager.organisation.today() + timedelta(days=3))
    item = actions.do_add_plan_item(manager, practice(43), Target.parse("2/week"))
    return meeting, item


def fetch(client, secret):
    return client.get(reverse("calendar_feed", args=[secret]))


def test_it_is_valid_icalendar_with_stable_uids(client, manager, planned):
    meeting, item = planned
    secret = do_regenerate_calendar_feed(manager)
    first = fetch(client, secret)
    assert first.status_code == 200 and first["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(first.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"meeting-{meeting.pk}@engagera",
        f"plan-{item.pk}@engagera",
        f"review-{manager.pk}@engagera",
    }
    assert "Maja" in str(events[f"meeting-{meeting.pk}@engagera"]["SUMMARY"])
    assert events[f"meeting-{meeting.pk}@engagera"].decoded("DTSTART") == meeting.scheduled_on
    plan = events[f"plan-{item.pk}@engagera"]
    assert plan["RRULE"]["FREQ"] == ["DAILY"] and plan["RRULE"]["INTERVAL"] == [7]
    again = icalendar.Calendar.from_ical(fetch(client, secret).content)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)


def test_timed_events_are_in_the_organisations_time_zone(client, manager, planned, org):
    org.time_zone, org.digest_hour = "Europe/Stockholm", 8
    org.save(update_fields=["time_zone", "digest_hour"])
    calendar = icalendar.Calendar.from_ical(
        fetch(client, do_regenerate_calendar_feed(manager)).content
    )
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Stockholm"
    [review] = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("review-")]
    start = review.decoded("DTSTART")
    assert start.hour == 8 and str(start.tzinfo) == "Europe/Stockholm"
    assert review["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar


def test_the_secret_is_stored_hashed_and_a_new_one_revokes_the_old(client, manager, planned):
    old = do_regenerate_calendar_feed(manager)
    assert CalendarFeed.objects.get().secret_hash == hash_secret(old)
    assert old not in CalendarFeed.objects.get().secret_hash
    new = do_regenerate_calendar_feed(manager)
    assert fetch(client, old).status_code == 404
    assert fetch(client, new).status_code == 200


def test_the_settings_page_makes_and_shows_the_address_once(client_for, manager, planned):
    client = client_for(manager)
    response = client.post(reverse("regenerate_calendar_feed"), follow=True)
    url = re.search(r'data-testid="calendar-url">([^<]+)<', response.content.decode()).group(1)
    assert url.startswith("http://testserver/calendar/")
    client.logout()
    assert client.get(url.removeprefix("http://testserver")).status_code == 200
    manager.user.refresh_from_db()  # signing out raised the session epoch
    page = client_for(manager).get(reverse("reminder_settings"))
    assert page.status_code == 200
    assert url not in page.content.decode()
    revoked = client.post(reverse("revoke_calendar_feed"))
    assert revoked.status_code == 302, revoked
    assert revoked["Location"] == reverse("reminder_settings"), revoked["Location"]
    assert client.get(url.removeprefix("http://testserver")).status_code == 404


def test_a_feed_shows_nothing_of_other_managers(client, manager, colleague, planned):
    secret = do_regenerate_calendar_feed(colleague)
    calendar = icalendar.Calendar.from_ical(fetch(client, secret).content)
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [f"review-{colleague.pk}@engagera"]


def test_the_reminder_settings_page_saves_preferences(client_for, manager):
    from engagera.reminders.queries import digest_preference

    client = client_for(manager)
    assert client.get(reverse("reminder_settings")).status_code == 200
    response = client.post(
        reverse("reminder_settings"), {"weekly": "on", "weekday": "4", "hour": "15"}
    )
    assert response.status_code == 302
    pref = digest_preference(manager)
    assert (pref.weekly, pref.weekday, pref.hour, pref.daily_nudge) == (True, 4, 15, False)
