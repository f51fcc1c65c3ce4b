"""The LLM engines: same tool loop, guard and fallback, different wire format."""

from __future__ import annotations

from .engine import LLMEngine
from .messages import ModelClient


class GeminiEngine(LLMEngine):
    """Gemini via `google-genai` (function calling, SSE streaming, usage metadata)."""

    name = "gemini"

    def make_client(self) -> ModelClient:
        # optional SDK: google-genai (~2 s to import) loads only when Gemini is the configured provider.
        from .gemini import GeminiClient

        return GeminiClient()


class OpenAICompatibleEngine(LLMEngine):
    """Any OpenAI-compatible chat completions endpoint via the official `openai` client."""

    name = "openai_compatible"

    def make_client(self) -> ModelClient:
        # optional SDK: openai (~1.4 s to import) loads only when it is the configured provider.
        from .openai_compat import OpenAICompatibleClient

        return OpenAICompatibleClient()


class LangChainEngine(LLMEngine):
    """Any LangChain chat model (`LLM_MODEL=<provider>:<model>`) via `init_chat_model`."""

    name = "langchain"

    def make_client(self) -> ModelClient:
        # optional SDK: LangChain and its provider packages load only when it is the configured provider.
        from .langchain_client import LangChainClient

        return LangChainClient()
