"""Which engine answers: `settings.LLM_PROVIDER` names one, the offline engine is the fallback.

Above every engine (it imports them); `base.py` below them holds the contract they share.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

from .base import AnswerEngine
from .llm import get_llm_engine
from .offline import OfflineEngine

logger = logging.getLogger(__name__)

# LLM_PROVIDER -> factory; any other value is taken as the dotted path of a factory.
ENGINES: dict[str, Callable[[], AnswerEngine]] = {
    "offline": OfflineEngine,
    "gemini": get_llm_engine,
    "openai_compatible": get_llm_engine,
    "langchain": get_llm_engine,
}


@functools.cache
def get_engine() -> AnswerEngine:
    """The configured engine (settings.LLM_PROVIDER); the offline engine when the LLM one cannot load."""
    provider = settings.LLM_PROVIDER
    if provider == "offline":
        return OfflineEngine()
    try:
        factory = ENGINES.get(provider) or import_string(provider)
        return factory()
    except Exception:  # an LLM engine that cannot be built must not take the chat down
        logger.exception("LLM engine %r unavailable; using the offline engine", provider)
        return OfflineEngine()
