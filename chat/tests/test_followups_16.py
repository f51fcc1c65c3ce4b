"""Follow-ups of a simulation noticed while reading batch 16 (sentences of this module's own, en/es/pt, through the
real REST chat endpoint):
- a 1X2 label asked alone ("and the 2?", "y el 1?", "e o 2?") is what "and the draw?" is: after a simulation, the
  same stake on that result; after odds, the match's prices — never a stake of 2 or 1 on the old pick;
- after the draw was simulated, a club of that very match ("and Chelsea?") is that club to win (the draw was what
  the user moved away from); a club of another match keeps the draw, of its own match."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("first, label, stake, pick", [
    ("what if I stake 12 on Liverpool?", "and the 2?", "12.00", "Chelsea to win"),
    ("y si apuesto 8 al barcelona?", "y el 2?", "8.00", "Gana Atlético Madrid"),
    ("e se eu apostar 6 no flamengo?", "e o 1?", "6.00", "Santos vence"),
])
def test_a_label_asked_alone_after_a_simulation_moves_the_stake(first, label, stake, pick, sandbox):
    chat = RestChat(guest=True)
    chat.say(first)
    body = chat.say(label)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body
    assert stake in body["message"] and pick in body["message"], body["message"]


def test_a_label_asked_alone_after_odds_is_their_price(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds for liverpool")
    body = chat.say("and the 2?")
    assert "simulate_bet" not in tools_of(body) and "2.00" not in body["message"], body
    assert "Chelsea 4.70" in body["message"], body["message"]


def test_a_club_of_the_match_after_the_draw_is_that_club_to_win(sandbox):
    chat = RestChat(guest=True)
    chat.say("what if I stake 12 on Liverpool?")
    assert "Draw" in chat.say("and the draw?")["message"]
    body = chat.say("and chelsea?")
    assert "12.00" in body["message"] and "Chelsea to win (Liverpool vs Chelsea)" in body["message"], body["message"]


def test_a_club_of_another_match_after_the_draw_keeps_the_draw(sandbox):
    chat = RestChat(guest=True)
    chat.say("what if I stake 12 on the draw in liverpool vs chelsea?")
    body = chat.say("and arsenal?")
    assert "12.00" in body["message"] and "Draw (Newcastle United vs Arsenal)" in body["message"], body["message"]
