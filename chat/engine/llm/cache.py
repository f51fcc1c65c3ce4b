"""Reusing an LLM answer when that is safe: same normalized question, same public data.

Safe means: the first message of a conversation (no history or context that could change what
"it" means), answered only with public tools (never balance, bets or anything personal), for
the same language and local day. The "data version" is a digest of the tool results the answer
was grounded in: on a hit the same tool calls run again (cheap, they read the sports cache) and
the answer is reused only if the data is unchanged, so a cached answer never quotes stale odds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from typing import Any

from django.core.cache import cache

from chat.cache import llm_answer_key

from .prompt import PROMPT_VERSION

logger = logging.getLogger(__name__)

# Fields that change on every read without the data changing (ages, echoes of "now").
VOLATILE_KEYS = frozenset({"age_seconds", "fetched_at", "stale", "query", "window", "created_at"})


def normalize(text: str) -> str:
    return re.sub(r"[\s?!.¿¡,;:]+", " ", text.casefold()).strip()


def eligible(ctx) -> bool:
    memory = ctx.memory
    if memory is None:
        return True
    return not memory.history and not any(value not in (None, [], "") for value in memory.context.values())


def _stable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in sorted(value.items()) if k not in VOLATILE_KEYS}
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    return value


def data_digest(results: list[dict]) -> str:
    payload = json.dumps(_stable(results), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def key_for(ctx, *, provider: str, model: str, language: str) -> str:
    try:
        from zoneinfo import ZoneInfo

        day = ctx.now.astimezone(ZoneInfo(ctx.timezone or "UTC")).date().isoformat()
    except Exception:
        day = ctx.now.date().isoformat()
    signed_in = "u" if ctx.identity is not None and ctx.identity.is_authenticated else "a"
    question = hashlib.sha256(f"{signed_in}|{normalize(ctx.message)}".encode()).hexdigest()[:32]
    return llm_answer_key(provider=provider, model=model, prompt_version=PROMPT_VERSION, language=language,
                          day=day, digest=question)


async def get(key: str) -> dict | None:
    try:
        value = await cache.aget(key)
    except Exception:  # a cache outage only costs a model call
        return None
    return value if isinstance(value, dict) else None


async def put(key: str, value: dict, ttl: int) -> None:
    try:
        await cache.aset(key, value, ttl)
    except Exception:
        logger.warning("LLM answer cache write failed", exc_info=True)
