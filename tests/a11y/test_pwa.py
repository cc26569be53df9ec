"""Add to the home screen: the web app manifest, its icons and the service worker."""

import json
import struct

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD

STATIC_ICONS = ("engagera/icon-192.png", "engagera/icon-512.png", "engagera/icon.svg")


def _png_size(path: str) -> tuple[int, int]:
    with open(path, "rb") as handle:
        header = handle.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_it_serves_the_manifest(client, db):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["name"] == "Engagera"
    assert manifest["start_url"] == "/dashboard/" == reverse("dashboard")
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"].startswith("#")
    icons = {icon["src"]: icon for icon in manifest["icons"]}
    for name in STATIC_ICONS:
        assert f"/static/{name}" in icons, name
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        if icon["type"] == "image/png":
            width, height = _png_size(path)
            assert icon["sizes"] == f"{width}x{height}"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512", "any"}


def test_it_follows_the_language(client, db):
    client.cookies["django_language"] = "en"
    english = json.loads(client.get("/manifest.webmanifest").content)
    client.cookies["django_language"] = "sv"
    swedish = json.loads(client.get("/manifest.webmanifest").content)
    assert (english["lang"], swedish["lang"]) == ("en", "sv")


def test_it_serves_the_service_worker_from_the_site_root(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    shell = json.loads(body.split("const SHELL = ", 1)[1].split(";\n", 1)[0])
    # Static files and the offline page, nothing else: pages with personal data never.
    assert [url for url in shell if not url.startswith("/static/")] == [reverse("offline")]
    assert "/static/engagera/app.css" in shell and "/static/engagera/app.js" in shell
    for url in shell:
        response = client.get(url)
        assert response.status_code == 200, url
        response.close()  # static files stream from disk


def test_it_keeps_the_offline_page_free_of_personal_data(client_for, manager):
    response = client_for(manager).get(reverse("offline"))
    assert response.status_code == 200
    body = response.content.decode()
    assert manager.user.full_name not in body and manager.user.email not in body
    assert "csrfmiddlewaretoken" not in body


def test_it_links_the_manifest_from_every_page(client, db):
    body = client.get(reverse("login")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in body
    assert 'data-service-worker="/sw.js"' in body


@pytest.mark.browser
def test_it_starts_offline_and_caches_no_page(live_server, new_page, sign_in, manager, plan_item):
    page = sign_in(new_page(**PHONE), manager.user.email, PASSWORD)
    page.goto(f"{live_server.url}/dashboard/")
    scope = page.evaluate("() => navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == f"{live_server.url}/"
    page.reload()  # now the worker controls the page
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    for url in ("/plan/", f"/plan/{plan_item.pk}/", "/history/", "/dashboard/"):
        page.goto(f"{live_server.url}{url}")
    cached = page.evaluate(
        """async () => {
             const urls = [];
             for (const name of await caches.keys()) {
               const cache = await caches.open(name);
               for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
             }
             return urls;
           }"""
    )
    assert "/static/engagera/app.css" in cached
    assert [url for url in cached if not url.startswith("/static/")] == ["/offline/"]

    page.context.set_offline(True)
    page.goto(f"{live_server.url}/dashboard/")
    expect(page.locator("h1")).to_be_visible()
    assert page.url.endswith("/dashboard/")
    assert manager.user.full_name not in page.content()
    # The stylesheet came from the cache: the page is styled.
    assert page.evaluate("() => getComputedStyle(document.body).margin") == "0px"
