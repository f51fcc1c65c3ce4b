"""Conversation exports for analysis: JSON lines, one conversation per line, people pseudonymised.

Who spoke is replaced by a keyed HMAC (`EXPORT_PSEUDONYM_KEY`, else a key derived from SECRET_KEY):
the same user gets the same pseudonym in every export made with the same key, so analysts can
follow a user across conversations without learning who it is, and nobody without the key can
reverse or recompute it. The conversation id is pseudonymised too: an anonymous conversation's
UUID is the only thing that grants access to it. Message text is exported as written, every line break in it
escaped (a message cannot split its line or start another: `json_line`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from chat.models import Conversation, Feedback, Message

CHUNK_SIZE = 500


def _key() -> bytes:
    explicit = getattr(settings, "EXPORT_PSEUDONYM_KEY", "")
    if explicit:
        return explicit.encode()
    return hashlib.sha256(b"chatbet.export.pseudonym:" + settings.SECRET_KEY.encode()).digest()


def pseudonym(value: str | None, *, kind: str) -> str | None:
    """`<kind>_<24 hex>`: HMAC-SHA256 of the kind and value under the export key; None stays None."""
    if value in (None, ""):
        return None
    digest = hmac.new(_key(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}_{digest[:24]}"


def _speaker(conversation: Conversation) -> str | None:
    if conversation.owner_id is not None:
        return pseudonym(str(conversation.owner_id), kind="user")
    if conversation.guest_id:
        return pseudonym(conversation.guest_id, kind="guest")
    return None


def conversations_in(*, since: datetime | None = None, until: datetime | None = None,
                     queryset: QuerySet[Conversation] | None = None) -> QuerySet[Conversation]:
    """Conversations with at least one message in [since, until), each with only those messages."""
    window = {}
    if since is not None:
        window["created_at__gte"] = since
    if until is not None:
        window["created_at__lt"] = until
    # Same-instant ties: the question (no reply_to) before its answer.
    messages = (
        Message.objects.filter(**window)
        .order_by("created_at", F("reply_to").asc(nulls_first=True))
        .prefetch_related(Prefetch("feedback", queryset=Feedback.objects.only("id", "message_id", "rating")))
    )
    base = queryset if queryset is not None else Conversation.objects.all()
    return (
        base.filter(Exists(Message.objects.filter(conversation_id=OuterRef("pk"), **window)))
        .order_by("created_at", "session_id")
        .prefetch_related(Prefetch("messages", queryset=messages))
    )


def conversation_record(conversation: Conversation) -> dict:
    """One JSON line: the conversation and its messages, with no user, guest or session identifiers."""
    return {
        "conversation": pseudonym(str(conversation.session_id), kind="conv"),
        "speaker": _speaker(conversation),
        "speaker_type": "user" if conversation.owner_id else ("guest" if conversation.guest_id else "anonymous"),
        "language": conversation.language,
        "created_at": conversation.created_at.isoformat(),
        "messages": [
            {
                "id": pseudonym(str(message.id), kind="msg"),
                "role": message.role,
                "content": message.content,
                "intent": message.intent,
                "confidence": message.confidence,
                "engine": message.engine,
                "response_time_ms": message.response_time_ms,
                "token_count": message.token_count,
                "tools": [call.get("name") for call in (message.tool_calls or []) if isinstance(call, dict)],
                "experiments": message.experiments or {},
                "feedback": sorted(f.rating for f in message.feedback.all()),
                "created_at": message.created_at.isoformat(),
            }
            for message in conversation.messages.all()
        ],
    }


# Line breaks JSON leaves raw in a string (it escapes only control characters below U+0020) that line readers still
# split on: Python's `str.splitlines()` (U+0085, U+2028, U+2029), JavaScript before ES2019 (U+2028, U+2029).
_RAW_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(record: dict) -> str:
    """One record as one line, whatever the users wrote: every line break inside it escaped."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True).translate(_RAW_LINE_BREAKS) + "\n"


def export_lines(conversations: QuerySet[Conversation]) -> Iterator[str]:
    """JSON lines, streamed in chunks (prefetching per chunk) so memory stays flat on big periods."""
    for conversation in conversations.iterator(chunk_size=CHUNK_SIZE):
        yield json_line(conversation_record(conversation))


def write_export(lines: Iterable[str], out: IO[str]) -> int:
    count = 0
    for line in lines:
        out.write(line)
        count += 1
    return count
