"""Follow-ups found by a review of the sixteenth session's changes: a listing asked in reply to an open "which match?
tell me a team" is a listing (never the kept simulation run on that club's match), and in a sport with no draw the 1
and the 2 are still its two sides ("and the 1?" after a stake on the Lakers: the Pacers, the same stake; never a stake
of 1), while its draw is asked about, not priced. Through the real REST endpoint, at the evaluation clock."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("request_text, listing, club", [
    ("what if I bet 10 on the match?", "show me Chelsea's games this week", "Chelsea"),
    ("cuánto pagan?", "los partidos del betis", "Real Betis"),
    ("e se eu apostar 20?", "mostra os jogos do flamengo", "Flamengo"),
])
def test_a_listing_in_reply_to_which_match_is_a_listing(sandbox, request_text, listing, club):
    chat = RestChat(guest=True)
    asked = chat.say(request_text)
    assert "find_fixtures" in tools_of(asked) and "?" in asked["message"], asked["message"]
    body = chat.say(listing)
    assert body["detected_intent"] == "match_schedule", body["message"]
    assert not tools_of(body) & {"simulate_bet", "get_odds"} and club in body["message"], body["message"]


def test_a_match_named_in_reply_still_continues_the_request(sandbox):
    chat = RestChat(guest=True)
    chat.say("what if I bet 10 on the match?")
    body = chat.say("como vs atalanta")
    assert "Como vs Atalanta" in body["message"] and "?" in body["message"], body["message"]  # which result of it


def test_the_1_and_the_2_in_a_sport_with_no_draw(sandbox):
    chat = RestChat(guest=True)
    first = chat.say("what if I bet 10 on the lakers?")
    assert "simulate_bet" in tools_of(first) and "Los Angeles Lakers to win" in first["message"]
    body = chat.say("and the 1?")
    assert "simulate_bet" in tools_of(body) and "Indiana Pacers to win" in body["message"], body["message"]
    assert "10.00" in body["message"] and "1.00 bet" not in body["message"]
    draw = chat.say("and the draw?")
    assert "simulate_bet" not in tools_of(draw) and "?" in draw["message"], draw["message"]


def test_the_1_after_tennis_odds_is_a_side_not_a_stake(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds for Tsitsipas")
    body = chat.say("y el 2?")
    assert "simulate_bet" not in tools_of(body) and "Taylor Fritz" in body["message"], body["message"]
    assert not body.get("bet_slip")
