"""Follow-ups and stakes of batch 20's kinds: a stake put on a club "against" another backs that club, a match named
in reply to a simulation's "which match?" continues the simulation, a candidate named by a word of its name, the
other side of a total ("and under?"), the odds of a market in the compared clubs' game, and a competition added to a
club's schedule. Through the real REST endpoint, at the evaluation clock."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

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
