"""Issue 17, batch 4's follow-up and intent kinds, on sentences of their own (in no data file), en/es/pt: multi-turn
through the real REST chat endpoint (the turn service), and through `understand()` for what is read.

- A stake and a side of the match in focus in one message ("stick 12 on the other side", "échale 15 al otro
  equipo", "tacar 25 no adversário"), with a colloquial stake verb: a simulation of that stake on that side.
- Hesitations before a new stake ("umm make that 45", "ehh bueno, que sean 35", "hmm então, 60"): the same
  simulation with the new stake.
- An apology and a negation in any order before "I meant X": the last question about X.
- "and the draw / the over in that match" after an aside: the price of the match in focus; a selection with no stake
  never becomes a simulation waiting for one.
- A real-bet request with nothing to bet on ("put 25 on that please" as the first message): a question back in the
  user's language; a guest is told in the same answer that real bets need a login, never given a slip nor a simulation.
- Odds as a concept (formats, reading them) is general betting info; a newcomer asking how to begin is help.
- A past event beside the request ("after Saturday's defeat") is no date and no market of it.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import ACTING_TOOLS, EVAL_NOW
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("odds, stake_on_side, side, stake", [
    ("what are Newcastle paying this week?", "what if i stick 12 on the other side?", "Arsenal", "12.00"),
    ("Tottenham prices please", "how much would 8 on the away side return?", "Manchester City", "8.00"),
    ("¿cómo están las cuotas del Sevilla?", "¿y si le echo 15 al otro equipo?", "Elche", "15.00"),
    ("me passa as odds do Santos", "e se eu tacar 25 no adversário?", "Flamengo", "25.00"),
])
def test_a_stake_on_a_side_of_the_match_in_focus_is_simulated(sandbox, odds, stake_on_side, side, stake):
    chat = RestChat(guest=True)
    assert chat.say(odds)["detected_intent"] == "odds_information"
    body = chat.say(stake_on_side)
    assert body["detected_intent"] == "bet_simulation", body["message"]
    assert "simulate_bet" in tools_of(body) and "place_bet" not in tools_of(body), body["message"]
    assert side in body["message"] and stake in body["message"]


@pytest.mark.parametrize("first, again, team, stake", [
    ("what if I put 15 on Napoli?", "umm make that 45", "Napoli", "45.00"),
    ("¿y si apuesto 10 al Villarreal?", "ehh bueno, que sean 35", "Villarreal", "35.00"),
    ("e se eu apostar 10 no Bahia?", "hmm então, 60", "Bahia", "60.00"),
])
def test_hesitations_before_a_new_stake_keep_the_simulation(sandbox, first, again, team, stake):
    chat = RestChat(guest=True)
    assert chat.say(first)["detected_intent"] == "bet_simulation"
    body = chat.say(again)
    assert body["detected_intent"] == "bet_simulation", body["message"]
    assert team in body["message"] and stake in body["message"]


@pytest.mark.parametrize("odds, correction, head", [
    ("Everton odds, please", "oops no, i meant Fulham", "Fulham vs Aston Villa"),
    ("¿cuánto pagan por el Getafe?", "no, perdón, quise decir el Valencia", "Osasuna vs Valencia"),
    ("quanto tá pagando o Santos?", "foi mal, não, eu quis dizer o Bahia", "Vasco da Gama vs Bahia"),
])
def test_an_apology_and_a_no_before_i_meant_correct_the_team(sandbox, odds, correction, head):
    chat = RestChat(guest=True)
    chat.say(odds)
    body = chat.say(correction)
    assert body["detected_intent"] == "odds_information", body["message"]
    assert head in body["message"].splitlines()[0]


@pytest.mark.parametrize("odds, aside, back, head", [
    ("Fulham prices, please", "over/under, how does that work?", "alright, and the over in that match?",
     "Fulham vs Aston Villa"),
    ("¿y las cuotas del Villarreal cómo están?", "¿qué es la doble oportunidad?", "bueno, ¿y el empate en ese partido?",
     "Athletic Club vs Villarreal"),
    ("me mostra as odds do Bahia", "o que significa handicap asiático?", "tá, e o empate nesse jogo?",
     "Vasco da Gama vs Bahia"),
])
def test_a_selection_of_the_match_in_focus_after_an_aside_is_its_price(sandbox, odds, aside, back, head):
    chat = RestChat(guest=True)
    chat.say(odds)
    assert chat.say(aside)["detected_intent"] == "general_betting_info"
    body = chat.say(back)
    assert body["detected_intent"] == "odds_information", body["message"]
    assert head in body["message"].splitlines()[0] and "simulate_bet" not in tools_of(body)


@pytest.mark.parametrize("request_text, question, login", [
    ("put 25 on that please", "What do you want to put 25.00 on?", "log in"),
    ("apuéstale 20 a eso por favor", "¿A qué quieres ponerle 20.00?", "inicia sesión"),
    ("aposte 15 nisso pra mim", "Em que você quer colocar 15.00?", "faça login"),
])
def test_a_guest_real_bet_on_nothing_is_asked_what_and_told_to_log_in(sandbox, request_text, question, login):
    body = RestChat(guest=True).say(request_text)
    assert not ACTING_TOOLS & tools_of(body), body
    assert question in body["message"] and login in body["message"], body["message"]


def test_a_signed_in_real_bet_on_nothing_is_asked_and_the_answer_continues_it(sandbox):
    chat = RestChat()
    body = chat.say("put 25 on that please")
    assert not ACTING_TOOLS & tools_of(body), body
    assert "What do you want to put 25.00 on?" in body["message"] and "log in" not in body["message"]
    body = chat.say("Newcastle to win")  # the answer: the real bet with its stake, shown for a yes
    assert body["detected_intent"] == "place_bet" and "place_bet" in tools_of(body), body["message"]
    assert "25.00" in body["message"] and "Newcastle United" in body["message"]


def test_an_unlinked_account_is_asked_what_and_told_to_link_it(sandbox):
    body = RestChat(linked=False).say("put 25 on that please")
    assert not ACTING_TOOLS & tools_of(body) and body["bet_slip"] is None, body
    assert "What do you want to put 25.00 on?" in body["message"] and "Link your ChatBet account" in body["message"]


# --- what is read -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, intent", [
    ("is a +300 price better than 4.0 in decimal?", "general_betting_info"),
    ("how do you turn fractional odds into a percentage", "general_betting_info"),
    ("¿cómo se interpreta una cuota de -150?", "general_betting_info"),
    ("diferença entre odd fracionária e americana?", "general_betting_info"),
    ("first day on this app, what should i try first?", "help"),
    ("me acabo de unir, ¿qué hago primero?", "help"),
    ("sou novato aqui, como começo?", "help"),
])
def test_odds_as_a_concept_and_a_newcomer_s_start(text, intent):
    r = understand(text, now=EVAL_NOW)
    assert r.intent == intent, (r.intent, r.alternatives)
    assert not r.entities.teams, r.entities


@pytest.mark.parametrize("text, team, day", [
    ("odds for Everton after Saturday's defeat?", "Everton", None),
    ("tras la derrota del miércoles, ¿cuánto paga el Getafe el domingo?", "Getafe", "2026-12-06"),
    ("depois da vitória de quarta, quanto paga o Bahia?", "Bahia", None),
])
def test_a_past_event_is_no_date_nor_market_of_the_request(text, team, day):
    entities = understand(text, now=EVAL_NOW).entities
    assert entities.teams == [team] and entities.market is None, entities
    assert (entities.date_from.date().isoformat() if entities.date_from else None) == day, entities


@pytest.mark.parametrize("question, words", [
    ("how should I read a price like +250?", ["American", "+150", "decimal"]),
    ("¿las cuotas fraccionarias cómo funcionan?", ["Fraccionaria (3/2)", "Americana"]),
    ("odd americana é diferente da decimal?", ["Americana", "Decimal (2.50)"]),
    ("how does an accumulator work?", ["1.80 × 2.00 = 3.60"]),
])
def test_odds_formats_and_parlays_are_explained_as_asked(sandbox, question, words):
    body = RestChat(guest=True).say(question)
    assert body["detected_intent"] == "general_betting_info" and not tools_of(body), body
    assert all(word in body["message"] for word in words), body["message"]
