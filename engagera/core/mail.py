"""Email in the recipient's language, sent only once the surrounding transaction commits.

Every email Engagera sends goes through :func:`send_templated_email`: it renders now and,
once the transaction commits, enqueues a background task (engagera.reminders.tasks.send_email)
that delivers it, so a slow or unreachable mail server never holds up a request.
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
    """Render now (the caller's data is fresh), enqueue after commit (nothing for a rollback)."""
    from engagera.reminders.tasks import send_email

    subject, text, html = render_email(template, context, language)
    arguments = {"to": list(to), "subject": subject, "text": text, "html": html}
    if headers:
        arguments["headers"] = dict(headers)
    transaction.on_commit(lambda: send_email.enqueue(**arguments))
