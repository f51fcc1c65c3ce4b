"""Issue 17, batch 32's kinds (a development set after its first run at b39daa0), on sentences of this module's own.

- A stake on one club with its opponent said as such ("20 on Newcastle ... against Arsenal") is that club to win; a
  stake on a match said as "X vs Y" still asks which result.
- "over on games then" after "which market?" for a tennis match is that total's over.
- "tem como vocês me impedirem de apostar?", "¿pueden impedirme apostar?": a stop request.
- "quanto é 20% de 150?" is off-topic arithmetic; "qual o handicap do jogo do X no sábado?" asks the handicap's price.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def test_a_stake_on_a_club_against_its_opponent_backs_that_club(sandbox):
    body = RestChat(guest=True).say("what would 15 on Chelsea return against Liverpool?")
    assert "simulate_bet" in tools_of(body) and "Chelsea to win" in body["message"], body["message"]
    both = RestChat(guest=True).say("what would 15 on Liverpool vs Chelsea return?")
    assert asks(both) and "simulate_bet" not in tools_of(both), both["message"]


def test_a_side_of_the_total_in_its_unit_answers_which_market(sandbox):
    chat = RestChat(guest=True)
    chat.say("both teams to score in the Sinner match, what's it paying?")
    body = chat.say("under on games then")
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body["message"]
    assert "games" in body["message"], body["message"]


@pytest.mark.parametrize("message", ["dá pra vocês me impedirem de apostar?", "¿podrían bloquearme de apostar?"])
def test_asking_to_be_stopped_from_betting(message):
    assert safety.classify(message) == "stop"


@pytest.mark.parametrize(("message", "intent"), [("quanto é 30% de 90?", "out_of_scope"),
                                                 ("qual o handicap do jogo do Santos no sábado?", "odds_information")])
def test_arithmetic_and_a_handicap_on_a_day(message, intent):
    assert understand(message, now=EVAL_NOW).intent == intent
