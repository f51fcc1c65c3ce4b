"""Readiness check of the answer engine's LLM provider and its circuit breaker.

No model call is made (a probe must not spend tokens or wait on a slow provider): the report is
the configuration and this process's breaker state. An open breaker means turns are being
answered by the offline engine, so the check says "degraded", never "down" (chat still works).
"""

from django.conf import settings

from chat.engine.llm import PROVIDERS, breaker_state


def check_llm() -> dict:
    provider = settings.LLM_PROVIDER
    if provider == "offline":
        return {"status": "ok", "provider": "offline", "engine": "offline"}

    if provider not in PROVIDERS:
        return {"status": "degraded", "provider": provider, "engine": "offline",
                "detail": f"LLM_PROVIDER must be one of offline, {', '.join(PROVIDERS)}; answering offline"}
    state = breaker_state(provider)
    report = {"status": "ok" if state == "closed" else "degraded", "provider": provider,
              "model": settings.LLM_MODEL, "breaker": state, "fallback": "offline",
              "base_url": "custom" if settings.LLM_BASE_URL else "default"}
    if not settings.LLM_API_KEY and not settings.LLM_BASE_URL:
        report.update(status="degraded", detail="LLM_API_KEY is not set: turns are answered offline")
    elif state == "open":
        report["detail"] = "circuit breaker open: turns are answered by the offline engine"
    return report
