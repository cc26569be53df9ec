"""View models for the people pages: values worked out once in Python, so the templates
only place them (a filter in a loop of hundreds of cells costs more than the query)."""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.text import Truncator

from .timeline import url_maker

TEXT_CHARS = 200  # a timeline entry shows the start of a longer text


class ShortDates:
    """A day in the language's short format, formatted once per day on a page."""

    def __init__(self):
        self._known: dict[date, str] = {}

    def __call__(self, day: date | None) -> str:
        if day is None:
            return ""
        text = self._known.get(day)
        if text is None:
            text = self._known[day] = date_format(day, "SHORT_DATE_FORMAT")
        return text


@dataclass(slots=True)
class TimelineRow:
    kind: str
    iso: str  # for <time datetime>
    day: str  # as shown
    title: str
    text: str
    url: str


def timeline_rows(events) -> list[TimelineRow]:
    short = ShortDates()
    return [
        TimelineRow(
            kind=event.kind,
            iso=event.day.isoformat(),
            day=short(event.day),
            title=event.title,
            text=Truncator(event.text).chars(TEXT_CHARS)
            if len(event.text) > TEXT_CHARS
            else event.text,
            url=event.url,
        )
        for event in events
    ]


def people_rows(people, today: date, feedback: dict, agendas: dict):
    """The people list's lines, as dictionaries (the quickest lookup in a template);
    `people` come with their team (select_related)."""
    short = ShortDates()
    url = url_maker("person")
    rows = []
    for person in people:
        standing = feedback.get(person.pk)
        agenda = agendas.get(person.pk)
        next_day = agenda.next_meeting_on if agenda else None
        rows.append(
            {
                "person": person,
                "url": url(person.pk),
                "team": person.team.name if person.team_id else "",
                "days_since_feedback": standing.days_since(today) if standing else None,
                "next_one_to_one": next_day,
                "next_iso": next_day.isoformat() if next_day else "",
                "next_day": short(next_day),
                "open_needs": agenda.open_needs if agenda else 0,
            }
        )
    return rows
