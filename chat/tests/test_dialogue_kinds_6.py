"""Issue 17, batch 6's dialogue kinds, on sentences of their own (in no data file), en/es/pt, through the real REST
chat endpoint (the turn service).

- A shared club word written in lower case where only a club stands ("las cuotas del real", "odds do atlético") is
  asked about like the capitalised one; the reply ("la sociedad", "o nacional") continues the odds asked for. A
  correction naming a shared word ("sorry, I meant city") keeps the rest of the corrected club's name.
- A draw staked on a sport without draws (tennis, basketball) is said to be impossible and which side is asked,
  nothing priced; the reply continues the simulation. A stake change with no bet to change ("make it 20 instead"
  as a first message) asks on what, nothing simulated.
- "and after that?" after a team's fixtures lists those after the one in focus; a market asked of a match named
  ("back to the napoli match, both teams to score?") is that match's price, not the market explained; a side named
  as a plain word ("no vasco") answers "on which result?".
- "odds for today's <competition> game" with one such game that day: its odds.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def head(body: dict) -> str:
    return body["message"].splitlines()[0]


@pytest.mark.parametrize("request_, candidates, reply, match", [
    ("dame las cuotas del real", ("Real Madrid", "Real Sociedad"), "la sociedad", "Celta Vigo vs Real Sociedad"),
    ("quero as odds do atlético", ("Atlético Mineiro", "Atlético Nacional"), "o nacional",
     "Atlético Nacional vs Deportivo Pereira"),
    ("show me the odds for real", ("Real Betis", "Real Oviedo"), "the oviedo one", "Real Oviedo vs Mallorca"),
])
def test_a_lower_case_shared_club_word_is_asked_and_the_reply_continues_the_odds(sandbox, request_, candidates,
                                                                                 reply, match):
    chat = RestChat(guest=True)
    body = chat.say(request_)
    assert asks(body) and all(name in body["message"] for name in candidates), body["message"]
    assert set(candidates) <= set(body["suggested_actions"])
    body = chat.say(reply)
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body["message"]
    assert match in head(body)


@pytest.mark.parametrize("first, correction, match", [
    ("odds for deportivo cali", "no perdón, quise decir america", "América de Cali"),
    ("odds for manchester united", "sorry i meant city", "Manchester City"),
    ("odds for Real Madrid", "no, I meant Atletico", "Barcelona vs Atlético Madrid"),
])
def test_a_correction_naming_a_shared_word_keeps_the_rest_of_the_name(sandbox, first, correction, match):
    chat = RestChat(guest=True)
    chat.say(first)
    body = chat.say(correction)
    assert body["detected_intent"] == "odds_information" and match in head(body), body["message"]


@pytest.mark.parametrize("stake, sides, reply, shown", [
    ("what if I put 20 on a draw in the pacers game", ("Indiana Pacers", "Los Angeles Lakers"), "the lakers",
     "Los Angeles Lakers"),
    ("¿y si apuesto 15 al empate en el partido de alcaraz?", ("Carlos Alcaraz",), "alcaraz", "Carlos Alcaraz"),
])
def test_a_draw_on_a_sport_without_draws_is_explained_and_asked(sandbox, stake, sides, reply, shown):
    chat = RestChat(guest=True)
    body = chat.say(stake)
    assert asks(body) and all(side in body["message"] for side in sides), body["message"]
    assert any(word in body["message"] for word in ("can't end in a draw", "no puede terminar en empate"))
    assert not any("draw" in action.lower() or "empate" in action.lower() for action in body["suggested_actions"])
    body = chat.say(reply)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert shown in body["message"]


def test_a_draw_after_a_tennis_match_s_odds_is_asked_not_priced(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds do jogo do sinner")
    body = chat.say("e se eu apostar 5 no empate?")
    assert asks(body) and "não pode terminar empatado" in body["message"], body["message"]


@pytest.mark.parametrize("message, words", [
    ("make it 20 instead", "no bet to change"),
    ("mejor que sean 40", "no hay ninguna apuesta que cambiar"),
    ("na verdade faz 15", "não há aposta para mudar"),
])
def test_a_stake_change_with_no_bet_to_change_asks_on_what(sandbox, message, words):
    body = RestChat(guest=True).say(message)
    assert asks(body) and words in body["message"], body["message"]
    assert not tools_of(body)


@pytest.mark.parametrize("first, after, next_match, gone", [
    ("when does arsenal play next", "and the one after?", "Arsenal vs Bayer Leverkusen", "Newcastle United vs Arsenal"),
    ("¿cuándo juega el barcelona?", "¿y después?", "Valencia vs Barcelona", "Barcelona vs Atlético Madrid"),
    ("quando o flamengo joga?", "e depois?", "Vitória vs Flamengo", "Santos vs Flamengo"),
])
def test_and_after_that_continues_the_team_s_fixtures(sandbox, first, after, next_match, gone):
    chat = RestChat(guest=True)
    chat.say(first)
    body = chat.say(after)
    assert body["detected_intent"] == "match_schedule", body["message"]
    assert next_match in body["message"] and gone not in body["message"]


@pytest.mark.parametrize("first, aside, back, match, market", [
    ("odds for napoli", "what's my balance", "back to the napoli match, what about both teams to score?",
     "Bologna vs Napoli", "btts"),
    ("cuotas del betis", "cuánto saldo tengo", "volviendo al partido del betis, ¿cómo está el over/under?",
     "Real Madrid vs Real Betis", "over_under"),
])
def test_a_market_asked_of_a_match_is_its_price(sandbox, first, aside, back, match, market):
    chat = RestChat(guest=True)
    chat.say(first)
    chat.say(aside)
    body = chat.say(back)
    assert body["detected_intent"] == "odds_information" and match in head(body), body["message"]
    calls = [call for call in body["function_calls_made"] if call["name"] == "get_odds"]
    assert calls and calls[0]["arguments"].get("market") == market


@pytest.mark.parametrize("stake, side, shown", [
    ("e se eu apostar 15 no jogo do vasco", "no vasco", ("15.00", "Vasco da Gama vence")),
    ("¿y si apuesto 20 al partido del sevilla?", "al sevilla", ("20.00", "Gana Sevilla")),
])
def test_a_side_named_as_a_plain_word_answers_which_result(sandbox, stake, side, shown):
    chat = RestChat(guest=True)
    assert asks(chat.say(stake))
    body = chat.say(side)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert all(word in body["message"] for word in shown), body["message"]


@pytest.mark.parametrize("message, match", [
    ("cuotas del partido de la premier de hoy", "Leeds United vs Manchester United"),
    ("odds do jogo de hoje da liga betplay", "Independiente Santa Fe vs Independiente Medellín"),
])
def test_the_one_game_of_a_competition_today_is_priced(sandbox, message, match):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body["message"]
    assert match in head(body)
