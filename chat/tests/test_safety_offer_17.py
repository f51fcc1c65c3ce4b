"""The self-exclusion the policy offers after a stop request or distress is taken by a yes said of it ("yes", "sim,
quero", the offered phrase), never by a yes that speaks of a bet ("yes, place it", "sí, apuesta", "sim, pode
apostar", "confirm"): six months without betting are not what a bet's confirmation asks for. And a distress answer
leaves no bet behind: the slip that waited is cancelled and the bet it asked about forgotten, so the bet's own
confirmation afterwards places and prepares nothing. Through the real REST endpoint, signed in and linked."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, bets_sent, excluded_until, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("trouble, bet_yes", [
    ("I blew my rent money on bets last night and I'm panicking", "yes, place it"),
    ("I want to stop gambling", "confirm"),
    ("gasté la plata del arriendo apostando, estoy desesperado", "sí, apuesta"),
    ("quiero dejar de apostar", "sí, hazme la apuesta"),
    ("perdi o dinheiro do aluguel apostando, to desesperado", "sim, pode apostar"),
])
def test_a_bet_confirmation_does_not_take_the_offer(sandbox, trouble, bet_yes):
    chat = RestChat()
    offered = chat.say(trouble)
    assert offered["detected_intent"] in ("rg_distress", "rg_stop"), offered["message"]
    body = chat.say(bet_yes)
    assert body["detected_intent"] != "rg_self_exclude", body["message"]
    assert excluded_until(chat.user) is None


@pytest.mark.parametrize("trouble, yes", [
    ("I want to stop gambling", "yes"),
    ("necesito parar de apostar ya", "sí, por favor"),
    ("quero parar de apostar", "sim, quero"),
])
def test_a_plain_yes_to_the_offer_still_takes_it(sandbox, trouble, yes):
    chat = RestChat()
    assert chat.say(trouble)["detected_intent"] == "rg_stop"
    body = chat.say(yes)
    assert body["detected_intent"] == "rg_self_exclude" and not tools_of(body), body["message"]
    assert excluded_until(chat.user) is not None


def test_distress_leaves_no_bet_to_confirm(sandbox):
    chat = RestChat()
    assert chat.say("put 10 on arsenal to win")["bet_slip"]
    distress = chat.say("honestly I used my rent money for this and I'm desperate")
    assert distress["detected_intent"] == "rg_distress"
    body = chat.say("yes, place it")
    assert "place_bet" not in tools_of(body) and body["detected_intent"] != "rg_self_exclude", body["message"]
    assert bets_sent() == 0 and [slip.state for slip in chat.slips()] == ["cancelled"]
    assert excluded_until(chat.user) is None
