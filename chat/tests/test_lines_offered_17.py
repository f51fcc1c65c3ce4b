"""A total or handicap line the match does not offer is never swapped for the offered one behind the user's back
(issue 17: never act on a guess), and a stake put "on that" right after a market's odds is on that market. Through the
real REST chat endpoint (the turn service), on sentences of their own, en/es/pt:

- odds for a line not offered say so, and the prices shown are labelled as the line on offer (its unit per sport);
- a simulation on such a line runs nothing: it asks whether to simulate the line on offer (a chip), and the reply
  taking it continues the simulation with its stake; a "no" simulates nothing;
- a real bet on such a line prepares no slip until the line on offer is accepted (then the usual slip to confirm);
- "if I put 10 on that" after the over/under odds asks which side (each a chip), the stake kept; after the odds of
  one pick (the draw) it is that pick;
- a model's `simulate_bet` call on another line than the one on offer is refused (the LLM path).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, bets_sent, tools_of
from sports.services.fixtures import find_fixtures

from .fake_llm_servers import Text, ToolCall

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox

ARSENAL_GAME = "Newcastle United vs Arsenal"  # over/under 2.5 goals, handicap Arsenal -0.5 in the sandbox


@pytest.mark.parametrize("message, said, offered, unit, yes", [
    ("what price is over 4.5 goals in the arsenal match?", "line 4.5 is not offered", "Over 2.5 goals", "goals", "yes"),
    ("¿cuánto paga menos de 1.5 goles en el partido del arsenal?", "línea 1.5 de más/menos goles no se ofrece",
     "Menos de 2.5 goles", "goles", "sí"),
    ("quanto paga mais de 3.5 gols no jogo do arsenal?", "linha 3.5 de mais/menos gols não é oferecida",
     "Mais de 2.5 gols", "gols", "sim"),
    ("odds on over 240.5 points for the lakers game", "over/under points line 240.5 is not offered",
     "Over 222.5 points", "points", "ok"),
])
def test_odds_for_a_line_not_offered_say_so_and_ask_before_any_price(sandbox, message, said, offered, unit, yes):
    """The question names the line on offer and shows no price (none of another line in place of the one asked);
    a yes shows the line on offer."""
    chat = RestChat(guest=True)
    body = chat.say(message)
    text = body["message"]
    assert said in text and "?" in text and not tools_of(body), text
    assert offered not in text, text  # no price of the offered line before the yes
    shown = chat.say(yes)
    assert "get_odds" in tools_of(shown) and offered in shown["message"] and unit in shown["message"], shown
    assert "simulate_bet" not in tools_of(shown) and not shown["bet_slip"], shown


@pytest.mark.parametrize("message, question, chip, reply, label", [
    ("suppose I stake 10 on over 1.5 goals in the arsenal match", "Simulate Over 2.5 goals instead?",
     "Over 2.5 goals", "Over 2.5 goals", "Over 2.5 goals"),
    ("¿qué pasa si le meto 20 a menos de 4.5 goles en el partido del arsenal?", "¿Simulo «Menos de 2.5 goles»",
     "Menos de 2.5 goles", "sí, dale", "Menos de 2.5 goles"),
    ("e se eu apostar 15 no arsenal -1.5?", "Simulo «Arsenal -0.5 (handicap)»", "Arsenal -0.5 (handicap)", "sim",
     "Arsenal -0.5 (handicap)"),
    ("what if I bet 10 on over/under 3.5 in the arsenal match", "Which side do you want to simulate",
     "Under 2.5 goals", "the under", "Under 2.5 goals"),
])
def test_a_simulation_on_a_line_not_offered_asks_and_the_reply_continues_it(sandbox, message, question, chip, reply,
                                                                          label):
    chat = RestChat(guest=True)
    asked = chat.say(message)
    assert question in asked["message"], asked["message"]
    assert "simulate_bet" not in tools_of(asked) and "?" in asked["message"], asked["message"]
    assert chip in asked["suggested_actions"], asked["suggested_actions"]
    body = chat.say(reply)
    assert "simulate_bet" in tools_of(body) and body["detected_intent"] == "bet_simulation", body
    stake = {"suppose": "10.00", "¿qué": "20.00", "e": "15.00", "what": "10.00"}[message.split()[0]]
    assert label in body["message"] and stake in body["message"] and ARSENAL_GAME in body["message"], body["message"]


def test_a_no_to_the_offered_line_simulates_nothing(sandbox):
    chat = RestChat(guest=True)
    chat.say("how much would 10 on over 3.5 goals in the arsenal game return?")
    body = chat.say("no")
    assert "simulate_bet" not in tools_of(body) and "Over 2.5" not in body["message"], body


@pytest.mark.parametrize("message, reply, selection", [
    ("place 10 on under 3.5 goals in the arsenal game", "yes", "under"),
    ("apuesta 10 a más de 1.5 goles en el partido del arsenal", "Más de 2.5 goles", "over"),
    ("aposta 10 no mais de 4.5 gols no jogo do arsenal", "pode ser", "over"),
])
def test_a_real_bet_on_a_line_not_offered_prepares_nothing_until_the_offered_line_is_taken(sandbox, message, reply,
                                                                                          selection):
    chat = RestChat()
    asked = chat.say(message)
    assert "place_bet" not in tools_of(asked) and not asked["bet_slip"] and chat.slips() == [], asked
    assert "2.5" in asked["message"] and "?" in asked["message"], asked["message"]
    body = chat.say(reply)
    assert "place_bet" in tools_of(body) and body["bet_slip"], body
    [slip] = chat.slips()
    assert (slip.market, slip.selection, slip.line, slip.stake) == ("over_under", selection, "2.5", Decimal("10.00"))
    assert bets_sent() == 0  # shown to confirm, never placed


def test_a_real_bet_on_a_handicap_not_offered_and_a_no_leaves_no_slip(sandbox):
    chat = RestChat()
    asked = chat.say("bet 10 on arsenal -2.5 handicap")
    assert "-0.5" in asked["message"] and chat.slips() == [], asked["message"]
    chat.say("no")
    assert chat.slips() == [] and bets_sent() == 0


@pytest.mark.parametrize("odds_message, stake_message, reply, label", [
    ("over/under odds for the arsenal match", "if i put 10 on that", "Under 2.5 goals", "Under 2.5 goals"),
    ("cuotas de goles más/menos en el partido del arsenal", "y si le pongo 10 a eso", "más", "Más de 2.5 goles"),
    ("odds de mais/menos gols do arsenal", "e se eu botar 10 nisso", "menos", "Menos de 2.5 gols"),
])
def test_a_stake_on_that_after_over_under_odds_asks_the_side_with_the_stake_kept(sandbox, odds_message, stake_message,
                                                                                 reply, label):
    chat = RestChat(guest=True)
    chat.say(odds_message)
    asked = chat.say(stake_message)
    assert "simulate_bet" not in tools_of(asked) and "?" in asked["message"], asked
    assert "Arsenal to win" not in asked["message"] and "10.00" in asked["message"], asked["message"]
    assert len(asked["suggested_actions"]) == 2 and all("2.5" in chip for chip in asked["suggested_actions"]), asked
    body = chat.say(reply)
    assert "simulate_bet" in tools_of(body), body
    assert label in body["message"] and "10.00" in body["message"], body["message"]


def test_a_stake_on_it_after_one_picks_odds_is_that_pick(sandbox):
    chat = RestChat(guest=True)
    chat.say("how much does the draw pay in the arsenal match?")
    body = chat.say("what if I bet 10 on it")
    assert "simulate_bet" in tools_of(body), body
    assert "Draw" in body["message"] and "Arsenal to win" not in body["message"], body["message"]


@pytest.fixture(params=["langchain:gemini", "openai_compatible"])
def llm_provider(request) -> str:
    return request.param


def test_a_models_simulation_on_another_line_is_refused(sandbox, llm):
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    llm.queue(ToolCall([("simulate_bet", {"stake": 10, "fixture_id": fixture.id, "market": "over_under",
                                          "selection": "over", "line": 1.5})]), Text("Only 2.5 is offered."))
    RestChat(guest=True).say("what would 10 on over 1.5 goals in the arsenal game return?")
    [(name, result)] = llm.tool_results(1)
    assert name == "simulate_bet" and result.get("error") == "line_not_offered", result
    assert "2.5" in result["message"] and "returns" not in result, result
