"""Follow-ups of a real bet through the REST chat endpoint, as QA met them: the answer to the assistant's own
question about a pending real bet continues that real bet (never a simulation), and the turn speaks the
language of the message."""

from __future__ import annotations

import pytest

from betting.models import BetSlip
from chat.tests import factories
from chat.tests.factories import RestChat

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox



def states() -> list[str]:
    return list(BetSlip.objects.order_by("created_at").values_list("state", flat=True))


def test_a_new_stake_for_a_shown_slip_is_a_new_real_slip(sandbox):
    chat = RestChat()
    shown = chat.say("bet 10 on Real Madrid to win")["message"]
    assert "Please confirm" in shown and "10.00 USD" in shown
    changed = chat.say("actually make it 35")
    assert changed["detected_intent"] == "place_bet", changed["message"]
    assert "Real Madrid to win" in changed["message"] and "35.00 USD" in changed["message"]
    assert "yes, place it" in changed["message"]
    assert states() == [BetSlip.State.EXPIRED, BetSlip.State.PROPOSED]  # the old slip superseded
    placed = chat.say("yes, place it")["message"]
    assert placed.startswith("Done:") and "35.00 USD" in placed
    assert states() == [BetSlip.State.EXPIRED, BetSlip.State.PLACED]


def test_the_currency_answered_continues_the_real_bet(sandbox):
    chat = RestChat()
    asked = chat.say("métele 5 mil pesos al Junior")["message"]
    assert "¿Cuánto quieres apostar en USD?" in asked
    answer = chat.say("10 dólares")  # "al Junior" says no market: asked, never the match winner guessed
    assert answer["detected_intent"] == "place_bet", answer["message"]
    assert "¿A qué quieres apostar" in answer["message"] and not BetSlip.objects.exists()
    slip = chat.say("que gane el Junior")["message"]
    assert "Junior" in slip and "10.00 USD" in slip and "sí, apuesta" in slip, slip
    assert states() == [BetSlip.State.PROPOSED]


def test_the_market_answered_continues_the_real_bet(sandbox):
    chat = RestChat()
    asked = chat.say("apuesta 50000 al Barcelona")["message"]
    assert "¿A qué quieres apostar" in asked
    answer = chat.say("que gane el Barcelona")
    assert answer["detected_intent"] == "place_bet", answer["message"]
    assert "saldo" in answer["message"].lower(), answer["message"]  # 50000 USD: the balance refuses it
    assert not BetSlip.objects.exists()


def test_a_bare_yes_to_the_market_question_asks_again(sandbox):
    chat = RestChat()
    chat.say("apuesta 10 al Barcelona")
    again = chat.say("sí")
    assert "¿A qué quieres apostar" in again["message"], again["message"]
    assert not BetSlip.objects.exists()


@pytest.mark.parametrize(("message", "words"), [
    ("aposta 10 na vitória do Flamengo", ("Flamengo", "10.00 USD", "sim, pode apostar")),
    ("aposte 10 na vitória do Flamengo", ("Flamengo", "10.00 USD", "sim, pode apostar")),
    ("apuesta 10 a la victoria del Barcelona", ("Barcelona", "10.00 USD", "sí, apuesta")),
])
def test_the_noun_form_of_a_bet_is_a_real_bet_request(sandbox, message, words):
    answer = RestChat().say(message)
    assert answer["detected_intent"] == "place_bet", answer["message"]
    assert all(word in answer["message"] for word in words), answer["message"]
    assert states() == [BetSlip.State.PROPOSED]


@pytest.mark.parametrize(("turns", "words", "not_words"), [
    (["minhas apostas"], "Você ainda não", "You have no placed bets"),
    (["show me my bets", "what's my balance?", "mis apuestas"], "Aún no tienes", "You have no placed bets"),
    (["show me my bets", "minhas apostas"], "Você ainda não", "You have no placed bets"),
])
def test_my_bets_answers_in_the_language_of_the_message(sandbox, turns, words, not_words):
    chat = RestChat()
    for message in turns:
        answer = chat.say(message)["message"]
    assert words in answer and not_words not in answer, answer


def test_a_spanish_question_first_is_answered_in_spanish(sandbox):
    answer = RestChat(linked=False).say("¿tienes tenis?")["message"]
    assert "Torneos" in answer and "Tournaments" not in answer, answer


def test_another_question_after_a_real_slip_is_not_a_new_slip(sandbox):
    chat = RestChat()
    chat.say("apuesta 10 a que gana el Arsenal")
    other = chat.say("¿qué partidos hay hoy?")
    assert other["detected_intent"] == "match_schedule" and "Confirma" not in other["message"], other["message"]
    assert states() == [BetSlip.State.EXPIRED]  # withdrawn: the conversation moved on, nothing is waiting
    assert other["bet_slip"]["state"] == "expired"  # and the card says so


def test_what_if_after_a_real_slip_stays_a_simulation(sandbox):
    chat = RestChat()
    chat.say("bet 10 on Real Madrid to win")
    other = chat.say("what if I bet 50 instead?")
    assert other["detected_intent"] != "place_bet" and "Please confirm" not in other["message"], other["message"]
    assert states() == [BetSlip.State.EXPIRED]  # a what-if is not an answer to the slip: it is withdrawn
