"""Login throttling: username and address together, with a cool-off."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from engagera.security.throttle import client_ip

HOME = "192.0.2.10"
OFFICE = "198.51.100.7"


def fail(sign_in_form, email, times, address=HOME):
    for _ in range(times):
        response = sign_in_form(email, "wrong-password", address=address)
    return response


def test_it_locks_a_username_and_address_after_the_failure_limit(manager, sign_in_form):
    email = manager.user.email
    assert settings.AXES_FAILURE_LIMIT == 5
    response = fail(sign_in_form, email, 4)
    assert response.status_code == 200  # the sign-in form again, with its message
    response = fail(sign_in_form, email, 1)
    assert response.status_code == 429
    # Now even the right password is refused from this address.
    response = sign_in_form(email, address=HOME)
    assert response.status_code == 429
    body = response.content.decode()
    assert "15" in body and 'role="alert"' in body and "<h1>" in body
    # django-axes keeps the request's form data: never the typed password.
    assert "wrong-password" not in AccessAttempt.objects.get().post_data


def test_it_lets_the_same_person_sign_in_from_another_address(manager, sign_in_form):
    """Nobody can lock a colleague out by typing their address wrongly from elsewhere."""
    fail(sign_in_form, manager.user.email, 6, address=OFFICE)
    response = sign_in_form(manager.user.email, address=HOME)
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_it_lets_others_sign_in_from_the_locked_address(manager, colleague, sign_in_form):
    fail(sign_in_form, manager.user.email, 5)
    assert sign_in_form(colleague.user.email, address=HOME).status_code == 302


def test_it_counts_an_email_however_it_is_typed(manager, sign_in_form):
    for typed in ("ANNA@solbacka.example", " anna@solbacka.example", "Anna@Solbacka.example"):
        fail(sign_in_form, typed, 2)
    assert sign_in_form(manager.user.email).status_code == 429


def test_it_unlocks_after_the_cool_off(manager, sign_in_form):
    fail(sign_in_form, manager.user.email, 5)
    assert sign_in_form(manager.user.email).status_code == 429
    # Travel in time: the failures happened 16 minutes ago.
    moved = AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert moved == 1
    response = sign_in_form(manager.user.email)
    assert response.status_code == 302


def test_it_forgets_the_failures_after_a_successful_sign_in(manager, client, sign_in_form):
    fail(sign_in_form, manager.user.email, 4)
    assert sign_in_form(manager.user.email).status_code == 302
    client.post(reverse("logout"))
    fail(sign_in_form, manager.user.email, 4)
    assert sign_in_form(manager.user.email).status_code == 302


def test_it_shows_the_lockout_page_in_english_too(manager, sign_in_form, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = fail(sign_in_form, manager.user.email, 5)
    assert response.status_code == 429
    assert '<html lang="en">' in response.content.decode()
    assert "try again in 15 minutes" in response.content.decode()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "", "203.0.113.5"),
        (0, "198.51.100.1", "203.0.113.5"),  # no proxy trusted: the header is ignored
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the forged left part is ignored
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (1, "", "203.0.113.5"),
        (1, "not-an-address", None),
    ],
)
def test_it_trusts_forwarded_addresses_only_from_its_own_proxies(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5", **extra)
    assert client_ip(request) == expected
