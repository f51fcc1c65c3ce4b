"""Issue 17, batch 28's kinds (a development set after its first run at b40ab1d), on sentences of this module's own.

- "10 on Manchester": the stake is read on a word that starts catalogue clubs' names too, so the answer to "which
  Manchester?" simulates that stake (it was asked again).
- A simulation asked in a market we do not offer ("15 on cards in X v Y") says so and asks which; the market named
  next ("btts yes then") continues it, the stake kept.
- "entonces las del Sevilla" after a club we don't cover: the NLU torn between two readings, one the last question's,
  takes the last question's.
- "turning 18 next month" is a minor; "ponme en autoexclusión", "quero entrar na autoexclusão" ask for the
  self-exclusion itself.
- "under de 2.5" is the total's line, never a stake of 2.50.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def test_the_stake_on_a_shared_name_is_kept_for_the_clubs_answer(sandbox):
    chat = RestChat(guest=True)
    first = chat.say("what would 10 on Manchester return?")
    assert asks(first) and "Manchester City" in first["message"], first["message"]
    body = chat.say("City")
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert "10.00" in body["message"] and "Manchester City" in body["message"], body["message"]


@pytest.mark.parametrize(("first", "then", "shown"), [
    ("what would 15 on cards in Sevilla v Elche pay", "btts yes then", "15.00"),
    ("quanto volta 10 reais em cartões no Santos x Flamengo?", "então o empate", "10.00"),
])
def test_a_market_named_after_one_not_offered_continues_the_simulation(sandbox, first, then, shown):
    chat = RestChat(guest=True)
    asked = chat.say(first)
    assert asks(asked) and "simulate_bet" not in tools_of(asked), asked["message"]
    body = chat.say(then)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert shown in body["message"], body["message"]


def test_a_reply_torn_between_readings_takes_the_last_questions(sandbox):
    chat = RestChat(guest=True)
    chat.say("cuotas del Coritiba")
    body = chat.say("entonces las del Sevilla")
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body["message"]
    assert "Sevilla" in body["message"]


@pytest.mark.parametrize(("message", "kind"), [
    ("turning 18 next month, odds for Arsenal?", "minor"),
    ("about to turn 18 in june, any tips for the weekend", "minor"),
    ("ponme en autoexclusión", "self_exclude"),
    ("quero entrar na autoexclusão", "self_exclude"),
])
def test_an_age_about_to_be_reached_and_a_self_exclusion_asked_by_name(message, kind):
    assert safety.classify(message, second_opinion=False) == kind


@pytest.mark.parametrize("message", ["he's turning 18 next year, odds for the Lakers?",
                                     "como funciona a autoexclusão?"])
def test_someone_elses_birthday_and_a_question_about_self_exclusion_are_not_those(message):
    assert safety.classify(message, second_opinion=False) not in ("minor", "self_exclude")


@pytest.mark.parametrize(("message", "line"), [("under de 2.5 no jogo do Santos", 2.5),
                                               ("over de 220.5 nos Lakers", 220.5)])
def test_a_total_with_de_before_its_line_is_that_line_and_no_stake(message, line):
    entities = understand(message, now=EVAL_NOW).entities
    assert entities.market == "over_under" and entities.line == line and entities.amount is None
