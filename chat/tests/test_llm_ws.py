"""LLM tokens reach a WebSocket client in order, through the real ASGI stack, consumer and turn
service; a failing provider still ends in one normal answer (the offline one), never an error."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async

from chat.engine.registry import get_engine
from chat.models import Message

from .conftest import close_quietly, open_chat, say
from .fake_llm_servers import Error, FakeLLM, Text, pre_match_fixture

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.stack
async def test_streamed_tokens_arrive_as_streaming_frames_in_order(llm):
    pieces = ["Arsenal ", "play ", "Chelsea ", "on ", "Saturday."]
    llm.queue(Text("".join(pieces), chunks=pieces, pace=0.03))
    ws, _ = await open_chat()

    frames = await say(ws, "when do arsenal play?", message_id="m1")

    kinds = [f["type"] for f in frames]
    streamed = [f for f in frames if f["type"] == "streaming_response"]
    assert kinds == ["typing", "streaming_start", *["streaming_response"] * len(streamed), "streaming_end", "typing"]
    # The consumer may merge chunks that are already waiting into one frame; order and text never change.
    assert "".join(f["content"] for f in streamed) == "".join(pieces)
    so_far = ""
    for frame in streamed:
        so_far += frame["content"]
        assert frame["full_content"] == so_far
    assert frames[-2]["final_content"] == "".join(pieces)
    assert len(llm.requests) == 1
    await close_quietly(ws)


@pytest.mark.stack
async def test_a_failing_provider_still_answers_once_without_an_error_frame(llm, settings):
    settings.LLM_RETRIES = 0
    llm.queue(Error(500))
    ws, _ = await open_chat()

    frames = await say(ws, "matches today", message_id="m2")

    kinds = [f["type"] for f in frames]
    assert "error" not in kinds
    assert kinds[0] == "typing" and kinds[1] == "streaming_start" and kinds[-2:] == ["streaming_end", "typing"]
    assert frames[-2]["final_content"].strip()
    assert await ws.receive_nothing(timeout=0.2)  # exactly one answer
    stored = await database_sync_to_async(
        lambda: Message.objects.filter(role=Message.Role.ASSISTANT).values_list("engine", "content").get())()
    assert stored == ("fallback:offline", frames[-2]["final_content"])  # marked in the stored answer
    await close_quietly(ws)


@pytest.mark.parametrize("provider", ["gemini", "openai_compatible", "langchain:openai"])
def test_the_rest_chat_endpoint_answers_with_the_model_and_its_tool_calls(api_client, settings, provider):

    from .fake_llm_servers import ToolCall

    fixture = pre_match_fixture()
    with FakeLLM(provider, settings) as fake:
        get_engine.cache_clear()
        try:
            fake.queue(ToolCall([("get_odds", {"fixture_id": fixture.id})]), Text("Here are the odds."))
            response = api_client.post("/api/v1/chat/message", {"message": "odds please", "session_id": None},
                                       format="json")
        finally:
            get_engine.cache_clear()

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["message"] == "Here are the odds."
    assert [c["name"] for c in body["function_calls_made"]] == ["get_odds"]
    assert body["token_count"] == 90 and body["detected_intent"] == "odds_information"
