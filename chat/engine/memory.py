"""Conversation memory: the last 10 message pairs plus a structured context for follow-ups.

Hot copy in the cache (TTL 1 h, keyed by session); when the cache is cold it is rebuilt from the
database (the messages and the `context` snapshot stored on the last assistant message), so a
restart or an evicted key never makes the assistant forget what "it" refers to. The structured
context is the dialogue frame (`chat/engine/frame.py` resolves "the second one", "the other team",
"them" from it), so it travels with the conversation to any server process.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field

from chat.cache import MEMORY_TTL, memory_key
from chat.models import Message
from chat.selectors import recent_messages
from chatbet_project.caches import cache

logger = logging.getLogger(__name__)

MAX_PAIRS = 10

# The structured context a follow-up can lean on. Values are JSON-safe (dates as ISO strings).
CONTEXT_KEYS = (
    "teams",  # list[str]: the teams last talked about, most relevant first
    "query_team",  # str | None: the team the last fixtures question was about (None: no team)
    "tournament",  # str | None
    "fixture_id",  # str | None: the fixture last shown
    "fixture_label",  # str | None: "Real Madrid vs Barcelona"
    "fixture_teams",  # list[str] | None: [home, away] of the fixture last shown ("the other team", "the draw")
    "focus_team",  # str | None: the one team asked about ("them"); None for a whole match
    "fixture_sport",  # str | None: its sport id (a draw to offer, or not)
    "focus_listed",  # bool | None: the fixture in focus is only the first of a list of several nobody picked from
    "asked",  # str | None: the reference question the last answer asked ("which_side"), for one turn
    "last_list",  # list[dict] | None: the fixtures of the last list shown, in order ("the second one")
    "market",  # str | None: "1x2", "over_under", ...
    "selection",  # str | None: "home", "draw", "over", ...
    "line",  # str | None
    "stake",  # str | None (decimal as string)
    "currency",  # str | None
    "date_from",  # ISO datetime | None
    "date_to",  # ISO datetime | None
    "risk",  # str | None: the risk level of the last recommendations
    "real_bet",  # dict | None: the slots of the real bet the last answer prepared or asked about, for one turn
    "pending_bet",  # dict | None: the exact bet awaiting an explicit confirmation next turn
    "last_intent",  # str | None
    "language",  # str | None
    "minor",  # bool | None: the user said they are under 18 (chat/services/safety.py): refused from then on
    "minor_relative",  # bool | None: a bet for someone under 18 was refused: a bet "for him/her" later is too
    "simulation",  # dict | None: the last simulated bet (simulated_bets.py): kept through asides, for "place it"
    "names_asked",  # dict | None: "which Borussia?" asked, with the request it interrupts (names_asked.py)
    "match_asked",  # dict | None: "which of these matches?" asked, with the request it interrupts (match_asked.py)
    "line_asked",  # dict | None: a line not offered (or a side) asked, with the request it interrupts (lines_offered)
    "currency_asked",  # dict | None: "which pesos?" asked, with the simulation it interrupts (currency_asked.py)
    "combo_asked",  # dict | None: a simulated accumulator asked "what on each match?", for one turn (combo_asked.py)
    "previous_fixture",  # dict | None: the fixture in focus before the current one, while the focus stays (frame.py)
)


def empty_context() -> dict:
    return {key: ([] if key == "teams" else None) for key in CONTEXT_KEYS}


@dataclass
class ConversationMemory:
    history: list[dict] = field(default_factory=list)  # [{"role": "user"|"assistant", "content": str}]
    context: dict = field(default_factory=empty_context)

    def as_dict(self) -> dict:
        return {"history": self.history, "context": self.context}

    @classmethod
    def from_dict(cls, data: dict) -> ConversationMemory:
        context = empty_context()
        context.update({k: v for k, v in (data.get("context") or {}).items() if k in CONTEXT_KEYS})
        return cls(history=list(data.get("history") or [])[-2 * MAX_PAIRS :], context=context)

    def copy(self) -> ConversationMemory:
        return ConversationMemory(history=list(self.history), context=copy.deepcopy(self.context))

    def remember(self, *, user_text: str, assistant_text: str, context: dict | None = None) -> ConversationMemory:
        """A new memory with this turn appended (keeping the last 10 pairs) and the new context."""
        history = [*self.history, {"role": "user", "content": user_text},
                   {"role": "assistant", "content": assistant_text}][-2 * MAX_PAIRS :]
        merged = empty_context()
        merged.update({k: v for k, v in (context if context is not None else self.context).items()
                       if k in CONTEXT_KEYS})
        return ConversationMemory(history=history, context=merged)


def load_memory(*, session_id, known_history: list[dict] | None = None) -> ConversationMemory:
    """The conversation's memory: the cache when hot, else rebuilt from the database.

    `known_history`: the caller already knows every stored message (a conversation it has just
    created), so a cold cache is rebuilt from that instead of a query returning the same rows."""
    try:
        data = cache.get(memory_key(session_id))
    except Exception:  # a cache outage degrades to the durable copy
        logger.warning("memory cache read failed", exc_info=True)
        data = None
    if data is not None:
        return ConversationMemory.from_dict(data)
    if known_history is not None:
        memory = ConversationMemory(history=list(known_history)[-2 * MAX_PAIRS :])
    else:
        memory = rebuild_memory(session_id=session_id)
    if memory.history:
        save_memory(session_id=session_id, memory=memory)
    return memory


def save_memory(*, session_id, memory: ConversationMemory) -> None:
    try:
        cache.set(memory_key(session_id), memory.as_dict(), MEMORY_TTL)
    except Exception:
        logger.warning("memory cache write failed", exc_info=True)


def forget_memory(*, session_id) -> None:
    try:
        cache.delete(memory_key(session_id))
    except Exception:
        logger.warning("memory cache delete failed", exc_info=True)


def rebuild_memory(*, session_id) -> ConversationMemory:
    """Durable fallback: last 20 messages, and the context snapshot of the latest answer."""
    rows = recent_messages(session_id=session_id, limit=2 * MAX_PAIRS + 1)
    # Only answered turns are memory: trailing user messages are the turn being answered now,
    # which the caller appends itself (the hot cache holds complete pairs only, too).
    while rows and rows[-1]["role"] == Message.Role.USER:
        rows = rows[:-1]
    rows = rows[-2 * MAX_PAIRS :]
    history = [{"role": row["role"], "content": row["content"]} for row in rows]
    context = empty_context()
    for row in reversed(rows):
        if row["role"] == Message.Role.ASSISTANT and row["context"]:
            context.update({k: v for k, v in row["context"].items() if k in CONTEXT_KEYS})
            break
    return ConversationMemory(history=history, context=context)
