"""A person's timeline: four sources in one query, newest first, paged by day."""

from datetime import datetime, time, timedelta

from django.utils import timezone, translation

from engagera.feedback.models import Feedback
from engagera.needs.models import Need
from engagera.oneonones.models import Meeting
from engagera.people.timeline import timeline
from engagera.practices.models import Performance, PlanItem
from tests.conftest import practice


def _history(manager, person, colleague):
    organisation = manager.organisation
    today = organisation.today()
    tz = organisation.tzinfo
    Feedback.objects.create(
        organisation=organisation,
        person=person,
        author=manager.user,
        kind="reinforcing",
        given_on=today - timedelta(days=1),
        note="Bra kundsamtal",
    )
    mine = Meeting.objects.create(
        organisation=organisation,
        person=person,
        manager=manager.user,
        scheduled_on=today - timedelta(days=3),
        held_on=today - timedelta(days=3),
        shared_notes="Vi pratade om målen",
    )
    Meeting.objects.create(  # held with the colleague (an earlier manager): no link
        organisation=organisation,
        person=person,
        manager=colleague.user,
        scheduled_on=today - timedelta(days=40),
        held_on=today - timedelta(days=40),
        shared_notes="Hos förra chefen",
    )
    Meeting.objects.create(  # planned, not held: not on the timeline
        organisation=organisation, person=person, manager=manager.user, scheduled_on=today
    )
    # Raised at 00:30 local time two days ago: the previous day in UTC, shown on the local day.
    raised = datetime.combine(today - timedelta(days=2), time(0, 30), tzinfo=tz)
    need = Need.objects.create(
        organisation=organisation,
        person=person,
        category="equipment",
        description="En ny skärm",
        raised_at=raised,
    )
    item = PlanItem.objects.create(
        organisation=organisation,
        manager=manager.user,
        practice=practice(43),
        times=2,
        period_days=7,
        start_date=today - timedelta(days=90),
    )
    Performance.objects.create(
        plan_item=item, performed_on=today - timedelta(days=5), note="Med Maja", person=person
    )
    return mine, need


def test_it_merges_the_sources_newest_first_with_local_days(manager, colleague, person):
    mine, need = _history(manager, person, colleague)
    today = manager.organisation.today()
    with timezone.override(manager.organisation.tzinfo), translation.override("en"):
        events = timeline(manager, person)
    assert [(e.kind, (today - e.day).days) for e in events] == [
        ("feedback", 1),
        ("need", 2),
        ("one_to_one", 3),
        ("practice", 5),
        ("one_to_one", 40),
    ]
    feedback, need_event, meeting, performed, earlier = events
    assert feedback.text == "Bra kundsamtal" and "Feedback" in feedback.title
    assert need_event.text == "En ny skärm" and need_event.url.endswith(f"/{need.pk}/")
    assert meeting.url.endswith(f"/{mine.pk}/") and earlier.url == ""  # not their meeting
    assert performed.text == "Med Maja"
    assert performed.title == f"Practice: {practice(43).title_en}"


def test_it_pages_by_day_and_limits_each_source(manager, colleague, person):
    _history(manager, person, colleague)
    today = manager.organisation.today()
    with timezone.override(manager.organisation.tzinfo):
        older = timeline(manager, person, before=today - timedelta(days=2))
        assert [e.kind for e in older] == ["one_to_one", "practice", "one_to_one"]
        # The need raised on that local day is not before it (its UTC day is).
        assert [e.kind for e in timeline(manager, person, before=today - timedelta(days=1))] == [
            "need",
            "one_to_one",
            "practice",
            "one_to_one",
        ]
        assert [e.kind for e in timeline(manager, person, limit=2)] == ["feedback", "need"]


def test_the_agenda_is_the_next_one_to_one_and_the_open_needs(manager, colleague, person):
    from engagera.people.queries import agendas

    _history(manager, person, colleague)
    today = manager.organisation.today()
    later = Meeting.objects.create(  # a second planned one: the earlier is next
        organisation=manager.organisation,
        person=person,
        manager=manager.user,
        scheduled_on=today + timedelta(days=14),
    )
    Need.objects.create(
        organisation=manager.organisation,
        person=person,
        category="equipment",
        description="Klar",
        status="done",
        raised_at=timezone.now(),
    )
    found = agendas([person.pk])[person.pk]
    planned = Meeting.objects.get(person=person, held_on__isnull=True, scheduled_on=today)
    assert (found.next_meeting_id, found.next_meeting_on) == (planned.pk, today)
    assert planned.pk != later.pk and found.open_needs == 1  # the done need is not open
    assert agendas([]) == {}
