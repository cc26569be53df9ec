"""Benchmark strengths_batch for an overview page: 2,500 plan items, 3 years.

Run from anywhere: ``python bench/bench_strength.py [--runs 20] [--seed 7]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

# Make ``engagera`` importable without installing the project.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engagera.lib.habits import HabitInput, Target, strength_on, strengths_batch  # noqa: E402

BUDGET_MS = 100.0
ITEMS = 2_500
YEARS = 3
# Realistic mix of plan targets (target, weight).
TARGET_MIX = [
    ("1/day", 25),
    ("2/day", 3),
    ("5/week", 7),
    ("3/week", 20),
    ("2/week", 15),
    ("1/week", 15),
    ("1/14d", 5),
    ("1/month", 10),
]


def build_items(seed: int, on: date) -> list[HabitInput]:
    """Plan items with seeded, realistic-looking logs and skips.

    Half the plans run for the whole 3 years (the worst case for the matrix
    width), the rest start at a random later day. Each person has an adherence
    rate that drifts over time, sometimes logs twice a day, takes a few
    holidays (skipped runs of days) and the odd sick day.
    """
    rng = random.Random(seed)
    first = on - timedelta(days=365 * YEARS)
    total_days = (on - first).days + 1
    names, weights = zip(*TARGET_MIX, strict=True)
    items: list[HabitInput] = []
    for _ in range(ITEMS):
        target = Target.parse(rng.choices(names, weights)[0])
        offset = 0 if rng.random() < 0.5 else rng.randrange(total_days)
        start = first + timedelta(days=offset)
        adherence = rng.uniform(0.3, 0.95)
        performances: list[date] = []
        skips: list[date] = []
        if rng.random() < 0.4:
            for _ in range(rng.randint(1, 6)):  # holidays
                begin = rng.randrange(offset, total_days)
                skips.extend(
                    first + timedelta(days=d) for d in range(begin, begin + rng.randint(3, 14))
                )
            skips.extend(
                first + timedelta(days=rng.randrange(offset, total_days))
                for _ in range(rng.randint(0, 5))
            )
        for d in range(offset, total_days):
            if d % 60 == 0:  # motivation drifts
                adherence = min(0.98, max(0.1, adherence + rng.uniform(-0.15, 0.15)))
            if rng.random() < min(1.0, adherence * target.frequency):
                day = first + timedelta(days=d)
                performances.append(day)
                if rng.random() < 0.05:  # logged twice
                    performances.append(day)
        # A few back-dated entries (entered late) and some before the start.
        performances.extend(
            start - timedelta(days=rng.randint(1, 10)) for _ in range(rng.randint(0, 2))
        )
        items.append(HabitInput(target, start, performances, skips))
    return items


def time_runs(func: Callable[[], object], runs: int) -> list[float]:
    """Wall time of each of ``runs`` calls, in milliseconds."""
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        func()
        timings.append((time.perf_counter() - began) * 1000)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reference-items", type=int, default=100)
    args = parser.parse_args()

    on = date(2025, 6, 30)
    items = build_items(args.seed, on)
    n_days = (on - min(item.start for item in items)).days + 1
    n_logs = sum(len(item.performances) for item in items)
    n_skips = sum(len(item.skips) for item in items)

    result = strengths_batch(items, on)  # warm-up, and the values to check
    batch_ms = time_runs(lambda: strengths_batch(items, on), args.runs)

    # The part no implementation can avoid: reading every date object once.
    def read_dates() -> None:
        for item in items:
            list(map(date.toordinal, item.performances))

    read_ms = min(time_runs(read_dates, 5))

    subset = items[: args.reference_items]
    ref_began = time.perf_counter()
    reference = [strength_on(i.target, i.start, on, i.performances, i.skips) for i in subset]
    ref_ms = (time.perf_counter() - ref_began) * 1000
    max_diff = max(abs(a - b) for a, b in zip(reference, result, strict=False))

    best, median = min(batch_ms), statistics.median(batch_ms)
    print(f"items:            {len(items)}")
    print(f"days:             {n_days} (earliest start .. {on})")
    print(f"performances:     {n_logs}  skips: {n_skips}")
    print(f"strengths_batch:  min {best:.1f} ms, median {median:.1f} ms over {args.runs} runs")
    print(f"  of which reading the {n_logs} date objects alone takes ~{read_ms:.1f} ms")
    print(
        f"strength_on loop: {ref_ms:.1f} ms for {len(subset)} items "
        f"(~{ref_ms * len(items) / len(subset):.0f} ms extrapolated to {len(items)})"
    )
    print(f"max |batch - reference| on the subset: {max_diff:.3g}")
    under = median < BUDGET_MS
    print(f"under {BUDGET_MS:.0f} ms (median): {'yes' if under else 'NO'}")
    return 0 if under else 1


if __name__ == "__main__":
    raise SystemExit(main())
