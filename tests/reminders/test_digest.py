"""The weekly digest, through a real SMTP server: who gets it, in which language, what it
says, and that an unsubscribed manager (or one with nothing to hear) gets nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult
from smtp_inbox import body

from engagera.core.models import Role
from engagera.lib.habits import Target
from engagera.people.models import Person, Team
from engagera.practices import actions
from engagera.reminders import digest, scheduler
from engagera.reminders.actions import do_save_digest_preference
from engagera.reminders.models import PeriodicSlot
from tests.conftest import practice


def due_now(organisation):
    """Make the organisation's default digest moment the current hour."""
    local = timezone.localtime(timezone.now(), organisation.tzinfo)
    organisation.digest_weekday, organisation.digest_hour = local.weekday(), local.hour
    organisation.save(update_fields=["digest_weekday", "digest_hour"])


def leads(membership, name):
    team = Team.objects.create(organisation=membership.organisation, name=f"Team {name}")
    team.managers.add(membership.user)
    return Person.objects.create(organisation=membership.organisation, team=team, full_name=name)


@pytest.fixture
def swedish(manager):
    actions.do_add_plan_item(manager, practice(43), Target.parse("2/week"))
    leads(manager, "Maja Månsson")
    return manager


@pytest.fixture
def english(colleague):
    colleague.user.language = "en"
    colleague.user.save(update_fields=["language"])
    actions.do_add_plan_item(colleague, practice(43), Target.parse("2/week"))
    leads(colleague, "Kim Kund")
    return colleague


def test_each_manager_gets_the_digest_in_their_language(smtp, swedish, english, org):
    due_now(org)
    scheduler.schedule_due()
    assert sorted(rcpt for e in smtp.envelopes for rcpt in e.rcpt_tos) == [
        "anna@solbacka.example",
        "bo@solbacka.example",
    ]
    [sv] = smtp.to("anna@solbacka.example")
    [en] = smtp.to("bo@solbacka.example")
    assert sv["Content-Language"] == "sv" and en["Content-Language"] == "en"
    assert "Ge återkoppling ofta" in body(sv) and "Give feedback often" not in body(sv)
    assert "Give feedback often" in body(en)
    assert "Maja Månsson" in body(sv) and "Kim Kund" not in body(sv)
    assert "Kim Kund" in body(en) and "Waiting for feedback" in body(en)
    assert "Your week in Engagera" in en["Subject"]
    with translation.override("sv"):
        subject_sv = gettext("Your week in Engagera, %(date)s") % {"date": ""}
        month_sv = date_format(org.today(), "F")
    assert sv["Subject"].startswith(subject_sv.strip())
    assert month_sv in sv["Subject"] and month_sv.lower() == month_sv  # "november", Swedish
    assert "0 of 2 done" in body(en) and "strength 0 %" in body(en)
    assert "Give feedback often" in body(en, "html") and "<h2>" in body(en, "html")
    link = digest.unsubscribe_url(english)
    assert link in body(en) and en["List-Unsubscribe"].strip() == f"<{link}>"


def test_the_digest_is_sent_once_a_week(smtp, swedish, org):
    due_now(org)
    scheduler.schedule_due()
    scheduler.schedule_due()
    scheduler.schedule_due(timezone.now() + timedelta(minutes=30))
    assert len(smtp.envelopes) == 1
    assert PeriodicSlot.objects.filter(key__startswith="digest:").count() == 1


def test_an_unsubscribed_manager_gets_nothing(client, smtp, swedish, english, org):
    url = digest.unsubscribe_url(swedish).removeprefix("http://127.0.0.1:8000")
    page = client.get(url)  # a link scanner's GET changes nothing
    assert page.status_code == 200 and b"<form" in page.content
    due_now(org)
    assert digest.send_weekly(swedish.pk) is True
    smtp.envelopes.clear()
    assert client.post(url).status_code == 200  # no sign-in, no CSRF token: the link is the key
    scheduler.schedule_due()
    assert [e.rcpt_tos for e in smtp.envelopes] == [["bo@solbacka.example"]]


def test_a_tampered_unsubscribe_link_is_a_404(client, swedish):
    url = digest.unsubscribe_url(swedish).removeprefix("http://127.0.0.1:8000")
    assert client.post(url.replace("/unsubscribe/", "/unsubscribe/x")).status_code == 404


def test_nothing_to_say_means_no_email(smtp, admin, org):
    due_now(org)
    scheduler.schedule_due()
    assert smtp.envelopes == []


def test_a_member_gets_no_digest(smtp, member, org):
    due_now(org)
    assert scheduler.schedule_due() == [] or all(
        not key.startswith("digest:") for key in scheduler.schedule_due()
    )
    assert smtp.envelopes == []


def test_the_managers_own_weekday_and_hour_win(db_tasks, swedish, org):
    due_now(org)
    local = timezone.localtime(timezone.now(), org.tzinfo)
    other_day = (local.weekday() + 3) % 7
    do_save_digest_preference(swedish, weekly=True, weekday=other_day, hour=7, daily_nudge=False)
    assert [k for k in scheduler.schedule_due() if k.startswith("digest:")] == []
    do_save_digest_preference(
        swedish, weekly=True, weekday=local.weekday(), hour=local.hour, daily_nudge=False
    )
    assert [k for k in scheduler.schedule_due() if k.startswith("digest:")] == [
        scheduler.digest_slot(
            swedish, scheduler.digest_moment(org, swedish_pref(swedish), timezone.now())
        )
    ]
    assert DBTaskResult.objects.filter(task_path__endswith="send_weekly_digest").count() == 1


def swedish_pref(membership):
    from engagera.reminders.queries import digest_preference

    return digest_preference(membership)


def test_overdue_one_to_ones_actions_and_needs_are_in_it(smtp, swedish, org):
    from engagera.needs.actions import do_raise_need
    from engagera.needs.models import Need
    from engagera.oneonones import actions as meetings

    person = Person.objects.get(full_name="Maja Månsson")
    swedish.user.language = "en"
    swedish.user.save(update_fields=["language"])
    week_ago = org.today() - timedelta(days=7)
    meeting = meetings.do_plan_meeting(swedish, person, on=week_ago)
    meetings.do_add_action_item(
        swedish, meeting, text="Boka kursen", owner="manager", due_on=week_ago
    )
    need = do_raise_need(swedish, person, category="help", description="Ny skärm")
    Need.objects.filter(pk=need.pk).update(raised_at=timezone.now() - timedelta(days=14))
    assert digest.send_weekly(swedish.pk)
    text = body(smtp.messages[0])
    assert "Overdue one-to-ones" in text and "Boka kursen" in text
    assert "Ny skärm" in text and "past the target" in text


def test_roles_are_checked_when_the_job_runs(smtp, swedish):
    swedish.role = Role.MEMBER
    swedish.save(update_fields=["role"])
    assert digest.send_weekly(swedish.pk) is False
    assert smtp.envelopes == []


def test_survey_rounds_closing_are_in_the_digest_and_calendar(smtp, swedish, org, client):
    import icalendar

    from engagera.reminders.actions import do_regenerate_calendar_feed
    from engagera.surveys.actions import do_open_round
    from engagera.surveys.bank_sync import bank_is_loaded, sync_questions
    from tests.surveys.conftest import add_people

    if not bank_is_loaded():
        sync_questions()
    swedish.user.language = "en"
    swedish.user.save(update_fields=["language"])
    team = Team.objects.get(name="Team Maja Månsson")
    add_people(team, 5)
    today = org.today()
    round_ = do_open_round(swedish, team=team, opens_on=today, closes_on=today + timedelta(days=3))
    assert digest.send_weekly(swedish.pk)
    text = body(smtp.messages[-1])
    assert "Survey rounds closing" in text and "Team Maja Månsson" in text
    secret = do_regenerate_calendar_feed(swedish)
    calendar = icalendar.Calendar.from_ical(client.get(f"/calendar/{secret}.ics").content)
    [event] = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("survey-")]
    assert str(event["UID"]) == f"survey-{round_.pk}@engagera"
    assert event.decoded("DTSTART") == round_.closes_on


def test_the_worker_reminds_a_survey_round_once_before_it_closes(db_tasks, swedish, org):
    from datetime import datetime

    from engagera.surveys.actions import do_open_round
    from engagera.surveys.bank_sync import bank_is_loaded, sync_questions
    from engagera.surveys.models import Invitation
    from tests.surveys.conftest import add_people

    if not bank_is_loaded():
        sync_questions()
    team = Team.objects.get(name="Team Maja Månsson")
    add_people(team, 5)
    today = org.today()
    round_ = do_open_round(swedish, team=team, opens_on=today, closes_on=today + timedelta(days=1))
    at_ten = datetime(today.year, today.month, today.day, 10, tzinfo=org.tzinfo)
    keys = scheduler.schedule_due(at_ten)
    assert f"survey-reminder:{round_.pk}" in keys
    assert f"survey-reminder:{round_.pk}" not in scheduler.schedule_due(at_ten)
    from django.core.management import call_command

    call_command("worker", "--batch", "--no-schedule", "--interval", "0")
    invitations = Invitation.objects.filter(round=round_)
    assert invitations.count() == 5 and invitations.filter(reminders=1).count() == 5


def test_the_optional_daily_nudge(smtp, db, manager, org):
    from datetime import datetime

    actions.do_add_plan_item(manager, practice(41), Target.parse("1/day"))
    assert digest.send_daily(manager.pk) is False  # not asked for
    do_save_digest_preference(manager, weekly=True, weekday=None, hour=7, daily_nudge=True)
    assert digest.send_daily(manager.pk) is True
    [message] = smtp.messages
    assert message["To"] == manager.user.email and "41" in body(message)
    monday = org.today() - timedelta(days=org.today().weekday())
    at_eight = datetime(monday.year, monday.month, monday.day, 8, tzinfo=org.tzinfo)
    saturday = at_eight + timedelta(days=5)
    assert f"nudge:{manager.pk}:{monday.isoformat()}" in scheduler.schedule_due(at_eight)
    assert not [k for k in scheduler.schedule_due(saturday) if k.startswith("nudge:")]
