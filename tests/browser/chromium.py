"""One Chromium for the whole test run, however many folders import the browser fixture.

Playwright's sync API allows one running instance per thread, but pytest makes a separate
session fixture for every conftest or module that defines or imports `browser`
(tests/browser, tests/a11y, tests/security). Each of them asks here, and shares one.
Always imported as `tests.browser.chromium`, so there is one copy of this state.
"""

from contextlib import contextmanager

_state: dict = {"users": 0, "playwright": None, "browser": None}


@contextmanager
def shared(launch):
    """The running browser, started by `launch(playwright)` for the first user, closed after the last."""
    if _state["users"] == 0:
        from playwright.sync_api import sync_playwright

        _state["playwright"] = sync_playwright().start()
        try:
            _state["browser"] = launch(_state["playwright"])
        except BaseException:
            _state["playwright"].stop()
            raise
    _state["users"] += 1
    try:
        yield _state["browser"]
    finally:
        _state["users"] -= 1
        if _state["users"] == 0:
            _state["browser"].close()
            _state["playwright"].stop()
