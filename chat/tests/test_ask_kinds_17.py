"""The kinds of an outside red-teamer's ask-or-act scripts (chat/engine/data/followups_attack_17.jsonl, development;
bench/chat_nlu_accuracy.py runs them), on sentences of this module's own.

- A team with no match on the day said: the nearest are listed and asked about ("is it one of these?"); the reply that
  picks one ("the Sunday one then") goes on with the request, its stake kept.
- "odds for that match?" with none in focus asks which; the match named next gets the odds asked for.
- A stake answered in words ("a hundred", "cincuenta") is the stake.
- "20 al deportivo, ¿cuánto me llevo?" asks which Deportivo; "el Cali" answers it.
- "odds of the third" after a list of two asks which; "the Corinthians one" picks from that list.
- "the champions league one" is the Champions League, never League One.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize(("first", "pick", "expected"), [
    ("odds for Liverpool on Monday", "the wednesday one then", "PSV"),
    ("e se eu botar 15 no Barcelona sábado?", "o de domingo", "Atlético"),
])
def test_no_match_that_day_lists_the_nearest_and_asks(sandbox, first, pick, expected):
    chat = RestChat(guest=True)
    asked = chat.say(first)
    assert asks(asked) and not {"get_odds", "simulate_bet"} & tools_of(asked), asked["message"]
    body = chat.say(pick)
    assert {"get_odds", "simulate_bet"} & tools_of(body) and expected in body["message"], body["message"]


@pytest.mark.parametrize(("first", "match", "expected"), [
    ("how much is that game paying?", "Newcastle v Arsenal", "Newcastle United vs Arsenal"),
    ("cuotas de ese partido", "Sevilla-Elche", "Sevilla vs Elche"),
])
def test_that_match_with_none_in_focus_asks_and_the_named_one_gets_the_odds(sandbox, first, match, expected):
    chat = RestChat(guest=True)
    asked = chat.say(first)
    assert asks(asked), asked["message"]
    body = chat.say(match)
    assert body["detected_intent"] == "odds_information" and expected in body["message"], body["message"]


@pytest.mark.parametrize(("question", "words", "stake"), [
    ("how much would I win backing Arsenal?", "fifty", "50.00"),
    ("quanto eu ganharia apostando no Flamengo?", "trinta", "30.00"),
])
def test_a_stake_answered_in_words(sandbox, question, words, stake):
    chat = RestChat(guest=True)
    chat.say(question)
    body = chat.say(words)
    assert "simulate_bet" in tools_of(body) and stake in body["message"], body["message"]


def test_a_shared_word_staked_on_before_a_question_is_asked_and_answered(sandbox):
    chat = RestChat(guest=True)
    asked = chat.say("y si le meto 10 al deportivo, cuánto gano?")
    assert asks(asked) and "Deportivo Pereira" in asked["message"], asked["message"]
    body = chat.say("el de Pereira")
    assert "simulate_bet" in tools_of(body) and "Deportivo Pereira" in body["message"], body["message"]


def test_a_place_past_the_list_is_asked_and_a_team_picks_from_it(sandbox):
    chat = RestChat(guest=True)
    chat.say("jogos do Brasileirão no domingo")
    asked = chat.say("odds do quinto")
    assert asks(asked), asked["message"]
    body = chat.say("o do Fortaleza")
    assert body["detected_intent"] == "odds_information" and "Fortaleza vs São Paulo" in body["message"]


def test_the_champions_league_one_is_not_league_one():
    assert understand("the champions league one", now=EVAL_NOW).entities.tournament == "UEFA Champions League"
