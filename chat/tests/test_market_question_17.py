""""What do you want to bet on in that match?" asked of a real bet with no market names the markets the match's sport
has (basketball: the winner, the over/under in points, the handicap; never the draw or both teams to score), each a
chip; and a market named alone in reply ("the handicap", "ambos marcan", "the over/under in points") answers it (the
bet goes on in that market: its side asked, or the slip to confirm), while "what is a handicap?" is still a question
of its own. Through the real REST endpoint, signed in and linked; nothing placed."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, bets_sent, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("request_text, unit", [("bet 10 on the lakers", "points"), ("put 15 on alcaraz", "games")])
def test_the_market_question_names_the_sports_markets(sandbox, request_text, unit):
    body = RestChat().say(request_text)
    assert body["detected_intent"] == "place_bet" and not body["bet_slip"], body["message"]
    assert f"over/under in {unit}" in body["message"] and "draw" not in body["message"], body["message"]
    assert "both teams" not in body["message"] and f"The over/under in {unit}" in body["suggested_actions"]


@pytest.mark.parametrize("request_text, reply, expected", [
    ("bet 10 on the lakers", "the over/under in points", "Over 222.5 points"),
    ("apuesta 10 al barcelona", "ambos marcan", "Ambos marcan: sí"),
    ("bet 10 on arsenal", "the handicap", "handicap"),
])
def test_a_market_named_alone_answers_the_question(sandbox, request_text, reply, expected):
    chat = RestChat()
    chat.say(request_text)
    body = chat.say(reply)
    assert body["detected_intent"] == "place_bet", body["message"]
    assert expected in body["message"] and bets_sent() == 0, body["message"]


def test_what_is_a_handicap_is_still_explained(sandbox):
    chat = RestChat()
    chat.say("bet 10 on arsenal")
    body = chat.say("what is a handicap?")
    assert body["detected_intent"] == "general_betting_info" and "place_bet" not in tools_of(body), body["message"]
    assert chat.slips() == []
