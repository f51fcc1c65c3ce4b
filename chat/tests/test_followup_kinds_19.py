"""Follow-ups of three kinds: a side to win (or "who wins?") said in reply to "which of its markets?" continues the
request asked about (the winner odds of that match; a simulation stays one, its stake kept), "and the other team?"
after a simulation of one side of a match named with both clubs is the same simulation on the other side, and a stake
on a club "beating" another backs that club to win. Through the real REST endpoint, at the evaluation clock."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("question, reply, winner", [
    ("any chance of a tie when Tsitsipas plays next, what's it paying?", "fine then, give me Fritz winning",
     "Winner: Stefanos Tsitsipas"),
    ("what's the corners price for Alcaraz's next match", "forget that, who takes it?", "Winner: Jack Draper"),
    ("cuánto paga el empate del próximo partido de los Celtics", "bueno, entonces que gane Boston",
     "Ganador: Milwaukee Bucks"),
    ("quanto paga o empate no jogo do Alcaraz?", "tá, quem ganha então", "Vencedor: Jack Draper"),
    ("e a odd de empate do Djokovic no próximo jogo?", "tá bom, vitória do Djokovic mesmo", "Vencedor: Arthur Fils"),
])
def test_a_side_to_win_after_which_market_is_the_winner_odds(sandbox, question, reply, winner):
    chat = RestChat(guest=True)
    asked = chat.say(question)
    assert "get_odds" not in tools_of(asked) and "?" in asked["message"], asked["message"]
    body = chat.say(reply)
    assert body["detected_intent"] == "odds_information", body["message"]
    assert "get_odds" in tools_of(body) and winner in body["message"], body["message"]
    assert "simulate_bet" not in tools_of(body) and not body.get("bet_slip")


def test_a_side_to_win_after_a_market_not_offered_is_that_clubs_winner_odds(sandbox):
    chat = RestChat(guest=True)
    chat.say("cuotas de tarjetas del Liverpool vs Chelsea")
    body = chat.say("pues nada, que gane el Chelsea")
    assert body["detected_intent"] == "odds_information", body["message"]
    assert "get_odds" in tools_of(body) and "Liverpool vs Chelsea" in body["message"], body["message"]
    other = RestChat(guest=True)
    other.say("odds de escanteios do Palmeiras")
    market = other.say("então o handicap")
    assert "get_odds" in tools_of(market) and "Handicap" in market["message"], market["message"]


def test_a_simulation_asked_stays_a_simulation_with_its_stake(sandbox):
    chat = RestChat(guest=True)
    asked = chat.say("what if I put 12 on both teams to score in the Celtics game")
    assert "simulate_bet" not in tools_of(asked) and "?" in asked["message"], asked["message"]
    body = chat.say("alright then, Boston winning")
    assert "simulate_bet" in tools_of(body) and "12.00" in body["message"], body["message"]
    assert "Boston Celtics to win" in body["message"]
    other = RestChat(guest=True)
    other.say("y si apuesto 15 a ambos marcan en el partido de Alcaraz")
    side = other.say("vale, ¿quién gana entonces?")
    assert "simulate_bet" not in tools_of(side) and "Carlos Alcaraz" in side["message"], side["message"]
    done = other.say("Alcaraz")
    assert "simulate_bet" in tools_of(done) and "15.00" in done["message"], done["message"]


@pytest.mark.parametrize("first, other_side, side, stake", [
    ("what would 8 on Chelsea to beat Liverpool return?", "ok, and for the other side?", "Liverpool to win", "8.00"),
    ("y si le pongo 25 al Liverpool ganándole al Chelsea", "¿y del otro lado?", "Gana Chelsea", "25.00"),
    ("e se eu colocar 30 no Palmeiras vencendo o Bragantino", "e pelo outro time?", "Red Bull Bragantino vence",
     "30.00"),
])
def test_the_other_team_after_a_simulation_is_the_other_side(sandbox, first, other_side, side, stake):
    chat = RestChat(guest=True)
    before = chat.say(first)
    assert "simulate_bet" in tools_of(before), before["message"]
    body = chat.say(other_side)
    assert "simulate_bet" in tools_of(body) and side in body["message"], body["message"]
    assert stake in before["message"] and stake in body["message"], body["message"]


@pytest.mark.parametrize("message, side", [
    ("how much do I get for 6 on Liverpool beating Chelsea", "Liverpool to win"),
    ("simúlame 40 al Madrid ganándole al Betis", "Gana Real Madrid"),
    ("simula 15 reais no Palmeiras ganhando do Bragantino", "Palmeiras vence"),
])
def test_a_stake_on_a_club_beating_another_backs_that_club(sandbox, message, side):
    body = RestChat(guest=True).say(message)
    assert "simulate_bet" in tools_of(body) and side in body["message"], body["message"]
