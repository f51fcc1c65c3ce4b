"""Ideas asked for one named match come from that match's prices only: "a bet for Liverpool vs Chelsea" listed
Liverpool's next Champions League match beside it, an answer to a question nobody asked. With a match named, the
ideas are one per market of it; with a team alone, one per match as before; a match not on says so."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def ideas(body: dict) -> list[str]:
    return [line for line in body["message"].splitlines() if line.startswith("• ")]


@pytest.mark.parametrize("message, match", [
    ("recommend a bet for Liverpool vs Chelsea", "Liverpool vs Chelsea"),
    ("what should I bet on in real madrid vs betis?", "Real Madrid vs Real Betis"),
    ("qué me recomiendas para el Liverpool - Chelsea", "Liverpool vs Chelsea"),
    ("uma dica de aposta pro jogo Real Madrid x Betis", "Real Madrid vs Real Betis"),
])
def test_ideas_for_a_named_match_are_all_of_that_match(sandbox, message, match):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "betting_recommendation", body["message"]
    lines = ideas(body)
    assert lines and all(match in line for line in lines), body["message"]
    markets = [line.split(" — ")[0] for line in lines]
    assert len(markets) == len(set(markets)), body["message"]  # one idea per market, never the same twice


def test_ideas_for_a_team_still_span_its_matches(sandbox):
    lines = ideas(RestChat(guest=True).say("recommend a bet on Liverpool"))
    assert len({line.split(" — ")[1].split(",")[0] for line in lines}) == len(lines) > 1, lines


def test_a_named_match_that_is_not_on_gets_no_other_matches_as_ideas(sandbox):
    body = RestChat(guest=True).say("recommend a bet for Arsenal vs Chelsea")
    assert "Arsenal vs Chelsea" in body["message"].splitlines()[0], body["message"]
    assert "returns" not in body["message"] and "odds" not in body["message"], body["message"]
