"""The chat socket as an existing web client sees it (`docs/websocket-protocol.md`), through the real
ASGI stack (origin check, auth middleware, routing) and the real turn service with the offline
engine and the sandbox sports provider."""

from __future__ import annotations

import asyncio
import gc
import re
import uuid

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from chat.models import Conversation, Message
from chat.services import presence

from .conftest import BROWSER_ORIGIN, close_quietly, open_chat, read_turn, receive_close, say

pytestmark = pytest.mark.django_db(transaction=True)

ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def is_uuid(value) -> bool:
    try:
        return str(uuid.UUID(str(value))) == value
    except ValueError:
        return False


def assert_error(frame: dict, code: str) -> None:
    assert frame["type"] == "error"
    assert frame["error_code"] == code
    assert frame["data"] and frame["data"] == frame["content"] == frame["error_message"]
    assert ISO_Z.match(frame["timestamp"])


@database_sync_to_async
def stored(session_id: str) -> list[tuple[str, str]]:
    rows = Message.objects.filter(conversation_id=session_id).order_by("created_at")
    return list(rows.values_list("role", "content"))


@database_sync_to_async
def foreign_conversation() -> str:
    from accounts.models import User

    owner = User.objects.create_user(username="someone-else", password="pw-123456-long")
    return str(Conversation.objects.create(owner=owner).session_id)


# --- connect ---------------------------------------------------------------------------------


@pytest.mark.stack
async def test_connect_is_acknowledged_at_once_with_a_new_session():
    ws, ack = await open_chat("/ws/chat?user_id=u1")
    assert set(ack) == {"type", "session_id", "client_id", "server_time", "supported_features", "timestamp",
                        "message_id"}
    assert is_uuid(ack["session_id"]) and is_uuid(ack["client_id"]) and is_uuid(ack["message_id"])
    assert ISO_Z.match(ack["server_time"]) and ISO_Z.match(ack["timestamp"])
    assert ack["supported_features"] == ["streaming", "typing", "history", "sports_updates"]
    await close_quietly(ws)


async def test_unknown_foreign_and_malformed_sessions_get_a_fresh_one():
    foreign = await foreign_conversation()
    unknown = str(uuid.uuid4())
    for path in (f"/ws/chat?user_id=u1&session_id={foreign}", f"/ws/chat?session_id={unknown}",
                 f"/ws/chat/{foreign}", "/ws/chat?session_id=not-a-uuid", "/ws/chat?session_id=null"):
        ws, ack = await open_chat(path)
        assert is_uuid(ack["session_id"])
        assert ack["session_id"] not in (foreign, unknown), path
        await close_quietly(ws)


async def test_trailing_slash_and_disallowed_origin():
    from chatbet_project.asgi import application

    ws, _ = await open_chat("/ws/chat/?user_id=u1")
    await close_quietly(ws)
    evil = WebsocketCommunicator(application, "/ws/chat?user_id=u1", headers=[(b"origin", b"https://evil.example")])
    connected, _ = await evil.connect()
    assert not connected


# --- ping and bad input --------------------------------------------------------------------------


async def test_ping_gets_pong_with_the_same_message_id():
    ws, ack = await open_chat()
    await ws.send_json_to({"type": "ping", "timestamp": "2026-01-01T00:00:00Z", "session_id": ack["session_id"],
                           "message_id": "p-1"})
    pong = await ws.receive_json_from()
    assert pong["type"] == "pong" and pong["message_id"] == "p-1" and pong["session_id"] == ack["session_id"]
    assert ISO_Z.match(pong["timestamp"])
    await close_quietly(ws)


@pytest.mark.stack
async def test_bad_frames_get_error_codes_and_the_socket_stays_open():
    ws, ack = await open_chat()
    cases = [
        ("{not json", "invalid_json"),
        ('["a list"]', "invalid_message"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"content": "no type"}', "invalid_message"),
        ('{"type": "user_message"}', "missing_content"),
        ('{"type": "user_message", "content": "   "}', "missing_content"),
        ('{"type": "user_message", "content": "' + "x" * 2001 + '"}', "message_too_long"),
        ('{"type": "user_message", "content": "hi", "metadata": "not a dict"}', "invalid_message"),
    ]
    for text, code in cases:
        await ws.send_to(text_data=text)
        assert_error(await ws.receive_json_from(), code)
    await ws.send_to(bytes_data=b"\x00\x01binary")
    assert_error(await ws.receive_json_from(), "unsupported_frame")
    # Still open and answering.
    await ws.send_json_to({"type": "ping"})
    assert (await ws.receive_json_from())["type"] == "pong"
    assert await ws.receive_nothing(timeout=0.1)
    await close_quietly(ws)


async def test_exactly_2000_characters_is_accepted():
    ws, _ = await open_chat()
    frames = await say(ws, "a" * 2000, message_id="long-1")
    assert frames[-2]["type"] == "streaming_end"
    await close_quietly(ws)


# --- turns ---------------------------------------------------------------------------------------


@pytest.mark.stack
async def test_a_message_streams_one_answer_in_protocol_order():
    ws, ack = await open_chat()
    session = ack["session_id"]
    frames = await say(ws, "What football matches are on this week?", message_id=str(uuid.uuid4()),
                       session_id=session, timestamp="2026-11-26T09:00:00Z", metadata={})
    kinds = [f["type"] for f in frames]
    assert kinds[0] == "typing" and frames[0]["is_typing"] is True
    assert kinds[1] == "streaming_start"
    assert kinds[-2] == "streaming_end" and kinds[-1] == "typing" and frames[-1]["is_typing"] is False
    chunks = frames[2:-2]
    assert chunks and all(f["type"] == "streaming_response" for f in chunks)
    assert all(f["session_id"] == session for f in frames)
    answer_id = frames[1]["message_id"]
    assert is_uuid(answer_id) and all(f["message_id"] == answer_id for f in frames[1:-1])
    # full_content accumulates the chunks and is never empty; the end carries the whole answer.
    so_far = ""
    for chunk in chunks:
        so_far += chunk["content"]
        assert chunk["full_content"] == so_far and chunk["full_content"].strip()
        assert ISO_Z.match(chunk["timestamp"])
    end = frames[-2]
    assert end["final_content"].strip() and end["final_content"] == so_far
    assert isinstance(end["response_time_ms"], int) and end["detected_intent"]
    assert isinstance(end["suggested_actions"], list)
    # Word/phrase sized chunks, not characters.
    assert len(chunks) < len(end["final_content"]) / 3
    # Nothing after: no second bubble.
    assert await ws.receive_nothing(timeout=0.3)
    assert [role for role, _ in await stored(session)] == ["user", "assistant"]
    await close_quietly(ws)


async def test_messages_sent_back_to_back_get_one_whole_answer_each_in_order():
    ws, ack = await open_chat()
    for index, text in enumerate(["hello", "what can you do?", "odds for Arsenal"]):
        await ws.send_json_to({"type": "user_message", "content": text, "message_id": f"b2b-{index}"})
    turns = [await read_turn(ws) for _ in range(3)]
    assert await ws.receive_nothing(timeout=0.3)
    answer_ids = []
    for frames in turns:  # each turn complete and not interleaved with another
        assert [f["type"] for f in frames[:2]] == ["typing", "streaming_start"]
        assert [f["type"] for f in frames[-2:]] == ["streaming_end", "typing"]
        assert {f["message_id"] for f in frames[1:-1]} == {frames[1]["message_id"]}
        answer_ids.append(frames[1]["message_id"])
    assert len(set(answer_ids)) == 3
    assert [role for role, _ in await stored(ack["session_id"])] == ["user", "assistant"] * 3


async def test_no_streaming_gives_one_bot_response_between_typing_frames():
    ws, ack = await open_chat()
    frames = await say(ws, "hello", message_id="m-plain", metadata={"stream": False})
    assert [f["type"] for f in frames] == ["typing", "bot_response", "typing"]
    assert [f["type"] for f in await say(ws, "what can you do?", metadata={"stream": "false"})] == [
        "typing", "bot_response", "typing"]
    answer = frames[1]
    assert answer["content"].strip() and is_uuid(answer["message_id"]) and answer["session_id"] == ack["session_id"]
    assert isinstance(answer["response_time_ms"], int) and ISO_Z.match(answer["timestamp"])
    assert await ws.receive_nothing(timeout=0.2)
    await close_quietly(ws)


@pytest.mark.stack
async def test_the_same_message_id_twice_replays_the_stored_answer():
    ws, ack = await open_chat()
    first = await say(ws, "odds for the next match", message_id="dup-1")
    second = await say(ws, "odds for the next match", message_id="dup-1")
    assert [f["type"] for f in second] == ["typing", "streaming_start", "streaming_response", "streaming_end",
                                           "typing"]
    assert second[-2]["message_id"] == first[-2]["message_id"]
    assert second[-2]["final_content"] == first[-2]["final_content"]
    assert second[2]["full_content"] == first[-2]["final_content"]
    assert [role for role, _ in await stored(ack["session_id"])] == ["user", "assistant"]  # computed once
    await close_quietly(ws)


async def test_the_same_text_again_at_once_is_ignored_without_a_dangling_typing():
    ws, ack = await open_chat()
    await say(ws, "hello there", message_id="a-1")
    repeat = await say(ws, "hello there", message_id="a-2")
    assert [f["type"] for f in repeat] == ["notice"]
    assert repeat[0]["code"] == "duplicate_ignored" and repeat[0]["session_id"] == ack["session_id"]
    assert await ws.receive_nothing(timeout=0.2)
    # The next message is answered normally.
    assert (await say(ws, "and now something else", message_id="a-3"))[-2]["type"] == "streaming_end"
    await close_quietly(ws)


async def test_resume_continues_the_session_and_history_returns_its_messages():
    ws, ack = await open_chat()
    session = ack["session_id"]
    await say(ws, "hello", message_id="h-1")
    await say(ws, "show me tomorrow's matches", message_id="h-2")
    await close_quietly(ws)

    for path in (f"/ws/chat?user_id=u1&session_id={session}", f"/ws/chat/{session}"):
        again, ack2 = await open_chat(path)
        assert ack2["session_id"] == session
        await again.send_json_to({"type": "history"})
        history = await again.receive_json_from()
        assert history["type"] == "history" and history["session_id"] == session
        roles = [m["role"] for m in history["messages"]]
        assert roles == ["user", "assistant", "user", "assistant"]
        assert history["messages"][2]["content"] == "show me tomorrow's matches"
        assert all(is_uuid(m["message_id"]) and ISO_Z.match(m["timestamp"]) for m in history["messages"])
        await close_quietly(again)

    resumed, _ = await open_chat(f"/ws/chat/{session}")
    await say(resumed, "thanks", message_id="h-3")
    assert len(await stored(session)) == 6  # same conversation, continued
    await close_quietly(resumed)


async def test_a_session_resumes_only_for_the_identity_that_owns_it():
    from accounts.authentication import GuestToken

    alice, bob = GuestToken.for_guest(), GuestToken.for_guest()
    ws, ack = await open_chat(f"/ws/chat?user_id=shared&token={alice}")
    session = ack["session_id"]
    await say(ws, "hello", message_id="o-1")
    await close_quietly(ws)

    intruder, ack_bob = await open_chat(f"/ws/chat?user_id=shared&token={bob}&session_id={session}")
    assert ack_bob["session_id"] != session
    await intruder.send_json_to({"type": "history"})
    assert (await intruder.receive_json_from())["messages"] == []
    await close_quietly(intruder)
    anonymous, ack_anon = await open_chat(f"/ws/chat/{session}")
    assert ack_anon["session_id"] != session
    await close_quietly(anonymous)

    owner, ack_alice = await open_chat(f"/ws/chat?user_id=shared&token={alice}&session_id={session}")
    assert ack_alice["session_id"] == session
    await owner.send_json_to({"type": "history"})
    assert [m["role"] for m in (await owner.receive_json_from())["messages"]] == ["user", "assistant"]
    await close_quietly(owner)


@pytest.mark.stack
async def test_a_reconnect_before_any_message_keeps_the_session_from_the_ack():
    from accounts.authentication import GuestToken

    guest = GuestToken.for_guest()
    first, ack = await open_chat(f"/ws/chat?user_id=shared&token={guest}")
    session = ack["session_id"]
    await close_quietly(first)  # dropped before saying anything (page reload, network blip)

    for path in (f"/ws/chat?user_id=shared&token={guest}&session_id={session}", f"/ws/chat/{session}?token={guest}"):
        again, ack2 = await open_chat(path)
        assert ack2["session_id"] == session, path
        await close_quietly(again)

    # Still open when the client reconnects (a half-open socket): the old one is replaced with 1000.
    old, _ = await open_chat(f"/ws/chat?token={guest}&session_id={session}")
    new, ack3 = await open_chat(f"/ws/chat?token={guest}&session_id={session}")
    assert ack3["session_id"] == session
    frames, code = await receive_close(old)
    assert [f["status"] for f in frames] == ["replaced"] and code == 1000
    # The first message lands in that very session, and the session is stored from then on.
    assert (await say(new, "hello", message_id="r-1"))[-2]["session_id"] == session
    assert await stored(session) == [("user", "hello"), ("assistant", (await stored(session))[1][1])]
    await close_quietly(new)


async def test_a_session_nobody_spoke_in_yet_cannot_be_taken_by_another_identity(api_client):
    from accounts.authentication import GuestToken
    from accounts.tests.factories import UserFactory

    alice, bob = GuestToken.for_guest(), GuestToken.for_guest()
    ws, ack = await open_chat(f"/ws/chat?user_id=shared&token={alice}")
    session = ack["session_id"]
    await close_quietly(ws)

    # Another guest, an anonymous client and a signed-in user all get a session of their own.
    for path in (f"/ws/chat?user_id=shared&token={bob}&session_id={session}", f"/ws/chat/{session}"):
        intruder, ack_other = await open_chat(path)
        assert ack_other["session_id"] != session, path
        turn = await say(intruder, "hello", message_id=f"x-{path[-4:]}")
        assert turn[-2]["session_id"] == ack_other["session_id"] != session
        await close_quietly(intruder)
    user = await database_sync_to_async(UserFactory)()
    api_client.force_authenticate(user)
    response = await database_sync_to_async(api_client.post)(
        "/api/v1/chat/message", {"message": "hi there", "session_id": session}, format="json")
    assert response.status_code == 200 and response.json()["session_id"] != session
    assert await stored(session) == []  # nobody else's words ended up in alice's session

    owner, ack_alice = await open_chat(f"/ws/chat?user_id=shared&token={alice}&session_id={session}")
    assert ack_alice["session_id"] == session
    assert (await say(owner, "hi", message_id="a-1"))[-2]["session_id"] == session
    conversation = await database_sync_to_async(Conversation.objects.get)(session_id=session)
    assert conversation.guest_id is not None and conversation.owner_id is None
    await close_quietly(owner)


async def test_an_anonymous_session_not_stored_yet_resumes_like_a_stored_anonymous_one():
    # Ownerless conversations belong to whoever holds their UUID; a claimed empty one does too.
    ws, ack = await open_chat("/ws/chat")
    await close_quietly(ws)
    again, ack2 = await open_chat(f"/ws/chat?session_id={ack['session_id']}")
    assert ack2["session_id"] == ack["session_id"]
    await close_quietly(again)


async def test_a_token_in_the_bearer_subprotocol_is_accepted_with_that_subprotocol():
    from accounts.authentication import GuestToken
    from chatbet_project.asgi import application

    ws = WebsocketCommunicator(application, "/ws/chat", headers=[BROWSER_ORIGIN],
                               subprotocols=["bearer", str(GuestToken.for_guest())])
    connected, subprotocol = await ws.connect()
    assert connected and subprotocol == "bearer"
    assert (await ws.receive_json_from())["type"] == "connection_ack"
    await close_quietly(ws)


async def test_history_frame_has_the_latest_messages_oldest_first(settings):
    from datetime import timedelta

    from django.utils import timezone

    from chat.tests.factories import MessageFactory

    settings.CHAT_HISTORY_LIMIT = 3
    ws, ack = await open_chat()
    await say(ws, "hello", message_id="h-1")  # stores the conversation

    @database_sync_to_async
    def fill():
        start = timezone.now() + timedelta(minutes=1)  # after the turn above
        for i in range(5):
            message = MessageFactory(conversation_id=ack["session_id"], content=f"m{i}")
            Message.objects.filter(pk=message.pk).update(created_at=start + timedelta(seconds=i))

    await fill()
    await ws.send_json_to({"type": "history"})
    assert [m["content"] for m in (await ws.receive_json_from())["messages"]] == ["m2", "m3", "m4"]
    await close_quietly(ws)


async def test_history_of_a_new_session_is_empty():
    ws, ack = await open_chat()
    await ws.send_json_to({"type": "history"})
    assert (await ws.receive_json_from())["messages"] == []
    await close_quietly(ws)


async def test_a_turn_finishes_and_is_stored_when_the_client_leaves_mid_stream():
    ws, ack = await open_chat()
    await ws.send_json_to({"type": "user_message", "content": "what can you do?", "message_id": "gone-1"})
    assert (await ws.receive_json_from())["type"] == "typing"
    await ws.disconnect()
    for _ in range(200):
        rows = await stored(ack["session_id"])
        if len(rows) == 2:
            break
        await asyncio.sleep(0.05)
    assert [role for role, _ in rows] == ["user", "assistant"] and rows[1][1].strip()


# --- one connection per session -------------------------------------------------------------------


@pytest.mark.stack
async def test_a_second_connection_takes_the_session_over():
    first, ack = await open_chat()
    session = ack["session_id"]
    await say(first, "hello", message_id="t-1")
    second, ack2 = await open_chat(f"/ws/chat?user_id=u1&session_id={session}")
    assert ack2["session_id"] == session
    frames, code = await receive_close(first)
    assert [f["type"] for f in frames] == ["connection_status"]
    assert frames[0]["status"] == "replaced" and frames[0]["session_id"] == session
    assert code == 1000
    # The new connection carries on with the conversation.
    assert (await say(second, "and tomorrow?", message_id="t-2"))[-2]["type"] == "streaming_end"
    await close_quietly(second)


async def test_connections_of_different_sessions_do_not_disturb_each_other():
    one, _ = await open_chat()
    two, _ = await open_chat()
    assert await one.receive_nothing(timeout=0.2)
    await close_quietly(one)
    await close_quietly(two)


# --- quotas and heartbeat -----------------------------------------------------------------------


async def test_a_flood_gets_rate_limited_then_closed_with_4429(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                                                          "chat": "2/min"}}
    settings.WS_RATE_LIMIT_STRIKES = 3
    ws, _ = await open_chat()
    assert (await say(ws, "one", message_id="f-1"))[-2]["type"] == "streaming_end"
    assert (await say(ws, "two", message_id="f-2"))[-2]["type"] == "streaming_end"
    for i in range(2):
        await ws.send_json_to({"type": "user_message", "content": f"more {i}", "message_id": f"f-x{i}"})
        assert_error(await ws.receive_json_from(), "rate_limited")
    await ws.send_json_to({"type": "ping"})  # pings are not chat messages: still answered
    assert (await ws.receive_json_from())["type"] == "pong"
    await ws.send_json_to({"type": "user_message", "content": "last straw", "message_id": "f-last"})
    frames, code = await receive_close(ws)
    assert_error(frames[0], "rate_limited")
    assert code == 4429


class StuckRedis:
    """A "Redis" that holds the first command it gets without answering until released, then hangs up
    (the client sees a dead Redis); later connections are closed at once."""

    def __init__(self):
        import socket
        import threading

        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"
        self.got_command, self.release = threading.Event(), threading.Event()
        self.client_gave_up = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        import contextlib

        first = True
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with conn:
                if not first:
                    continue
                first = False
                conn.recv(4096)
                self.got_command.set()
                conn.settimeout(0.05)
                while not self.release.is_set():
                    with contextlib.suppress(TimeoutError):
                        if conn.recv(4096) == b"":  # the client timed out and closed
                            self.client_gave_up = True
                            break

    def close(self):
        self.release.set()
        self.listener.close()


async def test_a_stuck_redis_quota_counter_stalls_no_other_socket_and_counts_in_the_process(settings):
    """The quota counter (django-redis) runs off the event loop: while one message waits on a stuck
    Redis, another socket is served; once Redis is found dead the message is counted in this process
    (never waved through) and answered."""
    import logging

    logged: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: logged.append(record.getMessage())
    logging.getLogger("accounts.ratelimit").addHandler(handler)
    redis = StuckRedis()
    settings.WS_MAX_CONNECTIONS_PER_IP = settings.WS_MAX_CONNECTIONS_PER_USER = 0
    try:
        waiting, ack_a = await open_chat()
        other, ack_b = await open_chat("/ws/chat?user_id=u2")
        # Each socket records whose its new session is right after the ack: let both writes land first.
        from django.core.cache import cache

        from chat.cache import session_claim_key

        for ack in (ack_a, ack_b):
            for _ in range(200):
                if cache.get(session_claim_key(ack["session_id"])) is not None:
                    break
                await asyncio.sleep(0.01)
        # Redis gets stuck once both are connected, so the first command it holds is the quota counter.
        settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis.url,
                                       "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 5, "SOCKET_TIMEOUT": 5}}}
        await waiting.send_json_to({"type": "user_message", "content": "hello", "message_id": "q-1"})
        assert await asyncio.to_thread(redis.got_command.wait, 10)
        await other.send_json_to({"type": "ping", "message_id": "p-1"})
        assert (await other.receive_json_from(timeout=10))["type"] == "pong"
        assert not redis.client_gave_up  # answered while the counter was still waiting on Redis
        redis.release.set()
        frames = await read_turn(waiting)
        assert any(f["type"] == "streaming_end" for f in frames), frames
        assert any("rate-limit counter unavailable" in line for line in logged)
    finally:
        logging.getLogger("accounts.ratelimit").removeHandler(handler)
        redis.close()
        await close_quietly(waiting)
        await close_quietly(other)


async def test_quiet_sockets_are_pinged_and_silent_ones_closed(fast_heartbeat):
    ws, ack = await open_chat()
    ping = await ws.receive_json_from(timeout=5)
    assert ping["type"] == "ping" and ping["session_id"] == ack["session_id"] and ISO_Z.match(ping["timestamp"])
    frames, code = await receive_close(ws, timeout=5)
    assert all(f["type"] == "ping" for f in frames)
    assert code == 4408


async def test_a_client_that_answers_pings_stays_connected(fast_heartbeat):
    fast_heartbeat.WS_IDLE_TIMEOUT = 1.0
    ws, _ = await open_chat()
    for _ in range(16):  # well past the idle timeout in total
        frame = await ws.receive_json_from(timeout=5)
        assert frame["type"] == "ping"
        await ws.send_json_to({"type": "pong", "message_id": frame["message_id"]})
    await ws.send_json_to({"type": "ping"})
    while (frame := await ws.receive_json_from(timeout=5))["type"] == "ping":
        pass
    assert frame["type"] == "pong"
    await close_quietly(ws)


async def test_presence_counts_connections_and_sessions():
    gc.collect()  # sockets of earlier tests whose app was cancelled leave the registry with their consumer
    before = presence.snapshot()
    one, ack = await open_chat()
    two, _ = await open_chat()
    await say(one, "hello", message_id="p-1")
    now = presence.snapshot()
    assert now["connections"] == before["connections"] + 2
    assert now["sessions"] == before["sessions"] + 2
    assert now["messages_per_minute"] >= before["messages_per_minute"] + 1
    await close_quietly(one)
    await close_quietly(two)
    assert presence.snapshot()["connections"] == before["connections"]


async def test_log_lines_carry_the_connection_and_turn_correlation_id():
    import logging

    from chatbet_project.logging import RequestIDFilter

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    handler.addFilter(RequestIDFilter())
    log = logging.getLogger("chat.transport.consumers")
    previous = log.level
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    try:
        ws, _ = await open_chat(headers=[(b"x-request-id", b"conn-42")])
        await say(ws, "hello", message_id="log-1")
        await say(ws, "what can you do?", message_id="log-2")
        await close_quietly(ws)
    finally:
        log.removeHandler(handler)
        log.setLevel(previous)
    by_message = {}
    for record in records:
        by_message.setdefault(record.getMessage(), []).append(record.request_id)
    assert by_message["chat socket connected"] == ["conn-42"]
    assert by_message["chat turn done"] == ["conn-42.1", "conn-42.2"]


async def test_origin_header_is_optional_for_non_browser_clients():
    from chatbet_project.asgi import application

    ws = WebsocketCommunicator(application, "/ws/chat")
    assert (await ws.connect())[0]
    assert (await ws.receive_json_from())["type"] == "connection_ack"
    await close_quietly(ws)
    assert BROWSER_ORIGIN  # browsers send one (see open_chat)


# --- chunk coalescing (on the real turn service's events) ----------------------------------------------

QUESTION = "What football matches are on this week?"


async def _turn(session_id: uuid.UUID, wrap=None, content: str = QUESTION) -> list:
    from accounts.identity import ANONYMOUS
    from chat.services.turns import stream_reply

    events = stream_reply(session_id=session_id, identity=ANONYMOUS, content=content, client_message_id=None)
    return [e async for e in (wrap(events) if wrap else events)]


async def _paced(events, pause: float = 0.01):
    """The real events, handed over slowly, like a model streaming tokens."""
    async for event in events:
        await asyncio.sleep(pause)
        yield event


def _chunks(events: list) -> list:
    from chat.events import TurnChunk

    return [e for e in events if isinstance(e, TurnChunk)]


async def _word_sized(events):
    """The real events with each chunk cut back into `chunk_text`'s three-word pieces, as a model
    streaming tokens hands them over (the offline engine hands its whole answer over already merged)."""
    from chat.engine.base import chunk_text
    from chat.events import TurnChunk

    async for event in events:
        if not isinstance(event, TurnChunk):
            yield event
            continue
        full = event.full_content[: len(event.full_content) - len(event.content)]
        for piece in chunk_text(event.content):
            full += piece
            yield TurnChunk(message_id=event.message_id, content=piece, full_content=full)


async def test_waiting_chunks_are_merged_into_phrases_with_the_same_text():
    from chat.events import TurnFinished, TurnStarted
    from chat.transport.consumers import COALESCE_FRAMES, COALESCE_MAX_CHARS, coalesce_chunks

    raw = _chunks(await _turn(uuid.uuid4(), wrap=_word_sized))
    merged_events = await _turn(uuid.uuid4(), wrap=lambda events: coalesce_chunks(_word_sized(events)))
    merged = _chunks(merged_events)
    assert isinstance(merged_events[0], TurnStarted) and isinstance(merged_events[-1], TurnFinished)
    text = merged_events[-1].result.content
    assert "".join(c.content for c in raw) == "".join(c.content for c in merged) == text
    assert 1 <= len(merged) < len(raw)
    assert all(c.full_content == "".join(x.content for x in merged[: i + 1]) for i, c in enumerate(merged))
    # the answer was all there at once: a few even frames (the page still shows it arrive), not one per phrase
    assert len(merged) <= COALESCE_FRAMES
    assert len(text) < 2 * COALESCE_MAX_CHARS or len(merged) >= 2
    longest_raw = max(len(c.content) for c in raw)
    even = max(COALESCE_MAX_CHARS, -(-len(text) // COALESCE_FRAMES))
    assert all(len(c.content) < even + longest_raw for c in merged)


async def test_an_answer_known_whole_is_streamed_in_the_frames_the_socket_would_merge_it_into():
    """The offline engine's answer is all there at once: the turn hands it over already cut as
    `coalesce_chunks` would merge its three-word pieces, so the client gets the same frames, and the
    socket's coalescing finds nothing left to merge."""
    from chat.engine.base import chunk_text, frame_pieces
    from chat.transport.consumers import coalesce_chunks

    handed_over = [c.content for c in _chunks(await _turn(uuid.uuid4()))]
    word_sized = [c.content for c in _chunks(await _turn(uuid.uuid4(), wrap=lambda events: coalesce_chunks(
        _word_sized(events))))]
    sent = [c.content for c in _chunks(await _turn(uuid.uuid4(), wrap=coalesce_chunks))]
    assert handed_over == word_sized == sent and len(handed_over) >= 2
    text = "".join(handed_over)
    assert frame_pieces(text) == handed_over and len(chunk_text(text)) > len(handed_over)
    short = "Hi! How can I help?"
    assert frame_pieces(short) == [short] and frame_pieces("") == []


async def test_a_slowly_streamed_answer_is_not_merged_and_errors_still_surface():
    from chat.transport.consumers import coalesce_chunks
    from chatbet_project.errors import ChatBetError

    raw = _chunks(await _turn(uuid.uuid4(), wrap=lambda events: _paced(_word_sized(events))))
    slow = _chunks(await _turn(uuid.uuid4(), wrap=lambda events: coalesce_chunks(_paced(_word_sized(events)))))
    assert [c.content for c in slow] == [c.content for c in raw]
    with pytest.raises(ChatBetError):
        await _turn(uuid.uuid4(), wrap=coalesce_chunks, content="   ")
