"""The LLM engines against local fake servers speaking the real wire formats (Gemini
`generateContent`/`streamGenerateContent`, OpenAI chat completions), with real sandbox data
behind the tools. No internet, no mocks of our own code."""

from __future__ import annotations

import json

import pytest

from chat.engine.memory import ConversationMemory
from sports.services.odds import get_odds

from .fake_llm_servers import FakeLLM, Text, ToolCall, pre_match_fixture, run_turn, turn_context

# Tools and the NLU run in Django's DB thread (database_sync_to_async), as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def a_sandbox_fixture():
    return pre_match_fixture()


@pytest.mark.parametrize("streaming", [True, False], ids=["sse", "json"])
async def test_a_tool_call_runs_and_its_real_result_goes_back_to_the_model(llm, settings, streaming):
    settings.LLM_STREAMING = streaming
    fixture = a_sandbox_fixture()
    home = get_odds(fixture_id=fixture.id, market="1x2").markets["1x2"].selections["home"]
    llm.queue(ToolCall([("get_odds", {"fixture_id": fixture.id, "market": "1x2"})]),
              Text(f"{fixture.home.name} to win pays {home.odds:.2f}."))

    chunks, answer = await run_turn(llm.engine(), turn_context(message=f"odds for {fixture.home.name}?"))

    assert len(llm.requests) == 2
    assert llm.requests[0].stream is streaming
    if llm.wire == "gemini" and llm.provider == "gemini":
        assert llm.requests[0].path.endswith(":streamGenerateContent" if streaming else ":generateContent")
        assert llm.requests[0].query.get("alt") == (["sse"] if streaming else None)
    # The second request carries the tool's result: the real sandbox odds, under the call's name.
    [(name, result)] = llm.tool_results(1)
    assert name == "get_odds"
    assert result["fixture"]["id"] == fixture.id
    assert result["markets"]["1x2"]["selections"]["home"]["odds"] == round(home.odds, 2)
    assert result["markets"]["1x2"]["selections"]["home"]["bet_id"] == home.bet_id
    # The user gets the model's text, from this provider, with the call and the tokens accounted.
    assert "".join(chunks) == answer.text == f"{fixture.home.name} to win pays {home.odds:.2f}."
    assert answer.engine == llm.provider
    assert answer.intent == "odds_information"
    assert [c["name"] for c in answer.tool_calls] == ["get_odds"]
    assert answer.tool_calls[0]["arguments"] == {"fixture_id": fixture.id, "market": "1x2"}
    assert answer.token_count == (30 + 8) + (40 + 12)  # usage of both steps, as the server reported it
    assert answer.metadata["ungrounded_numbers"] == []
    assert answer.metadata["context"]["fixture_id"] == fixture.id
    assert 2 <= len(answer.suggested_actions) <= 4


async def test_text_streams_sentence_by_sentence_in_the_order_the_provider_sends_it(llm):
    """Each sentence is held until it ends and is checked by the answer guard, then sent whole."""
    llm.queue(Text("Real Madrid play Barcelona on Sunday. Ask me for the odds!",
                   chunks=["Real Madrid ", "play Barcelona ", "on Sunday. Ask ", "me for ", "the odds!"]))

    chunks, answer = await run_turn(llm.engine(), turn_context(message="when is the clasico?"))

    assert chunks == ["Real Madrid play Barcelona on Sunday. ", "Ask me for the odds!"]
    assert answer.text == "Real Madrid play Barcelona on Sunday. Ask me for the odds!"
    assert answer.token_count == 52


async def test_anonymous_visitors_are_offered_only_public_tools(llm):
    llm.queue(Text("Hello!"))
    await run_turn(llm.engine(), turn_context(message="hi"))

    declared = set(llm.declared_tools(0))
    assert {"find_fixtures", "get_odds", "compare_teams", "simulate_bet", "recommend_bets",
            "list_tournaments"} <= declared
    assert "get_balance" not in declared and "place_bet" not in declared


async def test_the_last_step_of_the_loop_may_not_call_tools(llm, settings):
    settings.LLM_MAX_TOOL_STEPS = 2
    fixture = a_sandbox_fixture()
    llm.queue(ToolCall([("find_fixtures", {"limit": 1})]), Text(f"Next up: {fixture.home.name}."))

    _, answer = await run_turn(llm.engine(), turn_context(message="next match?"))

    assert not llm.tools_forbidden(0)
    assert llm.tools_forbidden(1)
    assert answer.engine == llm.provider and answer.intent == "match_schedule"


async def test_numbers_no_tool_gave_are_flagged(llm):
    fixture = a_sandbox_fixture()
    llm.queue(ToolCall([("get_odds", {"fixture_id": fixture.id})]), Text("The home win pays 97.13 today."))

    _, answer = await run_turn(llm.engine(), turn_context(message="odds?"))

    assert answer.metadata["ungrounded_numbers"] == ["97.13"]


async def test_the_system_prompt_is_versioned_and_carries_language_and_context(llm):
    memory = ConversationMemory()
    memory.context.update(fixture_label="Real Madrid vs Barcelona", market="1x2", teams=["Real Madrid"])
    memory.history = [{"role": "user", "content": "odds real madrid"},
                      {"role": "assistant", "content": "Real Madrid pays 1.85."}]
    llm.queue(Text("Claro."))

    _, answer = await run_turn(llm.engine(), turn_context(message="¿y el empate?", language="es", memory=memory))

    system = llm.system_prompt(0)
    assert "Prompt version: v1" in system
    assert "Spanish (es)" in system
    assert "Real Madrid vs Barcelona" in system
    assert "not signed in" in system
    assert "ONLY source" in system  # grounding rule
    body = json.dumps(llm.requests[0].body)
    assert "odds real madrid" in body and "Real Madrid pays 1.85." in body  # the history travels as turns
    assert answer.metadata["language"] == "es"
    assert answer.metadata["prompt_version"] == "v1"


async def test_the_model_sees_the_dialogue_frame(llm):
    """"the second one" / "the other team" need the list shown and the match's two teams."""
    memory = ConversationMemory()
    memory.context.update(fixture_teams=["Liverpool", "Chelsea"], focus_team="Chelsea",
                          last_list=[{"id": "f1", "home": "Como", "away": "Atalanta"},
                                     {"id": "f2", "home": "Rayo Vallecano", "away": "Girona"}])
    llm.queue(Text("Sure."))

    await run_turn(llm.engine(), turn_context(message="odds for the second one", memory=memory))

    system = llm.system_prompt(0)
    assert '- fixture_teams: ["Liverpool", "Chelsea"]' in system and '- focus_team: "Chelsea"' in system
    assert "Rayo Vallecano" in system and system.index("Como") < system.index("Rayo Vallecano")


async def test_get_engine_dispatches_to_the_llm_engine_with_the_offline_fallback(settings):
    from chat.engine.llm import GeminiEngine, OpenAICompatibleEngine
    from chat.engine.offline import OfflineEngine
    from chat.engine.registry import get_engine

    try:
        for provider, engine_class in (("gemini", GeminiEngine), ("openai_compatible", OpenAICompatibleEngine)):
            settings.LLM_PROVIDER = provider
            get_engine.cache_clear()
            engine = get_engine()
            assert isinstance(engine, engine_class)
            assert isinstance(engine.fallback, OfflineEngine)
        settings.LLM_PROVIDER = "offline"
        get_engine.cache_clear()
        assert isinstance(get_engine(), OfflineEngine)
    finally:
        get_engine.cache_clear()


async def test_gemini_thought_signatures_go_back_with_the_function_call(settings):
    with FakeLLM("gemini", settings) as llm:
        fixture = a_sandbox_fixture()
        llm.queue(ToolCall([("get_odds", {"fixture_id": fixture.id})], signature="c2lnbmF0dXJlLTE="),
                  Text("Done."))
        _, answer = await run_turn(llm.engine(), turn_context(message="odds?"))

        model_turn = llm.requests[1].body["contents"][-2]
        assert model_turn["role"] == "model"
        [part] = [p for p in model_turn["parts"] if "functionCall" in p]
        assert part["functionCall"]["name"] == "get_odds"
        assert part["thoughtSignature"] == "c2lnbmF0dXJlLTE="
        assert answer.text == "Done."


@pytest.mark.parametrize("streaming", [True, False], ids=["sse", "json"])
@pytest.mark.parametrize("provider", ["openai_compatible", "langchain:openai"])
async def test_unparsable_tool_arguments_are_reported_to_the_model_not_run(settings, streaming, provider):
    settings.LLM_STREAMING = streaming
    with FakeLLM(provider, settings) as llm:
        llm.queue(ToolCall([("get_odds", {})], raw_arguments='{"fixture_id": "12'), Text("Which match?"))
        _, answer = await run_turn(llm.engine(), turn_context(message="odds?"))

        [(name, result)] = llm.tool_results(1)
        assert name == "get_odds" and result["error"] == "invalid_arguments"
        assert answer.engine == llm.provider and answer.text == "Which match?"


async def test_whitespace_only_deltas_are_not_lost(llm):
    llm.queue(Text("Two lines.\n\nSecond.", chunks=["Two lines.", "\n\n", "Second."]))
    chunks, answer = await run_turn(llm.engine(), turn_context(message="hi"))
    assert chunks == ["Two lines.\n\n", "Second."]
    assert all(c.strip() for c in chunks) and "".join(chunks) == answer.text == "Two lines.\n\nSecond."
