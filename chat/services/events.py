"""What a turn yields to its transport (WebSocket consumer or REST view), in order.

`TurnStarted` → N × `TurnChunk` → `TurnFinished`; or a single `TurnDuplicate` (same client
message id: the stored answer, not recomputed) or `TurnIgnored` (same text within 2 s).
`chat/transport/protocol.py` turns these into wire frames.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime


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
