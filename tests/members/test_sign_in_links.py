"""Sign-in by emailed link: 15 minutes, once, only a hash stored, a POST to use it,
and no answer that tells whether an address has an account."""

import hashlib
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from engagera.audit.models import AuditEntry
from engagera.security.models import SignInLink


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    def ask_for(email):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("sign_in_link_request"), {"email": email})

    return ask_for


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/link/\S+/)", message.body).group(1)


def test_it_emails_a_link_that_signs_in_once(client, ask, maja):
    response = ask("MAJA@solbacka.example ")
    assert response.status_code == 200
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [maja.user.email]
    path = link_in(mail.outbox[0])
    secret = path.rstrip("/").rsplit("/", 1)[1]
    link = SignInLink.objects.get()
    assert link.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(list(SignInLink.objects.values()))  # only the hash is kept
    # A GET (a mail scanner following the link) shows a button and uses nothing.
    page = client.get(path)
    assert page.status_code == 200 and SESSION_KEY not in client.session
    assert '<form method="post">' in page.content.decode()
    link.refresh_from_db()
    assert link.used_at is None
    response = client.post(path)
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == maja.user.pk
    assert AuditEntry.objects.filter(action="auth.link_used", actor=maja.user).exists()
    # Used: a second click finds nothing, even signed out.
    client.logout()
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    assert SESSION_KEY not in client.session


def test_it_expires_after_15_minutes(client, ask, maja):
    ask(maja.user.email)
    path = link_in(mail.outbox[0])
    later = timezone.now() + timedelta(minutes=15, seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(path).status_code == 404
        assert client.post(path).status_code == 404
    assert SESSION_KEY not in client.session
    assert SignInLink.objects.get().used_at is None


def test_it_works_just_before_expiry(client, ask, maja):
    ask(maja.user.email)
    path = link_in(mail.outbox[0])
    later = timezone.now() + timedelta(minutes=14)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.post(path).status_code == 302


def test_it_never_tells_whether_an_address_has_an_account(ask, maja):
    known = ask(maja.user.email).content.decode()
    unknown = ask("nobody@solbacka.example").content.decode()
    # The same page, apart from the per-response CSRF tokens.
    token = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+"')
    assert token.sub("", known) == token.sub("", unknown)
    assert len(mail.outbox) == 1


def test_it_sends_no_link_to_an_inactive_account(ask, maja):
    maja.user.is_active = False
    maja.user.save(update_fields=["is_active"])
    ask(maja.user.email)
    assert mail.outbox == []


def test_it_limits_open_links_so_nobody_floods_an_inbox(ask, maja):
    for _ in range(5):
        ask(maja.user.email)
    assert len(mail.outbox) == 3


def test_it_refuses_a_made_up_secret(client, maja):
    assert client.get(reverse("sign_in_link", args=["made-up"])).status_code == 404
    assert client.post(reverse("sign_in_link", args=["made-up"])).status_code == 404


def test_it_emails_in_the_users_language(ask, maja):
    maja.user.language = "en"
    maja.user.save(update_fields=["language"])
    ask(maja.user.email)
    assert mail.outbox[0].subject == "Your sign-in link for Engagera"


def test_the_sign_in_page_offers_a_link(client):
    body = client.get(reverse("login")).content.decode()
    assert reverse("sign_in_link_request") in body
