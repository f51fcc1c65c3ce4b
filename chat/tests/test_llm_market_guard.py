"""A model asked for a market the sandbox does not offer (corners, cards, a scorer) is held to the offline engine's
rule: the answer says that market is not offered and asks which one, never the match winner's prices in its place.
Through the real REST chat endpoint and the fake model servers (the LangChain engine and the OpenAI-compatible one)."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat
from sports.services.fixtures import find_fixtures
from sports.services.odds import get_odds

from .fake_llm_servers import Text, ToolCall

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.fixture(params=["langchain:gemini", "openai_compatible"])
def llm_provider(request) -> str:
    return request.param


def _next_match_of(club: str):
    return find_fixtures(team=club, limit=1)[0]


def _winner_prices(fixture_id: str) -> list[str]:
    return [f"{price.odds:.2f}" for price in get_odds(fixture_id=fixture_id).markets["1x2"].selections.values()]


@pytest.mark.parametrize("message, club, tool, extra, words", [
    ("any odds on cards in the Betis game?", "Real Betis", "get_odds", {}, ("cards", "over/under")),
    ("¿cuánto pagan los córners en el partido del Sevilla?", "Sevilla", "get_odds", {"market": "1x2"},
     ("corners", "más/menos")),
    ("quanto paga escanteio no jogo do Flamengo?", "Flamengo", "get_odds", {}, ("escanteio", "mais/menos")),
    ("put 5 on a yellow card in the Lazio game", "Lazio", "simulate_bet",
     {"stake": 5, "market": "1x2", "selection": "home"}, ("yellow card",)),
])
def test_a_models_call_for_a_market_not_offered_is_a_question(sandbox, llm, message, club, tool, extra, words):
    fixture = _next_match_of(club)
    llm.queue(ToolCall([(tool, {"fixture_id": fixture.id, **extra})]), Text("That market is not offered."))
    RestChat(guest=True).say(message)
    [(name, result)] = llm.tool_results(1)
    assert name == tool and result.get("error") == "market_not_offered", result
    assert all(word in result["message"] for word in words), result
    assert "fixture" not in result and "markets" not in result and "payout" not in result
    assert not set(_winner_prices(fixture.id)) & {n for n in result["message"].split()}


def test_the_match_winner_the_model_adds_anyway_never_reaches_the_user(sandbox, llm):
    """The model answers the corners question with the 1X2 it knows from elsewhere: the answer guard holds those
    prices back (no tool of the turn gave them), and the user reads that corners are not offered, and a question."""
    fixture = _next_match_of("Real Betis")
    prices = _winner_prices(fixture.id)
    guess = f"Corners aren't listed, but {fixture.home.name} win at {prices[0]} and the draw pays {prices[1]}."
    llm.queue(ToolCall([("get_odds", {"fixture_id": fixture.id})]), Text(guess), Text(guess))
    body = RestChat(guest=True).say("what are the corner odds for the next Betis match?")
    text = body["message"]
    assert not any(price in text for price in prices), text
    assert "corner" in text and "Which one" in text, text


def test_odds_asked_with_a_market_only_as_the_reason_are_answered(sandbox, llm):
    """"Betis win lots of corners, so what are their odds?": the corners say why, the request is the match's odds."""
    fixture = _next_match_of("Real Betis")
    llm.queue(ToolCall([("get_odds", {"fixture_id": fixture.id})]), Text("Here they are."))
    RestChat(guest=True).say("Betis win lots of corners, so what are their odds?")
    [(name, result)] = llm.tool_results(1)
    assert name == "get_odds" and "error" not in result and "1x2" in result["markets"], result
