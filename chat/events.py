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

import uuid
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
