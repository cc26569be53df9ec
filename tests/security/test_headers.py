"""Security headers on every response; no-store for signed-in pages; no personal data in URLs."""

import re

from django.urls import URLPattern, URLResolver, get_resolver, reverse

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; "
    "connect-src 'self'; manifest-src 'self'; worker-src 'self'"
)


def directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_it_sends_the_security_headers_to_visitors(client):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response["Content-Security-Policy"]) == directives(CSP)
    # A page for nobody in particular may be cached; signed-in pages may not (below).
    assert "no-store" not in client.get(reverse("password_reset")).get("Cache-Control", "")


def test_it_sends_the_policy_with_htmx_fragments_and_errors_too(client_for, manager, plan_item):
    client = client_for(manager)
    fragment = client.post(
        reverse("log_performance", args=[plan_item.pk]), {"token": "x"}, HTTP_HX_REQUEST="true"
    )
    missing = client.get("/no-such-page/")
    for response in (fragment, missing):
        assert directives(response["Content-Security-Policy"]) == directives(CSP)
        assert response["X-Content-Type-Options"] == "nosniff"


def test_it_forbids_storing_pages_for_signed_in_users(client_for, manager):
    client = client_for(manager)
    for url in (reverse("dashboard"), reverse("two_factor"), "/no-such-page/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_it_lets_static_files_be_cached_even_when_signed_in(client_for, manager):
    response = client_for(manager).get("/static/engagera/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    response.close()


def test_it_sends_hsts_and_redirects_to_https_behind_tls(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get(reverse("login")).status_code == 301
    response = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_it_has_no_inline_script_or_style_in_pages(client_for, admin):
    """The policy forbids them; a page with one would break in the browser."""
    client = client_for(admin)
    for name in ("dashboard", "organisation_settings", "two_factor", "audit_log"):
        body = client.get(reverse(name)).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), name
        assert "<style" not in body and " style=" not in body, name
        assert not re.search(r"\son[a-z]+=", body), name


PERSONAL = re.compile(r"email|mail|name|phone|personnummer|ssn|birth", re.IGNORECASE)


def url_parameters():
    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield entry.name, prefix + str(entry.pattern), entry.pattern.converters

    yield from walk(get_resolver().url_patterns)


def test_it_puts_no_personal_data_in_urls():
    """URLs end up in logs, histories and Referer headers: ids and slugs only."""
    checked = 0
    for name, route, converters in url_parameters():
        for parameter in converters:
            checked += 1
            assert not PERSONAL.search(parameter), f"{name} ({route}) takes {parameter}"
    assert checked > 0
