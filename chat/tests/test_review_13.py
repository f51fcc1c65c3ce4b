"""Review of the thirteenth session: defects a reviewer found, each by kind on sentences of this module's own, en/es/pt,
through the real REST chat (the turn service) as a signed-in user with a linked ChatBet account:

- "el Madrid" follows the one rule of a shared name: a real bet on it asks which club in every wording (it prepared
  a slip on Real Madrid where "del Madrid" asked), settled only by the match named (its opponent), never by the day,
  the competition or the match in focus; an odds or schedule question asks as "Madrid" does; and the reply that says
  the shared name again asks again (it picked Real Madrid);
- 1X2 slang after a simulation or odds ("pon el 2", "faz o 2", "put it on the X") is the pick, not a stake of 2 nor
  the 2nd of the month; a bare "2" answering "how much?" stays a stake;
- a stake restated with a place request ("make it 30 and place it") is a slip at the new stake, to confirm;
- "make it the draw" after a simulation is the same simulation on the draw, the stake kept;
- a question about the stake limits gets the limits the code enforces, not the odds explainer.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from accounts.tests.factories import UserFactory
from betting.models import BetSlip
from betting.tests.factories import link_user
from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, asks, conversation, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox
CLUBS = ("Real Madrid", "Atlético Madrid")


def asks_which_madrid(body: dict) -> bool:
    return asks(body) and all(club in body["message"] for club in CLUBS)


# --- "el Madrid": one rule for a shared name -------------------------------------------------------------------

@pytest.mark.parametrize("messages", [
    ("quiero apostar 15 a que gana el Madrid",),
    ("cuotas del sevilla", "quiero apostar 20 a que gana el Madrid"),
    ("bet 15 on el Madrid to win",),
])
def test_a_real_bet_on_el_madrid_asks_which_club(sandbox, messages):
    chat, bodies = conversation(*messages)
    assert asks_which_madrid(bodies[-1]), bodies[-1]["message"]
    assert not chat.slips()


@pytest.mark.parametrize("messages", [
    ("put 10 on Madrid to win on Sunday",),  # only Atlético plays on Sunday 6 December: still the user's choice
    ("odds for Atlético Madrid", "now bet 10 on Madrid to win"),
    ("combo: 10 on Madrid to win on sunday and Arsenal to win",),
])
def test_a_real_bet_on_a_shared_name_is_not_settled_by_the_day_or_the_focus(sandbox, messages):
    chat, bodies = conversation(*messages)
    assert asks_which_madrid(bodies[-1]), bodies[-1]["message"]
    assert not chat.slips()


def test_a_real_bet_naming_the_match_settles_the_club(sandbox):
    chat, bodies = conversation("quiero apostar 10 a que el Madrid le gana al Betis")
    assert "Real Madrid" in bodies[-1]["message"].split("—")[0] and len(chat.slips()) == 1, bodies[-1]["message"]


@pytest.mark.parametrize("question", ["¿a qué hora juega el Madrid?", "¿cuánto paga el Madrid?"])
def test_el_madrid_without_money_asks_as_del_madrid_does(sandbox, question):
    _, bodies = conversation(question)
    assert asks_which_madrid(bodies[-1]), bodies[-1]["message"]
    assert "El madrid" not in bodies[-1]["message"]  # the question quotes the name, not the sentence's article


def test_el_madrid_with_its_opponent_is_settled_without_money(sandbox):
    _, bodies = conversation("¿cuándo juega el Madrid contra el Betis?")
    assert bodies[-1]["detected_intent"] == "match_schedule" and "Real Madrid vs Real Betis" in bodies[-1]["message"]


@pytest.mark.parametrize("bet, again", [
    ("quiero apostar 15 a que gana el Madrid", "el Madrid"),
    ("bet 15 on Madrid to win", "Madrid"),
])
def test_the_shared_name_said_again_asks_again(sandbox, bet, again):
    chat, bodies = conversation(bet, again)
    assert asks_which_madrid(bodies[-1]), bodies[-1]["message"]
    assert not chat.slips()


@pytest.mark.parametrize("bet, pick", [
    ("quiero apostar 15 a que gana el Madrid", "el atleti"),
    ("aposta 12 na vitória do Madrid", "o segundo"),
])
def test_the_club_picked_continues_the_real_bet(sandbox, bet, pick):
    chat, bodies = conversation(bet, pick)
    body = bodies[-1]
    assert body["detected_intent"] == "place_bet" and "Atlético Madrid" in body["message"].split("—")[0], body
    made = chat.slips()
    assert len(made) == 1 and made[0].state == BetSlip.State.PROPOSED  # shown to confirm, nothing placed


# --- 1X2 labels after a simulation or odds -----------------------------------------------------------------------

@pytest.mark.parametrize("first, label, side, stake", [
    ("¿y si le meto 12 al Sevilla?", "pon el 2", "Elche", "12.00"),
    ("e se eu apostar 15 no Flamengo?", "faz o 1", "Santos", "15.00"),
    ("what if I put 8 on Liverpool?", "go with the 2 instead", "Chelsea", "8.00"),
])
def test_a_1x2_label_after_a_simulation_is_the_pick(sandbox, first, label, side, stake):
    chat, bodies = conversation(first, label)
    body = bodies[-1]
    assert "simulate_bet" in tools_of(body) and side in body["message"].split("(")[0], body["message"]
    assert stake in body["message"] and not chat.slips()


def test_the_x_after_a_simulation_is_the_draw(sandbox):
    chat, bodies = conversation("what if I put 8 on Liverpool?", "make it the X")
    body = bodies[-1]
    assert "simulate_bet" in tools_of(body) and "Draw" in body["message"] and "8.00" in body["message"], body
    assert not chat.slips()


@pytest.mark.parametrize("odds, label, side, wrong", [
    ("cuotas del Betis", "pon el 2", "Real Betis", "2 ene"),
    ("odds do Santos", "faz o 2", "Flamengo", "2 jan"),
])
def test_a_1x2_label_after_odds_asks_the_stake_of_that_pick(sandbox, odds, label, side, wrong):
    chat, bodies = conversation(odds, label)
    body = bodies[-1]
    assert asks(body) and side in body["message"] and wrong not in body["message"], body["message"]
    assert not chat.slips()


def test_a_label_put_for_real_after_a_simulation_is_a_slip_on_that_side(sandbox):
    chat, bodies = conversation("what if I put 8 on Liverpool?", "put it on the 2")
    body = bodies[-1]
    assert body["detected_intent"] == "place_bet" and "Chelsea to win" in body["message"], body["message"]
    made = chat.slips()
    assert len(made) == 1 and made[0].stake == Decimal("8.00") and made[0].state == BetSlip.State.PROPOSED


@pytest.mark.parametrize("first, how_much, stake", [
    ("what if I bet on Liverpool to win?", "2", "2.00"),
    ("¿y si apuesto al Sevilla?", "2", "2.00"),
])
def test_a_bare_2_answering_how_much_stays_a_stake(sandbox, first, how_much, stake):
    _, bodies = conversation(first, how_much)
    assert "simulate_bet" in tools_of(bodies[-1]) and stake in bodies[-1]["message"], bodies[-1]["message"]


# --- a stake restated with a place request ----------------------------------------------------------------------

@pytest.mark.parametrize("bet, restate, stake", [
    ("bet 10 on Liverpool to win", "make it 30 and place it", Decimal("30.00")),
    ("apuesta 10 a que gana el Sevilla", "ponle 25 y colócala", Decimal("25.00")),
    ("aposta 10 na vitória do Flamengo", "bota 40 e coloca", Decimal("40.00")),
    ("¿y si le meto 10 al Sevilla?", "hazlo 30 y colócala", Decimal("30.00")),
])
def test_a_new_stake_and_place_it_is_a_slip_at_the_new_stake(sandbox, bet, restate, stake):
    chat, bodies = conversation(bet, restate)
    body = bodies[-1]
    assert body["detected_intent"] == "place_bet" and f"{stake}" in body["message"], body["message"]
    waiting = [slip for slip in chat.slips() if slip.state == BetSlip.State.PROPOSED]
    assert [slip.stake for slip in waiting][-1:] == [stake]
    assert not [slip for slip in chat.slips() if slip.state not in (BetSlip.State.PROPOSED, "cancelled", "expired")]


# --- "make it the draw" after a simulation ----------------------------------------------------------------------

@pytest.mark.parametrize("first, change, draw, stake", [
    ("what if I put 8 on Liverpool?", "make it the draw", "Draw", "8.00"),
    ("¿y si le meto 12 al Sevilla?", "mejor ponlo al empate", "Empate", "12.00"),
    ("e se eu apostar 15 no Flamengo?", "melhor no empate", "Empate", "15.00"),
])
def test_the_draw_after_a_simulation_is_the_same_simulation_on_the_draw(sandbox, first, change, draw, stake):
    chat, bodies = conversation(first, change)
    body = bodies[-1]
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert draw in body["message"].split("(")[0] and stake in body["message"]
    assert not chat.slips()


# --- the stake limits ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, words", [
    ("what's the most I'm allowed to stake on one game?", ("100000.00", "0.01", "24")),
    ("¿existe un límite de apuesta por partido?", ("100000.00", "0.01", "24 horas")),
    ("qual é o valor mínimo de uma aposta?", ("100000.00", "0.01", "24 horas")),
])
def test_a_question_about_stake_limits_gets_the_limits(sandbox, question, words):
    chat, bodies = conversation(question)
    body = bodies[-1]
    assert body["detected_intent"] == "general_betting_info" and all(w in body["message"] for w in words), body
    assert "implied probability" not in body["message"].lower() and not chat.slips()


def test_the_limits_answer_names_the_users_own_daily_limit(sandbox):
    user = link_user(UserFactory(), daily_stake_limit=Decimal("50"))
    body = RestChat(user=user).say("is there a cap on how much I can bet?")
    assert "50.00" in body["message"] and "100000.00" in body["message"], body["message"]
