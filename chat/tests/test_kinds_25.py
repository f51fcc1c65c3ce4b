"""Issue 17, batch 25's kinds (a development set after its first run at c0fb9e5), on sentences of this module's own.

- A real bet said with the stake in words ("aposta dez reais") is a real bet, as its digits are: never simulated.
- "the handicap in X vs Y" / "o handicap do jogo do X" names the match, not a side: each side simulated, a real bet's
  side asked (a guest is asked with the login note); "X handicap" still backs X.
- A reply that steers ("ok, just show me the odds then") names no club, and asks the question of the club in focus.
- Asked "which Paris?" about a bet, "deixa, me mostra as odds do PSG" is that club's odds, the bet dropped.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("message", ["aposta vinte reais no Flamengo pra ganhar", "bet twenty on Arsenal to win",
                                     "apuesta veinte dólares al Betis"])
def test_a_stake_in_words_asks_for_a_real_bet(message):
    assert understand(message, now=EVAL_NOW).entities.wants_real_bet


def test_a_handicap_of_a_match_simulates_each_side(sandbox):
    body = RestChat(guest=True).say("what if I put 10 on the handicap in Fortaleza vs São Paulo?")
    assert body["detected_intent"] == "bet_simulation", body["message"]
    assert "Fortaleza 0 (handicap)" in body["message"] and "São Paulo 0 (handicap)" in body["message"]


def test_a_real_handicap_bet_on_no_side_is_asked(sandbox):
    chat = RestChat()
    body = chat.say("bet 10 on the handicap in Fortaleza vs São Paulo")
    assert "?" in body["message"] and "place_bet" not in tools_of(body) and not chat.slips(), body["message"]
    assert "Fortaleza 0 (handicap)" in body["suggested_actions"]  # each side a tap away, its line shown
    guest = RestChat(guest=True).say("aposta dez reais no handicap do jogo do São Paulo")
    assert asks(guest) and "handicap" in guest["message"] and "login" in guest["message"], guest["message"]


def test_a_handicap_said_of_a_club_backs_it():
    assert understand("bet 10 on Arsenal handicap", now=EVAL_NOW).entities.selection_team == "Arsenal"


def test_a_steering_reply_asks_of_the_club_in_focus(sandbox):
    chat = RestChat(guest=True)
    chat.say("bet on arsenal")
    body = chat.say("ok, just show me the odds then")
    assert body["detected_intent"] == "odds_information" and "Arsenal" in body["message"].splitlines()[0]


def test_odds_asked_in_reply_to_which_club_drop_the_bet(sandbox):
    chat = RestChat(guest=True)
    chat.say("aposta 50 reais no Paris")
    body = chat.say("deixa, me mostra as odds do PSG")
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body)
    assert "Paris Saint-Germain" in body["message"].splitlines()[0], body["message"]
