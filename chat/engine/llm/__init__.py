"""LLM answer engines (Gemini, OpenAI-compatible, LangChain) behind the `AnswerEngine` interface.

`chat.engine.registry.get_engine()` calls `get_llm_engine()` when `LLM_PROVIDER` is `gemini`,
`openai_compatible` or `langchain`; the engine it returns wraps the offline engine as its fallback.
"""

from __future__ import annotations

from django.conf import settings

from .config import PROVIDERS, LLMConfig
from .providers import GeminiEngine, LangChainEngine, OpenAICompatibleEngine
from .resilience import breaker_state, reset_breakers

ENGINES = {"gemini": GeminiEngine, "openai_compatible": OpenAICompatibleEngine, "langchain": LangChainEngine}

__all__ = ["ENGINES", "PROVIDERS", "GeminiEngine", "LLMConfig", "LangChainEngine", "OpenAICompatibleEngine",
           "breaker_state", "build_llm_engine", "get_llm_engine", "reset_breakers"]


def build_llm_engine(provider: str | None = None):
    """The engine for `provider` (default: settings.LLM_PROVIDER), or None for offline/unknown."""
    engine_class = ENGINES.get(provider or settings.LLM_PROVIDER)
    return engine_class() if engine_class is not None else None


def get_llm_engine():
    """Factory named in `chat.engine.registry.ENGINES`; raises for an unknown provider (base falls back)."""
    engine = build_llm_engine()
    if engine is None:
        raise LookupError(f"LLM_PROVIDER {settings.LLM_PROVIDER!r} is not one of {', '.join(PROVIDERS)}")
    return engine
