"""A real SMTP server per test (aiosmtpd on 127.0.0.1, a free port) and the database
task backend, for the tests of background work and the digest."""

import pytest
from aiosmtpd.controller import Controller
from smtp_inbox import DB_TASKS, Inbox, free_port

from tests.browser.conftest import browser, new_page  # noqa: F401  (the a11y check)


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.port = port
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def smtp(smtp_server, settings):
    """Django sends through the test's SMTP server."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    return smtp_server


@pytest.fixture
def db_tasks(settings):
    """The database backend, as in production: jobs wait for a worker."""
    settings.TASKS = DB_TASKS
