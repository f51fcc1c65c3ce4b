"""A stake and a 1X2 label alone after the odds of a match ("20 on the 1 please", "10 al 2") are that stake on that
pick: a slip to confirm, signed in (nothing placed); after a simulation, the same what-if on that pick ("20 on the
x"). Was: out of scope. Through the real REST endpoint at the evaluation clock."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, bets_sent, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("odds, staked, pick, stake", [
    ("odds for arsenal", "20 on the 1 please", "Newcastle United to win", "20.00"),
    ("cuotas del barcelona", "10 al 2", "Gana Atlético Madrid", "10.00"),
    ("odds do palmeiras", "15 no x", "Empate", "15.00"),
])
def test_a_stake_on_a_label_after_odds_is_a_slip_to_confirm(sandbox, odds, staked, pick, stake):
    chat = RestChat()
    chat.say(odds)
    body = chat.say(staked)
    assert "place_bet" in tools_of(body) and body["bet_slip"], body["message"]
    assert pick in body["message"] and stake in body["message"], body["message"]
    assert [slip.stake for slip in chat.slips()] == [Decimal(stake)] and bets_sent() == 0


def test_after_a_simulation_it_is_the_same_what_if(sandbox):
    chat = RestChat()
    chat.say("what if I bet 10 on arsenal")
    body = chat.say("20 on the x")
    assert "simulate_bet" in tools_of(body) and not body["bet_slip"], body["message"]
    assert "Draw" in body["message"] and "20.00" in body["message"] and chat.slips() == []
