import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.stack]


def test_openapi_schema_is_valid_and_lists_health(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/health/ready" in schema["paths"]


def test_every_api_route_is_documented(client):
    """Every REST route under /api/v1/ and /health appears in the OpenAPI document."""
    from django.urls import get_resolver
    from drf_spectacular.generators import EndpointEnumerator

    documented = set(client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"])
    enumerated = {endpoint[0] for endpoint in EndpointEnumerator().get_api_endpoints()}
    assert enumerated, get_resolver()
    missing = {p for p in enumerated if p.startswith(("/api/v1", "/health"))} - documented
    assert not missing


@pytest.mark.parametrize("url", ["/docs", "/redoc"])
def test_docs_pages_render_from_our_own_static_files(client, url):
    """There is no internet here: the docs pages must not depend on a CDN."""
    import re

    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/schema/" in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    scripts = re.findall(r'src="([^"]+\.js)"', html)
    assert scripts and all(src.startswith("/static/drf_spectacular_sidecar/") for src in scripts), scripts
    assert client.get(scripts[0]).status_code == 200
