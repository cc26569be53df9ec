"""Every operation in the OpenAPI description is exercised by the API tests.

The ApiClient fixture records each (method, path) it sends; this test runs last (see
conftest) and matches them against the description's path templates.
"""

import re

import pytest

from engagera.api.api import api


def operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {
        (method.upper(), path) for path, methods in schema["paths"].items() for method in methods
    }


def template_matches(template: str, path: str) -> bool:
    pattern = "^" + re.sub(r"\\{[^/]+\\}", r"[^/]+", re.escape(template)) + "$"
    return re.match(pattern, path) is not None


@pytest.mark.api_coverage
def test_every_operation_is_exercised(api_calls, request):
    others = [
        item
        for item in request.session.items
        if "tests/api/" in item.nodeid and item.path.name != "test_openapi_coverage.py"
    ]
    if not others:
        # Run alone (e.g. with -k), there is nothing to read; with the folder, never skip.
        pytest.skip("run the whole tests/api folder: this test reads what the others called")
    assert api_calls, "the API tests ran but recorded no call: the recording client is broken"
    missing = sorted(
        (method, template)
        for method, template in operations()
        if not any(m == method and template_matches(template, path) for m, path in api_calls)
    )
    assert missing == [], f"no API test calls {missing}"


def test_the_description_is_served_and_the_docs_work_offline(client, db):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    # Swagger UI from our own static files: no CDN, and no inline script for the CSP.
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs, _ in scripts)
    bundle = client.get("/static/ninja/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    bundle.close()
