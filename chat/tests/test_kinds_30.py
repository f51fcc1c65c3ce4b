"""Issue 17, batch 30's kinds (a development set after its first run at ebabc8e), on sentences of this module's own.

- What backing a club would return, asked with no stake ("how much would I get backing X ... tomorrow?", "cuánto
  ganaría apostando al X"): its stake asked, never the odds shown in its place.
- A stake on a team's match on a day said ("20 on the Betis game tomorrow"): which result, asked (the match that day
  was priced on the home side when it was not among the first fixtures listed).
- "when do they play each other?" / "¿cuándo se enfrentan?" after comparing two: their meeting.
- "what's the total points line?" after a basketball match's odds is that total's price.
- "voltando àquele jogo" goes back to the match before an aside.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize(("question", "stake", "team"), [
    ("how much would I make backing Chelsea on Saturday?", "15 dollars", "Chelsea"),
    ("cuánto ganaría apostando al Sevilla mañana", "20 euros", "Sevilla"),
])
def test_what_backing_returns_asks_the_stake(sandbox, question, stake, team):
    chat = RestChat(guest=True)
    asked = chat.say(question)
    assert asks(asked) and "get_odds" not in tools_of(asked), asked["message"]
    body = chat.say(stake)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert team in body["message"]


@pytest.mark.parametrize("message", ["what if I put 20 on the Betis game tomorrow?",
                                     "y si le pongo 20 al partido del Betis mañana?"])
def test_a_stake_on_a_teams_match_that_day_asks_which_result(sandbox, message):
    body = RestChat(guest=True).say(message)
    assert asks(body) and "simulate_bet" not in tools_of(body), body["message"]
    assert "Real Betis" in body["message"]


@pytest.mark.parametrize(("compare", "when", "match"), [
    ("compare Liverpool and Chelsea", "when do they face each other?", "Liverpool vs Chelsea"),
    ("compara Sevilla y Elche", "¿y cuándo se enfrentan?", "Sevilla vs Elche"),
])
def test_when_the_two_compared_meet(sandbox, compare, when, match):
    chat = RestChat(guest=True)
    chat.say(compare)
    body = chat.say(when)
    assert body["detected_intent"] == "match_schedule", body["message"]
    assert match in body["message"] and "ATP" not in body["message"], body["message"]


def test_the_total_points_line_after_a_basketball_match(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds Knicks Rockets")
    body = chat.say("and what's the points line?")
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body["message"]
    assert "points" in body["message"] and "Knicks" in body["message"], body["message"]


def test_going_back_to_that_match_after_an_aside(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds do Santos x Flamengo")
    chat.say("quando joga o Lakers?")
    body = chat.say("voltando àquele jogo, e o empate?")
    assert "Santos" in body["message"].split("\n")[0] and "Lakers" not in body["message"], body["message"]
