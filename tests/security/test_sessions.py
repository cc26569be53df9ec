"""Session lifetime, a new key at sign-in, and signing out everywhere."""

import time

from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagera.security import sessions
from tests.conftest import PASSWORD


def signed_in(response_or_client) -> bool:
    client = response_or_client
    return client.get(reverse("dashboard")).status_code == 200


def travel(monkeypatch, seconds: int) -> None:
    """Set the session clocks to `seconds` after the real now (not cumulative)."""
    monkeypatch.setattr(sessions, "now", lambda: int(time.time()) + seconds)


def test_it_gives_a_new_session_key_at_sign_in(client, manager, sign_in_form):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    sign_in_form(manager.user.email)
    assert client.session.session_key != before
    assert client.session[SESSION_KEY] == str(manager.user.pk)


def test_it_ends_a_session_after_30_idle_minutes(client, manager, sign_in_form, monkeypatch):
    sign_in_form(manager.user.email)
    travel(monkeypatch, 29 * 60)
    assert signed_in(client)
    travel(monkeypatch, 29 * 60 + 31 * 60)  # 31 minutes after the last request
    response = client.get(reverse("dashboard"), follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "signed out after 30 minutes without activity" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_it_keeps_an_active_session_until_12_hours(client, manager, sign_in_form, monkeypatch):
    sign_in_form(manager.user.email)
    for minutes in range(20, 12 * 60, 20):  # a request every 20 minutes all day
        travel(monkeypatch, minutes * 60)
        assert signed_in(client), minutes
    travel(monkeypatch, 12 * 3600 + 60)
    assert not signed_in(client)


def test_it_reads_the_lifetimes_from_settings(client, manager, sign_in_form, monkeypatch, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    sign_in_form(manager.user.email)
    travel(monkeypatch, 6 * 60)
    assert not signed_in(client)


def test_it_writes_the_activity_stamp_at_most_once_a_minute(
    client, manager, sign_in_form, monkeypatch
):
    sign_in_form(manager.user.email)
    url = reverse("me")  # a page with few queries of its own

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        return sum(
            1
            for q in context.captured_queries
            if "django_session" in q["sql"] and "UPDATE" in q["sql"]
        )

    travel(monkeypatch, 10)
    assert session_writes() == 0
    travel(monkeypatch, 50)
    assert session_writes() == 0
    travel(monkeypatch, 70)
    assert session_writes() == 1  # the stamp moves on ...
    travel(monkeypatch, 100)
    assert session_writes() == 0  # ... and stays for the next minute


def test_it_turns_an_expired_htmx_request_into_a_full_page_sign_in(
    client, manager, plan_item, sign_in_form, monkeypatch
):
    sign_in_form(manager.user.email)
    travel(monkeypatch, 3600)
    response = client.post(
        reverse("log_performance", args=[plan_item.pk]),
        {"token": "t"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/dashboard/",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("login") + "?next=%2Fdashboard%2F"
    assert plan_item.performances.count() == 0


def test_it_signs_out_every_session_on_sign_out(manager, sign_in_form, client):
    other = Client()
    other.force_login(manager.user)
    sign_in_form(manager.user.email)
    assert signed_in(other) and signed_in(client)
    client.post(reverse("logout"))
    assert not signed_in(client)
    assert not signed_in(other)


def test_it_keeps_this_session_and_ends_the_others_on_password_change(manager, client):
    other = Client()
    other.force_login(manager.user)
    client.force_login(manager.user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "ett-nytt-langt-losen-9",
            "new_password2": "ett-nytt-langt-losen-9",
        },
    )
    assert response.status_code == 302
    assert signed_in(client)
    assert not signed_in(other)
    manager.user.refresh_from_db()
    assert manager.user.session_epoch == 1


def test_it_keeps_sessions_when_only_the_hash_is_upgraded(manager, client, sign_in_form):
    """A hash upgrade at sign-in (old PBKDF2 → Argon2) is no password change."""
    from django.contrib.auth.hashers import make_password

    type(manager.user).objects.filter(pk=manager.user.pk).update(
        password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )
    other = Client()
    sign_in_form(manager.user.email)
    manager.user.refresh_from_db()
    assert manager.user.password.startswith("argon2")
    assert manager.user.session_epoch == 0
    assert signed_in(client)
    other.force_login(manager.user)
    assert signed_in(other)


def test_it_hashes_new_passwords_with_argon2(manager):
    assert manager.user.password.startswith("argon2$argon2id$")


def test_it_ends_every_session_when_the_password_is_reset(manager, client):
    import re

    from django.core import mail

    signed_in_elsewhere = Client()
    signed_in_elsewhere.force_login(manager.user)
    client.post(reverse("password_reset"), {"email": manager.user.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "helt-nytt-losen-77", "new_password2": "helt-nytt-losen-77"},
    )
    manager.user.refresh_from_db()
    assert manager.user.check_password("helt-nytt-losen-77")
    assert not signed_in(signed_in_elsewhere)
