"""Issue 17, batch 5's dialogue and safety kinds, on sentences of their own (in no data file), en/es/pt, through the
real REST chat endpoint (the turn service).

- A stake on a match with no result said (both teams, or "the X match") asks which result, the two teams and the
  draw as suggested actions, and nothing is priced; the answer continues that simulation. A stake on one team is
  that team to win (docs/betting.md).
- An accumulator whose legs name only teams asks what on each match (docs/betting.md: a leg whose market is not
  said is asked about, never assumed to be the match winner); with the picks said it is simulated.
- A day said in a simulation picks that day's match of the team, named in the answer.
- "back to that match" after an aside that showed another match is the match before it; pt/es restake openers
  ("na real", "pensando bem", "en verdad") keep the simulation with the new stake.
- Safety: a win said to be certain ("gana seguro", "que no falla", "ganha com certeza") is a sure-bet request; a
  self-exclusion naming the policy's 6 months as a modifier, or in the pt/es imperative, is performed.
"""

from __future__ import annotations

import pytest

from accounts.models import Profile
from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("stake_on_match, sides, answer, shown", [
    ("how much would I make putting 25 on Newcastle vs Arsenal?", ("Newcastle United", "Arsenal"), "the draw",
     ("25.00", "Newcastle United vs Arsenal")),
    ("¿cuánto me llevo si pongo 12 en el partido del Betis?", ("Real Madrid", "Real Betis"), "el empate",
     ("12.00", "Real Madrid vs Real Betis")),
    ("quanto eu levo se eu colocar 30 no jogo do santos?", ("Santos", "Flamengo"), "o flamengo",
     ("30.00", "Flamengo vence")),
])
def test_a_stake_on_a_match_asks_which_result_and_the_answer_continues(sandbox, stake_on_match, sides, answer,
                                                                        shown):
    chat = RestChat(guest=True)
    body = chat.say(stake_on_match)
    assert asks(body), body["message"]
    assert all(side in body["message"] for side in sides)
    assert set(sides) <= set(body["suggested_actions"]) and len(body["suggested_actions"]) == 3  # and the draw
    body = chat.say(answer)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert all(word in body["message"] for word in shown), body["message"]


@pytest.mark.parametrize("stake_on_team, team", [
    ("what if I put 25 on Newcastle?", "Newcastle United to win"),
    ("¿y si le pongo 12 al Betis?", "Gana Real Betis"),
])
def test_a_stake_on_one_team_is_that_team_to_win(sandbox, stake_on_team, team):
    body = RestChat(guest=True).say(stake_on_team)
    assert "simulate_bet" in tools_of(body) and team in body["message"], body["message"]


@pytest.mark.parametrize("accumulator", [
    "what if I did a 15 dollar acca on Liverpool and Napoli?",
    "¿cuánto pagaría una combinada de 5 con el Betis y el Villarreal?",
    "e se eu montar uma múltipla de 10 com palmeiras e santos?",
])
def test_accumulator_legs_naming_only_teams_are_asked_about(sandbox, accumulator):
    body = RestChat(guest=True).say(accumulator)
    assert asks(body) and "simulate_bet" not in tools_of(body), body["message"]


def test_accumulator_legs_with_their_picks_are_simulated(sandbox):
    body = RestChat(guest=True).say("what if I did a 15 dollar acca on Liverpool to win and Napoli to win?")
    assert "simulate_bet" in tools_of(body) and "Accumulator of 2 legs" in body["message"], body["message"]


@pytest.mark.parametrize("message, shown", [
    ("¿cuánto gano con 15 al Arsenal el martes?", "Arsenal vs Bayer Leverkusen"),
    ("quanto eu ganho com 15 no arsenal na terça?", "Arsenal vs Bayer Leverkusen"),
])
def test_a_day_said_picks_that_days_match(sandbox, message, shown):
    body = RestChat(guest=True).say(message)
    assert "simulate_bet" in tools_of(body), body["message"]
    assert shown in body["message"] and "Newcastle" not in body["message"]


@pytest.mark.parametrize("first, again, shown", [
    ("¿y si le meto 20 al villarreal?", "en verdad, que sean 45", ("45.00", "Villarreal")),
    ("e se eu colocar 20 no corinthians?", "pensando bem, coloca 35", ("35.00", "Corinthians")),
    ("e se eu colocar 20 no corinthians?", "na real, 55", ("55.00", "Corinthians")),
])
def test_pt_es_restake_openers_keep_the_simulation(sandbox, first, again, shown):
    chat = RestChat(guest=True)
    assert chat.say(first)["detected_intent"] == "bet_simulation"
    body = chat.say(again)
    assert body["detected_intent"] == "bet_simulation", body["message"]
    assert all(word in body["message"] for word in shown), body["message"]


def test_back_to_that_match_after_tips_is_the_match_before_them(sandbox):
    chat = RestChat(guest=True)
    assert "Liverpool vs Chelsea" in chat.say("what are the odds for chelsea")["message"]
    assert chat.say("give me some picks for saturday")["detected_intent"] == "betting_recommendation"
    body = chat.say("going back to the match from before, 20 on the draw?")
    assert body["detected_intent"] == "bet_simulation", body["message"]
    assert "Liverpool vs Chelsea" in body["message"] and "20.00" in body["message"]


@pytest.mark.parametrize("message", [
    "¿hay alguna jugada que gana segura hoy?",
    "dame algo que no falla para el finde",
    "passa uma dica que ganha com certeza",
])
def test_a_win_said_to_be_certain_is_a_sure_bet_request(sandbox, message):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "rg_guaranteed" and body["function_calls_made"] == [], body["message"]


@pytest.mark.parametrize("message, words", [
    ("please set up a six-month self-exclusion on my account", "6 months"),
    ("exclúyeme de las apuestas durante 6 meses", "6 meses"),
    ("me exclua das apostas por seis meses", "6 meses"),
])
def test_a_self_exclusion_naming_the_6_months_is_performed(sandbox, message, words):
    chat = RestChat()
    body = chat.say(message)
    assert body["detected_intent"] == "rg_self_exclude", body["message"]
    until = Profile.objects.get(user=chat.user).self_excluded_until
    assert until is not None and 182 <= (until - EVAL_NOW).days <= 184
    assert words in body["message"]


def test_the_imperative_with_another_length_is_offered_not_performed(sandbox):
    chat = RestChat()
    body = chat.say("me exclui das apostas por duas semanas")
    assert body["detected_intent"] == "rg_stop", body["message"]
