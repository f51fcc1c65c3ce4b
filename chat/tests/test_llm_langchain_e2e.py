"""A whole conversation with LLM_PROVIDER=langchain through the real ASGI app (WebSocket consumer,
turn service, memory, storage) against the local fake servers speaking the providers' wire formats."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async

from chat.engine.registry import get_engine
from chat.models import Message
from sports.services.odds import get_odds

from .conftest import close_quietly, open_chat, say
from .fake_llm_servers import FakeLLM, Text, ToolCall, pre_match_fixture

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["langchain:gemini", "langchain:openai"])
def llm(request, settings):
    with FakeLLM(request.param, settings) as fake:
        get_engine.cache_clear()
        # Built up front like a warmed server's: LangChain's first import takes seconds on a loaded
        # machine, which the socket's per-frame read timeout would otherwise count.
        get_engine()
        yield fake
    get_engine.cache_clear()


@database_sync_to_async
def stored_answers() -> list[tuple[str, str, int, list[str]]]:
    return [(m.engine, m.content, m.token_count, [c["name"] for c in m.tool_calls])
            for m in Message.objects.filter(role=Message.Role.ASSISTANT).order_by("created_at")]


@pytest.mark.stack
async def test_a_conversation_runs_end_to_end_through_langchain(llm):
    fixture = pre_match_fixture()
    home = get_odds(fixture_id=fixture.id, market="1x2").markets["1x2"].selections["home"]
    label = f"{fixture.home.name} vs {fixture.away.name}"
    llm.queue(
        # Turn 1: the model looks the match up, then answers in two streamed sentences.
        ToolCall([("find_fixtures", {"team": fixture.home.name, "limit": 1})]),
        Text(f"Next up: {label}. Want the odds?", chunks=["Next up: ", f"{label}. ", "Want ", "the odds?"]),
        # Turn 2: a follow-up that only makes sense with the conversation so far.
        ToolCall([("get_odds", {"fixture_id": fixture.id, "market": "1x2"})]),
        Text(f"{fixture.home.name} to win pays {home.odds:.2f}."),
    )
    ws, ack = await open_chat()

    first = await say(ws, f"when does {fixture.home.name} play?", message_id="t1")
    second = await say(ws, "and the odds for it?", message_id="t2")

    for frames in (first, second):
        kinds = [f["type"] for f in frames]
        assert kinds[:2] == ["typing", "streaming_start"] and kinds[-2:] == ["streaming_end", "typing"]
        assert "error" not in kinds
    streamed = [f["content"] for f in first if f["type"] == "streaming_response"]
    assert "".join(streamed) == f"Next up: {label}. Want the odds?"
    assert first[-2]["detected_intent"] == "match_schedule"
    assert second[-2]["final_content"] == f"{fixture.home.name} to win pays {home.odds:.2f}."
    assert second[-2]["detected_intent"] == "odds_information"

    # The model was sent the conversation: the first question and answer come before the follow-up.
    assert len(llm.requests) == 4
    follow_up = json.dumps(llm.requests[2].body, ensure_ascii=False)
    assert f"when does {fixture.home.name} play?" in follow_up and "Want the odds?" in follow_up
    [(_, found)] = llm.tool_results(1)
    remembered = found["fixtures"][0]["id"]  # the team's next match, as the tool returned it
    assert f'fixture_id: "{remembered}"' in llm.system_prompt(2)  # the prompt's context carries it
    # Stored with the engine's name, the tools it ran and the tokens the provider reported.
    assert await stored_answers() == [
        ("langchain", f"Next up: {label}. Want the odds?", (30 + 8) + (40 + 12), ["find_fixtures"]),
        ("langchain", f"{fixture.home.name} to win pays {home.odds:.2f}.", 90, ["get_odds"]),
    ]
    await close_quietly(ws)
