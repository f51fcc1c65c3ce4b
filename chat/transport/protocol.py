"""The chat WebSocket wire protocol: pure functions that build server → client frames.

Existing web clients speak exactly the frames described in `docs/websocket-protocol.md`; the
consumer only sends what these builders return, so the protocol lives (and is tested) here.
Timestamps are ISO-8601 UTC with a trailing `Z`; ids are UUID strings.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from json.encoder import c_make_encoder, encode_basestring_ascii
from typing import Any

from chat.events import TurnChunk, TurnDuplicate, TurnFinished, TurnIgnored, TurnStarted
from sports.domain import iso_utc

SUPPORTED_FEATURES = ("streaming", "typing", "history", "sports_updates")

# Close codes. 1000 is a normal close (clients do not reconnect), used when a newer connection of
# the same session replaces this one; 4xxx are refusals (clients reconnect later).
CLOSE_REPLACED = 1000
CLOSE_IDLE = 4408
CLOSE_RATE_LIMITED = 4429

# Said instead of an empty answer: clients ignore a `streaming_end` with an empty `final_content`
# and would keep waiting, so an answer frame always carries text.
EMPTY_ANSWER_FALLBACK = "Sorry, I could not put an answer together. Please try again."

Frame = dict[str, Any]


def _frame_encoder() -> Callable[[Any, int], Any] | None:
    """`json.dumps`' own C encoder with its default options, built once (None without the C accelerator)."""
    if c_make_encoder is None:
        return None
    defaults = json.JSONEncoder()
    return c_make_encoder(_MARKERS, defaults.default, encode_basestring_ascii, None, defaults.key_separator,
                          defaults.item_separator, False, False, True)


_MARKERS: dict = {}  # the circular-reference check's; empty between calls
_ENCODER = _frame_encoder()


def encode(frame: Frame) -> str:
    """A frame's text, exactly `json.dumps(frame)` (Channels' `send_json`): without building the encoder anew for
    each of a turn's ~8 frames."""
    if _ENCODER is None or not isinstance(frame, dict):
        return json.dumps(frame)
    try:
        return "".join(_ENCODER(frame, 0))
    except BaseException:
        _MARKERS.clear()  # a failed call may leave its containers marked
        raise


def iso_z(moment: datetime | None = None) -> str:
    """`2026-11-26T09:15:54.123Z`: ISO-8601, UTC, millisecond precision, trailing Z."""
    if moment is None:
        return _now_z()
    return iso_utc(moment, timespec="milliseconds")


# The last millisecond's stamp: a turn sends ~8 frames, most of them within the same millisecond, and each
# formatted the clock anew (~4 µs: `datetime.now`, `astimezone`, `isoformat`, `replace`). The date and time to the
# second are formatted once per second: a new millisecond only writes its three digits after them (a busy server's
# frames, and a turn's frames under callgrind, ~50x slower, cross milliseconds far more often than seconds).
_last_stamp: tuple[int, str] = (-1, "")
_last_second: tuple[int, str] = (-1, "")


def _now_z() -> str:
    """`iso_z()` of now, formatted once per millisecond (the same text: a stamp is truncated to the millisecond)."""
    global _last_stamp, _last_second
    milliseconds = time.time_ns() // 1_000_000
    last = _last_stamp
    if last[0] == milliseconds:
        return last[1]
    seconds, fraction = divmod(milliseconds, 1000)
    second = _last_second
    if second[0] != seconds:
        second = _last_second = (seconds, datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")[:-6])
    text = f"{second[1]}.{fraction:03d}Z"
    _last_stamp = (milliseconds, text)
    return text


def new_id() -> str:
    return str(uuid.uuid4())


def connection_ack(*, session_id: str, client_id: str) -> Frame:
    now = iso_z()
    return {
        "type": "connection_ack",
        "session_id": session_id,
        "client_id": client_id,
        "server_time": now,
        "supported_features": list(SUPPORTED_FEATURES),
        "timestamp": now,
        "message_id": new_id(),
    }


def pong(*, session_id: str, message_id: str | None = None) -> Frame:
    """Answer to a client `ping`; echoes its `message_id` so the client can match them."""
    return {"type": "pong", "timestamp": iso_z(), "session_id": session_id, "message_id": message_id or new_id()}


def ping(*, session_id: str) -> Frame:
    """Server heartbeat to a connection that has been quiet; any client frame proves it is alive."""
    return {"type": "ping", "timestamp": iso_z(), "session_id": session_id, "message_id": new_id()}


def typing(*, session_id: str, is_typing: bool) -> Frame:
    return {"type": "typing", "is_typing": is_typing, "session_id": session_id}


def streaming_start(*, session_id: str, message_id: str) -> Frame:
    return {"type": "streaming_start", "message_id": message_id, "timestamp": iso_z(), "session_id": session_id}


def streaming_response(*, session_id: str, message_id: str, content: str, full_content: str) -> Frame:
    return {
        "type": "streaming_response",
        "session_id": session_id,
        "message_id": message_id,
        "content": content,
        "full_content": full_content,
        "timestamp": iso_z(),
    }


def streaming_end(*, session_id: str, result: Any) -> Frame:
    return {
        "type": "streaming_end",
        "session_id": session_id,
        "message_id": str(result.message_id),
        "final_content": _answer_text(result),
        "response_time_ms": result.response_time_ms,
        "detected_intent": result.detected_intent,
        "suggested_actions": list(result.suggested_actions or []),
        "timestamp": iso_z(),
    } | _bet_slip(result)


def bot_response(*, session_id: str, result: Any) -> Frame:
    return {
        "type": "bot_response",
        "message_id": str(result.message_id),
        "content": _answer_text(result),
        "timestamp": iso_z(),
        "session_id": session_id,
        "response_time_ms": result.response_time_ms,
    } | _bet_slip(result)


def _bet_slip(result: Any) -> Frame:
    """The additive `bet_slip` field: only on the answer of a turn that proposed or moved a real-money slip,
    so every other answer frame stays exactly as existing clients know it."""
    slip = getattr(result, "bet_slip", None)
    return {"bet_slip": slip} if slip else {}


def error(code: str, message: str) -> Frame:
    """Error frame; clients read the text from `data`, older ones from `content`."""
    return {
        "type": "error",
        "error_code": code,
        "error_message": message,
        "content": message,
        "data": message,
        "timestamp": iso_z(),
    }


def notice(*, session_id: str, code: str, message: str) -> Frame:
    """An ignorable, non-error note (e.g. a repeated message was ignored). It answers nothing, so it
    is never preceded by `typing: true`."""
    return {"type": "notice", "code": code, "message": message, "session_id": session_id, "timestamp": iso_z()}


def connection_status(*, session_id: str, status: str, message: str) -> Frame:
    return {
        "type": "connection_status",
        "status": status,
        "message": message,
        "session_id": session_id,
        "timestamp": iso_z(),
    }


def history(*, session_id: str, messages: Iterable[Any]) -> Frame:
    """The stored messages of the session, oldest first."""
    return {
        "type": "history",
        "session_id": session_id,
        "messages": [
            {
                "message_id": str(message.id),
                "role": message.role,
                "content": message.content,
                "timestamp": iso_z(message.created_at),
                "detected_intent": message.intent or None,
                "suggested_actions": list(message.suggested_actions or []),
            } | ({"bet_slip": message.bet_slip} if getattr(message, "bet_slip", None) else {})
            for message in messages
        ],
        "timestamp": iso_z(),
    }


def turn_frames(event: Any, *, session_id: str, stream: bool = True) -> list[Frame]:
    """The frames one turn event becomes, in wire order.

    A turn is `typing true → streaming_start → streaming_response* → streaming_end → typing false`
    (or `typing true → bot_response → typing false` without streaming). A duplicate message id
    replays the stored answer the same way under its original message id; an ignored repeat
    becomes a notice with no typing frames around it.
    """
    if isinstance(event, TurnChunk):
        if not stream or not event.full_content.strip():
            return []  # clients render full_content and need it non-empty
        return [streaming_response(session_id=session_id, message_id=str(event.message_id),
                                   content=event.content, full_content=event.full_content)]
    if isinstance(event, TurnStarted):
        frames = [typing(session_id=session_id, is_typing=True)]
        if stream:
            frames.append(streaming_start(session_id=session_id, message_id=str(event.message_id)))
        return frames
    if isinstance(event, TurnFinished):
        answer = (streaming_end if stream else bot_response)(session_id=session_id, result=event.result)
        return [answer, typing(session_id=session_id, is_typing=False)]
    if isinstance(event, TurnDuplicate):
        return replay_frames(event.result, session_id=session_id, stream=stream)
    if isinstance(event, TurnIgnored):
        return [notice(session_id=session_id, code="duplicate_ignored",
                       message=f"Message ignored: {event.reason}")]
    raise TypeError(f"not a turn event: {event!r}")


def replay_frames(result: Any, *, session_id: str, stream: bool = True) -> list[Frame]:
    """A stored answer sent again as one complete turn, under its original message id."""
    message_id = str(result.message_id)
    frames = [typing(session_id=session_id, is_typing=True)]
    if stream:
        text = _answer_text(result)
        frames += [
            streaming_start(session_id=session_id, message_id=message_id),
            streaming_response(session_id=session_id, message_id=message_id, content=text, full_content=text),
            streaming_end(session_id=session_id, result=result),
        ]
    else:
        frames.append(bot_response(session_id=session_id, result=result))
    frames.append(typing(session_id=session_id, is_typing=False))
    return frames


def _answer_text(result: Any) -> str:
    return result.content if (result.content or "").strip() else EMPTY_ANSWER_FALLBACK
