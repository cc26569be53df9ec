"""What a session remembers about its own security: when it began, when it was last
used, and where it stands with two-factor authentication.

Kept in the session itself, so the middleware answers every request without a query.
"""

import time

STARTED = "engagera_started"  # Unix time of the sign-in
SEEN = "engagera_seen"  # Unix time of the last request, refreshed at most once a minute
TWO_FACTOR = "engagera_2fa"  # PENDING until the code is entered, VERIFIED after
PENDING = "pending"
VERIFIED = "verified"
# The secret shown on the setup page until confirmed (a session key name, not a secret).
SETUP_KEY = "engagera_2fa_setup"

SEEN_RESOLUTION = 60  # seconds: the idle clock is this coarse, to spare a write per request


def now() -> int:
    return int(time.time())


def start(session, *, has_device: bool) -> None:
    """Called at sign-in: a fresh clock, and a code to enter if the user has a device."""
    stamp = now()
    session[STARTED] = stamp
    session[SEEN] = stamp
    if has_device:
        session[TWO_FACTOR] = PENDING
    else:
        session.pop(TWO_FACTOR, None)


def needs_code(session) -> bool:
    return session.get(TWO_FACTOR) == PENDING


def is_verified(session) -> bool:
    return session.get(TWO_FACTOR) == VERIFIED


def mark_verified(session) -> None:
    session[TWO_FACTOR] = VERIFIED
    session.pop(SETUP_KEY, None)


def mark_without_device(session) -> None:
    session.pop(TWO_FACTOR, None)
