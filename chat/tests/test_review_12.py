"""Review of the twelfth session's follow-up rules: a real slip (or a stake) is never prepared on a side the user did
not choose. A shared name settled by the match in focus serves a simulation only (a real bet on "Madrid" asks which
club); "10 on their game" is their match, not their win; "the away team" after a list nobody picked from asks which
match; a real bet after a list of tips asks which tip. Signed-in users with a linked account, through the REST chat."""

from __future__ import annotations

import pytest

from betting.models import BetSlip
from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, asks

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def conversation(*messages: str) -> tuple[RestChat, dict]:
    chat = RestChat()
    bodies = [chat.say(message) for message in messages]
    return chat, bodies[-1]


def no_slip(chat: RestChat) -> bool:
    return not BetSlip.objects.filter(user=chat.user).exists()


@pytest.mark.parametrize("first, then", [
    ("odds for barcelona", "place 10 on Madrid to win"),
    ("cuotas del barcelona", "apuesta 10 a la victoria del Madrid"),
    ("odds do barcelona", "aposta 10 na vitória do Madrid"),
])
def test_a_real_bet_on_a_shared_name_asks_even_with_one_club_in_focus(sandbox, first, then):
    chat, body = conversation(first, then)
    assert asks(body) and "Real Madrid" in body["message"] and "Atlético Madrid" in body["message"], body["message"]
    assert no_slip(chat)


@pytest.mark.parametrize("first, then", [
    ("odds for chelsea", "place 10 on their game"),
    ("cuotas del sevilla", "apuesta 10 a su partido"),
    ("odds do flamengo", "aposta 10 no próximo jogo deles"),
])
def test_a_real_bet_on_their_game_asks_what_on(sandbox, first, then):
    chat, body = conversation(first, then)
    assert asks(body) and no_slip(chat), body["message"]


def test_a_stake_on_their_game_asks_which_side(sandbox):
    chat, body = conversation("odds for chelsea", "what if I bet 10 on their game?")
    assert asks(body) and "Chelsea" in body["message"] and "draw" in body["message"], body["message"]


@pytest.mark.parametrize("listing, side", [
    ("matches today", "place 10 on the away team"),
    ("partidos de hoy", "apuesta 10 al visitante"),
    ("jogos de hoje", "aposta 10 no mandante"),
    ("matches today", "what if I bet 10 on the home side?"),
])
def test_home_or_away_after_a_list_nobody_picked_from_asks_which_match(sandbox, listing, side):
    chat, body = conversation(listing, side)
    assert asks(body) and body["suggested_actions"] and no_slip(chat), body["message"]


def test_a_real_bet_after_tips_asks_which_match(sandbox):
    chat, body = conversation("tips for the weekend", "bet 10 on it")
    assert asks(body) and no_slip(chat), body["message"]


def test_a_simulation_after_tips_is_still_the_tips_for_that_stake(sandbox):
    chat, body = conversation("tips for the weekend", "what if I bet 50 instead?")
    assert body["detected_intent"] == "betting_recommendation" and "50.00" in body["message"], body["message"]
    assert no_slip(chat)
