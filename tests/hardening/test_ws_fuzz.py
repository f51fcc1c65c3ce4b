"""Hypothesis-generated bad frames against the chat socket, through the real ASGI stack.

Every bad frame is answered with exactly one protocol `error` frame, the socket stays open and keeps
answering, and a well-behaved connection next to it is unaffected. Unicode edge cases in otherwise
valid messages get a whole answer (or one error), never a dead socket.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chat.tests.conftest import BROWSER_ORIGIN, close_quietly, open_chat, read_turn, say

pytestmark = [pytest.mark.django_db(transaction=True)]

ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
FUZZ = settings(max_examples=12, derandomize=True, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
TIMEOUT = 5

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
not_a_string = st.none() | st.booleans() | st.lists(json_scalars, max_size=3) | st.dictionaries(
    st.text(max_size=5), json_scalars, max_size=2)
bad_content = not_a_string | st.just("") | st.just("   \n\t ") | st.text(min_size=2001, max_size=2100)


def _text(value) -> dict:
    return {"text": value}


def _frame(obj) -> dict:
    return {"text": json.dumps(obj)}


bad_frames = st.one_of(
    # not JSON at all (truncated objects, random text, a huge blob)
    st.text(max_size=40).map(lambda t: _text("{" + t)),
    st.just(_text("x" * 300_000)),
    st.just(_text('{"type": "user_message", "content": "\\ud800')),  # truncated escape
    # JSON that is not an object
    st.one_of(json_scalars, st.lists(json_values, max_size=3)).map(_frame),
    # objects without a usable type
    st.dictionaries(st.sampled_from(["content", "session_id", "data"]), json_values, max_size=3).map(_frame),
    st.one_of(not_a_string, st.integers(), st.text(max_size=30).filter(
        lambda t: t not in {"user_message", "ping", "pong", "history"})).map(lambda t: _frame({"type": t})),
    # user_message with wrong types or sizes
    bad_content.map(lambda c: _frame({"type": "user_message", "content": c})),
    st.one_of(st.lists(json_scalars, max_size=2), st.text(max_size=5), st.integers(), st.booleans()).map(
        lambda m: _frame({"type": "user_message", "content": "hi", "metadata": m})),
    st.one_of(st.lists(json_scalars, max_size=2), st.dictionaries(st.text(max_size=3), json_scalars, max_size=2),
              st.text(min_size=101, max_size=150)).map(
        lambda m: _frame({"type": "user_message", "content": "hi", "message_id": m})),
    # binary frames
    st.binary(min_size=1, max_size=64).map(lambda b: {"bytes": b}),
)


def assert_error_frame(frame: dict) -> None:
    assert frame["type"] == "error", frame
    assert isinstance(frame["error_code"], str) and frame["error_code"]
    assert frame["data"] and frame["data"] == frame["content"] == frame["error_message"]
    assert ISO_Z.match(frame["timestamp"])


async def _send(ws: WebsocketCommunicator, frame: dict) -> None:
    if "bytes" in frame:
        await ws.send_to(bytes_data=frame["bytes"])
    else:
        await ws.send_to(text_data=frame["text"])


async def _still_alive(ws: WebsocketCommunicator) -> None:
    probe = str(uuid.uuid4())
    await ws.send_json_to({"type": "ping", "message_id": probe})
    pong = await ws.receive_json_from(timeout=TIMEOUT)
    assert pong["type"] == "pong", pong


@pytest.fixture
def chat_sockets(no_throttles):
    return no_throttles


@FUZZ
@given(frames=st.lists(bad_frames, min_size=1, max_size=8))
def test_every_bad_frame_gets_one_error_and_the_socket_stays_open(chat_sockets, frames):
    async def scenario():
        ws, _ack = await open_chat()
        try:
            for frame in frames:
                await _send(ws, frame)
                assert_error_frame(await ws.receive_json_from(timeout=TIMEOUT))
                assert await ws.receive_nothing(timeout=0.01)
            await _still_alive(ws)
        finally:
            await close_quietly(ws)

    async_to_sync(scenario)()


UNICODE_EDGES = [
    "\\ud800 lone high surrogate",            # escaped in JSON: valid JSON, invalid UTF-16
    "lone low \\udfff surrogate",
    "NUL \\u0000 inside",
    "Real Madrid \\u202e\\u202d bidi overrides",
    "zero\\u200bwidth\\ufeffjoiners",
    "e\\u0301\\u0301\\u0301 combining",
    "\\ud83c\\udff3\\ufe0f\\u200d\\ud83c\\udf08 emoji sequence",
    "\\uffff\\ufffe noncharacters",
]


@pytest.mark.stack
@pytest.mark.parametrize("escaped", UNICODE_EDGES)
async def test_unicode_edge_cases_get_an_answer_or_one_error(chat_sockets, escaped):
    ws, _ack = await open_chat()
    try:
        await ws.send_to(text_data='{"type": "user_message", "content": "' + escaped + '", "user_id": "u"}')
        frames = await read_turn(ws)
        kinds = [f["type"] for f in frames]
        if kinds[0] == "error":
            assert_error_frame(frames[0])
            assert frames[0]["error_code"] != "server_error", frames[0]
        else:
            assert kinds[-1] == "typing" and "streaming_end" in kinds, kinds
            assert next(f for f in frames if f["type"] == "streaming_end")["final_content"]
            assert "error" not in kinds, frames
        # the answer (or refusal) never ends the conversation
        assert (await say(ws, "hello"))[-1]["type"] == "typing"
        history = await _history(ws)
        for message in history:
            json.dumps(message, ensure_ascii=False).encode("utf-8")  # storable and re-sendable as UTF-8
    finally:
        await close_quietly(ws)


async def _history(ws: WebsocketCommunicator) -> list[dict]:
    await ws.send_json_to({"type": "history"})
    frame = await ws.receive_json_from(timeout=TIMEOUT)
    assert frame["type"] == "history"
    return frame["messages"]


@pytest.mark.stack
async def test_a_fuzzed_socket_does_not_disturb_a_well_behaved_neighbour(chat_sockets):
    noisy, _ = await open_chat()
    calm, _ = await open_chat("/ws/chat?user_id=calm")
    try:
        async def flood():
            for i in range(40):
                await noisy.send_to(text_data="{not json" if i % 2 else json.dumps({"type": ["x"]}))
                await noisy.send_to(bytes_data=b"\x00\xff" * 10)
            return [await noisy.receive_json_from(timeout=TIMEOUT) for _ in range(80)]

        noise, turn = await asyncio.gather(flood(), say(calm, "what are today's fixtures?"))
        assert {f["type"] for f in noise} == {"error"}
        assert [f["type"] for f in turn][-2:] == ["streaming_end", "typing"]
        await _still_alive(noisy)
    finally:
        await close_quietly(noisy)
        await close_quietly(calm)


async def test_rapid_open_close_leaves_no_ghosts(chat_sockets):
    from chat.services import presence
    from chatbet_project.asgi import application

    before = presence.snapshot()
    for i in range(25):
        ws = WebsocketCommunicator(application, f"/ws/chat?user_id=r{i}", headers=[BROWSER_ORIGIN])
        connected, _ = await ws.connect(timeout=TIMEOUT)
        assert connected
        if i % 2:  # half of them go away before even reading the ack
            await ws.receive_json_from(timeout=TIMEOUT)
        await ws.disconnect(timeout=TIMEOUT)
    after = presence.snapshot()
    assert after["connections"] == before["connections"]
    assert after["sessions"] == before["sessions"]
    ws, ack = await open_chat()
    try:
        assert (await say(ws, "hi"))[-1] == {"type": "typing", "is_typing": False, "session_id": ack["session_id"]}
    finally:
        await close_quietly(ws)


sports_bad_frames = st.one_of(
    st.text(max_size=30).map(lambda t: _text("[" + t)),
    st.one_of(json_scalars, st.lists(json_values, max_size=3)).map(_frame),
    st.one_of(not_a_string, st.integers(), st.just("subscribe")).map(
        lambda t: _frame({"type": t, "fixture_ids": "not-a-list"})),
    st.lists(not_a_string, min_size=1, max_size=3).map(lambda ids: _frame({"type": "subscribe", "fixture_ids": ids})),
    st.binary(min_size=1, max_size=32).map(lambda b: {"bytes": b}),
)


@FUZZ
@given(frames=st.lists(sports_bad_frames, min_size=1, max_size=6))
def test_the_sports_socket_answers_bad_frames_with_errors_and_stays_open(chat_sockets, frames):
    async def scenario():
        from chatbet_project.asgi import application

        ws = WebsocketCommunicator(application, "/ws/sports-updates", headers=[BROWSER_ORIGIN])
        connected, _ = await ws.connect(timeout=TIMEOUT)
        assert connected
        try:
            assert (await ws.receive_json_from(timeout=TIMEOUT))["type"] == "connection_status"
            for frame in frames:
                await _send(ws, frame)
                assert (await ws.receive_json_from(timeout=TIMEOUT))["type"] == "error"
            await ws.send_json_to({"type": "subscribe", "fixture_ids": ["1"]})
            assert (await ws.receive_json_from(timeout=TIMEOUT))["type"] != "error"
        finally:
            await close_quietly(ws)

    async_to_sync(scenario)()
