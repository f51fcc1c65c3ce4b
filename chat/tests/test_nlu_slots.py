"""Slots a user would notice: teams we don't have, words that look like clubs, amounts in words, units."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import Chat

sandbox = factories.sandbox
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def slots(text: str):
    return understand(text, now=NOW).entities


@pytest.mark.parametrize("text", ["odds for Boca Juniors", "partidos del boca juniors", "quando joga o Boca Juniors?"])
def test_a_club_we_do_not_have_is_never_silently_another_one(text):
    assert slots(text).teams == []  # not "Junior"


@pytest.mark.parametrize("text, team", [
    ("partidos del real madris", "Real Madrid"),
    ("when does atletico madird play", "Atlético Madrid"),
    ("odds for manchster city", "Manchester City"),
])
def test_typos_of_multi_word_names_still_resolve(text, team):
    assert slots(text).teams == [team]


@pytest.mark.parametrize("text, team", [
    ("¿cuánto paga la victoria del Betis?", "Real Betis"),
    ("Victoria del Getafe, a cuánto está", "Getafe"),
])
def test_victoria_in_a_spanish_price_question_is_the_word_not_the_club(text, team):
    assert slots(text).teams == [team]


def test_the_club_vitoria_is_still_recognised_by_its_name():
    assert slots("odds for Vitória vs Bahia").teams == ["Vitória", "Bahia"]


@pytest.mark.parametrize("text, amount, currency", [
    ("if I bet fifty on Arsenal what do I win", "50", None),
    ("ten dollars on the draw, what's the return", "10", "USD"),
    ("twenty bucks on Chelsea", "20", "USD"),
    ("si apuesto veinte mil pesos al Junior cuánto gano", "20000", "COP"),
    ("apuesta cincuenta euros al empate", "50", "EUR"),
    ("se eu apostar cinquenta reais no Flamengo", "50", "BRL"),
    ("simula R$ 2.000 no Palmeiras", "2000", "BRL"),
    ("what if I put 1,500 on Milan", "1500", None),
    ("actually make it 35", "35", None),
    ("y si fueran 60?", "60", None),
])
def test_amounts_in_words_separators_and_currencies(text, amount, currency):
    e = slots(text)
    assert e.amount == Decimal(amount) and e.currency == currency


@pytest.mark.parametrize("text", ["the second one", "what about the other one", "one of them"])
def test_small_number_words_are_not_stakes(text):
    assert slots(text).amount is None


def test_a_team_we_do_not_cover_gets_not_covered_and_real_suggestions(sandbox):
    answer = Chat().say("odds for Boca Juniors")
    assert "don't cover" in answer.text and "boca juniors" in answer.text.lower()
    assert not any(call["name"] == "get_odds" for call in answer.tool_calls)  # no odds of a guessed team
    assert 2 <= len(answer.suggested_actions) <= 4
    spanish = Chat().say("partidos del Boca Juniors")
    assert "No cubro" in spanish.text and not any(call["name"] == "find_fixtures" for call in spanish.tool_calls)


@pytest.mark.parametrize("team, unit", [("Sinner", "games"), ("the Celtics", "points"), ("Getafe", "goals")])
def test_over_under_lines_carry_the_unit_of_the_sport(sandbox, team, unit):
    answer = Chat().say(f"odds for {team}")
    over_line = next(line for line in answer.text.splitlines() if "Over/under" in line)
    assert f" {unit} " in over_line
    assert all(other not in over_line for other in {"goals", "points", "games"} - {unit})
