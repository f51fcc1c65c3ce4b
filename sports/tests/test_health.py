"""The provider readiness check includes the cache counters."""

import pytest

from sports.health import check_provider

pytestmark = pytest.mark.django_db


def test_sandbox_health_has_catalogue_size_and_cache_stats(sandbox):
    health = check_provider()
    assert health["status"] == "ok" and health["provider"] == "sandbox" and health["fixtures"] > 0
    assert "hit_rate" in health["cache"]["total"]


def test_http_health_validates_the_token(settings, fake_upstream):
    from sports.providers import get_provider

    settings.SPORTS_PROVIDER = "sports.providers.http.ChatBetHTTPProvider"
    settings.CHATBET_API_BASE_URL = fake_upstream.url
    get_provider.cache_clear()
    try:
        health = check_provider()
    finally:
        get_provider.cache_clear()
    assert health["status"] == "ok" and set(health["breakers"].values()) == {"closed"}
    assert fake_upstream.hits("/auth/validate_token") == 1
