"""The kinds of misreading batch 3 (the third outside-written set, a development set since its first run) found,
each checked with sentences of the same kind that are in no corpus, template or labelled set: through
`understand()` for what is read, and through the REST chat endpoint (the turn service) for what the user gets.

Kinds: a stake written in words before "on <team>" ("a hundred on the Knicks", "trinta no Flamengo"); a sport we do
not cover named by its event (Tour de France, Giro, Vuelta, Formula 1) is off-topic and claims its words before the
team and competition names ("France" is no Frances Tiafoe, "Tour" no ATP Tour);
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # a Thursday


def u(text: str):
    return understand(text, now=NOW)


# --- intents --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "who is favourite for the Tour de France in July?",
    "¿quién lidera la Vuelta a España?",
    "quem venceu o Tour de France ano passado",
    "which team wins the Giro d'Italia",
    "¿a qué hora empieza la Fórmula 1 el sábado?",
    "quem larga na pole na Fórmula 1 domingo?",
])
def test_a_sport_named_by_its_event_is_off_topic_and_no_team(text):
    r = u(text)
    assert r.intent == "out_of_scope" and r.entities.uncovered_sport, r
    assert not r.entities.teams and r.entities.tournament is None, r.entities


def test_the_second_leg_is_not_the_vuelta():
    r = u("cuándo es el partido de vuelta del Sevilla")
    assert r.entities.uncovered_sport is None and r.intent == "match_schedule", r


# --- slots ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "amount", "team"), [
    ("how much comes back from forty on the Celtics?", 40, "Boston Celtics"),
    ("cuánto pagan sesenta al Sevilla", 60, "Sevilla"),
    ("quanto rendem oitenta no Palmeiras?", 80, "Palmeiras"),
])
def test_a_stake_in_words_before_a_team_is_the_stake(text, amount, team):
    """The number words are converted to digits, which moves every later position: the team is still found after
    the stake, so the stake is read (it was dropped when the team's position was lost)."""
    e = u(text).entities
    assert e.amount == Decimal(amount) and team in e.teams, e


# --- what the user gets (REST chat endpoint, the turn service) ------------------------------------------------

sandbox = factories.sandbox


@pytest.mark.django_db(transaction=True)
def test_a_stake_in_words_is_simulated_with_that_stake(sandbox):
    body = RestChat(guest=True).say("what would I get back for seventy on the Celtics?")
    assert body["detected_intent"] == "bet_simulation", body
    assert "70" in body["message"], body["message"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("message", "said"), [
    ("who is favourite for the Tour de France in July?", "I don't cover Tour de France"),
    ("quem venceu o Tour de France ano passado", "Não cubro Tour de France"),
])
def test_a_sport_named_by_its_event_is_said_not_covered(sandbox, message, said):
    body = RestChat(guest=True).say(message)
    assert body["message"].startswith(said), body["message"]
    assert "Tiafoe" not in body["message"] and "ATP" not in body["message"].split(";")[0], body["message"]
