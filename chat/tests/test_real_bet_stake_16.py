"""A real bet whose match and pick are said but not its stake ("I want to bet on Arsenal to win", "quiero apostar al
Barcelona", "quero apostar no Palmeiras") is asked for the stake in the user's language — not told the generic "I
need the match, the pick and the stake" — and the reply that is only a number ("20") is that stake: the slip is
prepared for confirmation (nothing placed until the exact confirmation). A bare number that answers no stake question
is no stake. Through the real REST chat endpoint, signed in with a linked ChatBet account."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, bets_sent, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("request_text, question, reply, stake, match", [
    ("I'd like to bet on Arsenal to win", "How much", "20", "20.00", "Newcastle United vs Arsenal"),
    ("quiero apostar al barcelona", "Cuánto", "15", "15.00", "Barcelona vs Atlético Madrid"),
    ("quero apostar no palmeiras pra vencer", "Quanto", "30", "30.00", "Palmeiras"),
])
def test_the_stake_is_asked_and_a_bare_number_is_it(sandbox, request_text, question, reply, stake, match):
    chat = RestChat()
    asked = chat.say(request_text)
    assert asked["detected_intent"] == "place_bet" and "place_bet" not in tools_of(asked), asked
    assert question in asked["message"] and "?" in asked["message"], asked["message"]
    body = chat.say(reply)
    if "place_bet" not in tools_of(body):  # the pick was not said ("al barcelona"): it is asked next, stake kept
        assert "?" in body["message"] and body["detected_intent"] == "place_bet", body["message"]
        body = chat.say("que gane")
    assert "place_bet" in tools_of(body) and body["bet_slip"], body
    assert stake in body["message"] and match in body["message"], body["message"]
    assert bets_sent() == 0 and [slip.stake for slip in chat.slips()][-1:] == [Decimal(stake)]  # to confirm, unsent


def test_a_bare_number_after_odds_is_no_stake(sandbox):
    chat = RestChat()
    chat.say("odds for arsenal")
    body = chat.say("20")
    assert "place_bet" not in tools_of(body) and not body["bet_slip"] and not chat.slips(), body
