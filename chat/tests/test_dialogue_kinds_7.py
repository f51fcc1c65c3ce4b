"""Issue 17, batch 7's dialogue kinds, on sentences of their own (in no data file), en/es/pt, through the real REST
chat endpoint (the turn service).

- "On which result?" after a what-if on a team's match, answered with a side by its role ("the away team", "al
  visitante", "o mandante"): the simulation with the stake asked about, on that side, never the match's odds.
  A stake on a side by its role in a sentence naming the match ("5 on the away side in Everton vs Sunderland") is
  the match result on that side.
- "back to the first one", "regresa al partido anterior", "volta pro jogo de antes" after two matches' answers: the
  match in focus before the last one, with the market asked of it; "back to that match" after an aside is still
  the last one.
- "e se fosse no Palmeiras?" / "what if it was on Arsenal?" after a simulation: the same simulation (its stake) on
  that team; "and what if Arsenal loses?" is never Arsenal to win.
- A recommendation asked for a match named as one ("the merseyside derby", "o fla-flu", "X vs Y") that is not in the
  calendar says so and shows the two clubs' nearest matches, never ideas on other matches; "a quién le apuesto",
  "em quem eu aposto" asks who to back, never a real bet.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def head(body: dict) -> str:
    return body["message"].splitlines()[0]


def simulated(body: dict) -> bool:
    return body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body)


@pytest.mark.parametrize("stake, role, shown, gone", [
    ("what if I put 25 on the everton game", "the away team", ("Sunderland to win", "25.00"), "Everton to win"),
    ("what if i stake 8 on the napoli match", "hmm the home side", ("Bologna to win", "8.00"), "Napoli to win"),
    ("¿y si le apuesto 12 al partido del betis?", "al visitante", ("Gana Real Betis", "12.00"), "Gana Real Madrid"),
    ("e se eu apostar 30 no jogo do bahia?", "no mandante", ("Vasco da Gama vence", "30.00"), "Bahia vence"),
])
def test_a_side_by_its_role_answers_which_result(sandbox, stake, role, shown, gone):
    chat = RestChat(guest=True)
    assert asks(chat.say(stake))
    body = chat.say(role)
    assert simulated(body), body["message"]
    assert all(word in body["message"] for word in shown) and gone not in body["message"], body["message"]


@pytest.mark.parametrize("message, side", [
    ("what do i win betting 5 on the away side in everton vs sunderland", "away"),
    ("cuánto me llevo si pongo 20 al local en el sevilla elche", "home"),
    ("quanto eu ganho com 10 no mandante em corinthians x cruzeiro", "home"),
    ("y si le meto 7 al visitante en el real madrid betis", "away"),
])
def test_a_stake_on_a_side_by_its_role_is_the_match_result(message, side):
    result = understand(message, now=datetime(2026, 12, 4, 15, tzinfo=UTC), timezone="UTC")
    assert result.intent == "bet_simulation"
    assert (result.entities.market, result.entities.selection) == ("1x2", side)


@pytest.mark.parametrize("message, shown", [
    ("what do i win betting 5 on the away side in everton vs sunderland", ("Sunderland to win", "5.00")),
    ("cuánto me llevo si pongo 20 al local en el sevilla elche", ("Gana Sevilla", "20.00")),
])
def test_a_simulation_on_a_side_by_its_role_backs_that_side(sandbox, message, shown):
    body = RestChat(guest=True).say(message)
    assert simulated(body) and all(word in body["message"] for word in shown), body["message"]


@pytest.mark.parametrize("first, second, back, match, market_word", [
    ("odds for liverpool", "what about arsenal", "back to the first one, over under", "Liverpool vs Chelsea",
     "Over 3.5 goals"),
    ("cuotas del betis", "¿y las del sevilla?", "regresa al partido anterior, el empate", "Real Madrid vs Real Betis",
     "Empate"),
    ("odds do flamengo", "e do palmeiras?", "volta pro jogo de antes, quero o empate", "Santos vs Flamengo",
     "Empate"),
])
def test_going_back_to_the_earlier_match_answers_on_it(sandbox, first, second, back, match, market_word):
    chat = RestChat(guest=True)
    chat.say(first)
    assert match not in head(chat.say(second))
    body = chat.say(back)
    assert body["detected_intent"] == "odds_information" and match in head(body), body["message"]
    assert market_word in body["message"]


def test_the_earlier_match_is_remembered_while_the_focus_stays(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds for liverpool")
    chat.say("and for arsenal?")
    assert "Newcastle United vs Arsenal" in head(chat.say("and the draw?"))
    body = chat.say("ok take me back to the earlier match, both teams to score")
    assert "Liverpool vs Chelsea" in head(body) and "Both teams to score" in body["message"], body["message"]


def test_back_to_that_match_after_an_aside_is_the_last_one(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds for liverpool")
    chat.say("and for arsenal?")
    chat.say("what's my balance")
    body = chat.say("back to that match, the draw")
    assert "Newcastle United vs Arsenal" in head(body), body["message"]


@pytest.mark.parametrize("first, again, shown, gone", [
    ("quanto ganho com 40 reais no corinthians?", "e se fosse no palmeiras?", ("Palmeiras", "40.00"), "Corinthians"),
    ("¿cuánto gano con 15 al betis?", "¿y si fuera al sevilla?", ("Gana Sevilla", "15.00"), "Betis"),
    ("what would 30 on everton return", "what if it was on arsenal?", ("Arsenal to win", "30.00"), "Everton"),
])
def test_a_what_if_on_another_team_reruns_the_simulation(sandbox, first, again, shown, gone):
    chat = RestChat(guest=True)
    assert simulated(chat.say(first))
    body = chat.say(again)
    assert simulated(body), body["message"]
    assert all(word in body["message"] for word in shown) and gone not in body["message"], body["message"]


@pytest.mark.parametrize("message, match, words", [
    ("who should I back in the merseyside derby?", "Liverpool vs Everton", "There is no"),
    ("¿a quién le voy en el derbi madrileño?", "Atlético Madrid vs Real Madrid", "No hay ningún partido"),
    ("dica pro fla-flu", "Flamengo vs Fluminense", "Não há nenhum jogo"),
    ("any tip for arsenal vs chelsea", "Arsenal vs Chelsea", "There is no"),
])
def test_a_recommendation_for_a_match_not_on_says_so(sandbox, message, match, words):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "betting_recommendation", body["message"]
    assert words in head(body) and match in head(body), body["message"]
    assert "recommend_bets" not in tools_of(body)


def test_a_recommendation_for_a_match_that_is_on_still_gives_ideas(sandbox):
    body = RestChat(guest=True).say("who should I back in newcastle vs arsenal")
    assert "recommend_bets" in tools_of(body) and "Newcastle United vs Arsenal" in body["message"], body["message"]


@pytest.mark.parametrize("first, loses, wrong", [
    ("what if i bet 20 on chelsea", "and what if arsenal loses?", "Arsenal to win"),
    ("quanto ganho com 50 no flamengo", "e se o palmeiras perder?", "Palmeiras vence"),
])
def test_a_what_if_on_a_team_losing_never_simulates_it_winning(sandbox, first, loses, wrong):
    chat = RestChat(guest=True)
    assert simulated(chat.say(first))
    body = chat.say(loses)
    assert wrong not in body["message"], body["message"]


def test_back_to_the_first_half_stays_on_the_match_in_focus(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds for liverpool")
    chat.say("and for arsenal?")
    chat.say("and the draw?")
    body = chat.say("back to the first half odds please")
    assert "Newcastle United vs Arsenal" in head(body), body["message"]


@pytest.mark.parametrize("message", ["¿a quién le apuesto en el derbi madrileño?", "em quem eu aposto no fla-flu?"])
def test_asking_who_to_back_is_never_a_real_bet(sandbox, message):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "betting_recommendation", body["message"]
    assert not body["bet_slip"] and "vs" in head(body), body["message"]
