"""The LLM engines: same tool loop, guard and fallback, different wire format."""

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


class LangChainEngine(LLMEngine):
    """Any LangChain chat model (`LLM_MODEL=<provider>:<model>`) via `init_chat_model`."""

    name = "langchain"

    def make_client(self) -> ModelClient:
        from .langchain_client import LangChainClient

        return LangChainClient()
