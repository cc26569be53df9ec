"""The access matrix: URL by URL, nobody reaches data that is not theirs.

Pages come from the registry in tests/pages/; a URL pattern without an entry fails
`test_it_covers_every_url_pattern`, so a new page cannot ship unchecked. Each
attacker tries GET and POST on every object URL: the answer must be 403 or 404 (405
for a GET on a POST-only action), the victim's secrets must not appear, and the
database must be unchanged.
"""

import hashlib
import uuid
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core import serializers
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.pages import all_pages, build_all

SECRET = "VICTIM-SECRET-8c1f"  # the manager's private data
ORG_SECRET = "ORG-PRACTICE-77d2"  # shared inside the organisation only
PAGES = all_pages()
# What an attacker posts: enough to really change something if a view let them.
POST_DATA = {
    "state": "retired",
    "token": str(uuid.uuid4()),
    "day": "",
    "note": "hacked",
    "hidden": "1",
    "score": "5",
    "target": "1/day",
    "start_date": "2026-01-01",
    "card": "1",
    "title_en": "hacked",
    "cadence": "1/day",
    "name": "hacked",
    "language": "en",
    "max_learning": "9",
    "established_strength": "50",
    "established_min_days": "5",
    "slipping_strength": "10",
    "first": "2026-01-01",
    "last": "2026-01-02",
}


def all_url_names() -> set[str]:
    names = set()

    def walk(patterns):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns)
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(entry.name)

    walk(get_resolver().url_patterns)
    return names


def test_it_covers_every_url_pattern():
    registered = [page.name for page in PAGES]
    assert len(registered) == len(set(registered)), "a URL is registered twice"
    assert all_url_names() - set(registered) == set(), "add the new URL to tests/pages/"
    assert set(registered) - all_url_names() == set(), (
        "the registry names a URL that no longer exists"
    )


def snapshot() -> str:
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label.startswith("django") or model._meta.app_label in (
            "auth",
            "contenttypes",
            "sessions",
            "admin",
            "audit",  # append-only; it records the attackers' own sign-ins and sign-outs
        ):
            continue
        # Signing in stamps last_login and signing out raises session_epoch; those are the
        # attacker's own row, not the victim's data.
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if f.name not in ("last_login", "session_epoch")
        ]
        digest.update(
            serializers.serialize("json", model.objects.order_by("pk"), fields=fields).encode()
        )
    return digest.hexdigest()


@pytest.fixture
def victim(manager, admin):
    owner = SimpleNamespace(manager=manager, admin=admin, secret=SECRET, org_secret=ORG_SECRET)
    return build_all(owner)


@pytest.fixture
def attackers(colleague, member, outsider, outsider_admin):
    return {
        "manager of another team": colleague,
        "member": member,
        "manager in another organisation": outsider,
        "admin of another organisation": outsider_admin,
    }


def same_org(membership) -> bool:
    return membership.organisation.slug == "solbacka"


def object_urls(victim):
    for page in PAGES:
        if page.obj:
            yield page, reverse(page.name, args=[victim[page.obj]])


def test_it_keeps_objects_from_everyone_else(client, victim, attackers, capsys):
    before = snapshot()
    tried = 0
    for label, membership in attackers.items():
        client.force_login(membership.user)
        for page, url in object_urls(victim):
            if page.org_wide and same_org(membership) and membership.role in page.viewers:
                continue  # shared inside the organisation by design; checked below
            for method in ("get", "post"):
                response = getattr(client, method)(url, POST_DATA)
                tried += 1
                # 405: a POST-only URL refuses GET before it looks at anything.
                refused = (403, 404, 405) if method == "get" else (403, 404)
                assert response.status_code in refused, (
                    f"{label} {method.upper()} {url}: {response.status_code}"
                )
                body = response.content.decode()
                assert SECRET not in body
                assert ORG_SECRET not in body or same_org(membership)
        client.logout()
    assert snapshot() == before
    with capsys.disabled():
        print(f"\naccess matrix: {tried} attempts on object URLs, {tried} refused, 0 succeeded")
    # Every object URL was tried by at least three attackers, with GET and POST.
    assert tried >= 6 * len([p for p in PAGES if p.obj])


def test_it_shows_no_one_elses_data_on_any_page(client, victim, attackers):
    before = snapshot()
    for membership in attackers.values():
        client.force_login(membership.user)
        for page in PAGES:
            if page.obj or page.public or not page.viewers:
                continue
            response = client.get(reverse(page.name) + page.query, follow=True)
            assert response.status_code in (200, 403, 404), page.name
            body = response.content.decode()
            assert SECRET not in body, page.name
            if not same_org(membership):
                assert ORG_SECRET not in body, page.name
        client.logout()
    assert snapshot() == before


def test_it_sends_anonymous_visitors_to_sign_in(client, victim):
    before = snapshot()
    for page in PAGES:
        if page.public:
            continue
        url = reverse(page.name, args=[victim[page.obj]] if page.obj else [])
        for method in ("get", "post"):
            response = getattr(client, method)(url, POST_DATA)
            assert response.status_code in (302, 405), f"{method} {url}"
            if response.status_code == 302:
                assert reverse("login") in response["Location"], url
    assert snapshot() == before


def test_it_refuses_each_role_the_pages_it_may_not_open(client, victim, member, colleague):
    for membership, role in ((member, "member"), (colleague, "manager")):
        client.force_login(membership.user)
        for page in PAGES:
            if page.obj or page.public or not page.viewers or role in page.viewers:
                continue
            assert client.get(reverse(page.name)).status_code == 403, (role, page.name)


def test_it_lets_the_owner_reach_every_page(client, victim, manager, admin):
    """The control: the URLs above are real, so the refusals mean refusal, not a typo."""
    for membership, role in ((manager, "manager"), (admin, "admin")):
        client.force_login(membership.user)
        for page in PAGES:
            if role not in page.viewers:
                continue
            if page.obj and not page.org_wide and membership is admin:
                continue  # the manager's own objects
            url = reverse(page.name, args=[victim[page.obj]] if page.obj else []) + page.query
            assert client.get(url, follow=True).status_code == 200, (role, page.name)
