"""Retries with backoff and a circuit breaker per provider.

Retries (tenacity) happen only before a step has produced anything: once text reached the user,
a retry would repeat it. The breaker (pybreaker) counts failed turns, not HTTP attempts; while it
is open the engine answers offline at once instead of waiting for a timeout on every turn.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

import pybreaker
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from .config import LLMConfig
from .errors import ProviderError
from .messages import Event

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_breakers: dict[str, tuple[pybreaker.CircuitBreaker, pybreaker.CircuitMemoryStorage]] = {}


def get_breaker(provider: str, config: LLMConfig | None = None) -> pybreaker.CircuitBreaker:
    """This process's breaker for a provider (thresholds follow the current settings)."""
    config = config or LLMConfig.from_settings()
    with _lock:
        if provider not in _breakers:
            storage = pybreaker.CircuitMemoryStorage(pybreaker.STATE_CLOSED)
            breaker = pybreaker.CircuitBreaker(name=f"llm:{provider}", state_storage=storage)
            _breakers[provider] = (breaker, storage)
        breaker, _ = _breakers[provider]
        breaker.fail_max = config.breaker_fail_max
        breaker.reset_timeout = config.breaker_reset_seconds
        return breaker


def breaker_state(provider: str) -> str:
    """"closed" | "open" | "half-open" (an open breaker whose wait is over reads as half-open)."""
    breaker = get_breaker(provider)
    if breaker.current_state == pybreaker.STATE_OPEN and _wait_over(provider, breaker):
        return pybreaker.STATE_HALF_OPEN
    return breaker.current_state


def reset_breakers() -> None:
    with _lock:
        _breakers.clear()


def _wait_over(provider: str, breaker: pybreaker.CircuitBreaker) -> bool:
    opened_at = _breakers[provider][1].opened_at
    return opened_at is None or datetime.now(UTC) >= opened_at + timedelta(seconds=breaker.reset_timeout)


def breaker_allows(provider: str, config: LLMConfig) -> bool:
    """False while the breaker is open; once the wait is over, lets trial turns through (half-open)."""
    breaker = get_breaker(provider, config)
    if breaker.current_state != pybreaker.STATE_OPEN:
        return True
    if _wait_over(provider, breaker):
        breaker.half_open()
        return True
    return False


def record_outcome(provider: str, config: LLMConfig, error: BaseException | None) -> None:
    """Feed one turn's outcome to pybreaker's state machine (closed → open → half-open → closed)."""
    breaker = get_breaker(provider, config)

    def outcome() -> None:
        if error is not None:
            raise error

    try:
        breaker.call(outcome)
    except pybreaker.CircuitBreakerError:
        logger.warning("LLM circuit breaker for %s opened after %s failed turns", provider, breaker.fail_max)
    except Exception as exc:  # the failure itself, re-raised by pybreaker: the caller handles it
        logger.debug("LLM failure recorded by the breaker: %s", exc)


async def open_step(start: Callable[[], AsyncIterator[Event]], config: LLMConfig, *, budget: float
                    ) -> tuple[Event, AsyncIterator[Event]]:
    """Start a model step and wait for its first event, retrying 429/5xx/timeouts with backoff
    while the turn's time `budget` (seconds) lasts.

    Returns the first event and the iterator for the rest (which is never retried).
    """
    if budget <= 0:
        raise ProviderError("timeout", retryable=False, detail="the turn's time budget is spent")
    retrying = AsyncRetrying(
        stop=stop_after_attempt(config.retries + 1) | stop_after_delay(budget),
        wait=wait_exponential_jitter(initial=config.retry_base_delay, max=config.retry_max_delay,
                                     jitter=config.retry_base_delay),
        retry=retry_if_exception(lambda exc: isinstance(exc, ProviderError) and exc.retryable),
        before_sleep=lambda state: logger.info("LLM call failed (%s); retry %s",
                                               state.outcome.exception(), state.attempt_number),
        reraise=True,
    )
    async for attempt in retrying:
        with attempt:
            events = aiter(start())
            try:
                first = await anext(events)
            except StopAsyncIteration:
                raise ProviderError("malformed_reply", detail="empty reply")
    return first, events
