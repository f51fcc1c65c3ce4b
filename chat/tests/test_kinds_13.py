"""Issue 17, batch 13's kinds, on sentences of their own (in no data file), en/es/pt, through the real REST chat
endpoint (the turn service), and at the policy (`safety.classify`) or the NLU (`understand()`) where the kind is a
reading:

- a signed-in user asking to limit their own deposits, stakes or spending, in any of the three languages and however
  it is worded ("cap what I put in each week", "limitar cuánto meto al mes", "um teto no que eu deposito"), gets the
  limit answer (the profile's daily stake limit first, self-exclusion offered for a full break), never the plain
  self-exclusion offer nor a balance; the product's maximum ("is there a limit on the stake?"), a market's
  "over/under limit" and one's deposits asked about are not a limit request;
- a stake restated as a hypothesis ("and if it were 30?", "¿y si fueran 20?", "e se fosse 35?") re-runs the
  simulation at that stake on the same selection;
- a correction opened by a discourse marker ("na real, quis dizer ...", "en realidad, digo ...", "well actually I
  meant ...") answers the last question about the club meant, São Paulo (a club named after a city) included;
- how winnings are worked out is general betting information (one's winnings so far stay a balance question), and a
  colloquial "what can one do here" is help.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, excluded_until, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox
NOW = datetime(2026, 12, 4, 15, tzinfo=UTC)

# --- a limit on one's own money -----------------------------------------------------------------------------------

LIMITS = [
    ("could i cap what i put in each week?", "en"), ("i'd like to limit how much money i can deposit per day", "en"),
    ("set up a monthly spending limit for me", "en"), ("put a ceiling on the amount i stake", "en"),
    ("i want to limit myself to 30 a week", "en"),
    ("quiero limitar cuánto meto al mes", "es"), ("me gustaría ponerle un tope a la plata que deposito", "es"),
    ("¿puedo fijar un límite semanal a mis depósitos?", "es"), ("necesito restringir lo que gasto en apuestas", "es"),
    ("quisiera limitarme a 20 euros por día", "es"),
    ("dá pra botar um teto no que eu deposito por semana?", "pt_br"),
    ("quero limitar o quanto eu aposto por dia", "pt_br"),
    ("preciso definir um limite pros meus depósitos mensais", "pt_br"), ("limite meus gastos, por favor", "pt_br"),
]
LIMIT_WORDS = {"en": "daily stake limit", "es": "límite diario", "pt_br": "limite diário"}
NOT_A_LIMIT = [
    "is there a limit on the stake?", "what's the biggest stake you accept?", "¿hay un límite de apuesta por partido?",
    "qual é o limite que eu posso apostar num jogo?", "over/under limit for Chelsea vs Arsenal?",
    "limit the list to 3 matches", "how much did i deposit this week?", "¿cuánto deposité este mes?",
    "quanto eu depositei ontem?", "do you have a betting limit?",
]


@pytest.mark.parametrize("message, language", LIMITS)
def test_a_limit_on_ones_own_money_gets_the_limit_answer_in_every_language(message, language):
    chat = RestChat()
    body = chat.say(message)
    assert body["detected_intent"] == "rg_stop" and body["function_calls_made"] == [], body
    assert LIMIT_WORDS[language] in body["message"], body["message"]
    assert "6 months" in body["message"] or "6 meses" in body["message"]
    assert excluded_until(chat.user) is None  # nothing performed


@pytest.mark.parametrize("message", NOT_A_LIMIT)
def test_the_products_maximum_a_markets_limit_and_ones_deposits_are_no_limit_request(message):
    assert safety.classify(message) in (None, "caution")


def test_a_product_question_about_the_stake_limit_is_answered_not_the_policy():
    body = RestChat().say("is there a limit on the stake?")
    assert not body["detected_intent"].startswith("rg_"), body


# --- a stake restated as a hypothesis -----------------------------------------------------------------------------

@pytest.mark.parametrize("first, then, stake", [
    ("what if i put 10 on arsenal", "and if it were 30?", "30.00"),
    ("what if i put 10 on arsenal", "what if it was 45", "45.00"),
    ("¿y si le apuesto 10 al Barcelona?", "¿y si fueran 20?", "20.00"),
    ("e se eu apostar 10 no Flamengo?", "e se fosse 35?", "35.00"),
    ("e se eu apostar 10 no Flamengo?", "e se for 60?", "60.00"),
])
def test_a_stake_restated_as_a_hypothesis_re_runs_the_simulation(first, then, stake):
    chat = RestChat(guest=True)
    before = chat.say(first)
    assert "simulate_bet" in tools_of(before), before
    after = chat.say(then)
    assert after["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(after), after
    assert stake in after["message"]
    first_line = before["message"].split("(")[1].split(")")[0]  # the match of the first simulation
    assert first_line in after["message"]


# --- a correction opened by a discourse marker --------------------------------------------------------------------

@pytest.mark.parametrize("first, correction, match", [
    ("quanto paga o Santos?", "na real, quis dizer o São Paulo", "São Paulo"),
    ("odds do Flamengo", "pensando bem, eu quis dizer o São Paulo", "São Paulo"),
    ("cuánto paga el Sevilla", "en realidad, digo el Betis", "Betis"),
    ("cuotas del Sevilla", "de hecho, me refería al Betis", "Betis"),
    ("odds for Everton", "well actually i meant chelsea", "Chelsea"),
])
def test_a_correction_after_a_discourse_marker_answers_the_club_meant(first, correction, match):
    chat = RestChat(guest=True)
    chat.say(first)
    body = chat.say(correction)
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body
    assert match in body["message"].splitlines()[0]


# --- intents --------------------------------------------------------------------------------------------------------

INTENTS = {
    "general_betting_info": ["how do they work out what a bet pays", "how are my returns figured",
                             "cómo se sacan las ganancias", "como é feito o cálculo do que eu ganho"],
    "help": ["so what can one actually do here?", "qué se puede hacer en este chat?", "o que dá pra fazer nesse chat?",
             "e aqui, dá pra fazer o quê?"],
    "balance_query": ["how much have i won so far?", "cuánto he ganado hasta hoy", "quanto eu ganhei até agora?"],
}


@pytest.mark.parametrize("intent, message", [(i, m) for i, ms in INTENTS.items() for m in ms])
def test_the_kind_is_read_as_its_intent(intent, message):
    understanding = understand(message, now=NOW, timezone="UTC")
    assert understanding.intent == intent, (message, understanding.intent, understanding.alternatives)


def test_how_winnings_are_worked_out_is_explained_through_the_turn_service():
    body = RestChat(guest=True).say("how are the winnings of a bet worked out?")
    assert body["detected_intent"] == "general_betting_info" and "get_balance" not in tools_of(body), body
