"""Mends from the eleventh session's review, each a user-visible rule:

- a real word one letter from a key word ("balanced", "similar", "carteiro", "mixtures", "suggested") is the word as
  written, never the key word: only a slip (a letter swapped, dropped, doubled, or two letters swapped) of a key word
  is corrected, never an inflection of it nor another word of the language;
- a club's everyday-word nickname before a match's verb ("wolves play", "forest win") is the club only when the
  match goes on after the verb (the message ends, a time, "against"/"vs", or another club), never "how do wolves
  play with their pups";
- "the middle" picks the middle of a list only as "the middle one/match/game" (or alone), never "the middle of the
  game" or "el del medio de la tabla".
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chat.engine.bet_choice import middle_of
from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.engine.nlu.misspelt import spelled_out
from chat.engine.nlu.text import fold
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox
NOW = datetime(2026, 12, 4, 15, tzinfo=UTC)


def read(message: str):
    return understand(message, now=NOW, timezone="UTC")


@pytest.mark.parametrize("word", [
    "similar", "balanced", "carteiro", "balanca", "mixtures", "suggested", "recommended", "simulated",
    "comparing", "horarios", "partidas",
])
def test_a_real_word_is_never_corrected_to_a_key_word(word):
    assert spelled_out(word) == word


@pytest.mark.parametrize("slip, word", [
    ("balanse", "balance"), ("balence", "balance"), ("ballance", "balance"), ("shedule", "schedule"),
    ("recomend", "recommend"), ("recommed", "recommend"), ("fixures", "fixtures"), ("predicton", "prediction"),
    ("sugest", "suggest"), ("compair", "compare"), ("balacne", "balance"),
])
def test_a_slip_of_a_key_word_is_that_word(slip, word):
    assert spelled_out(slip) == word


@pytest.mark.parametrize("message, not_intent", [
    ("Arsenal vs Chelsea looks balanced, thoughts?", "balance_query"),
    ("o carteiro chegou, quem joga hoje?", "balance_query"),
    ("something similar for Chelsea?", "bet_simulation"),
    ("the scales look balanced between Liverpool and Everton, who wins?", "balance_query"),
])
def test_a_real_word_asks_nothing_of_its_look_alike(message, not_intent):
    assert read(message).intent != not_intent, read(message).alternatives


CLUBS = {"Wolverhampton Wanderers", "Nottingham Forest", "Aston Villa", "Newcastle United", "Crystal Palace"}


@pytest.mark.parametrize("message", [
    "how do wolves play with their pups?", "do wolves win fights against bears?",
    "how did forest win the war on pests?", "do magpies steal shiny things?", "how do wolves hunt and play in packs",
])
def test_an_animal_or_a_place_doing_something_is_no_club(message):
    assert not CLUBS & set(read(message).entities.teams), read(message).entities.teams


@pytest.mark.parametrize("message, club", [
    ("when do wolves play next in the prem", "Wolverhampton Wanderers"),
    ("how do villa stack up against newcastle", "Aston Villa"),
    ("did forest win?", "Nottingham Forest"), ("when do wolves play on saturday", "Wolverhampton Wanderers"),
    ("will palace beat brentford", "Crystal Palace"), ("are forest playing tonight", "Nottingham Forest"),
    ("did wolves win their last game", "Wolverhampton Wanderers"), ("how do villa play away", "Aston Villa"),
])
def test_a_nickname_as_the_subject_of_a_match_stays_the_club(message, club):
    assert club in read(message).entities.teams, read(message).entities.teams


@pytest.mark.parametrize("text", [
    "any goals expected in the middle of the game?", "el del medio de la tabla", "o do meio de campo",
    "what happens in the middle of the match", "a middle aged fan",
])
def test_the_middle_of_something_else_is_no_place_in_the_list(text):
    assert middle_of(fold(text), 5) is None


@pytest.mark.parametrize("text", [
    "the middle one", "the middle", "el del medio", "o do meio?", "odds for the middle game", "the middle match pls",
])
def test_the_middle_one_is_the_middle_of_the_list(text):
    assert middle_of(fold(text), 5) == 3


def test_the_middle_of_the_game_after_a_list_acts_on_no_match(sandbox):
    chat = RestChat(guest=True)
    chat.say("premier league games this weekend")
    body = chat.say("any goals expected in the middle of the game?")
    assert "Crystal Palace" not in body["message"] and "get_odds" not in tools_of(body), body["message"]
