"""Readiness check of the answer engine's LLM provider."""

from django.conf import settings


def check_llm() -> dict:
    if settings.LLM_PROVIDER == "offline":
        return {"status": "ok", "provider": "offline"}
    return {"status": "degraded", "provider": settings.LLM_PROVIDER, "detail": "provider not available in this build"}
