"""The chat app's events: what a turn yields to its transport, and the pushes to other connections.

Turn events: `TurnStarted` → N × `TurnChunk` → `TurnFinished`; or a single `TurnDuplicate` (same
client message id: the stored answer, not recomputed) or `TurnIgnored` (same text within 2 s).
`chat/transport/protocol.py` turns these into wire frames.

Pushes: the only place chat talks to the channel layer's groups. Answer chunks never go through
here (they are sent straight from the consumer that owns the socket, see docs/architecture.md);
only control messages do. Today that is one: a session taken over by a new connection, possibly in
another process.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import datetime

from channels.layers import get_channel_layer


@dataclass(frozen=True)
class TurnResult:
    message_id: uuid.UUID  # the assistant message
    session_id: uuid.UUID
    content: str
    response_time_ms: int
    token_count: int
    detected_intent: str
    intent_confidence: float
    entities: dict
    function_calls_made: list[dict]
    suggested_actions: list[str]
    engine: str
    created_at: datetime
    reply_to: uuid.UUID | None = None  # the user message this answers
    language: str = "en"
    duplicate: bool = False  # True when this is the stored answer to a repeated client message id
    bet_slip: dict | None = None  # the slip this turn proposed or moved (betting.serializers.slip_payload)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["message_id"] = str(self.message_id)
        data["session_id"] = str(self.session_id)
        data["reply_to"] = str(self.reply_to) if self.reply_to else None
        return data


@dataclass(frozen=True)
class TurnStarted:
    session_id: uuid.UUID  # authoritative: may differ from the one asked for (new or foreign session)
    message_id: uuid.UUID  # the assistant message being produced


@dataclass(frozen=True)
class TurnChunk:
    message_id: uuid.UUID
    content: str  # this chunk (never empty)
    full_content: str  # everything so far (never empty)


@dataclass(frozen=True)
class TurnFinished:
    result: TurnResult


@dataclass(frozen=True)
class TurnDuplicate:
    result: TurnResult


@dataclass(frozen=True)
class TurnIgnored:
    reason: str  # "duplicate_content"
    session_id: uuid.UUID | None = None
    detail: dict = field(default_factory=dict)


TurnEvent = TurnStarted | TurnChunk | TurnFinished | TurnDuplicate | TurnIgnored


class TurnStream:
    """A turn's events as its task emits them, read in order (`async for`), ending after the last. `waiting` holds
    those emitted and not read yet (an event, `END`, or the exception the turn died of): the socket's
    `coalesce_chunks` merges the chunks waiting there without a task of its own copying them out (one task and an
    `asyncio.Queue` less per turn; issue 20, a lean turn)."""

    END = object()
    __slots__ = ("waiting", "_loop", "_wakeup")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.waiting: deque = deque()
        self._loop = loop
        self._wakeup: asyncio.Future | None = None

    def emit(self, item) -> None:
        self.waiting.append(item)
        wakeup, self._wakeup = self._wakeup, None
        if wakeup is not None and not wakeup.done():
            wakeup.set_result(None)

    async def wait(self) -> None:
        """Until something is waiting."""
        while not self.waiting:
            self._wakeup = self._loop.create_future()
            await self._wakeup

    def __aiter__(self) -> TurnStream:
        return self

    async def __anext__(self) -> TurnEvent:
        if not self.waiting:
            await self.wait()
        item = self.waiting[0]
        if item is TurnStream.END:  # left in place: the stream stays ended
            raise StopAsyncIteration
        self.waiting.popleft()
        if isinstance(item, BaseException):
            raise item
        return item


# --- pushes ----------------------------------------------------------------------------------------


def session_group(session_id: uuid.UUID | str) -> str:
    """The group every connection of a session joins: `session.<uuid>`."""
    return f"session.{session_id}"


async def announce_session_takeover(*, session_id: uuid.UUID | str, new_channel: str) -> None:
    """Tell the older connections of this session (in any process) that `new_channel` replaces them."""
    layer = get_channel_layer()
    if layer is None:
        return
    await layer.group_send(session_group(session_id), {"type": "session.takeover", "new_channel": new_channel})
