"""Tokens: hashed, scoped, expiring, revocable, rate limited; errors in one JSON shape."""

from datetime import timedelta

import pytest
from django.test import override_settings

from engagera.api.actions import do_revoke_token, hash_token
from engagera.api.models import ApiToken


def test_it_needs_a_token(client, api_with, make_token):
    response = api_with("").get("/api/v1/me")
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "unauthenticated",
            "message": "A valid API token is required (Bearer).",
            "fields": {},
        }
    }


def test_a_session_cookie_is_not_enough(client_for, manager, api_with, make_token):
    # Token auth only: a signed-in browser cannot be made to call the API (no CSRF issue).
    client = client_for(manager)
    assert client.get("/api/v1/me").status_code == 401


def test_it_stores_only_a_hash(manager, api_with, make_token):
    secret = make_token(manager)
    token = ApiToken.objects.get()
    assert token.token_hash == hash_token(secret) and secret not in token.token_hash
    assert secret.startswith(token.prefix)


def test_a_wrong_token_is_refused(client, manager, api_with, make_token):
    make_token(manager)
    assert api_with("eng_wrong").get("/api/v1/me").status_code == 401


def test_an_expired_token_is_refused(client, manager, api_with, make_token):
    secret = make_token(manager, expires_on=manager.organisation.today() + timedelta(days=1))
    ApiToken.objects.update(expires_on=manager.organisation.today() - timedelta(days=1))
    assert api_with(secret).get("/api/v1/me").status_code == 401


def test_a_revoked_token_is_refused(client, manager, api_with, make_token):
    secret = make_token(manager)
    do_revoke_token(manager, ApiToken.objects.get())
    assert api_with(secret).get("/api/v1/me").status_code == 401


def test_a_token_of_a_removed_member_is_refused(client, manager, api_with, make_token):
    secret = make_token(manager)
    manager.user.is_active = False
    manager.user.save(update_fields=["is_active"])
    assert api_with(secret).get("/api/v1/me").status_code == 401


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_it_rate_limits_per_token(client, manager, api_with, make_token):
    from django.core.cache import cache

    cache.clear()
    api = api_with(make_token(manager))
    other = api_with(make_token(manager))
    assert [api.get("/api/v1/me").status_code for _ in range(3)] == [200, 200, 200]
    limited = api.get("/api/v1/me")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited.json()["error"]["code"] == "rate_limited"
    assert other.get("/api/v1/me").status_code == 200  # per token, not per user
    cache.clear()


def test_an_unknown_id_is_a_json_404(api_for, manager, api_with, make_token):
    response = api_for(manager).get("/api/v1/people/999999")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_huge_id_is_a_422_not_a_500(api_for, manager, api_with, make_token):
    response = api_for(manager).get(f"/api/v1/people/{2**70}")
    assert response.status_code == 422


def test_bad_json_is_a_400_or_422(client, manager, api_with, make_token):
    response = client.post(
        "/api/v1/performances",
        data="{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {make_token(manager)}",
    )
    assert response.status_code in (400, 422)
    assert "error" in response.json()


@pytest.mark.parametrize("scope", ["read", "write"])
def test_the_cli_creates_a_token_printed_once(scope, manager, client, api_with, make_token):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("token", "create", "--user", manager.user.email, "--scope", scope, stdout=out)
    secret = out.getvalue().strip()
    assert ApiToken.objects.get().scope == scope
    assert api_with(secret).get("/api/v1/me").json()["scope"] == scope
