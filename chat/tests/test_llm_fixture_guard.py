"""A model that picks a match by id for a club name several clubs share ("Madrid", "Atlético") has chosen the club for
the user: the acting call (odds, a simulation, a bet) is a question back, in the user's language, unless the message
settles the club (its full name, the opponent). Through the real REST chat endpoint and the fake model servers."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat
from sports.services.fixtures import find_fixtures

from .fake_llm_servers import Text, ToolCall

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.fixture(params=["openai_compatible", "langchain:gemini"])
def llm_provider(request) -> str:
    return request.param


def _next_match_of(club: str) -> str:
    return find_fixtures(team=club, limit=1)[0].id


@pytest.mark.parametrize("message, club, tool, extra, words", [
    ("what are the odds for madrid's next game?", "Real Madrid", "get_odds", {}, ("Real Madrid", "Atlético Madrid")),
    ("¿cuánto gano si le meto 10 al madrid?", "Atlético Madrid", "simulate_bet",
     {"stake": 10, "market": "1x2", "selection": "home"}, ("Real Madrid", "Atlético Madrid")),
    ("odds do Atlético no próximo jogo", "Atlético Mineiro", "get_odds", {}, ("Atlético Madrid", "Atlético Mineiro")),
])
def test_a_models_pick_of_a_match_for_a_shared_name_asks_which_club(sandbox, llm, message, club, tool, extra, words):
    llm.queue(ToolCall([(tool, {"fixture_id": _next_match_of(club), **extra})]), Text("Which club?"))
    RestChat(guest=True).say(message)
    [(name, result)] = llm.tool_results(1)
    assert name == tool and result.get("error") == "team_ambiguous", result
    assert all(word in result["message"] for word in words), result
    assert "fixture" not in result and "payout" not in result


@pytest.mark.parametrize("message", ["odds for real madrid's next game", "madrid vs {opponent}: what are the odds?"])
def test_a_club_the_message_settles_is_answered(sandbox, llm, message):
    fixture = find_fixtures(team="Real Madrid", limit=1)[0]
    opponent = fixture.away.name if fixture.home.name == "Real Madrid" else fixture.home.name
    llm.queue(ToolCall([("get_odds", {"fixture_id": fixture.id})]), Text("Here."))
    RestChat(guest=True).say(message.format(opponent=opponent))
    [(name, result)] = llm.tool_results(1)
    assert name == "get_odds" and "error" not in result, result
    assert "Real Madrid" in (result["fixture"]["home"], result["fixture"]["away"])
