"""A tiny in-process publish/subscribe, so one area can react to another's news.

Recognition publishes public posts; the outbound webhook (issue 6) subscribes. Handlers run
after the transaction commits and must never block or break the user's request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction

log = logging.getLogger(__name__)
_handlers: dict[str, list[Callable]] = {}


def subscribe(kind: str, handler: Callable) -> None:
    if handler not in _handlers.setdefault(kind, []):
        _handlers[kind].append(handler)


def publish(organisation, kind: str, payload: dict) -> None:
    """Call every handler of ``kind`` with (organisation, kind, payload) after commit."""

    def run():
        for handler in _handlers.get(kind, ()):
            try:
                handler(organisation, kind, payload)
            except Exception:  # a subscriber's failure must not undo or break the request
                log.exception("event handler for %s failed", kind)

    transaction.on_commit(run)
