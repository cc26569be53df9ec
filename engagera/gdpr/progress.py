"""A progress bar on stderr for the long verbs (export, backup, restore).

The work itself reports through a plain `progress(done, total, ...)` callback, so it runs
without a bar in tests and from code; the bar is drawn only when stderr is a terminal.
"""

import sys

from tqdm import tqdm


class Bar:
    """A tqdm bar fed by progress callbacks; `Bar(enabled=False)` draws nothing."""

    def __init__(self, *, unit: str, enabled: bool = True, description: str = ""):
        self.bar = tqdm(
            total=None,
            unit=unit,
            desc=description,
            file=sys.stderr,
            disable=None if enabled else True,  # None: off when stderr is not a terminal
            leave=False,
            dynamic_ncols=True,
        )

    def __call__(self, done: int, total: int, label: str | None = None) -> None:
        if self.bar.disable:
            return
        if self.bar.total != total:
            self.bar.total = total
        if label is not None:
            self.bar.set_description_str(label, refresh=False)
        # update() redraws at most ten times a second; a backup that restarts may go back.
        self.bar.update(done - self.bar.n)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.bar.close()
