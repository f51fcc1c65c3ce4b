"""The chat socket: parse, validate, delegate to `turn_stream` (`stream_reply`'s events), send the frames it becomes.

No rules live here: dedup, memory and persistence are the turn service's, frames are
`chat/transport/protocol.py`'s, pushes are `chat/events.py`'s, heartbeat and stats are
`chat/services/presence.py`'s. Answer frames go straight down this socket (never through the
channel layer); the session group only carries the takeover notice.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator
from urllib.parse import parse_qs

from asgiref.sync import sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils.translation import pgettext

from accounts.identity import ANONYMOUS, Identity
from accounts.services import chat_quota_is_local, consume_chat_quota, consume_read_quota
from accounts.ws_auth import CLOSE_UNAUTHORIZED, token_still_valid
from chat import events
from chat.engine.base import COALESCE_FRAMES, COALESCE_MAX_CHARS
from chat.events import TurnChunk, TurnDuplicate, TurnEvent, TurnFinished, TurnStarted, TurnStream
from chat.selectors import get_conversation_for, get_resumable_session_for, history_messages
from chat.services import presence
from chat.services.conversations import claim_session
from chat.services.turns import turn_stream
from chat.transport import protocol
from chat.transport.ws_serializers import (
    ChatFrameSerializer,
    UserMessageFrameSerializer,
    error_code_for,
    plain_user_message,
)
from chatbet_project import metrics
from chatbet_project.db import db_sync_to_async
from chatbet_project.errors import ChatBetError, database_busy, database_busy_message, error_text
from chatbet_project.i18n import in_language
from chatbet_project.logging import new_request_id, request_id_var
from chatbet_project.parsers import JSONTooDeep, loads_json
from chatbet_project.ws import ReleaseOnExitMixin, ResilientChannelLayerMixin
from sports.domain import LANGUAGES

logger = logging.getLogger(__name__)

# Answer chunks already waiting when one is sent go out together, in at most COALESCE_FRAMES frames of
# at least COALESCE_MAX_CHARS characters (chat.engine.base, where an answer known whole is cut that way
# before it is streamed). A model streaming slowly is unaffected: nothing waits.


@db_sync_to_async
def _owned_session(identity: Identity, session_id: str) -> uuid.UUID | None:
    return get_resumable_session_for(identity=identity, session_id=session_id)


@db_sync_to_async
def _stored_messages(identity: Identity, session_id: uuid.UUID) -> list:
    conversation = get_conversation_for(identity=identity, session_id=session_id)
    if conversation is None:
        return []
    return history_messages(conversation=conversation, limit=settings.CHAT_HISTORY_LIMIT)  # the latest, oldest first


class ChatConsumer(ReleaseOnExitMixin, ResilientChannelLayerMixin, AsyncJsonWebsocketConsumer):
    """`/ws/chat` and `/ws/chat/<session_id>`: one conversation per connection, one connection per session."""

    # Per-connection state is deliberately small: thousands of these sit idle in one process.
    session_id: uuid.UUID
    session_key: str
    identity: Identity
    correlation_id: str
    last_seen: float = 0.0
    busy: bool = False
    strikes: int = 0
    turns: int = 0
    joined: bool = False
    replaced: bool = False
    language: str = ""  # the last answer's (en / es / pt_br): the language of the socket's own errors

    # --- connection lifecycle -----------------------------------------------------------------

    async def websocket_connect(self, message) -> None:
        headers = dict(self.scope.get("headers") or ())
        rid = headers.get(b"x-request-id")
        self.correlation_id = new_request_id(rid.decode("latin1") if rid else None)
        request_id_var.set(self.correlation_id)
        self.identity = self.scope.get("identity") or ANONYMOUS
        self.session_id, resumed = await self._resolve_session()
        self.session_key = str(self.session_id)
        self.last_seen = time.monotonic()
        await self.accept(subprotocol=self.scope.get("accept_subprotocol"))
        metrics.ws_opened(self, "chat")
        # The client enables sending as soon as the socket opens and takes the session from here.
        await self.send_json(protocol.connection_ack(session_id=self.session_key, client_id=protocol.new_id()))
        presence.register(self)
        await self._join_session(announce=resumed)
        if not resumed:  # after the ack, which must not wait: record whose this new session is
            # A cache write (Redis in production): off the event loop, like the quota counter.
            await sync_to_async(claim_session, thread_sensitive=False)(identity=self.identity,
                                                                        session_id=self.session_id)
        logger.info("chat socket connected", extra={"session_id": self.session_key, "identity": self._who()})

    async def _resolve_session(self) -> tuple[uuid.UUID, bool]:
        """(session, resumed): the asked-for session if this identity owns it (stored, or handed to
        it by an earlier ack), else a new one (unknown and foreign look alike)."""
        route = (self.scope.get("url_route") or {}).get("kwargs") or {}
        query = parse_qs((self.scope.get("query_string") or b"").decode("latin1"))
        asked = route.get("session_id") or (query.get("session_id") or [""])[0]
        if asked and asked not in ("null", "undefined"):
            owned = await _owned_session(self.identity, asked)
            if owned is not None:
                return owned, True
        return uuid.uuid4(), False

    async def _join_session(self, *, announce: bool = True) -> None:
        """Replace older connections of this session (in any process), then listen for newer ones.
        A brand-new session has no older connection to replace, so it skips the announcement.
        With the channel layer down (Redis outage) the socket still chats; only cross-process
        takeover is lost for this connection."""
        if self.channel_layer is None:
            return
        try:
            if announce:
                await events.announce_session_takeover(session_id=self.session_key, new_channel=self.channel_name)
            await self.channel_layer.group_add(events.session_group(self.session_key), self.channel_name)
        except Exception as exc:
            logger.warning("channel layer unavailable; session not joined",
                           extra={"session_id": self.session_key, "error": type(exc).__name__})
            return
        self.joined = True

    async def _leave_session(self) -> None:
        if self.joined and self.channel_layer is not None:
            self.joined = False
            try:
                await self.channel_layer.group_discard(events.session_group(self.session_key), self.channel_name)
            except Exception as exc:  # the group entry expires with the layer's group_expiry
                logger.warning("channel layer unavailable; session not left", extra={"error": type(exc).__name__})

    async def release_connection(self) -> None:
        """Presence, the open-sockets gauge and the session group: released once, on every close path."""
        presence.unregister(self)
        metrics.ws_closed(self)
        await self._leave_session()

    async def websocket_disconnect(self, message) -> None:
        try:
            await self.release_connection()
        finally:
            logger.info("chat socket closed", extra={"session_id": getattr(self, "session_key", None),
                                                      "code": message.get("code")})
            raise StopConsumer()

    async def send_json(self, content, close=False) -> None:
        """Channels' `send_json` (the same text: `protocol.encode` is `json.dumps`) without its three coroutine
        layers (`encode_json`, `AsyncWebsocketConsumer.send`, `AsyncConsumer.send`): a turn sends ~8 frames."""
        await self.base_send({"type": "websocket.send", "text": protocol.encode(content)})
        if close:
            await self.close(close)

    async def dispatch(self, message) -> None:
        """Like Channels' dispatch, without its per-message thread hop to close stale DB
        connections: every database access here goes through `db_sync_to_async` (Channels'
        `DatabaseSyncToAsync`), which already does that around the query (about a third of a bare
        consumer's cost; bench/README.md, trap 5)."""
        handler = getattr(self, message["type"].replace(".", "_"), None)
        if handler is None or message["type"].startswith("_"):
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    # --- client frames --------------------------------------------------------------------------

    async def websocket_receive(self, message) -> None:
        self.last_seen = time.monotonic()
        text = message.get("text")
        if text is None:
            return await self.send_json(
                protocol.error("unsupported_frame", "Binary frames are not supported; send JSON text."))
        try:
            content = loads_json(text)
        except JSONTooDeep as exc:
            return await self.send_json(protocol.error("invalid_json", str(exc)))
        except ValueError:
            return await self.send_json(protocol.error("invalid_json", "The frame is not valid JSON."))
        if not isinstance(content, dict):
            return await self.send_json(protocol.error("invalid_message", "A frame must be a JSON object with a type."))
        kind = content.get("type")
        metrics.ws_message("chat", kind)
        if kind == "user_message":
            return await self._on_user_message(content)
        if kind == "ping":
            return await self.send_json(protocol.pong(session_id=self.session_key, message_id=_text_id(content)))
        if kind == "pong":
            return None  # the answer to our heartbeat: being here already refreshed last_seen
        if kind == "history":
            if not await token_still_valid(self.scope):
                return await self.close(code=CLOSE_UNAUTHORIZED)
            if not await self._within_quota(self._language(), read=True):
                return None
            messages = await _stored_messages(self.identity, self.session_id)
            return await self.send_json(protocol.history(session_id=self.session_key, messages=messages))
        frame = ChatFrameSerializer(data=content)
        frame.is_valid()
        return await self.send_json(protocol.error(error_code_for(frame.errors) if frame.errors else "unknown_type",
                                                   error_text(frame.errors) or f"type: unknown type {kind!r}."))

    async def _on_user_message(self, content: dict) -> None:
        data = plain_user_message(content)
        if data is None:  # anything but an ordinary frame: the serializer coerces it or says what is wrong
            frame = UserMessageFrameSerializer(data=content)
            if not frame.is_valid():
                return await self.send_json(protocol.error(error_code_for(frame.errors), error_text(frame.errors)))
            data = frame.validated_data
        if not await token_still_valid(self.scope):  # logged out, family revoked or expired since the handshake
            logger.info("chat socket closed: its token no longer stands", extra={"session_id": self.session_key})
            return await self.close(code=CLOSE_UNAUTHORIZED)
        metadata = data.get("metadata") or {}
        language = metadata.get("language") if metadata.get("language") in LANGUAGES else self._language()
        if not await self._within_quota(language):
            return None
        stream = metadata.get("stream", True) not in (False, 0, "false", "0")
        self.turns += 1
        token = request_id_var.set(f"{self.correlation_id}.{self.turns}")
        presence.record_message()
        self.busy = True
        typing_open = False
        try:
            async for event in coalesce_chunks(turn_stream(
                session_id=self.session_id, identity=self.identity, content=data["content"],
                client_message_id=data.get("message_id") or None, metadata=metadata,
            )):
                if isinstance(event, TurnStarted) and event.session_id != self.session_id:
                    await self._switch_session(event.session_id)
                if isinstance(event, TurnFinished | TurnDuplicate):
                    self.language = event.result.language  # the language of this conversation's errors, next
                for out in protocol.turn_frames(event, session_id=self.session_key, stream=stream):
                    if out["type"] == "typing":
                        typing_open = out["is_typing"]
                    await self.send_json(out)
            logger.debug("chat turn done", extra={"session_id": self.session_key, "kind": type(event).__name__})
        except ChatBetError as exc:
            await self.send_json(protocol.error(exc.code, str(exc)))
        except Exception as exc:
            if database_busy(exc):  # rolled back for contention (a yes racing a REST confirm): the REST's 503
                logger.warning("chat turn refused for database contention", extra={"session_id": self.session_key})
                with in_language(language):
                    code, text = "database_busy", database_busy_message()
            else:
                logger.exception("chat turn failed", extra={"session_id": self.session_key})
                with in_language(language):
                    code, text = "server_error", pgettext("socket error",
                                                          "Something went wrong answering that. Please try again.")
            await self.send_json(protocol.error(code, text))
        finally:
            self.busy = False
            self.last_seen = time.monotonic()
            request_id_var.reset(token)
        if typing_open:  # never leave the client waiting behind a typing indicator
            await self.send_json(protocol.typing(session_id=self.session_key, is_typing=False))

    def _language(self) -> str:
        """The language of this socket's errors when a message names none: the conversation's last answer's, else
        the profile's."""
        return self.language or self.identity.language

    async def _within_quota(self, language: str, *, read: bool = False) -> bool:
        """Per-identity and per-address chat quota (a `history` frame, `read`: the REST reads' quota, per user or
        per address, shared with `GET /api/v1/chat/history`); a flood that keeps going is cut off with 4429."""
        # The counter is a (django-redis) network call: off the event loop, or a slow or dead Redis
        # would stall every socket of the process. With Redis down it counts in this process instead.
        # Counters in this process (embedded mode) are a dictionary update: no thread hop for them.
        if read:
            consume = consume_read_quota
            quota = {"identity_key": self._quota_key(), "ip": self.scope.get("client_ip")}
        else:
            consume, quota = consume_chat_quota, {"identity_key": self._quota_key(), "ip": self.scope.get("client_ip")}
        if chat_quota_is_local():
            allowed, retry_after = consume(**quota)
        else:
            allowed, retry_after = await sync_to_async(consume, thread_sensitive=False)(**quota)
        if allowed:
            self.strikes = 0
            return True
        self.strikes += 1
        presence.record("rate_limited")
        wait = max(1, round(retry_after))
        with in_language(language):
            text = pgettext("socket error", "Too many messages; try again in %(seconds)d s.") % {"seconds": wait}
        await self.send_json(protocol.error("rate_limited", text))
        if self.strikes >= settings.WS_RATE_LIMIT_STRIKES:
            logger.warning("chat socket closed for flooding", extra={"session_id": self.session_key})
            await self.close(code=protocol.CLOSE_RATE_LIMITED)
        return False

    def _quota_key(self) -> str:
        if not self.identity.is_anonymous:
            return self.identity.key
        ip = self.scope.get("client_ip")
        return f"anon:{ip}" if ip else f"anon:{self.session_key}"

    async def _switch_session(self, session_id: uuid.UUID) -> None:
        """The turn service answered in another conversation than asked (it was taken meanwhile)."""
        presence.unregister(self)
        await self._leave_session()
        self.session_id, self.session_key = session_id, str(session_id)
        presence.register(self)
        await self._join_session()

    # --- channel layer events -------------------------------------------------------------------

    async def session_takeover(self, event: dict) -> None:
        """A newer connection took this session: say so, then close normally (clients won't reconnect)."""
        if event.get("new_channel") == self.channel_name or self.replaced:
            return
        self.replaced = True
        presence.unregister(self)
        presence.record("takeovers")
        await self.send_json(protocol.connection_status(
            session_id=self.session_key, status="replaced",
            message="This session was opened in another connection; this one is closed."))
        await self._leave_session()
        await self.close(code=protocol.CLOSE_REPLACED)

    # --- heartbeat (called by the presence sweeper) ---------------------------------------------

    async def heartbeat_ping(self) -> None:
        await self.send_json(protocol.ping(session_id=self.session_key))

    async def close_idle(self) -> None:
        logger.info("chat socket idle, closing", extra={"session_id": self.session_key})
        await self.close(code=protocol.CLOSE_IDLE)

    def _who(self) -> str:
        return "user" if self.identity.is_authenticated else "guest" if self.identity.is_guest else "anonymous"


def _text_id(content: dict) -> str | None:
    value = content.get("message_id")
    return value if isinstance(value, str) and 0 < len(value) <= 100 else None


class _Failed:
    __slots__ = ("exc",)

    def __init__(self, exc: BaseException):
        self.exc = exc


async def coalesce_chunks(events: AsyncIterator[TurnEvent], *, max_chars: int = COALESCE_MAX_CHARS,
                          frames: int = COALESCE_FRAMES) -> AsyncIterator[TurnEvent]:
    """The same events, with consecutive chunks that are already waiting merged: each backlog (what
    is waiting when the reader finds the buffer non-empty after waiting) in at most `frames` frames
    of at least `max_chars` characters.

    A merged chunk carries the joined text and the last `full_content`, so the accumulated text the
    client renders is exactly the same; only the number of frames changes.
    """
    task = None
    if isinstance(events, TurnStream):  # the turn service's own: what is waiting is read where it waits
        buffer, wait, finished = events.waiting, events.wait, TurnStream.END
    else:  # any other stream: a task copies its events out as they come
        buffer, ready, finished = deque(), asyncio.Event(), object()

        async def pump() -> None:
            try:
                async for event in events:
                    buffer.append(event)
                    ready.set()
            except Exception as exc:  # handed to the reader, raised there
                buffer.append(_Failed(exc))
            finally:
                buffer.append(finished)
                ready.set()

        async def wait() -> None:
            while not buffer:
                ready.clear()
                await ready.wait()

        task = asyncio.get_running_loop().create_task(pump())
    limit = max_chars
    try:
        while True:
            burst = not buffer
            if not buffer:
                await wait()
            item = buffer[0] if buffer[0] is finished else buffer.popleft()  # (the end stays: the stream's)
            if item is finished:
                return
            if isinstance(item, _Failed):
                raise item.exc
            if isinstance(item, BaseException):  # a TurnStream's turn died of it
                raise item
            if isinstance(item, TurnChunk):
                if burst or limit == max_chars:  # a new backlog: split it evenly
                    waiting = len(item.content) + sum(len(e.content) for e in buffer if isinstance(e, TurnChunk))
                    limit = max(max_chars, -(-waiting // frames))
                parts, last = [item.content], item
                size = len(item.content)
                while buffer and isinstance(buffer[0], TurnChunk) and size < limit:
                    last = buffer.popleft()
                    parts.append(last.content)
                    size += len(last.content)
                if last is not item:
                    item = TurnChunk(message_id=item.message_id, content="".join(parts),
                                     full_content=last.full_content)
            yield item
    finally:
        if task is not None and not task.done():
            task.cancel()
