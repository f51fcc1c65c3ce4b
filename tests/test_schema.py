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
def test_docs_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"/api/schema/" in response.content
