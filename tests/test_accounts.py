"""Email as login, sign-out, password change and reset, language choice."""

import re

from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD


def test_it_signs_in_with_the_email_address(client, manager):
    response = client.post(
        reverse("login"), {"username": "ANNA@solbacka.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).url == reverse("dashboard")


def test_it_refuses_a_wrong_password_with_a_message(client, manager):
    response = client.post(reverse("login"), {"username": manager.user.email, "password": "nope"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_it_sends_members_to_their_page(client, member):
    client.force_login(member.user)
    assert client.get(reverse("home")).url == reverse("me")


def test_it_signs_out(client, manager):
    client.force_login(manager.user)
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_it_changes_the_password(client, manager):
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
    manager.user.refresh_from_db()
    assert manager.user.check_password("ett-nytt-langt-losen-9")


def test_it_resets_a_forgotten_password_by_email(client, manager):
    client.post(reverse("password_reset"), {"email": manager.user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "helt-nytt-losen-77", "new_password2": "helt-nytt-losen-77"},
    )
    assert response.status_code == 302
    manager.user.refresh_from_db()
    assert manager.user.check_password("helt-nytt-losen-77")


def test_it_speaks_swedish_by_default_and_english_on_request(client, manager):
    client.force_login(manager.user)
    assert '<html lang="sv">' in client.get(reverse("dashboard")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": reverse("dashboard")})
    manager.user.refresh_from_db()
    assert manager.user.language == "en"
    assert '<html lang="en">' in client.get(reverse("dashboard")).content.decode()


def test_it_ignores_an_outside_next_url_on_language_change(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_it_uses_the_browser_language_for_visitors(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="en">' in response.content.decode()
