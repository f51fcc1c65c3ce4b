"""The engine boundary: what a turn gives an engine and what an engine gives back.

Every engine (offline, LLM providers) implements `AnswerEngine.stream`; the turn service never
knows which one it is talking to. LLM engines wrap the offline one as their fallback. Which engine
answers is `chat/engine/registry.py`'s (it sits above the engines; this module sits below them).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from accounts.identity import Identity

    from .memory import ConversationMemory


@dataclass
class TurnContext:
    session_id: uuid.UUID
    identity: Identity
    message: str
    language: str  # detected or preferred, en|es|pt_br
    timezone: str  # IANA, default "UTC"
    memory: ConversationMemory  # last 10 pairs + structured context
    now: datetime
    metadata: dict = field(default_factory=dict)  # client-supplied hints (context, timezone, stream...)
    engine: str = "offline"  # who proposes a bet slip in this turn: "offline" or "llm:<model>" (never the client)


@dataclass
class EngineAnswer:
    """What every engine returns when done."""

    text: str
    intent: str
    confidence: float
    entities: dict
    suggested_actions: list[str]  # 2-4 follow-up prompts
    tool_calls: list[dict]  # [{"name", "arguments", "result_summary"}]
    token_count: int
    engine: str  # "offline" | "gemini" | "openai_compatible" | "langchain" | "fallback:offline"
    metadata: dict = field(default_factory=dict)  # "context": structured memory after the turn, "language"


@runtime_checkable
class AnswerEngine(Protocol):
    name: str

    def stream(self, ctx: TurnContext) -> AsyncIterator[str | EngineAnswer]:
        """Yield text chunks (word/phrase sized) as they are ready, then exactly one EngineAnswer."""
        ...


def estimate_tokens(text: str) -> int:
    """Rough token count (≈ 4 characters per token) for engines that do not report usage."""
    return max(1, (len(text) + 3) // 4) if text else 0


CHUNK_WORDS = 3


def chunk_text(text: str, words: int = CHUNK_WORDS) -> list[str]:
    """Word/phrase-sized pieces that join back to exactly `text` (newlines kept inside pieces)."""
    pieces = re.findall(r"\S+\s*", text)
    lead = text[: len(text) - len(text.lstrip())]
    chunks = ["".join(pieces[i : i + words]) for i in range(0, len(pieces), words)]
    if chunks and lead:
        chunks[0] = lead + chunks[0]
    return chunks or ([text] if text else [])


# Answer chunks already waiting when one is sent go out together (chat.transport.consumers.coalesce_chunks):
# a backlog (an answer that is all there at once, from the offline engine or a busy server) in at most
# COALESCE_FRAMES frames of at least COALESCE_MAX_CHARS characters, so the page still shows it arrive in a
# few steps but a long answer no longer costs one frame (and its CPU) per 64 characters.
COALESCE_MAX_CHARS = 64
COALESCE_FRAMES = 4


# One match per `chunk_text` piece (CHUNK_WORDS words and the spaces after them, fewer at the end).
_PIECES = re.compile(rf"(?:\S+\s*){{1,{CHUNK_WORDS}}}")


def frame_pieces(text: str) -> list[str]:
    """The pieces of a text known whole (the offline engine's answer, an apology), already merged as the
    chat socket merges a backlog of `chunk_text` pieces: the same frames reach the client, but the turn
    carries ≤ COALESCE_FRAMES chunk events through its queues instead of one per three words. One pass
    of a pattern matching a whole piece (not each word: a third of the match objects) gives `chunk_text`'s
    piece boundaries; the frames are cut from `text` by offset."""
    bounds = [0, *[match.end() for match in _PIECES.finditer(text)]]  # piece i is text[bounds[i]:bounds[i + 1]]
    if len(bounds) == 1:
        return [text] if text else []
    pieces = len(bounds) - 1
    merged: list[str] = []
    limit, start = COALESCE_MAX_CHARS, 0
    while start < pieces:
        if not merged or limit == COALESCE_MAX_CHARS:  # as coalesce_chunks: a new backlog is split evenly
            limit = max(COALESCE_MAX_CHARS, -(-(len(text) - bounds[start]) // COALESCE_FRAMES))
        end = start + 1
        while end < pieces and bounds[end] - bounds[start] < limit:
            end += 1
        merged.append(text[bounds[start] : bounds[end]])
        start = end
    return merged
