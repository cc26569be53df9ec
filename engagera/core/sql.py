"""Small helpers for the few reads written as plain SQL (see each caller for why)."""

from collections.abc import Iterable, Iterator
from datetime import date

# Ids bound per statement: well under SQLite's and PostgreSQL's limits on bound values.
IDS_PER_QUERY = 5000


def id_batches(ids: Iterable[int]) -> Iterator[tuple[list[int], str]]:
    """The ids in batches, each with its "%s, %s, ..." placeholders for an IN (...) list."""
    ids = list(ids)
    for start in range(0, len(ids), IDS_PER_QUERY):
        batch = ids[start : start + IDS_PER_QUERY]
        yield batch, ", ".join(["%s"] * len(batch))


def as_date(value) -> date | None:
    """A date column's value: SQLite hands back a subquery's or a compound select's
    dates as text."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value
