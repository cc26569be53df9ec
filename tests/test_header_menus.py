"""The page header's menus are rendered once per role, language and page, then reused.

Each test renders pages for one kind of user and then another, so a cache key that
missed a dependency would show one user's menu to the next.
"""

import re

import pytest
from django.core.cache import caches
from django.test import Client


@pytest.fixture(autouse=True)
def empty_fragment_cache():
    caches["template_fragments"].clear()


def _header(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split("<main", 1)[0]


def _signed_in(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def _current(header: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', header)


def test_it_marks_the_page_the_user_is_on(manager):
    client = _signed_in(manager)
    assert _current(_header(client, "/dashboard/")) == ["/dashboard/"]
    assert _current(_header(client, "/plan/")) == ["/plan/"]
    assert _current(_header(client, "/dashboard/")) == ["/dashboard/"]


def test_each_role_gets_its_own_menus(manager, admin, member):
    manager_header = _header(_signed_in(manager), "/recognition/")
    admin_header = _header(_signed_in(admin), "/recognition/")
    member_header = _header(_signed_in(member), "/recognition/")
    again = _header(_signed_in(manager), "/recognition/")

    for header in (admin_header,):
        assert 'href="/overview/"' in header and "/settings/organisation/" in header
    for header in (manager_header, again):
        assert 'href="/overview/"' not in header and "/settings/organisation/" not in header
        assert 'href="/dashboard/"' in header
    assert 'href="/dashboard/"' not in member_header and 'href="/me/"' in member_header
    assert "/settings/reminders/" not in member_header


def test_each_language_gets_its_own_menus(manager, colleague):
    colleague.user.language = "en"
    colleague.user.save(update_fields=["language"])
    swedish = _header(_signed_in(manager), "/dashboard/")
    english = _header(_signed_in(colleague), "/dashboard/")
    assert ">I dag<" in swedish and ">Today<" not in swedish
    assert ">Today<" in english and ">I dag<" not in english
    assert "Change password" in english and "Byt lösenord" in swedish


def test_the_user_menu_shows_each_users_own_name(manager, colleague):
    first = _header(_signed_in(manager), "/dashboard/")
    second = _header(_signed_in(colleague), "/dashboard/")
    assert "Anna" in first and "Bo" not in first.split("user-menu", 1)[1]
    assert "Bo" in second.split("user-menu", 1)[1]
