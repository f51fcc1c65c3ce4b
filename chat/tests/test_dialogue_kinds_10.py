"""Issue 17, batch 9's dialogue kinds, on sentences of their own (in no data file), en/es/pt, through the real REST
chat endpoint (the turn service):

- a club said alone as the next turn ("hmm how about roma then", "vale, el junior entonces", "o bahia", a nickname
  such as "o peixe" / "o galo") after odds, a schedule or a simulation, or after their "which match?" / "I don't
  cover" question, is the same question about that club: never a comparison, a simulation or off-topic; a word
  several clubs share said so ("and olympique?") is asked about, and the reply continues the odds;
- a price asked of a club in words of its own ("how much for stade?", "cuánto por el deportivo", "quanto tá o
  independiente", "what's olympique paying") asks which club a shared word means, never acts; "cuánto paga el
  real" typed in lower case asks which Real as the capitalised one does;
- odds in a market no fixture has (corners, cards, scorers) named with the clubs say it is not offered and ask
  which market, never show the 1X2 in its place; the reply ("the over/under then") is that match's market;
- these readings steal no new question: a club alone as a first message, "how about a bet on X", "o Flamengo joga
  hoje?", a date, a comparison's follow-up and a word of chat after odds ("ok nice", "e como?") keep theirs.
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


def conversation(*messages: str) -> list[dict]:
    chat = RestChat(guest=True)
    return [chat.say(message) for message in messages]


def odds_of(body: dict, club: str) -> bool:
    return body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body) and club in head(body)


@pytest.mark.parametrize("first, then, club", [
    ("price for napoli", "hmm how about roma then", "AS Roma"),
    ("odds for arsenal", "ok chelsea then", "Liverpool vs Chelsea"),
    ("odds for liverpool", "what about celtic", "Celtic"),
    ("odds for liverpool", "and porto?", "Porto"),
    ("cuál es la cuota del sevilla", "vale, ¿y el levante?", "Levante"),
    ("cuotas del barcelona", "bueno, el junior entonces", "Millonarios vs Junior"),
    ("quanto paga o palmeiras", "e o santos então", "Santos"),
    ("odds do corinthians", "o bahia", "Vasco da Gama vs Bahia"),
    ("odds do corinthians", "e o peixe?", "Santos"),
    ("odds do corinthians", "o galo", "Atlético Mineiro"),
])
def test_a_club_alone_after_odds_is_its_odds(sandbox, first, then, club):
    body = conversation(first, then)[-1]
    assert odds_of(body, club), (body["detected_intent"], body["message"])


@pytest.mark.parametrize("first, then, club", [
    ("qual a odd?", "o peixe", "Santos"),  # after "which match?"
    ("cuánto pagan hoy?", "el junior", "Millonarios vs Junior"),
    ("cuotas del river plate", "vale, el junior entonces", "Millonarios vs Junior"),  # after "I don't cover"
    ("odds for river plate", "Junior", "Millonarios vs Junior"),
])
def test_a_club_alone_answers_the_question_asked_about_odds(sandbox, first, then, club):
    body = conversation(first, then)[-1]
    assert odds_of(body, club), (body["detected_intent"], body["message"])


@pytest.mark.parametrize("first, then, club", [
    ("when does napoli play", "ok then roma", "AS Roma"),
    ("cuándo juega el betis", "vale, y el sevilla", "Sevilla"),
    ("quando joga o palmeiras", "e o galo?", "Atlético Mineiro"),
])
def test_a_club_alone_after_a_schedule_is_its_schedule(sandbox, first, then, club):
    body = conversation(first, then)[-1]
    assert body["detected_intent"] == "match_schedule" and club in head(body), body["message"]


@pytest.mark.parametrize("first, then, club, stake", [
    ("what if I bet 10 on napoli", "ok then roma", "AS Roma", "10.00"),
    ("y si apuesto 15 al sevilla", "bueno, el betis entonces", "Real Betis", "15.00"),
    ("e se eu apostar 20 no palmeiras", "e o fluminense?", "Fluminense", "20.00"),
])
def test_a_club_alone_after_a_simulation_is_the_same_simulation(sandbox, first, then, club, stake):
    body = conversation(first, then)[-1]
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert club in body["message"] and stake in body["message"]


@pytest.mark.parametrize("first, then, word, reply, club", [
    ("odds for arsenal", "and olympique?", "Olympique", "marseille", "Olympique de Marseille"),
    ("cuotas del barcelona", "¿qué tal el deportivo?", "Deportivo", "el de pereira", "Deportivo Pereira"),
    ("odds do corinthians", "e o borussia?", "Borussia", "o dortmund", "Borussia Dortmund"),
])
def test_a_shared_word_alone_after_odds_asks_which_then_continues(sandbox, first, then, word, reply, club):
    turns = conversation(first, then, reply)
    assert asks(turns[1]) and word in turns[1]["message"], turns[1]["message"]
    assert odds_of(turns[2], club), turns[2]["message"]


def test_a_shared_word_after_a_simulation_keeps_its_stake_for_the_reply(sandbox):
    turns = conversation("e se eu apostar 25 no flamengo", "e o deportivo?", "o de cali")
    assert asks(turns[1]) and "Deportivo" in turns[1]["message"], turns[1]["message"]
    body = turns[2]
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert "Deportivo Cali" in body["message"] and "25.00" in body["message"]


@pytest.mark.parametrize("message, word", [
    ("how much for stade?", "Stade"),
    ("what's olympique paying", "Olympique"),
    ("cuánto por el deportivo", "Deportivo"),
    ("cuánto paga el real", "Real"),
    ("quanto tá o independiente", "Independiente"),
    ("quanto pelo borussia?", "Borussia"),
])
def test_a_price_asked_of_a_shared_word_asks_which_club(sandbox, message, word):
    body = conversation(message)[0]
    assert asks(body) and f"{word} " in body["message"] and body["detected_intent"] == "clarification", \
        body["message"]


@pytest.mark.parametrize("message, match", [
    ("how much for arsenal", "Newcastle United vs Arsenal"),
    ("cuánto por el betis", "Real Madrid vs Real Betis"),
])
def test_a_price_asked_of_one_club_is_its_odds(sandbox, message, match):
    assert odds_of(conversation(message)[0], match)


@pytest.mark.parametrize("message", [
    "corner odds for liverpool v chelsea",
    "first goalscorer odds arsenal chelsea",
    "cuotas de tarjetas del barcelona y el sevilla",
    "odds de escanteios do palmeiras contra o santos",
])
def test_odds_in_a_market_not_offered_are_asked_never_the_1x2(sandbox, message):
    body = conversation(message)[0]
    assert asks(body) and "1X2" not in body["message"], body["message"]
    assert body["function_calls_made"] == []


@pytest.mark.parametrize("first, then, match, words", [
    ("corner odds for liverpool v chelsea", "ok the over/under then", "Liverpool vs Chelsea", "Over/under:"),
    ("cuotas de tarjetas del real madrid y el betis", "entonces el 1x2", "Real Madrid vs Real Betis", "Empate"),
])
def test_the_market_named_after_a_market_not_offered_is_that_matchs(sandbox, first, then, match, words):
    body = conversation(first, then)[-1]
    assert odds_of(body, match) and words in body["message"], body["message"]


def test_a_market_word_in_a_clause_before_the_request_is_no_market_asked(sandbox):
    body = conversation("napoli need a win to qualify, odds for napoli?")[0]
    assert odds_of(body, "Bologna vs Napoli"), body["message"]


def test_the_market_not_offered_is_said_in_the_users_language(sandbox):
    assert "No tengo cuotas" in conversation("cuotas de córners del sevilla contra el betis")[0]["message"]
    assert "Não tenho odds" in conversation("odds de cartões do santos x flamengo")[0]["message"]


# What the follow-up reading must leave alone.

def test_a_club_alone_as_a_first_message_keeps_its_reading(sandbox):
    body = conversation("Lazio")[0]
    assert body["detected_intent"] == "team_comparison" and "get_odds" not in tools_of(body), body["message"]


@pytest.mark.parametrize("first, then, intent", [
    ("odds for napoli", "how about a bet on lazio", "place_bet"),
    ("odds do palmeiras", "o Flamengo joga hoje?", "match_schedule"),
    ("compare napoli and lazio", "and roma?", "team_comparison"),
])
def test_a_new_question_after_odds_keeps_its_reading(sandbox, first, then, intent):
    body = conversation(first, then)[-1]
    assert body["detected_intent"] == intent, (body["detected_intent"], body["message"])


@pytest.mark.parametrize("first, then, club", [
    ("odds for napoli", "ok nice", "Nice"),
    ("cuotas del napoli", "e como?", "Como"),
])
def test_a_word_of_chat_after_odds_is_no_club(sandbox, first, then, club):
    body = conversation(first, then)[-1]
    assert club not in head(body) and "get_odds" not in tools_of(body), body["message"]


def test_a_club_with_a_day_after_odds_is_that_days_question(sandbox):
    body = conversation("odds for napoli", "lazio tomorrow")[-1]
    assert "Bologna vs Napoli" not in head(body), body["message"]
