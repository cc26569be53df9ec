"""The settings page for personal API tokens: created, shown once, revoked."""

import re

from django.urls import reverse

from engagera.api.models import ApiToken


def test_a_member_creates_a_token_shown_once_and_uses_it(client_for, member, api_with):
    client = client_for(member)
    response = client.post(reverse("api_tokens"), {"name": "skript", "scope": "read"})
    assert response.status_code == 200
    secret = re.search(r'data-testid="new-token">([^<]+)<', response.content.decode()).group(1)
    assert ApiToken.objects.get().name == "skript"
    listing = client.get(reverse("api_tokens")).content.decode()
    assert secret not in listing and ApiToken.objects.get().prefix in listing
    assert api_with(secret).get("/api/v1/me").json()["role"] == "member"


def test_revoking_stops_the_token(client_for, manager, api_with, make_token):
    secret = make_token(manager)
    client = client_for(manager)
    token = ApiToken.objects.get()
    assert client.post(reverse("revoke_api_token", args=[token.pk])).status_code == 302
    assert not ApiToken.objects.exists()
    assert api_with(secret).get("/api/v1/me").status_code == 401


def test_an_expiry_in_the_past_is_refused(client_for, manager):
    response = client_for(manager).post(
        reverse("api_tokens"), {"scope": "write", "expires_on": "2020-01-01"}
    )
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert "expires_on" in response.context["form"].errors


def test_nobody_revokes_anothers_token(client_for, manager, colleague, make_token):
    make_token(manager)
    token = ApiToken.objects.get()
    response = client_for(colleague).post(reverse("revoke_api_token", args=[token.pk]))
    assert response.status_code == 404 and ApiToken.objects.exists()
