"""Habit strength model (Loop Habit Tracker), periods and streaks.

Expected numbers are worked out by hand in the comments (closed forms of the
recurrence s = s_prev * m + v * (1 - m)), never by calling the implementation.
No Django and no database: plain functions only.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, datetime, timedelta
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engagera.lib import habits
from engagera.lib.habits import (
    HabitInput,
    Target,
    explain,
    multiplier,
    performances_in_period,
    period_bounds,
    streak,
    strength_on,
    strength_series,
    strengths_batch,
)

MON = date(2024, 1, 1)  # a Monday

# m = 0.5 ** (sqrt(f) / 13) for the targets used below.
M_DAILY = 0.5 ** (1 / 13)  # f = 1: m ~ 0.948078
M_3_WEEK = 0.5 ** (math.sqrt(3 / 7) / 13)  # f = 3/7: m ~ 0.965697
M_1_WEEK = 0.5 ** (math.sqrt(1 / 7) / 13)  # f = 1/7: m ~ 0.980049
M_2_DAY = 0.5 ** (math.sqrt(2) / 13)  # f = 2: m ~ 0.927368


def day(n: int) -> date:
    return MON + timedelta(days=n)


# --------------------------------------------------------------------------
# Target
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "times", "period_days", "canonical"),
    [
        ("3/week", 3, 7, "3/week"),
        ("2/day", 2, 1, "2/day"),
        ("1/month", 1, 30, "1/month"),
        ("1/14d", 1, 14, "1/14d"),
        (" 4 / Week ", 4, 7, "4/week"),
        ("1/7d", 1, 7, "1/week"),
        ("1/1d", 1, 1, "1/day"),
        ("2/30d", 2, 30, "2/month"),
        ("5/365d", 5, 365, "5/365d"),
    ],
)
def test_it_parses_targets_and_prints_them_canonically(
    text: str, times: int, period_days: int, canonical: str
) -> None:
    target = Target.parse(text)
    assert target == Target(times, period_days)
    assert str(target) == canonical
    assert Target.parse(str(target)) == target  # round trip


@pytest.mark.parametrize(
    "text",
    ["", "week", "3", "3/", "/week", "0/week", "-1/week", "1.5/week", "3/fortnight",
     "3 per week", "3/week!", "1/0d", "1/366d", "1/d", "1/14days", "three/week"],
)  # fmt: skip
def test_it_rejects_bad_targets_with_a_clear_message(text: str) -> None:
    with pytest.raises(ValueError) as error:
        Target.parse(text)
    message = str(error.value)
    assert repr(text) in message  # names the bad text
    assert "'N/week'" in message and "'N/Dd'" in message  # and the accepted forms


def test_it_validates_targets_built_directly() -> None:
    for times, period_days in [(0, 7), (1, 0), (1, 366), (True, 7)]:
        with pytest.raises(ValueError):
            Target(times, period_days)


def test_it_gives_frequency_and_multiplier() -> None:
    assert Target(3, 7).frequency == 3 / 7
    assert multiplier(Target(1, 1)) == pytest.approx(0.9480775143, abs=1e-10)
    assert multiplier(Target(3, 7)) == pytest.approx(0.9656966817, abs=1e-10)


# --------------------------------------------------------------------------
# Strength
# --------------------------------------------------------------------------


def test_it_builds_daily_strength_three_days_in_a_row() -> None:
    # 1/day, window 1 day: v = 1 each day.
    # s1 = 0*m + (1-m) = 1-m ~ 0.051922
    # s2 = (1-m)*m + (1-m) = 1-m^2 ~ 0.101149
    # s3 = (1-m^2)*m + (1-m) = 1-m^3 ~ 0.147820
    series = strength_series(Target(1, 1), MON, day(2), [day(0), day(1), day(2)])
    assert series == pytest.approx([0.0519224857, 0.1011490268, 0.1478196036], abs=1e-9)
    assert series == pytest.approx([1 - M_DAILY, 1 - M_DAILY**2, 1 - M_DAILY**3], abs=1e-12)
    # A day without a performance: s4 = (1-m^3)*m + 0.
    assert strength_on(Target(1, 1), MON, day(3), [day(0), day(1), day(2)]) == pytest.approx(
        (1 - M_DAILY**3) * M_DAILY, abs=1e-12
    )


def test_it_doubles_the_window_for_three_a_week() -> None:
    # f = 3/7 < 1, so the window is 14 days and the target 6 in it.
    # Done on days 0 and 2:
    # s0 = (1/6)(1-m)                      (1 in window)   ~ 0.005717
    # s1 = (1/6)(1-m)m + (1/6)(1-m) = (1/6)(1-m^2)         ~ 0.011238
    # s2 = (1/6)(1-m^2)m + (2/6)(1-m)      (2 in window)   ~ 0.022287
    m = M_3_WEEK
    done = [day(0), day(2)]
    series = strength_series(Target(3, 7), MON, day(2), done)
    assert series == pytest.approx([0.0057172197, 0.0112383198, 0.0222872476], abs=1e-9)
    assert series[2] == pytest.approx((1 - m**2) / 6 * m + (2 / 6) * (1 - m), abs=1e-12)

    facts = explain(Target(3, 7), MON, day(2), done)
    assert facts == {
        "strength": pytest.approx(series[2], abs=1e-12),
        "multiplier": pytest.approx(m, abs=1e-12),
        "window_days": 14,
        "window_target": 6,
        "window_count": 2,
        "completion": pytest.approx(2 / 6),
        "days_since_start": 2,
    }

    # Done on day 0 only: it stays in the window on days 0..13 and leaves on
    # day 14. v = 1/6 for 14 days: s13 = (1/6)(1-m^14); then s14 = s13 * m.
    only = [day(0)]
    assert explain(Target(3, 7), MON, day(13), only)["window_count"] == 1
    assert explain(Target(3, 7), MON, day(14), only)["window_count"] == 0
    s13, s14 = strength_series(Target(3, 7), MON, day(14), only)[13:]
    assert s13 == pytest.approx((1 - m**14) / 6, abs=1e-12)
    assert s14 == pytest.approx((1 - m**14) / 6 * m, abs=1e-12)


def test_it_scores_a_weekly_habit_on_irregular_weekdays() -> None:
    # 1/week: window 14 days, target 2. Done Monday day 0, Sunday day 13 of
    # the next week and Tuesday day 22. Count in the last 14 days, /2:
    #   days 0..12 -> 1/2, day 13 -> 1 (0 and 13), days 14..21 -> 1/2 (0 left),
    #   days 22..26 -> 1 (13 and 22).
    # So v never drops to 0 although the weekday changes every week, and
    # s26 = (1-m) * sum(v_t * m^(26-t)).
    m = M_1_WEEK
    target, done = Target(1, 7), [day(0), day(13), day(22)]
    v = [0.5] * 13 + [1.0] + [0.5] * 8 + [1.0] * 5
    expected = (1 - m) * sum(v_t * m ** (26 - t) for t, v_t in enumerate(v))
    assert strength_on(target, MON, day(26), done) == pytest.approx(expected, abs=1e-12)
    completions = [explain(target, MON, day(t), done)["completion"] for t in range(27)]
    assert completions == v


def test_it_leaves_strength_unchanged_on_skipped_days() -> None:
    # 1/day done on days 0, 1 and 3, day 2 skipped:
    # s0 = 1-m, s1 = 1-m^2, s2 = s1 (no update at all), s3 = s1*m + (1-m) = 1-m^3,
    # i.e. the skipped day does not count against: as if it never existed.
    m = M_DAILY
    series = strength_series(Target(1, 1), MON, day(3), [day(0), day(1), day(3)], [day(2)])
    assert series[2] == series[1]
    assert series == pytest.approx([1 - m, 1 - m**2, 1 - m**2, 1 - m**3], abs=1e-12)
    # Without the skip, day 2 decays: s2 = (1-m^2)*m.
    unskipped = strength_series(Target(1, 1), MON, day(3), [day(0), day(1), day(3)])
    assert unskipped[2] == pytest.approx((1 - m**2) * m, abs=1e-12)
    # A skipped day in a weekly window is not a missed day either: 1/week
    # done on day 0, days 1..6 skipped -> s6 = s0 = (1/2)(1-m).
    week = strength_series(Target(1, 7), MON, day(6), [day(0)], [day(n) for n in range(1, 7)])
    assert week == pytest.approx([0.5 * (1 - M_1_WEEK)] * 7, abs=1e-12)


def test_it_applies_back_dated_logs_like_on_time_ones() -> None:
    # 1/day done on days 0 and 2, then day 1 entered late (appended last).
    # Without day 1: s0 = 1-m, s1 = (1-m)m, s2 = (1-m)m^2 + (1-m).
    # With it, the three days in a row: 1-m, 1-m^2, 1-m^3.
    m = M_DAILY
    before = strength_series(Target(1, 1), MON, day(2), [day(0), day(2)])
    assert before == pytest.approx([1 - m, (1 - m) * m, (1 - m) * m**2 + (1 - m)], abs=1e-12)
    late = strength_series(Target(1, 1), MON, day(5), [day(0), day(2), day(1)])
    on_time = strength_series(Target(1, 1), MON, day(5), [day(0), day(1), day(2)])
    assert late == on_time
    assert late[:3] == pytest.approx([1 - m, 1 - m**2, 1 - m**3], abs=1e-12)
    # A log dated before the start never counts.
    early = strength_series(Target(1, 1), MON, day(5), [day(-1), day(0), day(1), day(2)])
    assert early == on_time


def test_it_counts_several_performances_on_one_day() -> None:
    # 2/day (f = 2, window 1 day, target 2): twice on day 0 -> v = 1,
    # once on day 1 -> v = 1/2.
    # s0 = 1-m ~ 0.072632, s1 = (1-m)m + (1/2)(1-m) ~ 0.103672
    m = M_2_DAY
    expected = [1 - m, (1 - m) * m + 0.5 * (1 - m)]
    assert expected == pytest.approx([0.0726316846, 0.1036721653], abs=1e-9)
    as_list = strength_series(Target(2, 1), MON, day(1), [day(0), day(0), day(1)])
    as_counts = strength_series(Target(2, 1), MON, day(1), {day(0): 2, day(1): 1})
    assert as_list == pytest.approx(expected, abs=1e-12)
    assert as_counts == as_list
    # 3/week: three on one day fill half of the 14-day target of 6:
    # s0 = (3/6)(1-m).
    assert strength_on(Target(3, 7), MON, MON, [MON] * 3) == pytest.approx(
        0.5 * (1 - M_3_WEEK), abs=1e-12
    )
    # v is capped at 1: three on one day of a 1/day plan count as one.
    assert strength_on(Target(1, 1), MON, MON, [MON] * 3) == pytest.approx(1 - M_DAILY)
    with pytest.raises(ValueError):
        strength_on(Target(1, 1), MON, MON, {MON: -1})


def test_it_is_zero_before_the_start() -> None:
    done = [day(-3), day(0)]
    assert strength_series(Target(1, 1), day(5), day(4), done) == []
    assert strength_on(Target(1, 1), day(5), day(4), done) == 0.0
    assert strengths_batch([HabitInput(Target(1, 1), day(5), done)], day(4)) == [0.0]
    facts = explain(Target(1, 1), day(5), day(4), done)
    assert (facts["strength"], facts["window_count"], facts["completion"]) == (0.0, 0, 0.0)
    assert facts["days_since_start"] == -1
    # On the start date the first update happens: s = 1-m.
    assert strength_on(Target(1, 1), day(0), day(0), done) == pytest.approx(1 - M_DAILY)


def test_it_reduces_datetimes_to_their_day() -> None:
    stamps = [datetime(2024, 1, 1, 8, 30), datetime(2024, 1, 2, 23, 59)]
    assert strength_on(Target(1, 1), MON, day(1), stamps) == pytest.approx(1 - M_DAILY**2)
    assert strengths_batch([HabitInput(Target(1, 1), MON, stamps)], day(1)) == pytest.approx(
        [1 - M_DAILY**2]
    )


# --------------------------------------------------------------------------
# Batch
# --------------------------------------------------------------------------


def test_it_batches_items_with_different_starts() -> None:
    on = day(20)
    items = [
        HabitInput(Target(1, 1), day(0), [day(n) for n in range(0, 21, 2)]),
        HabitInput(Target(3, 7), day(5), [day(4), day(6), day(6), day(9)], [day(7), day(8)]),
        HabitInput(Target(1, 14), day(-30), Counter({day(-20): 1, day(3): 2})),
        HabitInput(Target(2, 1), day(20), [day(20)]),  # starts on `on`: one update
        HabitInput(Target(1, 7), day(21), [day(21)]),  # starts after `on`: 0
    ]
    expected = [strength_on(i.target, i.start, on, i.performances, i.skips) for i in items]
    assert strengths_batch(items, on) == pytest.approx(expected, abs=1e-12)
    assert strengths_batch(items, on)[3] == pytest.approx(0.5 * (1 - M_2_DAY))  # v = 1/2
    assert strengths_batch(items, on)[4] == 0.0
    assert strengths_batch([], on) == []


def test_it_splits_long_spans_into_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    # A tiny cell budget forces one pass per item or two; results must not change.
    monkeypatch.setattr(habits, "_BATCH_CELLS", 40)
    on = day(30)
    items = [
        HabitInput(Target(t, d), day(start), [day(n) for n in range(start, 31, step)])
        for t, d, start, step in [(1, 1, -10, 2), (3, 7, 0, 3), (1, 30, 12, 5), (2, 1, 25, 1)]
    ]
    expected = [strength_on(i.target, i.start, on, i.performances, i.skips) for i in items]
    assert strengths_batch(items, on) == pytest.approx(expected, abs=1e-12)


def test_it_keeps_tiny_strengths_fast_and_close() -> None:
    # 1000/day done once on day 0 then never: s decays by m ~ 0.1857 a day,
    # below 1e-290 after 400 days. The batch flushes such values to 0.
    target, on = Target(1000, 1), day(400)
    reference = strength_on(target, MON, on, [MON])
    assert 0.0 < reference < 1e-200
    assert strengths_batch([HabitInput(target, MON, [MON])], on)[0] == pytest.approx(
        reference, abs=1e-12
    )


_BASE = date(2024, 3, 1)


@st.composite
def habit_inputs(draw: st.DrawFn) -> HabitInput:
    target = Target(
        draw(st.integers(1, 12)),
        draw(st.sampled_from([1, 2, 3, 5, 7, 10, 14, 30, 45]) | st.integers(1, 40)),
    )
    start = _BASE + timedelta(days=draw(st.integers(-40, 80)))
    dates = [_BASE + timedelta(days=n) for n in draw(st.lists(st.integers(-50, 90), max_size=60))]
    performances: list[date] | Counter[date] = Counter(dates) if draw(st.booleans()) else dates
    skips = [_BASE + timedelta(days=n) for n in draw(st.lists(st.integers(-50, 90), max_size=25))]
    return HabitInput(target, start, performances, skips)


@settings(max_examples=150, deadline=None)
@given(items=st.lists(habit_inputs(), max_size=8), on_offset=st.integers(-10, 80))
def test_it_batches_the_same_numbers_as_strength_on(
    items: list[HabitInput], on_offset: int
) -> None:
    # Starts range over -40..80 and `on` over -10..80, so some items start
    # after `on` (strength 0) and items start on different days.
    on = _BASE + timedelta(days=on_offset)
    batch = strengths_batch(items, on)
    assert len(batch) == len(items)
    for item, value in zip(items, batch, strict=True):
        expected = strength_on(item.target, item.start, on, item.performances, item.skips)
        assert abs(value - expected) <= 1e-9
        if item.start > on:
            assert value == 0.0


@settings(max_examples=100, deadline=None)
@given(items=st.lists(habit_inputs(), max_size=24), on_offset=st.integers(-10, 80))
def test_the_vector_and_the_scalar_recurrence_agree_bit_for_bit(
    items: list[HabitInput], on_offset: int
) -> None:
    # A plan of a few items runs the day-by-day steps as scalar loops, a large batch as
    # vector operations; both must give exactly the same floats whatever the size.
    on = _BASE + timedelta(days=on_offset)
    with patch.object(habits, "_FEW_ITEMS", 0):
        vectorised = strengths_batch(items, on)
    with patch.object(habits, "_FEW_ITEMS", 10**6):
        scalar = strengths_batch(items, on)
    assert vectorised == scalar


# --------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------


def test_it_bounds_periods_by_day_iso_week_and_start_aligned_blocks() -> None:
    wednesday, start = date(2024, 5, 15), date(2024, 5, 1)
    assert period_bounds(Target(2, 1), start, wednesday) == (wednesday, wednesday)
    # ISO week Monday 13 .. Sunday 19 May, whatever the start.
    assert period_bounds(Target(3, 7), start, wednesday) == (date(2024, 5, 13), date(2024, 5, 19))
    assert period_bounds(Target(3, 7), wednesday, date(2024, 5, 19)) == (
        date(2024, 5, 13),
        date(2024, 5, 19),
    )
    # 14-day blocks from 1 May: 1..14 May, 15..28 May; 20 May is 19 days in.
    fortnight = Target(1, 14)
    assert period_bounds(fortnight, start, date(2024, 5, 20)) == (
        date(2024, 5, 15),
        date(2024, 5, 28),
    )
    assert period_bounds(fortnight, start, date(2024, 5, 14)) == (start, date(2024, 5, 14))
    # The day before the start belongs to the block 17..30 April.
    assert period_bounds(fortnight, start, date(2024, 4, 30)) == (
        date(2024, 4, 17),
        date(2024, 4, 30),
    )
    # "month" is 30 days from the start: 10 Jan + 30 = 9 Feb .. 9 Mar (leap year).
    assert period_bounds(Target(1, 30), date(2024, 1, 10), date(2024, 2, 9)) == (
        date(2024, 2, 9),
        date(2024, 3, 9),
    )


def test_it_counts_performances_in_the_period() -> None:
    done = [date(2024, 5, 10), date(2024, 5, 14), date(2024, 5, 16), date(2024, 5, 16)]
    done.append(date(2024, 5, 20))  # next week
    week, wednesday = Target(3, 7), date(2024, 5, 15)
    assert performances_in_period(week, date(2024, 5, 1), wednesday, done) == 3
    # A plan starting on the Wednesday ignores the Tuesday before it.
    assert performances_in_period(week, wednesday, wednesday, done) == 2
    assert performances_in_period(Target(1, 1), wednesday, date(2024, 5, 16), done) == 2


# --------------------------------------------------------------------------
# Streaks
# --------------------------------------------------------------------------


def three_a_week(weeks: range, weekdays: tuple[int, ...] = (0, 2, 4)) -> list[date]:
    return [day(7 * w + wd) for w in weeks for wd in weekdays]


def test_it_counts_a_streak_of_met_weeks() -> None:
    # 3/week met in ISO weeks 0..3; on Sunday of week 3 -> 4 weeks.
    assert streak(Target(3, 7), MON, day(27), three_a_week(range(4))) == 4
    # Week 1 with only two: counting back from week 3 stops there -> 2.
    done = [d for d in three_a_week(range(4)) if d != day(11)]
    assert streak(Target(3, 7), MON, day(27), done) == 2
    # 1/day done days 0..4: 5.
    assert streak(Target(1, 1), MON, day(4), [day(n) for n in range(5)]) == 5


def test_it_neither_counts_nor_breaks_on_the_current_incomplete_period() -> None:
    # Wednesday of week 4 with one performance so far: week 4 is still running.
    done = [*three_a_week(range(4)), day(28)]
    assert streak(Target(3, 7), MON, day(30), done) == 4
    # Once week 4 has its three it counts too.
    assert streak(Target(3, 7), MON, day(30), [*done, day(29), day(30)]) == 5
    # Logs dated after `on` do not count yet.
    assert streak(Target(3, 7), MON, day(28), [*done, day(29), day(30)]) == 4
    # 1/day with nothing yet today: yesterday's streak still stands.
    assert streak(Target(1, 1), MON, day(5), [day(n) for n in range(5)]) == 5


def test_it_treats_a_skipped_week_as_neutral() -> None:
    # Week 2 fully skipped, nothing done: weeks 0, 1 and 3 -> 3.
    skipped = [day(n) for n in range(14, 21)]
    done = three_a_week(range(0, 2)) + three_a_week(range(3, 4))
    assert streak(Target(3, 7), MON, day(27), done, skipped) == 3
    # Week 2 skipped Monday..Thursday: 3 active days need ceil(3 * 3 / 7) = 2.
    partly = [day(n) for n in range(14, 18)]
    two_on_friday_weekend = [*done, day(18), day(19)]
    assert streak(Target(3, 7), MON, day(27), two_on_friday_weekend, partly) == 4
    # One is not enough: week 2 breaks the streak -> only week 3.
    assert streak(Target(3, 7), MON, day(27), [*done, day(18)], partly) == 1


def test_it_needs_a_proportional_count_in_a_first_partial_week() -> None:
    # Plan starts Friday (day 4): Fri..Sun = 3 active days -> ceil(3 * 3 / 7) = 2.
    week_1 = three_a_week(range(1, 2))
    assert streak(Target(3, 7), day(4), day(13), [day(4), day(6), *week_1]) == 2
    assert streak(Target(3, 7), day(4), day(13), [day(6), *week_1]) == 1


def test_it_ends_the_streak_at_the_start() -> None:
    # Three in the week before the start do not extend the streak.
    done = three_a_week(range(-1, 1))
    assert streak(Target(3, 7), MON, day(6), done) == 1
    assert streak(Target(3, 7), MON, day(-1), done) == 0  # not started yet


# --------------------------------------------------------------------------
# Saved states: continuing from a checkpoint gives the same numbers
# --------------------------------------------------------------------------


def _after(performances, first: date):
    """Only what a page reads after a checkpoint: performances from ``first`` on."""
    days = performances.elements() if isinstance(performances, Counter) else performances
    return [day for day in days if day >= first]


@settings(max_examples=300, deadline=None)
@given(item=habit_inputs(), on_offset=st.integers(1, 90), lag=st.integers(1, 60))
def test_it_continues_from_a_saved_state_with_the_same_result(
    item: HabitInput, on_offset: int, lag: int
) -> None:
    on = _BASE + timedelta(days=on_offset)
    saved_on = on - timedelta(days=lag)
    if saved_on < item.start:
        return
    saved = strength_on(item.target, item.start, saved_on, item.performances, item.skips)
    needed_from = habits.data_needed_from(item.target, item.start, saved_on)
    recent = _after(item.performances, needed_from)
    expected = strength_on(item.target, item.start, on, item.performances, item.skips)
    resumed = habits.strength_resumed(
        item.target, item.start, on, recent, item.skips, saved_on, saved
    )
    assert resumed == pytest.approx(expected, abs=1e-12)
    batch_item = HabitInput(item.target, item.start, recent, item.skips, saved_on, saved)
    plain_item = HabitInput(item.target, item.start, item.performances, item.skips)
    batch = strengths_batch([batch_item, plain_item], on)
    assert batch == pytest.approx([expected, expected], abs=1e-12)

    # The streak: the part after the checkpoint, plus the saved part if unbroken.
    since = habits.period_bounds(item.target, item.start, saved_on + timedelta(days=1))[0]
    recent_skips = [day for day in item.skips if day >= needed_from]
    count, unbroken = habits.streak_since(item.target, item.start, on, recent, recent_skips, since)
    before = habits.streak_before(item.target, item.start, since, item.performances, item.skips)
    full = streak(item.target, item.start, on, item.performances, item.skips)
    assert count + (before if unbroken else 0) == full


def test_it_refuses_to_continue_backwards() -> None:
    with pytest.raises(ValueError):
        habits.strength_resumed(Target(1, 1), MON, MON, [], [], MON, 0.5)
    with pytest.raises(ValueError):
        strengths_batch([HabitInput(Target(1, 1), MON, [], (), MON + timedelta(days=2), 0.5)], MON)
