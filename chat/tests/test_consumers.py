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
