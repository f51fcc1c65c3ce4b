"""Review of the thirteenth session's mends: defects a reviewer found, each by kind on sentences of this module's own,
en/es/pt, through the real REST chat (the turn service) as a signed-in user with a linked ChatBet account:

- a correction "no, <pick>" after a simulation is the new pick (the simulation on it, its stake kept), and a place
  request after it places that pick, never the side corrected away from;
- a shared name said again in an "and X?" switch right after one of its clubs was in focus is the other club for a
  question without money, and asks for a real bet;
- a statement of one's own habits ("never more than 10 at most") with another request is that request, not the
  stake limits; a question about the limits still gets them;
- a 1X2 label with a stake after an odds answer ("put 10 on the 2") is that pick at that stake: a slip to confirm,
  or a simulation for what-if wording.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from betting.models import BetSlip
from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import asks, conversation, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


# --- "no, <pick>" after a simulation ------------------------------------------------------------------------------

@pytest.mark.parametrize("first, correction, place, side, away_from, stake", [
    ("¿y si le pongo 20 al Elche?", "no, al 1", "ponla", "Sevilla", "Elche", Decimal("20.00")),
    ("what if I stake 6 on Chelsea?", "no, the draw", "place it", "Draw", "Chelsea", Decimal("6.00")),
    ("e se eu botar 9 no Flamengo?", "não, o 1", "coloca", "Santos", "Flamengo", Decimal("9.00")),
])
def test_a_correction_after_a_simulation_is_the_new_pick_and_is_what_gets_placed(
        sandbox, first, correction, place, side, away_from, stake):
    chat, bodies = conversation(first, correction)
    body = bodies[-1]
    assert "simulate_bet" in tools_of(body) and side in body["message"].split("(")[0], body["message"]
    assert f"{stake}" in body["message"] and not chat.slips()
    placed = chat.say(place)
    made = chat.slips()
    assert len(made) == 1 and made[0].stake == stake and made[0].state == BetSlip.State.PROPOSED, placed["message"]
    assert side in placed["message"].split("—")[0] and away_from not in placed["message"].split("—")[0]


# --- "and Madrid?" after one of its clubs ------------------------------------------------------------------------

@pytest.mark.parametrize("first, switch, other, focus", [
    ("when do Atlético Madrid play next?", "and Madrid?", "Real Madrid", "Atlético Madrid"),
    ("¿cuándo es el próximo partido del Real Madrid?", "¿y el Madrid?", "Atlético Madrid", "Real Madrid"),
    ("quando joga o Atlético de Madrid?", "e o Madrid?", "Real Madrid", "Atlético Madrid"),
])
def test_a_shared_name_in_a_switch_is_the_other_club_without_money(sandbox, first, switch, other, focus):
    _, bodies = conversation(first, switch)
    body = bodies[-1]
    assert other in body["message"] or asks(body), body["message"]
    assert not (focus in body["message"] and other not in body["message"]), body["message"]


@pytest.mark.parametrize("first, switch", [
    ("when do Atlético Madrid play next?", "and put 10 on Madrid to win"),
])
def test_a_shared_name_in_a_switch_with_money_asks(sandbox, first, switch):
    chat, bodies = conversation(first, switch)
    assert asks(bodies[-1]) and "Real Madrid" in bodies[-1]["message"], bodies[-1]["message"]
    assert "Atlético Madrid" in bodies[-1]["message"] and not chat.slips()


# --- one's own habits are no question about the limits ---------------------------------------------------------

@pytest.mark.parametrize("message", [
    "I usually stake 5 at most, what would you recommend for the weekend?",
    "nunca apuesto más de 20 como máximo, ¿qué me recomiendas para hoy?",
    "aposto no máximo 10 por jogo, alguma dica pra hoje?",
])
def test_a_statement_of_ones_habits_with_a_request_is_that_request(sandbox, message):
    chat, bodies = conversation(message)
    assert "100000.00" not in bodies[-1]["message"], bodies[-1]["message"]
    assert bodies[-1]["detected_intent"] == "betting_recommendation" and not chat.slips(), bodies[-1]


@pytest.mark.parametrize("question", [
    "how much can I bet on a single match?",
    "¿cuánto es lo máximo que se puede apostar?",
    "qual é o máximo que posso apostar?",
])
def test_a_question_about_the_limits_still_gets_them(sandbox, question):
    _, bodies = conversation(question)
    assert "100000.00" in bodies[-1]["message"], bodies[-1]["message"]


# --- a 1X2 label with a stake after odds -------------------------------------------------------------------------

@pytest.mark.parametrize("odds, put, side, stake", [
    ("odds for Arsenal", "put 10 on the 2", "Arsenal", Decimal("10.00")),
    ("cuotas del Sevilla", "mete 15 al 2", "Elche", Decimal("15.00")),
    ("odds do Flamengo", "põe 12 no X", "Empate", Decimal("12.00")),
])
def test_a_label_with_a_stake_after_odds_is_a_slip_on_that_pick(sandbox, odds, put, side, stake):
    chat, bodies = conversation(odds, put)
    body = bodies[-1]
    assert body["detected_intent"] == "place_bet" and side in body["message"].split("—")[0], body["message"]
    made = chat.slips()
    assert len(made) == 1 and made[0].stake == stake and made[0].state == BetSlip.State.PROPOSED


@pytest.mark.parametrize("odds, what_if, side, stake", [
    ("odds for Liverpool", "what if I put 10 on the X?", "Draw", "10.00"),
    ("cuotas del Betis", "¿y si le meto 5 al 1?", "Real Madrid", "5.00"),
])
def test_a_label_with_a_stake_as_a_what_if_after_odds_is_a_simulation(sandbox, odds, what_if, side, stake):
    chat, bodies = conversation(odds, what_if)
    body = bodies[-1]
    assert "simulate_bet" in tools_of(body) and side in body["message"].split("(")[0], body["message"]
    assert stake in body["message"] and not chat.slips()


# --- a bare "no" after a simulation -------------------------------------------------------------------------------

@pytest.mark.parametrize("first, refusal, place, declined", [
    ("what if I put 7 on Liverpool to win?", "nope", "place it", "nothing is placed"),
    ("¿y si le meto 12 al Sevilla?", "no gracias", "colócala", "no se coloca nada"),
    ("e se eu apostar 8 no Palmeiras?", "não", "coloca", "nada é apostado"),
])
def test_a_bare_no_after_a_simulation_turns_it_down_and_leaves_nothing_to_place(
        sandbox, first, refusal, place, declined):
    chat, (simulated, refused) = conversation(first, refusal)
    assert "simulate_bet" in tools_of(simulated)
    assert "simulate_bet" not in tools_of(refused) and declined in refused["message"].lower(), refused["message"]
    after = chat.say(place)
    assert not chat.slips(), after["message"]
