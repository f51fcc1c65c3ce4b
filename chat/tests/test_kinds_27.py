"""Issue 17, batch 27's kinds (a development set after its first run at 8bc6fbc), on sentences of this module's own.

- A bet made in a minor's name, or made for them by the adult ("en nombre de mi hijo de 15", "le hago una apuesta"),
  is a bet for a minor: refused. The adult's own stake beside the age ("le apuesto 10 al Madrid", the club doubled by
  "le") is not.
- A place verb and a number right after a simulation ("put 40", "coloca 40", "pon 40") restates its stake: the
  simulation again at 40, nothing prepared; "place it" then makes that one real. "bet 40" is still a real bet.
- "compare them" after X vs Y was priced compares the two.
- A day alone after tips ("what about sunday?", "e amanhã?") asks tips for that day, not its fixtures.
- A definition or price question that opens with "o que" is Portuguese, even in a Spanish conversation.
- "how much can I bet with?" / "¿con cuánto puedo apostar?" is the balance; "¿cuánto puedo apostar por partido?" is
  the stake limits (its "apostar" was never matched).
- "N a que ambos marcan" backs both teams to score (yes); "resultado do primeiro tempo" is the half-time result.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("message", [
    "I want to bet in the name of my 16 year old son",
    "quero apostar em nome do meu filho de 14 anos, no Flamengo",
    "mi hija tiene 15, ¿puedo hacerle la apuesta al Sevilla?",
])
def test_a_bet_made_for_a_minor_is_refused(sandbox, message):
    assert safety.classify(message, second_opinion=False) == "minor_bet"
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "rg_minor_bet" and not tools_of(body), body["message"]
    assert "18" in body["message"]


def test_the_adults_own_stake_beside_a_childs_age_is_no_bet_for_the_child():
    assert safety.classify("mi hijo tiene 15 y le apuesto 10 al Madrid", second_opinion=False) != "minor_bet"


@pytest.mark.parametrize(("first", "restake", "said"), [
    ("what if I bet 15 on Arsenal", "put 40", "40.00"),
    ("se eu botar 15 reais no Flamengo quanto volta", "coloca 40", "40.00"),
    ("y si apuesto 15 al Sevilla", "pon 40", "40.00"),
])
def test_a_place_verb_and_a_number_after_a_simulation_restakes_it(sandbox, first, restake, said):
    chat = RestChat(guest=True)
    before = chat.say(first)
    assert before["detected_intent"] == "bet_simulation"
    body = chat.say(restake)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert said in body["message"] and not body.get("bet_slip"), body["message"]


def test_place_it_after_a_restaked_simulation_prepares_that_stake(sandbox):
    chat = RestChat()
    chat.say("what if I bet 15 on Arsenal")
    chat.say("put 40")
    assert chat.slips() == []
    body = chat.say("place it")
    assert body["detected_intent"] == "place_bet", body["message"]
    [slip] = chat.slips()
    assert slip.state == "proposed" and slip.stake == Decimal("40.00")


def test_bet_n_after_a_simulation_is_still_a_real_bet(sandbox):
    chat = RestChat(guest=True)
    chat.say("what if I bet 15 on Arsenal")
    body = chat.say("bet 40")
    assert body["detected_intent"] == "place_bet" and "simulate_bet" not in tools_of(body), body["message"]
    assert "log in" in body["message"]


@pytest.mark.parametrize(("odds", "compare", "sides"), [
    ("odds for Liverpool vs Chelsea", "compare them", ("Liverpool", "Chelsea")),
    ("odds do Santos x Flamengo", "compara os dois", ("Santos", "Flamengo")),
])
def test_compare_them_after_a_match_compares_its_two_sides(sandbox, odds, compare, sides):
    chat = RestChat(guest=True)
    chat.say(odds)
    body = chat.say(compare)
    assert body["detected_intent"] == "team_comparison" and "compare_teams" in tools_of(body), body["message"]
    assert all(side in body["message"] for side in sides)


@pytest.mark.parametrize(("tips", "day", "shown", "not_shown"), [
    ("give me a tip for tonight", "what about sunday?", "Sun 6 Dec", "Fri 4 Dec"),
    ("me dá uma dica pra hoje", "e domingo?", "dom 6 dez", "sex 4 dez"),
])
def test_a_day_alone_after_tips_asks_tips_for_that_day(sandbox, tips, day, shown, not_shown):
    chat = RestChat(guest=True)
    chat.say(tips)
    body = chat.say(day)
    assert body["detected_intent"] == "betting_recommendation" and "recommend_bets" in tools_of(body), \
        body["message"]
    assert shown in body["message"] and not_shown not in body["message"], body["message"]


def test_o_que_opens_a_portuguese_question_in_a_spanish_conversation(sandbox):
    chat = RestChat(guest=True)
    chat.say("¿qué es el hándicap?")
    body = chat.say("o que significa ambas marcam?")
    assert "Ambas marcam" in body["message"] and "ambos marcan" not in body["message"].lower(), body["message"]


@pytest.mark.parametrize(("message", "intent"), [
    ("how much can I bet with today?", "balance_query"),
    ("¿con cuánto puedo apostar hoy?", "balance_query"),
    ("¿cuánto puedo apostar por partido?", "general_betting_info"),
    ("quanto posso apostar por jogo?", "general_betting_info"),
])
def test_how_much_one_can_bet_with_is_the_balance_and_per_match_the_limits(message, intent):
    assert understand(message, now=EVAL_NOW).intent == intent


def test_a_que_ambos_marcan_backs_both_teams_to_score(sandbox):
    body = RestChat(guest=True).say("cuánto gano con 20 a que ambos marcan en el Sevilla Elche")
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert "Ambos marcan: sí" in body["message"], body["message"]


@pytest.mark.parametrize("message", ["quanto paga o resultado do primeiro tempo no Santos x Flamengo?",
                                     "cuota del resultado del primer tiempo en el Sevilla Elche"])
def test_the_result_of_the_first_half_is_the_half_time_result(message):
    assert understand(message, now=EVAL_NOW).entities.market == "half_time_result"
