"""When the model fails, the user still gets a correct answer: retries on 429/5xx, the offline
engine on errors, timeouts, malformed replies and an open breaker; a safe answer cache."""

from __future__ import annotations

import pytest

from chat.engine.llm import breaker_state
from chat.engine.memory import ConversationMemory
from chat.engine.offline import OfflineEngine

from .fake_llm_servers import (
    BreakAfter,
    Error,
    FakeLLM,
    Hang,
    Malformed,
    Text,
    ToolCall,
    pre_match_fixture,
    run_turn,
    turn_context,
)

# Tools and the NLU run in Django's DB thread (database_sync_to_async), as in production.
pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "matches today"


async def offline_text(message: str = QUESTION) -> str:
    _, answer = await run_turn(OfflineEngine(), turn_context(message=message))
    return answer.text


async def test_a_429_or_500_is_retried_and_the_model_answers(llm):
    llm.queue(Error(429, "slow down"), Text("Here you go."))
    _, answer = await run_turn(llm.engine(), turn_context(message=QUESTION))
    assert len(llm.requests) == 2
    assert answer.engine == llm.provider and answer.text == "Here you go."

    llm.queue(Error(503), Text("Back again."))
    _, answer = await run_turn(llm.engine(), turn_context(message=QUESTION))
    assert answer.engine == llm.provider and answer.text == "Back again."


@pytest.mark.parametrize(("failure", "reason", "attempts"), [
    (Error(500), "server_error", 2),     # retried once (LLM_RETRIES=1), then offline
    (Hang(5), "timeout", None),          # the client gives up after LLM_TIMEOUT, retries within the budget
    (Malformed(), "malformed_reply", 1),  # a broken reply is not retried
    (Error(400, "bad request"), "http_400", 1),
], ids=["500", "timeout", "malformed", "400"])
async def test_failures_fall_back_to_the_offline_answer(llm, settings, failure, reason, attempts):
    # A short timeout only where the timeout is the subject: elsewhere it would also cut the turn's retry
    # budget (2 x timeout) on a busy machine, where one LangChain call alone can take 0.4 s.
    settings.LLM_TIMEOUT = 0.3 if isinstance(failure, Hang) else 2.0
    llm.queue(failure, failure)
    chunks, answer = await run_turn(llm.engine(), turn_context(message=QUESTION))

    if attempts is None:  # how many retries fit in the turn's time budget depends on the machine
        assert 1 <= len(llm.requests) <= 2
    else:
        assert len(llm.requests) == attempts
    assert answer.engine == "fallback:offline"
    assert answer.metadata["fallback_reason"] == reason
    assert answer.metadata["llm_provider"] == llm.provider
    assert answer.metadata["partial_llm_text"] is False
    assert answer.text == await offline_text()  # the same correct answer the offline engine gives
    assert "".join(chunks) == answer.text


async def test_a_stream_cut_midway_keeps_what_was_said_then_completes_offline(llm):
    llm.queue(BreakAfter("Let me look at today's matches. There are"))
    chunks, answer = await run_turn(llm.engine(), turn_context(message=QUESTION))

    expected_offline = await offline_text()
    streamed = "".join(chunks)
    assert streamed == answer.text
    assert streamed.startswith("Let me look at today's matches. ")
    assert streamed.count("Let me look at today's matches") == 1  # never repeated
    assert "There are" not in streamed  # an unfinished sentence is never sent (the guard holds sentences)
    assert "Sorry, my answer was interrupted" in streamed
    assert streamed.endswith(expected_offline)
    assert answer.engine == "fallback:offline"
    assert answer.metadata["partial_llm_text"] is True
    assert len(llm.requests) == 1  # no retry once text reached the user


async def test_the_breaker_opens_answers_offline_without_calling_then_recovers(llm, settings):
    settings.LLM_BREAKER_FAIL_MAX = 2
    settings.LLM_RETRIES = 0
    llm.queue(Error(500), Error(500))
    for _ in range(2):
        _, answer = await run_turn(llm.engine(), turn_context(message=QUESTION))
        assert answer.metadata["fallback_reason"] == "server_error"
    assert breaker_state(llm.provider) == "open"

    _, answer = await run_turn(llm.engine(), turn_context(message=QUESTION))
    assert len(llm.requests) == 2  # the open breaker did not call the provider
    assert answer.engine == "fallback:offline" and answer.metadata["fallback_reason"] == "circuit_open"
    assert answer.text == await offline_text()

    settings.LLM_BREAKER_RESET_SECONDS = 0  # the wait is over: one trial call goes through
    assert breaker_state(llm.provider) == "half-open"
    llm.queue(Text("Recovered."))
    _, answer = await run_turn(llm.engine(), turn_context(message=QUESTION))
    assert answer.engine == llm.provider and answer.text == "Recovered."
    assert breaker_state(llm.provider) == "closed"


async def test_a_blocked_prompt_answers_offline_without_tripping_the_breaker(settings):
    from .fake_llm_servers import Blocked

    with FakeLLM("gemini", settings) as llm:
        settings.LLM_BREAKER_FAIL_MAX = 1
        llm.queue(Blocked())
        _, answer = await run_turn(llm.engine(), turn_context(message=QUESTION))
        assert answer.engine == "fallback:offline" and answer.metadata["fallback_reason"] == "blocked"
        assert breaker_state("gemini") == "closed"


async def test_no_key_and_no_base_url_answers_offline_without_calling(llm, settings):
    settings.LLM_API_KEY = ""
    settings.LLM_BASE_URL = ""
    _, answer = await run_turn(llm.engine(), turn_context(message=QUESTION))
    assert answer.engine == "fallback:offline" and answer.metadata["fallback_reason"] == "not_configured"
    assert llm.requests == []


async def test_a_pending_bet_is_left_to_the_confirmation_flow(llm):
    memory = ConversationMemory()
    memory.context["pending_bet"] = {"fixture_id": "1", "market": "1x2", "selection": "home", "stake": "10.00",
                                     "odds": 1.8, "created_at": "2026-01-01T00:00:00Z"}
    _, answer = await run_turn(llm.engine(), turn_context(message="yes", memory=memory))
    assert llm.requests == []  # the model never sees a confirmation turn
    assert answer.engine == "offline" and answer.metadata["delegated"] == "confirmation_flow"


@pytest.mark.stack
class TestAnswerCache:
    @pytest.fixture(autouse=True)
    def _cache_on(self, llm, settings):  # after the llm fixture, which turns the cache off
        settings.LLM_CACHE_TTL = 300

    async def test_the_same_public_question_is_answered_once_while_the_data_is_unchanged(self, llm):
        llm.queue(ToolCall([("find_fixtures", {"limit": 2})]), Text("Two matches are coming up."))
        _, first = await run_turn(llm.engine(), turn_context(message="Matches today?"))
        chunks, second = await run_turn(llm.engine(), turn_context(message="  matches TODAY "))

        assert len(llm.requests) == 2  # both model calls belong to the first turn
        assert second.text == "".join(chunks) == first.text
        assert second.metadata["cached"] is True and first.metadata["cached"] is False
        assert second.engine == llm.provider and second.token_count == 0
        assert [c["name"] for c in second.tool_calls] == ["find_fixtures"]  # re-run to check the data version

    async def test_changed_data_or_a_follow_up_is_asked_again(self, llm, settings):
        from django.core.cache import cache

        from sports.services.odds import get_odds

        fixture = pre_match_fixture()
        llm.queue(ToolCall([("get_odds", {"fixture_id": fixture.id})]), Text("First answer."),
                  ToolCall([("get_odds", {"fixture_id": fixture.id})]), Text("Fresh odds answer."),
                  Text("Follow-up answer."))
        await run_turn(llm.engine(), turn_context(message="odds of the first match"))

        # The odds move (a new board in the sports cache, as the warmer would write it).
        from dataclasses import replace

        from sports.cache import odds_key, store

        board = get_odds(fixture_id=fixture.id)
        market = board.markets["1x2"]
        moved = {k: replace(p, odds=round(p.odds + 0.5, 2)) for k, p in market.selections.items()}
        store(odds_key(fixture.id), replace(board, markets={**board.markets, "1x2": replace(market, selections=moved)}),
              kind="odds")
        _, again = await run_turn(llm.engine(), turn_context(message="odds of the first match"))
        assert again.text == "Fresh odds answer." and again.metadata["cached"] is False

        memory = ConversationMemory(history=[{"role": "user", "content": "hi"},
                                             {"role": "assistant", "content": "hello"}])
        _, follow_up = await run_turn(llm.engine(), turn_context(message="odds of the first match", memory=memory))
        assert follow_up.text == "Follow-up answer." and follow_up.metadata["cached"] is False
        assert len(llm.requests) == 5
        cache.clear()
