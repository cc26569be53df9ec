"""URL by URL: nobody reaches data that is not theirs (404 or 403, database unchanged).

Every URL pattern of the project must have an entry below; a new page without one
fails `test_it_covers_every_url_pattern`, so it cannot ship unchecked.
"""

import hashlib
import uuid

import pytest
from django.apps import apps
from django.core import serializers
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from engagera.lib.habits import Target
from engagera.practices import actions
from tests.conftest import practice

SECRET = "VICTIM-SECRET-8c1f"  # the manager's private plan and notes
ORG_SECRET = "ORG-PRACTICE-77d2"  # the organisation's own practice: shared inside it only

# name -> which victim object fills the URL (None: no object in the URL).
OBJECT_URLS = {
    "practice": "own_practice",
    "practice_edit": "own_practice",
    "practice_hide": "own_practice",
    "plan_add": "own_practice",
    "plan_item": "plan_item",
    "plan_item_edit": "plan_item",
    "plan_item_state": "plan_item",
    "log_performance": "plan_item",
    "rate_automaticity": "plan_item",
    "performance_edit": "performance",
    "performance_delete": "performance",
    "unskip": "skip",
}
PAGE_URLS = {
    "home",
    "me",
    "set_language",
    "dashboard",
    "catalogue",
    "practice_new",
    "plan",
    "history",
    "pauses",
    "overview",
    "organisation_settings",
    "strength_help",
}
# Django's own account pages: public by design (sign-in, password reset) or about oneself.
ACCOUNT_URLS = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
# What an attacker posts: enough to really change something if the view let them.
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
    covered = set(OBJECT_URLS) | PAGE_URLS | ACCOUNT_URLS
    assert all_url_names() - covered == set(), "add the new URL to the access matrix"
    assert covered - all_url_names() == set(), "the matrix names a URL that no longer exists"


def snapshot() -> str:
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label in ("core", "people", "practices"):
            # Signing in stamps last_login; that is the attacker's own row, not the victim's data.
            fields = [f.name for f in model._meta.concrete_fields if f.name != "last_login"]
            rows = model.objects.order_by("pk")
            digest.update(serializers.serialize("json", rows, fields=fields).encode())
    return digest.hexdigest()


@pytest.fixture
def victim(manager, admin):
    """The manager's and the organisation's data that others must not reach."""
    item = actions.do_add_plan_item(
        manager, practice(43), Target.parse("2/week"), if_situation=SECRET
    )
    performance, _ = actions.do_log_performance(manager, item, note=SECRET)
    actions.do_skip_days(
        manager, [item], manager.organisation.today(), manager.organisation.today()
    )
    own = actions.do_save_own_practice(
        admin,
        None,
        {
            "title_sv": ORG_SECRET,
            "title_en": ORG_SECRET,
            "description_sv": ORG_SECRET,
            "cadence": "1/week",
        },
        [practice(43).drivers.first()],
    )
    return {
        "plan_item": item.pk,
        "performance": performance.pk,
        "skip": item.skips.get().pk,
        "own_practice": own.slug,
    }


def attempts(victim):
    for name, kind in OBJECT_URLS.items():
        yield name, reverse(name, args=[victim[kind]])


@pytest.fixture
def attackers(colleague, member, outsider, outsider_admin):
    return {
        "manager of another team": colleague,
        "member": member,
        "manager in another organisation": outsider,
        "admin of another organisation": outsider_admin,
    }


def test_it_keeps_objects_from_everyone_else(client, victim, attackers, capsys):
    before = snapshot()
    tried = 0
    for label, membership in attackers.items():
        client.force_login(membership.user)
        for name, url in attempts(victim):
            # The organisation's own practice is shared inside the organisation by design.
            if victim_practice_is_visible(name, membership):
                continue
            for method in ("get", "post"):
                response = getattr(client, method)(url, POST_DATA)
                tried += 1
                # 405: a POST-only URL refuses GET before it looks at anything.
                refused = (403, 404, 405) if method == "get" else (403, 404)
                assert response.status_code in refused, (
                    f"{label} {method.upper()} {url}: {response.status_code}"
                )
                assert SECRET not in response.content.decode()
                assert ORG_SECRET not in response.content.decode() or same_org(membership)
        client.logout()
    assert snapshot() == before
    with capsys.disabled():
        print(f"\naccess isolation: {tried} object attempts refused")
    assert tried >= 80


def same_org(membership) -> bool:
    return membership.organisation.slug == "solbacka"


def victim_practice_is_visible(name, membership):
    return same_org(membership) and OBJECT_URLS[name] == "own_practice"


def test_it_hides_the_organisations_own_practice_from_other_organisations(client, victim, outsider):
    client.force_login(outsider.user)
    for name in ("practice", "plan_add"):
        assert client.get(reverse(name, args=[victim["own_practice"]])).status_code == 404
    # Not an admin: refused before the lookup.
    assert client.get(reverse("practice_edit", args=[victim["own_practice"]])).status_code == 403


def test_it_shows_no_one_elses_data_on_any_page(client, victim, attackers):
    before = snapshot()
    for membership in attackers.values():
        client.force_login(membership.user)
        for name in sorted(PAGE_URLS - {"set_language"}):
            response = client.get(reverse(name), follow=True)
            assert response.status_code in (200, 403, 404), name
            body = response.content.decode()
            assert SECRET not in body, name
            if not same_org(membership):
                assert ORG_SECRET not in body, name
        client.logout()
    assert snapshot() == before


def test_it_sends_anonymous_visitors_to_sign_in(client, victim):
    before = snapshot()
    names = sorted(PAGE_URLS - {"set_language"})
    for name in names:
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("login") in response["Location"], name
    for _name, url in attempts(victim):
        for method in ("get", "post"):
            response = getattr(client, method)(url, POST_DATA)
            assert response.status_code in (302, 405), f"{method} {url}"
            if response.status_code == 302:
                assert reverse("login") in response["Location"]
    assert snapshot() == before


def test_it_refuses_members_every_leader_page(client, member, victim):
    client.force_login(member.user)
    for name in sorted(PAGE_URLS - {"home", "me", "set_language"}):
        assert client.get(reverse(name)).status_code == 403, name


def test_it_refuses_managers_the_admin_pages(client, colleague):
    client.force_login(colleague.user)
    for name in ("overview", "organisation_settings", "practice_new"):
        assert client.get(reverse(name)).status_code == 403, name


def test_it_lets_the_owner_reach_the_same_urls(client, victim, manager, admin):
    """The control: the URLs above are real, so the 404s mean refusal, not a typo."""
    client.force_login(manager.user)
    for name in ("plan_item", "plan_item_edit", "performance_edit", "practice", "plan_add"):
        kind = OBJECT_URLS[name]
        assert client.get(reverse(name, args=[victim[kind]])).status_code == 200, name
    client.force_login(admin.user)
    assert client.get(reverse("practice_edit", args=[victim["own_practice"]])).status_code == 200
