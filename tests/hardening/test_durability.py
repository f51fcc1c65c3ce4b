"""Nothing accepted is lost: a user message the server started answering, and its whole answer, are
in the database after the turn even when the client vanished mid-stream, and a client that comes
back gets them through `{"type": "history"}` on the resumed session."""

from __future__ import annotations

import asyncio

import pytest
from channels.db import database_sync_to_async

from accounts.services import issue_tokens
from accounts.tests.factories import UserFactory
from chat.engine.registry import get_engine
from chat.models import Message
from chat.tests.conftest import close_quietly, open_chat, say
from chat.tests.fake_llm_servers import FakeLLM, Text

pytestmark = pytest.mark.django_db(transaction=True)

SLOW_ANSWER = ("Arsenal play Chelsea on Saturday at three in the afternoon and the home side are "
               "slight favourites with the draw close behind according to the current prices")


@pytest.fixture
def slow_llm(settings, no_throttles):
    """A model that streams one word every 40 ms (~1 s an answer): long enough to leave mid-stream."""
    with FakeLLM("openai_compatible", settings) as fake:
        settings.LLM_CACHE_TTL = 0
        get_engine.cache_clear()
        yield fake
    get_engine.cache_clear()


async def _stored(session: str) -> list[tuple[str, str]]:
    return await database_sync_to_async(lambda: list(
        Message.objects.filter(conversation__session_id=session).order_by("created_at", "role")
        .values_list("role", "content")))()


async def _wait_for_answers(session: str, count: int, *, timeout: float = 10.0) -> list[tuple[str, str]]:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        rows = await _stored(session)
        if sum(role == Message.Role.ASSISTANT for role, _ in rows) >= count:
            return rows
        assert asyncio.get_running_loop().time() < deadline, f"answer never stored: {rows}"
        await asyncio.sleep(0.05)


async def _history(ws) -> list[dict]:
    await ws.send_json_to({"type": "history"})
    frame = await ws.receive_json_from(timeout=5)
    assert frame["type"] == "history"
    return frame["messages"]


@pytest.mark.stack
@pytest.mark.parametrize("leave_after", ["typing", "streaming_start", "streaming_response"])
async def test_an_answer_interrupted_by_a_disconnect_is_finished_stored_and_resumable(slow_llm, leave_after):
    user = await database_sync_to_async(UserFactory)()
    token = await database_sync_to_async(lambda: issue_tokens(user=user)[0])()
    slow_llm.queue(Text("Hello! Ask me about fixtures.", pace=0.0), Text(SLOW_ANSWER, pace=0.04))

    ws, ack = await open_chat(f"/ws/chat?user_id=web&token={token}")
    session = ack["session_id"]
    first = await say(ws, "hi")
    assert first[-2]["type"] == "streaming_end"
    await ws.send_json_to({"type": "user_message", "content": "when do arsenal play chelsea?", "message_id": "m-2"})
    while (await ws.receive_json_from(timeout=5))["type"] != leave_after:
        pass
    await ws.disconnect()  # the client goes away mid-turn (tab closed, network lost)

    rows = await _wait_for_answers(session, 2)
    assert [role for role, _ in rows] == ["user", "assistant", "user", "assistant"]
    assert rows[2][1] == "when do arsenal play chelsea?"
    assert rows[3][1] == SLOW_ANSWER  # the whole answer, not the part that was on screen

    back, ack = await open_chat(f"/ws/chat?user_id=web&token={token}&session_id={session}")
    try:
        assert ack["session_id"] == session
        history = await _history(back)
        assert [(m["role"], m["content"]) for m in history] == rows
        # a client that retries the interrupted message by its id gets the stored answer, not a second one
        await back.send_json_to({"type": "user_message", "content": "when do arsenal play chelsea?",
                                 "message_id": "m-2"})
        replay = []
        while not replay or replay[-1]["type"] != "typing" or replay[-1]["is_typing"]:
            replay.append(await back.receive_json_from(timeout=5))
        assert next(f for f in replay if f["type"] == "streaming_end")["final_content"] == SLOW_ANSWER
        assert len(await _stored(session)) == 4
    finally:
        await close_quietly(back)
    assert len(slow_llm.requests) == 2


@pytest.mark.stack
async def test_every_message_of_a_fast_conversation_is_stored_in_order(no_throttles):
    ws, ack = await open_chat()
    session = ack["session_id"]
    questions = ["hi", "fixtures today", "odds for the first match", "thanks"]
    answers = []
    try:
        for text in questions:
            frames = await say(ws, text)
            answers.append(next(f for f in frames if f["type"] == "streaming_end")["final_content"])
        history = await _history(ws)
    finally:
        await close_quietly(ws)
    expected = [pair for q, a in zip(questions, answers, strict=True) for pair in (("user", q), ("assistant", a))]
    assert [(m["role"], m["content"]) for m in history] == expected
    assert await _stored(session) == expected
