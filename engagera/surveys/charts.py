"""Server-drawn SVG for survey results, each with a table beside it (as in practices)."""

from engagera.practices.charts import HEIGHT, PAD, WIDTH


def driver_bars(group) -> dict:
    """Horizontal bars, one per driver, on the 1-5 scale."""
    rows = [d for d in group.drivers if d.score.mean is not None]
    row_height = 28
    label_width = 0  # labels are in the table and the caption; bars stay simple
    height = max(row_height * len(rows) + PAD, PAD * 2)
    span = WIDTH - 2 * PAD - label_width
    bars = []
    for index, driver in enumerate(rows):
        bars.append(
            {
                "y": PAD / 2 + index * row_height,
                "width": span * (driver.score.mean - 1) / 4,
                "label": driver.name,
                "value": driver.score.mean,
            }
        )
    return {"width": WIDTH, "height": height, "bars": bars, "x": PAD, "bar_height": row_height - 8}


def trend_drivers(points) -> list[str]:
    codes: list[str] = []
    for point in points:
        for code in point.drivers:
            if code not in codes:
                codes.append(code)
    return codes


def trend_chart(points) -> dict:
    """The average of the drivers per round (1-5), as one line with a dot per round."""
    values = []
    for point in points:
        scores = [v for v in point.drivers.values() if v is not None]
        values.append(sum(scores) / len(scores) if scores else None)
    shown = [(i, v) for i, v in enumerate(values) if v is not None]
    span = max(len(points) - 1, 1)

    def x(i):
        return PAD + (WIDTH - 2 * PAD) * i / span

    def y(v):
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (v - 1) / 4

    dots = [{"x": x(i), "y": y(v), "value": v} for i, v in shown]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": " ".join(f"{d['x']:.1f},{d['y']:.1f}" for d in dots),
        "dots": dots,
        "empty": not dots,
        "baseline": HEIGHT - PAD,
        "mid": y(3),
    }
