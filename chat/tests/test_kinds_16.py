"""Issue 17, batch 16's follow-up kind, on sentences of this module's own, en/es/pt, through the real REST chat
endpoint (the turn service): a request about "a match" that names none ("what if I put 15 on a draw?") is asked
about with a few of the coming matches as examples ("which match? tell me a team"); a reply naming a match or a club
that is not among the examples answers that question — the request (its stake and side) goes on on that match —
rather than starting a question of its own (a comparison of the two clubs named). A reply asking something else
("odds for X?") is still that question.

Noticed beside it: the examples' chips are the matches themselves, so a tap continues the request (its stake and side
kept) instead of asking for a match's odds; a new request naming a club by a shared word ("simulate 15 on
borussia") is a request of its own (which Borussia is asked, then its win simulated), not a reply about the list."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def _asked(body: dict) -> None:
    assert not {"get_odds", "simulate_bet", "compare_teams"} & set(tools_of(body)), body
    assert "?" in body["message"], body["message"]


@pytest.mark.parametrize("first, reply, stake, match", [
    ("how much would I win with 15 on a draw?", "newcastle against arsenal", "15.00", "Newcastle United vs Arsenal"),
    ("y si apuesto 20 al empate?", "el del barcelona", "20.00", "Barcelona vs Atlético Madrid"),
    ("e se eu apostar 30 no empate?", "barcelona x atlético", "30.00", "Barcelona vs Atlético"),
])
def test_a_match_named_after_an_open_which_match_gets_the_request(first, reply, stake, match, sandbox):
    chat = RestChat(guest=True)
    _asked(chat.say(first))
    body = chat.say(reply)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body
    assert "compare_teams" not in tools_of(body)
    assert stake in body["message"] and match in body["message"], body["message"]


def test_a_reply_asking_the_odds_is_that_question(sandbox):
    chat = RestChat(guest=True)
    _asked(chat.say("what if I put 15 on a draw?"))
    body = chat.say("odds for arsenal?")
    assert body["detected_intent"] == "odds_information" and "simulate_bet" not in tools_of(body), body
    assert "15.00" not in body["message"]


@pytest.mark.parametrize("first, stake", [
    ("what if I put 25 on a draw?", "25.00"),
    ("y si apuesto 40 al empate?", "40.00"),
])
def test_a_tapped_example_continues_the_request(first, stake, sandbox):
    chat = RestChat(guest=True)
    asked = chat.say(first)
    _asked(asked)
    chip = asked["suggested_actions"][1]
    assert " vs " in chip and not chip.lower().startswith(("odds", "cuotas")), asked["suggested_actions"]
    body = chat.say(chip)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body
    assert stake in body["message"] and chip in body["message"], body["message"]


def test_a_new_request_on_a_shared_name_is_its_own_request(sandbox):
    chat = RestChat(guest=True)
    _asked(chat.say("what if I put 25 on a draw?"))
    which = chat.say("simulate 12 on borussia")
    _asked(which)
    assert "Mönchengladbach" in which["message"] and "listed" not in which["message"], which["message"]
    body = chat.say("gladbach")
    assert "simulate_bet" in tools_of(body) and "12.00" in body["message"], body["message"]
    assert "Mönchengladbach to win" in body["message"] and "Draw" not in body["message"], body["message"]
