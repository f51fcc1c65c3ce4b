"""The stake question of a real bet names the pick only when it is a club to win: the draw, a total or a bet against
a club is not "on Arsenal" (the match's home club). Every question that asks for the stake again (another currency
than the account's, an amount the policy refuses, two amounts said) takes a bare number next as the stake, read with
the user's thousands separator ("1.000" in Spanish is a thousand; in English it is asked about before any money
moves). Through the real REST chat endpoint, signed in with a linked ChatBet account; nothing placed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, bets_sent, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("request_text", [
    "I want to bet on the draw in the arsenal game",
    "I'd like a bet on over 2.5 goals in arsenal's match",
    "I want to bet against arsenal",
    "quiero apostar al empate del barcelona",
])
def test_the_stake_question_never_names_a_club_the_pick_is_not(sandbox, request_text):
    body = RestChat().say(request_text)
    assert body["detected_intent"] == "place_bet" and "?" in body["message"], body["message"]
    assert "Arsenal?" not in body["message"] and "Barcelona?" not in body["message"], body["message"]


def test_the_draw_asked_for_its_stake_takes_a_bare_number(sandbox):
    chat = RestChat()
    chat.say("I want to bet on the draw in the arsenal game")
    body = chat.say("25")
    assert "place_bet" in tools_of(body) and body["bet_slip"], body["message"]
    assert "Draw" in body["message"] and "25.00" in body["message"], body["message"]
    assert [slip.stake for slip in chat.slips()] == [Decimal("25.00")] and bets_sent() == 0


def test_a_bare_number_after_the_currency_question_is_the_stake(sandbox):
    chat = RestChat()
    asked = chat.say("bet 10 euros on arsenal to win")
    assert "USD" in asked["message"] and not asked["bet_slip"], asked["message"]
    body = chat.say("12")
    assert body["bet_slip"] and "12.00 USD" in body["message"], body["message"]


def test_thousands_said_bare_per_language(sandbox):
    chat = RestChat()
    chat.say("quiero apostar al empate del barcelona")
    body = chat.say("1.000")
    assert body["bet_slip"] and "1000.00" in body["message"], body["message"]
    english = RestChat()
    english.say("I want to bet on arsenal to win")
    asked = english.say("1.000")
    assert not asked["bet_slip"] and "1000" in asked["message"] and "?" in asked["message"], asked["message"]
    assert english.slips() == [] and bets_sent() == 0
