"""Email in the recipient's language, sent only once the surrounding transaction commits.

Every email Engagera sends goes through :func:`send_templated_email`, so the background
worker (issue 6) can take over delivery in one place.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def render_email(template: str, context: dict, language: str) -> tuple[str, str, str | None]:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and (if present) ``<template>.html``."""
    from django.template import TemplateDoesNotExist

    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    return subject, text, html


def deliver(to: Sequence[str], subject: str, text: str, html: str | None = None, headers=None):
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, list(to), headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def send_templated_email(
    to: Sequence[str], template: str, context: dict, language: str, headers=None
) -> None:
    """Render now (the caller's data is fresh), send after commit (nothing for a rollback)."""
    subject, text, html = render_email(template, context, language)
    transaction.on_commit(lambda: deliver(to, subject, text, html, headers))
