"""Server-drawn SVG charts: no script, no inline style, and each has a table beside it."""

from dataclasses import dataclass
from datetime import date, timedelta

WIDTH, HEIGHT, PAD = 600, 160, 24


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: date
    value: int


def bar_chart(weekly: list[tuple[date, int]]) -> dict:
    top = max([count for _, count in weekly] + [1])
    slot = (WIDTH - 2 * PAD) / max(len(weekly), 1)
    bars = []
    for index, (monday, count) in enumerate(weekly):
        height = (HEIGHT - 2 * PAD) * count / top
        bars.append(
            Bar(
                PAD + index * slot + 1,
                HEIGHT - PAD - height,
                max(slot - 2, 1),
                height,
                monday,
                count,
            )
        )
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "top": top, "baseline": HEIGHT - PAD}


def line_chart(series: list[float], start: date) -> dict:
    """The strength line; long histories are thinned to one point per few days."""
    if not series:
        return {"width": WIDTH, "height": HEIGHT, "points": "", "empty": True}
    step = max(1, len(series) // 300)
    sampled = series[::step]
    if (len(series) - 1) % step:
        sampled.append(series[-1])
    span = max(len(sampled) - 1, 1)
    points = " ".join(
        f"{PAD + (WIDTH - 2 * PAD) * i / span:.1f},{HEIGHT - PAD - (HEIGHT - 2 * PAD) * value:.1f}"
        for i, value in enumerate(sampled)
    )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": points,
        "empty": False,
        "y80": HEIGHT - PAD - (HEIGHT - 2 * PAD) * 0.8,
        "baseline": HEIGHT - PAD,
        "top": PAD,
        "first": start,
        "last": start + timedelta(days=len(series) - 1),
    }


def monthly_points(series: list[float], start: date) -> list[tuple[date, int]]:
    """Strength at the end of each month (and today), for the table alternative."""
    rows = []
    for offset, value in enumerate(series):
        day = start + timedelta(days=offset)
        if (day + timedelta(days=1)).day == 1 or offset == len(series) - 1:
            rows.append((day, round(value * 100)))
    return rows[-24:]
