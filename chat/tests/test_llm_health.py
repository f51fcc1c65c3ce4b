"""`/health/ready` reports the LLM provider and its circuit breaker; an open breaker degrades, never downs."""

from __future__ import annotations

import pytest

from chat.engine.llm.resilience import get_breaker

from .fake_llm_servers import FakeLLM

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("provider", ["gemini", "openai_compatible"])
def test_ready_reports_the_provider_and_its_breaker(api_client, settings, provider):
    with FakeLLM(provider, settings):
        body = api_client.get("/health/ready").json()
        check = body["checks"]["llm_provider"]
        assert body["llm_provider"] == provider
        assert check["provider"] == provider and check["breaker"] == "closed" and check["status"] == "ok"
        assert check["required"] is False

        get_breaker(provider).open()
        response = api_client.get("/health/ready")
        check = response.json()["checks"]["llm_provider"]
        assert check["breaker"] == "open" and check["status"] == "degraded"
        assert "offline" in check["detail"]
        assert response.status_code == 200  # chat still answers (offline): not a readiness failure


def test_offline_and_unconfigured_providers(api_client, settings):
    settings.LLM_PROVIDER = "offline"
    assert api_client.get("/health/ready").json()["checks"]["llm_provider"]["status"] == "ok"

    settings.LLM_PROVIDER = "gemini"
    settings.LLM_API_KEY = ""
    settings.LLM_BASE_URL = ""
    check = api_client.get("/health/ready").json()["checks"]["llm_provider"]
    assert check["status"] == "degraded" and "LLM_API_KEY" in check["detail"]
