"""Accessibility checks drive the browser tests' Chromium.

The fixtures come from tests/browser/conftest.py, so both folders use the same Debian
Chromium with the same flags (never a downloaded browser).
"""

from tests.browser.conftest import browser, new_page, page, sign_in  # noqa: F401
