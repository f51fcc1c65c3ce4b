"""Issue 17, batch 22's kinds, on sentences of this module's own.

- Distancing oneself from gambling ("me quiero alejar del juego", "quero ficar longe das apostas", "I need to get
  away from betting") is a request to stop: the self-exclusion is offered, nothing else answered; the same verbs said
  of a player or of one match ("se quiere retirar del juego", "ficar longe do jogo do Flamengo") are not.
- "What's on <day> in <competition>" is that day's schedule of the competition, in every language, never a
  clarifying question.
- "pesos" named with their country are that country's pesos ("pesos mexicanos" was read as Colombian pesos).
- "put 25 on them" after an odds answer is a real bet on the team in focus: a slip to confirm when signed in.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, excluded_until, send, signed_in, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("message", [
    "me quiero alejar del juego",
    "necesito apartarme de las apuestas un tiempo",
    "me tengo que alejar de apostar",
    "quero ficar longe das apostas",
    "preciso me distanciar do jogo",
    "I need to get away from betting",
    "i want to distance myself from gambling",
])
def test_distancing_oneself_from_gambling_offers_the_self_exclusion(api_client, sandbox, message):
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_stop" and not tools_of(body), body["message"]
    assert excluded_until(user) is None  # offered, done only on a yes


@pytest.mark.parametrize("message", [
    "el jugador se quiere retirar del juego por lesión?",
    "quero ficar longe do jogo do Flamengo, vai ser tenso",
    "the winger stepped away from the ball",
])
def test_the_same_verbs_said_of_a_player_or_a_match_are_no_stop_request(message):
    assert safety.classify(message) is None


@pytest.mark.parametrize(("message", "head"), [
    ("¿qué hay el lunes en la premier?", "Burnley vs Brighton & Hove Albion"),
    ("o que tem segunda na premier?", "Burnley vs Brighton & Hove Albion"),
    ("what's on monday in the premier league", "Burnley vs Brighton & Hove Albion"),
])
def test_whats_on_a_day_in_a_competition_is_its_schedule(sandbox, message, head):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "match_schedule" and tools_of(body) == {"find_fixtures"}, body["message"]
    assert head in body["message"]


@pytest.mark.parametrize(("message", "currency"), [
    ("si apuesto 20 mil pesos mexicanos al América cuánto gano", "MXN"),
    ("what would 500 chilean pesos on Arsenal return", "CLP"),
    ("apuesto 100 pesos argentinos a Boca", "ARS"),
    ("si apuesto 20 mil pesos colombianos al Junior", "COP"),
])
def test_pesos_named_with_their_country_are_that_countrys(message, currency):
    assert understand(message, now=EVAL_NOW).entities.currency == currency


def test_put_an_amount_on_them_after_odds_prepares_that_bet(sandbox):
    chat = RestChat()
    chat.say("arsenal odds tomorrow")
    body = chat.say("put 25 on them")
    assert body["detected_intent"] == "place_bet" and "place_bet" in tools_of(body), body["message"]
    [slip] = chat.slips()
    assert slip.state == "proposed" and str(slip.stake) == "25.00" and "Arsenal to win" in body["message"]


# "20 mil pesos" names no country: which pesos is asked before a simulation states a currency, and the reply that
# names one continues that simulation (b20-32's kind, on sentences of this module's own)
_WHICH_PESOS = {"es": "¿Qué pesos", "en": "Which pesos"}


@pytest.mark.parametrize(("first", "reply", "code"), [
    ("si le meto 30 mil pesos al Junior cuánto me devuelve", "colombianos", "COP"),
    ("y si apuesto 15 mil pesos al Real Madrid, qué gano?", "pesos mexicanos", "MXN"),
    ("how much would 4,000 pesos on the Knicks pay", "argentine", "ARS"),
])
def test_pesos_with_no_country_are_asked_then_simulated_in_the_ones_named(sandbox, first, reply, code):
    chat = RestChat(guest=True)
    asked = chat.say(first)
    assert asked["detected_intent"] == "clarification" and not tools_of(asked), asked["message"]
    assert asked["message"].startswith(tuple(_WHICH_PESOS.values())) and "COP" in asked["message"]
    answered = chat.say(reply)
    assert answered["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(answered)
    assert f" {code}" in answered["message"], answered["message"]
    assert code == "COP" or "COP" not in answered["message"]  # never the Colombian pesos of a guess


def test_a_reply_that_names_no_currency_is_a_question_of_its_own(sandbox):
    chat = RestChat(guest=True)
    chat.say("si le meto 30 mil pesos al Junior cuánto me devuelve")
    body = chat.say("cuándo juega el Junior?")
    assert body["detected_intent"] == "match_schedule" and "simulate_bet" not in tools_of(body), body["message"]


def test_an_account_in_pesos_means_those(sandbox):
    from accounts.tests.factories import UserFactory
    from betting.tests.factories import link_user

    chat = RestChat(user=link_user(UserFactory(), currency="COP"))
    body = chat.say("si le meto 30 mil pesos al Junior cuánto me devuelve")
    assert body["detected_intent"] == "bet_simulation" and "30000.00 COP" in body["message"], body["message"]


def test_a_real_bet_in_pesos_from_an_account_in_dollars_is_refused_not_converted(sandbox):
    chat = RestChat()
    body = chat.say("apuesta 30 mil pesos al Junior")
    assert "pesos" in body["message"] and "USD" in body["message"] and not chat.slips(), body["message"]


@pytest.mark.parametrize("message", [
    "ya no quiero saber nada de apuestas nunca más",
    "não quero mais saber de apostas",
    "se acabó para mí esto de apostar, lo dejo",
    "acabou pra mim essa história de apostar",
])
def test_wanting_nothing_more_to_do_with_betting_is_a_stop_request(message):
    assert safety.classify(message, second_opinion=False) == "stop"


@pytest.mark.parametrize("message", ["acabo de apostar 20 al Madrid", "terminou as apostas de hoje?"])
def test_a_bet_just_made_or_todays_bets_ended_are_no_stop_request(message):
    assert safety.classify(message) is None
