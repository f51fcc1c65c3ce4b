"""The LLM settings in one typed value, read per turn so tests (and admins) can change them live."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

PROVIDERS = ("gemini", "openai_compatible", "langchain")


@dataclass(frozen=True)
class LLMConfig:
    provider: str
    model: str
    api_key: str
    base_url: str
    timeout: float  # seconds, per model call (connect + every read of a stream)
    temperature: float
    max_tokens: int
    max_steps: int  # model calls per turn (tool loop bound)
    retries: int  # extra attempts on 429/5xx/timeouts, before anything was streamed
    retry_base_delay: float  # seconds, exponential backoff with jitter
    retry_max_delay: float
    breaker_fail_max: int  # failed turns in a row that open the breaker
    breaker_reset_seconds: float  # how long the breaker stays open before one trial call
    cache_ttl: int  # seconds a safe (public-data) answer is reused; 0 disables
    streaming: bool  # stream from the provider (SSE); False uses one JSON reply per step

    @property
    def turn_budget(self) -> float:
        """Seconds after which no new model call or retry starts in a turn (each call is also bounded
        by `timeout`): a slow provider costs the user at most about three call timeouts."""
        return 2 * self.timeout

    @classmethod
    def from_settings(cls) -> LLMConfig:
        s = settings
        return cls(
            provider=s.LLM_PROVIDER,
            model=s.LLM_MODEL,
            api_key=s.LLM_API_KEY,
            base_url=s.LLM_BASE_URL,
            timeout=float(s.LLM_TIMEOUT),
            temperature=float(s.LLM_TEMPERATURE),
            max_tokens=int(s.LLM_MAX_TOKENS),
            max_steps=max(1, int(getattr(s, "LLM_MAX_TOOL_STEPS", 4))),
            retries=max(0, int(getattr(s, "LLM_RETRIES", 2))),
            retry_base_delay=float(getattr(s, "LLM_RETRY_BASE_DELAY", 0.5)),
            retry_max_delay=float(getattr(s, "LLM_RETRY_MAX_DELAY", 4.0)),
            breaker_fail_max=max(1, int(getattr(s, "LLM_BREAKER_FAIL_MAX", 5))),
            breaker_reset_seconds=float(getattr(s, "LLM_BREAKER_RESET_SECONDS", 30.0)),
            cache_ttl=max(0, int(getattr(s, "LLM_CACHE_TTL", 300))),
            streaming=bool(getattr(s, "LLM_STREAMING", True)),
        )
