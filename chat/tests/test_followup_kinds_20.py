"""Follow-ups and stakes of batch 20's kinds: a stake put on a club "against" another backs that club, a match named
in reply to a simulation's "which match?" continues the simulation, a candidate named by a word of its name, the
other side of a total ("and under?"), the odds of a market in the compared clubs' game, and a competition added to a
club's schedule. Through the real REST endpoint, at the evaluation clock."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, bets_sent, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("message, backed", [
    ("y si meto 15 euros al Betis contra el Madrid, qué me llevo", "Gana Real Betis"),
    ("suppose I stake 30 on Arsenal against Newcastle, what's the return?", "Arsenal to win"),
    ("e se eu jogar 10 reais no Palmeiras contra o Bragantino?", "Palmeiras vence"),
])
def test_a_stake_on_a_club_against_another_backs_that_club(sandbox, message, backed):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "bet_simulation", body["message"]
    assert "simulate_bet" in tools_of(body) and backed in body["message"], body["message"]


def test_odds_on_a_club_against_another_with_no_stake_stay_the_match_odds(sandbox):
    body = RestChat(guest=True).say("what are the odds on Arsenal against Newcastle")
    assert "simulate_bet" not in tools_of(body) and "get_odds" in tools_of(body), body["message"]


def test_a_match_named_after_a_simulation_asked_how_much_goes_on_with_the_draw_kept(sandbox):
    chat = RestChat(guest=True)
    asked = chat.say("what would a draw pay me if I bet on it")
    assert "simulate_bet" not in tools_of(asked) and "?" in asked["message"], asked["message"]
    body = chat.say("newcastle v arsenal, 12 euros")
    assert body["detected_intent"] == "bet_simulation", body["message"]
    assert "simulate_bet" in tools_of(body) and "12.00" in body["message"] and "Draw" in body["message"]


def test_a_club_against_another_after_which_match_backs_that_club_with_the_stake_kept(sandbox):
    chat = RestChat(guest=True)
    asked = chat.say("e se eu apostar 15 reais, quanto levo?")
    assert "simulate_bet" not in tools_of(asked), asked["message"]
    body = chat.say("no Betis contra o Real Madrid")
    assert body["detected_intent"] == "bet_simulation", body["message"]
    assert "simulate_bet" in tools_of(body) and "15.00" in body["message"] and "Real Betis" in body["message"]


def test_a_guests_bare_stake_then_a_match_and_market_is_a_what_if(sandbox):
    chat = RestChat(guest=True)
    asked = chat.say("put 40 dollars")
    assert not asked.get("bet_slip") and "?" in asked["message"], asked["message"]
    body = chat.say("on newcastle vs arsenal, both teams to score")
    assert body["detected_intent"] == "bet_simulation", body["message"]
    assert "simulate_bet" in tools_of(body) and "40.00" in body["message"], body["message"]
    assert not body.get("bet_slip")


@pytest.mark.parametrize("question, reply, under", [
    ("what's the price of over 2.5 goals for newcastle v arsenal", "and the under then?", "Under 2.5 goals"),
    ("cuánto paga más de 2.5 goles en el Real Madrid - Betis", "y menos", "Menos de 2.5 goles"),
    ("quanto paga mais de 2.5 gols em Palmeiras x Bragantino", "e menos?", "Menos de 2.5 gols"),
])
def test_the_other_side_of_a_total_after_its_odds(sandbox, question, reply, under):
    chat = RestChat(guest=True)
    chat.say(question)
    body = chat.say(reply)
    assert body["detected_intent"] == "odds_information", body["message"]
    assert "get_odds" in tools_of(body) and under in body["message"], body["message"]


@pytest.mark.parametrize("question, reply", [
    ("what are Bayern's next games", "what about in the Champions League"),
    ("¿cuándo juega el Bayern?", "¿y en la Champions League?"),
])
def test_a_competition_after_a_clubs_schedule_is_that_clubs_matches_in_it(sandbox, question, reply):
    chat = RestChat(guest=True)
    chat.say(question)
    body = chat.say(reply)
    assert body["detected_intent"] == "match_schedule", body["message"]
    assert "Bayern" in body["message"] and "Champions League" in body["message"], body["message"]
    assert "Bundesliga" not in body["message"]


def test_a_real_stake_on_a_club_against_another_backs_that_club_to_confirm(sandbox):
    """Signed in, "apuesta 10 al liverpool contra el chelsea" is a slip on Liverpool to win, to confirm (nothing
    placed); "que gane el chelsea" then changes the pick, the first slip superseded."""
    chat = RestChat()
    body = chat.say("apuesta 10 al liverpool contra el chelsea")
    assert body["bet_slip"] and "Gana Liverpool" in body["message"], body["message"]
    changed = chat.say("que gane el chelsea")
    assert changed["bet_slip"] and "Gana Chelsea" in changed["message"] and bets_sent() == 0
