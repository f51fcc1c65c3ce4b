"""The two LLM engines: same tool loop and fallback, different wire format."""

from __future__ import annotations

from .engine import LLMEngine
from .messages import ModelClient


class GeminiEngine(LLMEngine):
    """Gemini via `google-genai` (function calling, SSE streaming, usage metadata)."""

    name = "gemini"

    def make_client(self) -> ModelClient:
        from .gemini import GeminiClient

        return GeminiClient()


class OpenAICompatibleEngine(LLMEngine):
    """Any OpenAI-compatible chat completions endpoint via the official `openai` client."""

    name = "openai_compatible"

    def make_client(self) -> ModelClient:
        from .openai_compat import OpenAICompatibleClient

        return OpenAICompatibleClient()
