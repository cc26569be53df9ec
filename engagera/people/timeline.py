"""Everything that concerns one person, newest first, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

PAGE = 30


@dataclass
class Event:
    day: date
    kind: str  # feedback, one_to_one, need, practice
    title: str
    text: str = ""
    url: str = ""


def url_maker(name: str):
    """reverse() once; each object's link is then a string replacement, not a URL search."""
    marker = 987654321
    pattern = reverse(name, args=[marker])
    return lambda pk: pattern.replace(str(marker), str(pk))


def timeline(membership, person, limit: int = PAGE, before: date | None = None) -> list[Event]:
    """The latest `limit` events before a day, from four sources in one query.

    Private notes never appear here: only their author sees them, on the card.
    """
    from engagera.feedback.models import FeedbackKind
    from engagera.needs.models import Status
    from engagera.practices.models import PlanItem

    # Labels and links made once per kind, not once per event: a page shows up to 4 x limit.
    feedback_label = {k: _("Feedback (%(kind)s)") % {"kind": v} for k, v in FeedbackKind.choices}
    need_label = {k: _("Need: %(status)s") % {"status": v} for k, v in Status.choices}
    meeting_url, need_url = url_maker("meeting"), url_maker("need")
    one_to_one = _("One-to-one")
    tz = timezone.get_current_timezone()
    rows = _newest_of_each(person, limit, before, tz)
    # The practices' titles after the limit: joined inside, SQLite may walk every plan
    # item's logs instead of this person's few (its statistics see "with whom" mostly empty).
    title = (
        "practice__title_en" if (get_language() or "sv").startswith("en") else "practice__title_sv"
    )
    item_ids = {extra for source, _pk, _day, _code, _text, extra in rows if source == PRACTICE}
    titles = (
        dict(PlanItem.objects.filter(pk__in=item_ids).values_list("pk", title)) if item_ids else {}
    )
    practice_label = _("Practice: %(title)s")
    events: list[Event] = []
    for source, pk, day, code, text, extra in rows:
        if source == FEEDBACK:
            events.append(Event(day, "feedback", feedback_label[code], text))
        elif source == ONE_TO_ONE:
            url = meeting_url(pk) if extra == membership.user_id else ""
            events.append(Event(day, "one_to_one", one_to_one, text, url))
        elif source == NEED:
            events.append(
                Event(day.astimezone(tz).date(), "need", need_label[code], text, need_url(pk))
            )
        else:
            events.append(Event(day, "practice", practice_label % {"title": titles[extra]}, text))
    events.sort(key=lambda event: event.day, reverse=True)
    return events[:limit]


FEEDBACK, ONE_TO_ONE, NEED, PRACTICE = range(4)


def _newest_of_each(person, limit: int, before: date | None, tz) -> list[tuple]:
    """(source, id, day or moment, code, text, extra) of the newest `limit` rows of each
    source: feedback, held one-to-ones, needs (a moment, not a day) and logged practices
    carried out with the person.

    Plain SQL on purpose: four querysets cost more to build than to run, and this runs
    on every card. Each branch reads one person's rows through an index on the person.
    """
    from engagera.feedback.models import Feedback
    from engagera.needs.models import Need
    from engagera.oneonones.models import Meeting
    from engagera.practices.models import Performance

    feedback, meeting = Feedback._meta.db_table, Meeting._meta.db_table
    need, performance = Need._meta.db_table, Performance._meta.db_table
    # A day bound for the dated sources, the start of that day for needs.
    day_bound = " AND {column} < %s" if before else ""
    moment = (
        connection.ops.adapt_datetimefield_value(datetime.combine(before, time.min, tzinfo=tz))
        if before
        else None
    )

    def bound(column: str) -> str:
        return day_bound.format(column=column)

    # Table and column names come from the models and code; every value is a parameter.
    # One column holds dates and the needs' moments alike, as text: PostgreSQL needs one
    # type per column, and SQLite returns a compound select's dates as text anyway.
    sql = (
        f"SELECT * FROM (SELECT {FEEDBACK} AS source, id, CAST(given_on AS text) AS day, "  # noqa: S608  # nosec B608
        f"kind AS code, note AS text, 0 AS extra FROM {feedback} "
        f"WHERE person_id = %s{bound('given_on')} "
        "ORDER BY given_on DESC, id DESC LIMIT %s) AS f "
        f"UNION ALL SELECT * FROM (SELECT {ONE_TO_ONE}, id, CAST(held_on AS text), '', "
        f"shared_notes, COALESCE(manager_id, 0) FROM {meeting} "
        f"WHERE person_id = %s AND held_on IS NOT NULL{bound('held_on')} "
        "ORDER BY held_on DESC, id DESC LIMIT %s) AS m "
        f"UNION ALL SELECT * FROM (SELECT {NEED}, id, CAST(raised_at AS text), status, "
        f"description, 0 FROM {need} WHERE person_id = %s{bound('raised_at')} "
        "ORDER BY raised_at DESC, id DESC LIMIT %s) AS n "
        f"UNION ALL SELECT * FROM (SELECT {PRACTICE}, id, CAST(performed_on AS text), '', "
        f"note, plan_item_id FROM {performance} WHERE person_id = %s{bound('performed_on')} "
        "ORDER BY performed_on DESC, id DESC LIMIT %s) AS p"
    )
    params: list = []
    for value in (before, before, moment, before):
        params += [person.pk, value, limit] if before else [person.pk, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result = []
    for source, pk, day, code, text, extra in rows:
        if source == NEED:
            raised = datetime.fromisoformat(day)
            day = raised if raised.tzinfo else raised.replace(tzinfo=UTC)  # SQLite: UTC
        else:
            day = date.fromisoformat(day[:10])
        result.append((source, pk, day, code, text or "", extra))
    return result
