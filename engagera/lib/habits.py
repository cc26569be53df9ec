"""Habit strength, periods and streaks (Django-free).

Implements the habit strength model published by Loop Habit Tracker
(``Score.compute`` in uhabits): every day of a plan,

    s = s_prev * m + v * (1 - m),    m = 0.5 ** (sqrt(f) / 13),    f = N / D

where ``v`` is the share of the target reached in a rolling window of the last
D days (2D days and 2N performances when f < 1, so a weekly habit done on a
Monday one week and a Sunday the next is not punished by window edges).
Skipped days leave ``s`` untouched.

Two implementations of the same numbers live here on purpose:

* :func:`strength_series` / :func:`strength_on` are a plain per-day loop that is
  easy to read and check by hand; charts use the series.
* :func:`strengths_batch` computes the final value for thousands of plan items
  at once with numpy, because overview pages need every item's strength inside
  one request. Tests pin it to the reference loop.

Dates are ``datetime.date``; a ``datetime`` is reduced to its calendar date.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import chain, pairwise, repeat
from typing import TypedDict

import numpy as np
import numpy.typing as npt

__all__ = [
    "Explanation",
    "HabitInput",
    "Performances",
    "Target",
    "explain",
    "multiplier",
    "performances_in_period",
    "period_bounds",
    "streak",
    "strength_on",
    "strength_series",
    "strengths_batch",
]

# Performances are dates, one entry per performance (repeat a date for several
# on one day), or a mapping date -> number of performances that day.
Performances = Iterable[date] | Mapping[date, int]

MAX_PERIOD_DAYS = 365
_NAMED_PERIODS = {"day": 1, "week": 7, "month": 30}
_CANONICAL_NAMES = {days: name for name, days in _NAMED_PERIODS.items()}
_TARGET_RE = re.compile(r"([0-9]+)\s*/\s*(?:(day|week|month)|([0-9]+)\s*d)")
_ACCEPTED_FORMS = (
    "accepted forms are 'N/day', 'N/week', 'N/month' and 'N/Dd' "
    "(e.g. '3/week', '1/14d') with N >= 1 and 1 <= D <= 365"
)


@dataclass(frozen=True)
class Target:
    """N performances every D days, e.g. ``Target(3, 7)`` is three times a week."""

    times: int
    period_days: int

    def __post_init__(self) -> None:
        # Validate here too so a Target built from database columns cannot
        # silently produce a division by zero or a nonsense multiplier later.
        for name in ("times", "period_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"Target.{name} must be an int, got {value!r}")
        if self.times < 1:
            raise ValueError(f"Target.times must be at least 1, got {self.times}")
        if not 1 <= self.period_days <= MAX_PERIOD_DAYS:
            raise ValueError(
                f"Target.period_days must be between 1 and {MAX_PERIOD_DAYS}, "
                f"got {self.period_days}"
            )

    @classmethod
    def parse(cls, text: str) -> Target:
        """Parse '3/week', '2/day', '1/month' (30 days) or '1/14d'."""
        if not isinstance(text, str):
            raise TypeError(f"Target.parse expects a str, got {type(text).__name__}")
        match = _TARGET_RE.fullmatch(text.strip().lower())
        if match is None:
            raise ValueError(f"Invalid habit target {text!r}: {_ACCEPTED_FORMS}.")
        times = int(match.group(1))
        name, days_text = match.group(2), match.group(3)
        days = _NAMED_PERIODS[name] if name is not None else int(days_text)
        if times < 1:
            raise ValueError(
                f"Invalid habit target {text!r}: N must be at least 1; {_ACCEPTED_FORMS}."
            )
        if not 1 <= days <= MAX_PERIOD_DAYS:
            raise ValueError(
                f"Invalid habit target {text!r}: D must be between 1 and "
                f"{MAX_PERIOD_DAYS}; {_ACCEPTED_FORMS}."
            )
        return cls(times, days)

    def __str__(self) -> str:
        name = _CANONICAL_NAMES.get(self.period_days)
        if name is not None:
            return f"{self.times}/{name}"
        return f"{self.times}/{self.period_days}d"

    @property
    def frequency(self) -> float:
        """Performances per day, f = N / D."""
        return self.times / self.period_days


@dataclass(frozen=True)
class HabitInput:
    """One plan item for :func:`strengths_batch`.

    ``performances`` may also be a mapping date -> count, as everywhere else.
    """

    target: Target
    start: date
    performances: Sequence[date] | Mapping[date, int]
    skips: Sequence[date] = ()
    # A saved state: the strength at the end of ``resume_from``. The recurrence then
    # runs only from the next day, and only performances from
    # ``data_needed_from(target, start, resume_from)`` on are needed, so a long
    # history need not be read again on every page.
    resume_from: date | None = None
    resume_strength: float = 0.0


def data_needed_from(target: Target, start: date, resume_from: date) -> date:
    """The earliest day whose performances matter when resuming after ``resume_from``.

    The first simulated day looks back over a whole window, and the period that
    contains it (for the streak) starts no earlier than that.
    """
    window_days, _ = _window(target)
    return max(start, resume_from + timedelta(days=2 - window_days))


class Explanation(TypedDict):
    """Plain facts behind a strength value, for "why is my strength 64%?"."""

    strength: float  # s on the day asked about, 0..1
    multiplier: float  # m: share of yesterday's strength kept each active day
    window_days: int  # rolling window length actually used (2D if f < 1)
    window_target: int  # performances needed in that window (2N if f < 1)
    window_count: int  # performances in the window ending that day
    completion: float  # v = min(1, window_count / window_target)
    days_since_start: int  # 0 on the start date, negative before it


# --------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------


def multiplier(target: Target) -> float:
    """m = 0.5 ** (sqrt(f) / 13): frequent habits react faster to changes."""
    return 0.5 ** (math.sqrt(target.frequency) / 13)


def _window(target: Target) -> tuple[int, int]:
    """(window length in days, performances needed in it).

    For f < 1 both are doubled, as in Loop, so 3/week is judged as 6 in a
    rolling 14 days and a slightly irregular weekly rhythm still scores 1.
    Integer comparison avoids any float rounding at f == 1.
    """
    if target.times < target.period_days:
        return 2 * target.period_days, 2 * target.times
    return target.period_days, target.times


def _as_date(value: date) -> date:
    # datetime is a subclass of date but compares/hashes differently, so a
    # timestamp would never match a calendar day; reduce it to its date.
    return value.date() if isinstance(value, datetime) else value


def _daily_counts(performances: Performances) -> Counter[date]:
    """Number of performances per calendar day."""
    counts: Counter[date] = Counter()
    if isinstance(performances, Mapping):
        for day, count in performances.items():
            if count < 0:
                raise ValueError(f"Negative performance count {count!r} on {day}")
            counts[_as_date(day)] += count
    else:
        for day in performances:
            counts[_as_date(day)] += 1
    return counts


def _date_set(days: Iterable[date]) -> set[date]:
    return {_as_date(day) for day in days}


def _days(first: date, last: date) -> Iterable[date]:
    """Every date from first to last inclusive (nothing if last < first)."""
    return (first + timedelta(days=i) for i in range((last - first).days + 1))


def strength_series(
    target: Target,
    start: date,
    until: date,
    performances: Performances,
    skips: Iterable[date] = (),
    *,
    resume_from: date | None = None,
    resume_strength: float = 0.0,
) -> list[float]:
    """Strength on every day from ``start`` to ``until`` inclusive.

    This is the reference implementation: one plain loop over the days. With
    ``resume_from``, the series starts the day after it, from ``resume_strength``.
    """
    start, until = _as_date(start), _as_date(until)
    if until < start:
        return []
    m = multiplier(target)
    window_days, window_target = _window(target)
    counts = _daily_counts(performances)
    skipped = _date_set(skips)

    series: list[float] = []
    s = 0.0  # nothing before the plan starts
    first = start
    if resume_from is not None and resume_from >= start:
        s = resume_strength
        first = resume_from + timedelta(days=1)
    # Performances in [first - window_days, first - 1] are already in the window.
    window_count = _count_between(
        counts, max(start, first - timedelta(days=window_days - 1)), first - timedelta(days=1)
    )
    for day in _days(first, until):
        window_count += counts.get(day, 0)
        leaving = day - timedelta(days=window_days)
        if leaving >= start:  # only days >= start were ever added
            window_count -= counts.get(leaving, 0)
        if day not in skipped:  # a skipped day is no update at all
            v = min(1.0, window_count / window_target)
            s = s * m + v * (1 - m)
        series.append(s)
    return series


def strength_on(
    target: Target,
    start: date,
    on: date,
    performances: Performances,
    skips: Iterable[date] = (),
) -> float:
    """Strength on day ``on`` (0.0 before the plan starts)."""
    series = strength_series(target, start, on, performances, skips)
    return series[-1] if series else 0.0


def strength_resumed(
    target: Target,
    start: date,
    on: date,
    performances: Performances,
    skips: Iterable[date],
    resume_from: date,
    resume_strength: float,
) -> float:
    """Strength on ``on`` continuing from a saved state (see :class:`HabitInput`)."""
    if on <= resume_from:
        raise ValueError("a saved state can only be continued forwards")
    series = strength_series(
        target,
        start,
        on,
        performances,
        skips,
        resume_from=resume_from,
        resume_strength=resume_strength,
    )
    return series[-1] if series else resume_strength


# --------------------------------------------------------------------------
# Batch computation
# --------------------------------------------------------------------------

# Upper bound on days x items held in memory at once (~32 MB per float64
# array). Plans spanning decades are split into several passes instead of
# allocating gigabytes; 2,500 items over 3 years fit in a single pass.
_BATCH_CELLS = 1 << 22
# Strengths below this are flushed to 0 during the batch recurrence: a value
# that has decayed this far is meaningless, and letting it sink into the
# subnormal range (< 2.2e-308) makes float arithmetic many times slower.
_FLUSH_BELOW = 1e-200
_FLUSH_EVERY_DAYS = 32
# Up to this many items the batch runs its day-by-day steps as scalar loops.
_FEW_ITEMS = 16

_FloatArray = npt.NDArray[np.float64]
_IntArray = npt.NDArray[np.int64]


def strengths_batch(items: Sequence[HabitInput], on: date) -> list[float]:
    """``strength_on(item..., on)`` for every item, vectorised over all items.

    Everything happens in (days x items) matrices, items being the fast axis
    so each per-day step is one operation over a contiguous row of all items:

    1. Daily counts from one ``bincount`` over all performances, turned into
       running totals in place.
    2. Rolling window counts are differences of running totals shifted by the
       window length. Items are ordered by window length, so each distinct
       window is one column slice: no per-item loop, no gather.
    3. b = min(1, count / needed) * (1 - m), as three whole-matrix operations.
    4. The recurrence s = s * a + b, run one day at a time for all items at
       once, with a = m, or a = 1 and b = 0 on skipped days (a no-op).

    The recurrence is linear, so the closed form (1 - m) * sum over active
    days of v_t * m**(active days after t) would also work, but it needs an
    ``exp`` over the whole matrix and a cutoff for underflowing weights; the
    day-by-day scan is cheaper (about 1,100 vector operations for 3 years)
    and performs the reference loop's float operations in the same order, so
    results equal :func:`strength_on` bit for bit (except that strengths
    below 1e-200 are flushed to 0, see ``_FLUSH_BELOW``).
    """
    on_ord = on.toordinal()  # also right for a datetime: its calendar day
    # Ordinals (days since 0001-01-01) make every date computation integer
    # arithmetic on arrays.
    start_ord_all = np.fromiter(
        (item.start.toordinal() for item in items), dtype=np.int64, count=len(items)
    )
    results = np.zeros(len(items), dtype=np.float64)
    # Items not started yet keep strength 0 and never enter the matrices.
    started = np.flatnonzero(start_ord_all <= on_ord)
    if not started.size:
        return results.tolist()
    window, window_target, mult = _batch_params([items[i].target for i in started.tolist()])
    # A resumed item simulates from the day after its saved state and needs
    # counts only from data_needed_from() on; the saved strength is added at the
    # end, decayed by m for each active day (the recurrence is linear).
    sim_start_ord = start_ord_all[started].copy()
    for k, i in enumerate(started.tolist()):
        resume_from = items[i].resume_from
        if resume_from is not None and resume_from >= items[i].start:
            if resume_from >= on:
                raise ValueError("a saved state can only be continued forwards")
            sim_start_ord[k] = resume_from.toordinal() + 1
    data_from_ord = np.maximum(start_ord_all[started], sim_start_ord - window + 1)
    start_ord = data_from_ord

    # Earliest start first, so that each pass covers as few days as possible.
    by_start = np.argsort(start_ord, kind="stable")
    lo = 0
    while lo < by_start.size:
        n_days = on_ord - int(start_ord[by_start[lo]]) + 1
        hi = min(by_start.size, lo + max(1, _BATCH_CELLS // n_days))
        chunk = by_start[lo:hi]
        # Equal windows next to each other, for the column slices of step 2.
        chunk = chunk[np.argsort(window[chunk], kind="stable")]
        results[started[chunk]] = _batch_pass(
            [items[i] for i in started[chunk].tolist()],
            start_ord[chunk],
            sim_start_ord[chunk],
            window[chunk],
            window_target[chunk],
            mult[chunk],
            on_ord,
        )
        lo = hi
    for k, i in enumerate(started.tolist()):
        item = items[i]
        if item.resume_from is not None and item.resume_from >= item.start:
            # Active days after the saved state: all days but the skipped ones.
            resumed = _as_date(item.resume_from)
            skipped = {_as_date(day) for day in item.skips}
            active = (_as_date(on) - resumed).days - sum(
                1 for day in skipped if resumed < day <= _as_date(on)
            )
            results[i] += item.resume_strength * float(mult[k]) ** active
    return results.tolist()


def _recurrence_per_item(a: _FloatArray, b: _FloatArray) -> _FloatArray:
    """Step 4 for a few items (a dashboard's plan) as plain float loops.

    A vector operation on five numbers costs more than the arithmetic, so one
    scalar loop per item is several times faster here; the float operations
    and their order are the same, so are the results.
    """
    results = []
    for column_a, column_b in zip(a.T.tolist(), b.T.tolist(), strict=True):
        s = 0.0
        for t, (a_t, b_t) in enumerate(zip(column_a, column_b, strict=True)):
            s = s * a_t + b_t
            if t % _FLUSH_EVERY_DAYS == _FLUSH_EVERY_DAYS - 1 and s < _FLUSH_BELOW:
                s = 0.0
        results.append(s)
    return np.array(results, dtype=np.float64)


def _batch_params(targets: Sequence[Target]) -> tuple[_IntArray, _IntArray, _FloatArray]:
    """Window length, performances needed in it, and m for each target."""
    # Plans share a handful of targets: compute each distinct one once, keyed
    # by a plain tuple (hashing the dataclass is a Python call per item).
    keys = [(target.times, target.period_days) for target in targets]
    params: dict[tuple[int, int], tuple[int, int, float]] = {}
    for key in set(keys):
        target = Target(*key)
        params[key] = (*_window(target), multiplier(target))
    window, window_target, mult = zip(*map(params.__getitem__, keys), strict=True)
    return (
        np.array(window, dtype=np.int64),
        np.array(window_target, dtype=np.int64),
        np.array(mult, dtype=np.float64),
    )


def _flatten(
    collections: Sequence[Sequence[date] | Mapping[date, int]],
) -> tuple[_IntArray, _IntArray, _FloatArray | None]:
    """All dates as ordinals, the item (column) of each, and counts if given.

    ``np.fromiter(map(date.toordinal, ...))`` is the fastest conversion of
    date objects available (numpy's own date -> datetime64 conversion is
    about 20x slower). Counts are None when every collection is a plain
    sequence, i.e. each entry is one performance.
    """
    lengths = np.fromiter(map(len, collections), dtype=np.int64, count=len(collections))
    total = int(lengths.sum())
    ordinals = np.fromiter(
        map(date.toordinal, chain.from_iterable(collections)), dtype=np.int64, count=total
    )
    columns = np.repeat(np.arange(len(collections), dtype=np.int64), lengths)
    counts: _FloatArray | None = None
    if any(isinstance(c, Mapping) for c in collections):
        counts = np.fromiter(
            chain.from_iterable(
                c.values() if isinstance(c, Mapping) else repeat(1, len(c)) for c in collections
            ),
            dtype=np.float64,
            count=total,
        )
        if total and counts.min() < 0:
            raise ValueError("Negative performance count in strengths_batch input")
    return ordinals, columns, counts


def _batch_pass(
    items: Sequence[HabitInput],
    start_ord: _IntArray,
    sim_start_ord: _IntArray,
    window: _IntArray,
    window_target: _IntArray,
    mult: _FloatArray,
    on_ord: int,
) -> _FloatArray:
    """Final strengths of ``items`` (see :func:`strengths_batch`)."""
    n = len(items)
    first_ord = int(start_ord.min())
    n_days = on_ord - first_ord + 1  # row t is day first_ord + t

    # 1. counts[t, j]: performances of item j on day t, only counting days
    #    within [start_j, on] as the reference loop does.
    ordinals, columns, counts = _flatten([item.performances for item in items])
    keep = (ordinals >= start_ord[columns]) & (ordinals <= on_ord)
    running = np.bincount(
        (ordinals[keep] - first_ord) * n + columns[keep],
        weights=None if counts is None else counts[keep],
        minlength=n_days * n,
    ).reshape(n_days, n)
    # Running totals in place: running[t] = performances on days 0..t. A
    # row-by-row loop is several times faster than np.cumsum(axis=0) here
    # (one SIMD add per contiguous row); sums of whole numbers are exact.
    if n <= _FEW_ITEMS:
        running = np.cumsum(running, axis=0)  # one call beats a loop of tiny row adds
    else:
        for t in range(1, n_days):
            np.add(running[t - 1], running[t], out=running[t])

    # 2. The window of day t is days t-w+1 .. t, so its count is
    #    running[t] - running[t - w], or running[t] while the window reaches
    #    back before day 0 (which holds no counts anyway).
    b = np.empty((n_days, n), dtype=np.float64)
    changes = (np.flatnonzero(np.diff(window)) + 1).tolist()
    for lo, hi in pairwise([0, *changes, n]):
        w = int(window[lo])
        head = min(w, n_days)
        b[:head, lo:hi] = running[:head, lo:hi]
        if w < n_days:
            np.subtract(running[w:, lo:hi], running[: n_days - w, lo:hi], out=b[w:, lo:hi])
    del running

    # 3. b = min(1, count / needed) * (1 - m) in place: the reference loop's
    #    float operations in the same order.
    np.divide(b, window_target.astype(np.float64), out=b)
    np.minimum(b, 1.0, out=b)
    np.multiply(b, 1.0 - mult, out=b)
    # Resumed items: the days before the first simulated one only fed the windows.
    lead = sim_start_ord - first_ord
    if lead.any():
        b[np.arange(n_days)[:, None] < lead[None, :]] = 0.0

    # Skipped days within [start, on]: a = 1 and b = 0 leave s unchanged.
    a: _FloatArray = np.broadcast_to(mult, (n_days, n))
    skip_ords, skip_cols, _ = _flatten([item.skips for item in items])
    inside = (skip_ords >= start_ord[skip_cols]) & (skip_ords <= on_ord)
    skip_cells = (skip_ords[inside] - first_ord) * n + skip_cols[inside]
    if skip_cells.size:
        a = np.empty((n_days, n), dtype=np.float64)
        a[:] = mult
        a.reshape(-1)[skip_cells] = 1.0
        b.reshape(-1)[skip_cells] = 0.0

    # 4. The recurrence, all items at once. Before its start an item has
    #    b = 0 and s = 0, so s stays exactly 0 without any masking.
    if n <= _FEW_ITEMS:
        return _recurrence_per_item(a, b)
    s = np.zeros(n, dtype=np.float64)
    for t in range(n_days):
        np.multiply(s, a[t], out=s)
        np.add(s, b[t], out=s)
        if t % _FLUSH_EVERY_DAYS == _FLUSH_EVERY_DAYS - 1:
            s[s < _FLUSH_BELOW] = 0.0
    return s


# --------------------------------------------------------------------------
# Periods and streaks
# --------------------------------------------------------------------------


def period_bounds(target: Target, start: date, day: date) -> tuple[date, date]:
    """First and last day of the target period containing ``day``.

    Daily targets: the day itself. Weekly targets: the ISO week, Monday to
    Sunday, because managers think in calendar weeks. Any other period: D-day
    blocks aligned to the plan start (floor division keeps the blocks aligned
    for days before the start as well).
    """
    start, day = _as_date(start), _as_date(day)
    days = target.period_days
    if days == 1:
        return day, day
    if days == 7:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    first = start + timedelta(days=((day - start).days // days) * days)
    return first, first + timedelta(days=days - 1)


def _count_between(counts: Counter[date], first: date, last: date) -> int:
    return sum(counts.get(day, 0) for day in _days(first, last))


def performances_in_period(
    target: Target, start: date, day: date, performances: Performances
) -> int:
    """Performances in the period containing ``day``.

    Counts the whole period (not only up to ``day``), ignoring anything before
    the plan start, which never counts towards the plan.
    """
    first, last = period_bounds(target, start, day)
    counts = _daily_counts(performances)
    return _count_between(counts, max(first, _as_date(start)), last)


def streak(
    target: Target,
    start: date,
    on: date,
    performances: Performances,
    skips: Iterable[date] = (),
) -> int:
    """Consecutive periods with the target met, counting back from ``on``.

    * The period containing ``on`` counts if already met; if not, it is still
      running and neither counts nor breaks the streak.
    * A period with every day (within [start, on]) skipped is neutral.
    * A partially skipped period, or the first period of a plan that started
      mid-period, needs ceil(N * active_days / D) performances, active days
      being those of the period that are on/after the start and not skipped.
    * Periods before the start end the streak.
    """
    return _streak_back(target, start, on, performances, skips, None)[0]


def streak_since(
    target: Target,
    start: date,
    on: date,
    performances: Performances,
    skips: Iterable[date],
    since: date,
) -> tuple[int, bool]:
    """The streak counted back only over periods that start on or after ``since``.

    Returns (count, unbroken): unbroken is True when every such period was met or
    neutral, so a streak saved for the periods before ``since`` continues it.
    """
    return _streak_back(target, start, on, performances, skips, since)


def streak_before(
    target: Target, start: date, before: date, performances: Performances, skips: Iterable[date]
) -> int:
    """The streak of the complete periods that end before ``before`` (a period start).

    Saved beside a strength checkpoint; :func:`streak_since` continues it.
    """
    day = _as_date(before) - timedelta(days=1)
    return _streak_back(target, start, day, performances, skips, None, running=False)[0]


def _streak_back(
    target: Target,
    start: date,
    on: date,
    performances: Performances,
    skips: Iterable[date],
    since: date | None,
    *,
    running: bool = True,
) -> tuple[int, bool]:
    # running: the period containing ``on`` may still be under way, so an unmet
    # target there does not break the streak yet.
    start, on = _as_date(start), _as_date(on)
    if on < start:
        return 0, False
    counts = _daily_counts(performances)
    skipped = _date_set(skips)
    result = 0
    first, last = period_bounds(target, start, on)
    current = running
    while last >= start:
        if since is not None and first < since:
            return result, True
        from_day = max(first, start)
        to_day = min(last, on)  # later performances do not count yet
        if all(day in skipped for day in _days(from_day, to_day)):
            pass  # every day so far skipped: neutral
        else:
            # The requirement uses the whole period: the remaining days of the
            # current period are still ahead (planned skips excepted).
            active_days = sum(1 for day in _days(from_day, last) if day not in skipped)
            # ceil(N * active / D) in integers: no float rounding surprises.
            required = -(-target.times * active_days // target.period_days)
            if _count_between(counts, from_day, to_day) >= required:
                result += 1
            elif not current:
                return result, False
        current = False
        first, last = period_bounds(target, start, first - timedelta(days=1))
    return result, False


def explain(
    target: Target,
    start: date,
    on: date,
    performances: Performances,
    skips: Iterable[date] = (),
) -> Explanation:
    """The numbers behind the strength on ``on``, for an explanation page."""
    start, on = _as_date(start), _as_date(on)
    counts = _daily_counts(performances)
    window_days, window_target = _window(target)
    window_count = 0
    if on >= start:
        window_from = max(start, on - timedelta(days=window_days - 1))
        window_count = _count_between(counts, window_from, on)
    return Explanation(
        strength=strength_on(target, start, on, counts, skips),
        multiplier=multiplier(target),
        window_days=window_days,
        window_target=window_target,
        window_count=window_count,
        completion=min(1.0, window_count / window_target),
        days_since_start=(on - start).days,
    )
