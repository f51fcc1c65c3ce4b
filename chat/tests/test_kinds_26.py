"""Issue 17, batch 26's kinds (a development set after its first run at 0f93d9a), on sentences of this module's own.

- Sunk in debt, said of oneself ("tô afundado em dívida", "estoy hundido en deudas"), or a debt of betting itself
  ("dívida de aposta", "a gambling debt"), is distress; a club sunk in debt is not.
- "e quarta?" as the whole reply is Wednesday (an ordinal takes its article: "e a quarta?").
- "how many points are expected in X vs Y" asks the total's price.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("message", ["tô atolado em dívida de aposta, não sei o que fazer", "ando ahogado en deudas",
                                     "i have a gambling debt i can't pay"])
def test_sunk_in_debt_is_distress(sandbox, message):
    assert safety.classify(message, second_opinion=False) == "distress"
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "rg_distress" and not tools_of(body), body["message"]


@pytest.mark.parametrize("message", ["o Cruzeiro está afundado em dívidas?", "el club está hundido en deudas"])
def test_a_club_in_debt_is_no_distress(message):
    assert safety.classify(message, second_opinion=False) is None


def test_and_wednesday_after_a_days_listing(sandbox):
    chat = RestChat(guest=True)
    chat.say("jogos da Champions na terça")
    body = chat.say("e quarta?")
    assert body["detected_intent"] == "match_schedule" and "qua 9 dez" in body["message"], body["message"]
    assert "ter 8 dez" not in body["message"]


def test_points_expected_in_a_basketball_match_is_its_total(sandbox):
    body = RestChat(guest=True).say("how many points are expected in Knicks vs Rockets?")
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body["message"]
    assert "points" in body["message"] and "goals" not in body["message"]
