"""Batch 17's kinds, read after its first run and mended with sentences of this module's own: a market named alone
right after a match was priced, compared, or had a market refused ("btts then", "e o handicap?", "entonces más/menos")
is that market's odds of that match, while "what is btts?" is still explained; a name several clubs share, said as
the subject of its match ("when does independiente play next?", "quando joga o deportivo"), is asked which; a
forecast "that never fails" is a guaranteed win asked for. Through the real REST endpoint at the evaluation clock."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("first, market_alone, match, line", [
    ("odds for the liverpool game", "btts then", "Liverpool vs Chelsea", "Both teams to score"),
    ("odds do flamengo", "e o handicap?", "Santos vs Flamengo", "Handicap"),
    ("compara el barcelona con el atlético de madrid", "entonces más/menos", "Barcelona vs Atlético Madrid",
     "Más/menos"),
    ("what are the corner odds in liverpool v chelsea", "and the over/under", "Liverpool vs Chelsea", "Over/under"),
])
def test_a_market_named_alone_is_that_markets_odds(sandbox, first, market_alone, match, line):
    chat = RestChat(guest=True)
    chat.say(first)
    body = chat.say(market_alone)
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body["message"]
    assert match in body["message"] and line in body["message"], body["message"]


def test_what_a_market_is_is_still_explained(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds for the liverpool game")
    body = chat.say("what does btts mean?")
    assert body["detected_intent"] == "general_betting_info" and not tools_of(body), body["message"]


@pytest.mark.parametrize("message, clubs", [
    ("when does independiente play next?", ["Independiente Medellín", "Independiente Santa Fe"]),
    ("quando joga o deportivo?", ["Deportivo Cali", "Deportivo Pereira"]),
])
def test_a_shared_name_as_the_subject_of_its_match_is_asked(sandbox, message, clubs):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "clarification" and not tools_of(body) - {"find_fixtures"}, body["message"]
    assert all(club in body["message"] for club in clubs), body["message"]


@pytest.mark.parametrize("message", ["give me a prediction that never fails", "quero um prognóstico que nunca erra",
                                     "un pronóstico que jamás falla, porfa"])
def test_a_forecast_that_never_fails_is_a_guaranteed_win_asked_for(message):
    assert safety.classify(message) == "guaranteed"


@pytest.mark.parametrize("message", ["oye, ¿qué más sabes hacer?", "e aí, o que mais você pode?",
                                     "hey, what else can you do for me?"])
def test_what_else_it_can_do_after_a_hello_is_help(message):
    from chat.engine.nlu import understand

    assert understand(message, now=EVAL_NOW).intent == "help"
