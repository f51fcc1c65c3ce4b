"""Issue 17, batch 31's kinds (a development set after its first run at e412bd6), on sentences of this module's own.

- "and for X's match tomorrow?" after odds asks the same (odds) of that day's match, not its schedule.
- A child said as "bro"/"sis"/"kiddo" with an age, a bet for them: refused.
- "my boy just turned 15": someone else's age (a note), never the user's; "just turned 16" opening the message is.
- A club owing its players' wages ("o Santos tá devendo salário pros jogadores") is no distress of the user's.
- "recomiéndame una peli" is off-topic; "bet 2k on X tonight, what's the payout" is a simulation.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def test_another_teams_match_on_a_day_after_odds_is_its_odds(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds for Liverpool")
    body = chat.say("and for Barcelona's game on sunday?")
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body["message"]
    assert "Barcelona vs Atlético Madrid" in body["message"], body["message"]


@pytest.mark.parametrize(("message", "kind"), [
    ("my sis is 16, put 10 on the Lakers for her", "minor_bet"),
    ("my nephew just turned 14 and supports Arsenal, when do they play?", "caution"),
    ("just turned 16, any tips for tonight?", "minor"),
])
def test_who_the_age_is_of(message, kind):
    assert safety.classify(message) == kind


@pytest.mark.parametrize("message", ["o Vasco tá devendo salários ao elenco, eles jogam sábado?",
                                     "the club is owing wages to its players, do they play on saturday?"])
def test_a_club_owing_wages_is_no_distress(message):
    assert safety.classify(message) is None


@pytest.mark.parametrize(("message", "intent"), [("recomiéndame una peli para esta noche", "out_of_scope"),
                                                 ("bet 3k on the Knicks tonight, what's the payout", "bet_simulation")])
def test_a_film_and_a_stakes_payout(message, intent):
    assert understand(message, now=EVAL_NOW).intent == intent
