"""A model's real-bet proposal is held to what the user said, as the offline engine's is: through the REST chat
endpoint (a signed-in user with a linked sandbox account), with a scripted model on a local fake server calling
`place_bet` with a match of its own choosing. The betting service refuses a match outside the day said, of
another team, or one of several the words fit; the answer to its question then continues the bet on the match
the user picked, and only that one."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory
from betting.models import BetAuditEntry, BetSlip
from chat.engine.nlu import understand
from chat.engine.registry import get_engine
from chat.engine.turn import slots_from
from chat.tests import factories
from chat.tests.factories import link_user
from sports.services.fixtures import find_fixtures

from .fake_llm_servers import FakeLLM, Text, ToolCall

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox


@pytest.fixture(params=["openai_compatible", "langchain:gemini"])
def llm(request, settings, sandbox):
    with FakeLLM(request.param, settings) as fake:
        get_engine.cache_clear()
        yield fake
    get_engine.cache_clear()


class Chat:
    def __init__(self):
        self.client = APIClient()
        self.client.force_authenticate(link_user(UserFactory()))
        self.session = None

    def say(self, message: str) -> dict:
        response = self.client.post("/api/v1/chat/message", {"message": message, "session_id": self.session},
                                    format="json")
        assert response.status_code == 200, response.content
        self.session = response.json()["session_id"]
        return response.json()


def window_of(message: str, fixed_clock) -> tuple[datetime, datetime]:
    slots = slots_from(understand(message, now=fixed_clock, timezone="UTC", language_hint="en").entities)
    date_from, date_to = (datetime.fromisoformat(v.replace("Z", "+00:00")) for v in (slots.date_from, slots.date_to))
    return date_from, date_to


def bet(fixture_id: str, selection: str = "home") -> ToolCall:
    return ToolCall([("place_bet", {"fixture_id": fixture_id, "market": "1x2", "selection": selection,
                                    "stake": 10})])


def side(fixture, team: str = "Liverpool") -> str:
    return "home" if fixture.home.name == team else "away"


def test_a_model_picking_one_of_two_matches_is_asked_which_and_the_answer_decides(llm, fixed_clock):
    message = "bet 10 on Liverpool to win next week"
    start, end = window_of(message, fixed_clock)
    first, second, *_ = find_fixtures(team="Liverpool", date_from=start, date_to=end)
    chat = Chat()

    llm.queue(bet(second.id, side(second)), Text("Which match do you mean?"))
    chat.say(message)
    [(name, result)] = llm.tool_results(1)
    assert (name, result["error"]) == ("place_bet", "fixture_ambiguous"), result
    assert second.away.name in result["message"] and first.away.name in result["message"]
    assert not BetSlip.objects.exists()

    llm.queue(bet(first.id, side(first)), Text("Which one?"))  # the model takes the other match than the one picked
    chat.say("the second one")
    [(_, result)] = llm.tool_results(3)
    assert result["error"] == "fixture_ambiguous" and not BetSlip.objects.exists()

    llm.queue(bet(second.id, side(second)), Text("Here is the bet."))
    answer = chat.say("the second one please")
    [(_, result)] = llm.tool_results(5)
    assert result["status"] == "confirmation_required", result
    [slip] = BetSlip.objects.all()
    assert (slip.fixture_id, slip.stake, slip.state) == (second.id, Decimal("10.00"), "proposed")
    assert slip.proposed_by == "llm"
    assert "Please confirm this bet" in answer["message"] and second.away.name in answer["message"]
    refused = BetAuditEntry.objects.filter(status=BetAuditEntry.Status.REJECTED)
    assert refused.count() == 2 and {e.upstream["error"] for e in refused} == {"fixture_ambiguous"}


def test_a_model_moving_the_bet_to_another_day_or_team_is_refused(llm, fixed_clock):
    tonight = "bet 10 on Liverpool to win tonight"
    start, end = window_of(tonight, fixed_clock)
    assert not find_fixtures(team="Liverpool", date_from=start, date_to=end), "Liverpool must not play tonight"
    later = find_fixtures(team="Liverpool", date_from=end, limit=1)[0]
    arsenal = find_fixtures(team="Arsenal", limit=1)[0]
    assert not {later.home.name, later.away.name} & {"Arsenal"}
    chat = Chat()

    llm.queue(bet(later.id, side(later)), Text("Liverpool has no match tonight."))
    chat.say(tonight)
    [(_, result)] = llm.tool_results(1)
    assert result["error"] == "fixture_not_stated", result

    llm.queue(bet(arsenal.id, side(arsenal, "Arsenal")), Text("Sorry."))
    chat.say("bet 10 on Liverpool to win next match")
    [(_, result)] = llm.tool_results(3)
    assert result["error"] == "fixture_not_stated" and "Arsenal" in result["message"], result
    assert not BetSlip.objects.exists()


@pytest.mark.parametrize(("message", "call", "code"), [
    ("bet 20 euros on Arsenal to win", {"market": "1x2", "stake": 20}, "currency_mismatch"),
    ("bet 10 on Arsenal to win", {"market": "1x2", "stake": 100}, "terms_not_stated"),
    ("bet 10 on the draw in the Arsenal game", {"market": "1x2", "selection": "home", "stake": 10},
     "terms_not_stated"),
    ("bet 10 on the over in the Arsenal game", {"market": "1x2", "stake": 10}, "terms_not_stated"),
    ("bet 10 on Arsenal to win", {"market": "1x2", "stake": 10, "against": True}, "terms_not_stated"),
])
def test_a_model_changing_the_stake_currency_or_selection_said_is_refused(llm, message, call, code):
    """The model's arguments never override the user's words: "20 euros" is not 20 USD, "10" not 100, "the
    draw" / "the over" not the match winner, "Arsenal to win" not their opponent."""
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    arsenal = side(fixture, "Arsenal")
    against = {"home": "away", "away": "home"}[arsenal]
    selection = call.get("selection") or (against if call.get("against") else arsenal)
    llm.queue(ToolCall([("place_bet", {"fixture_id": fixture.id, "market": call["market"], "selection": selection,
                                       "stake": call["stake"]})]), Text("Done."))
    Chat().say(message)
    [(_, result)] = llm.tool_results(1)
    assert result.get("error") == code, result
    assert not BetSlip.objects.exists()


def test_the_bet_as_the_user_said_it_is_proposed(llm):
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    llm.queue(ToolCall([("place_bet", {"fixture_id": fixture.id, "market": "1x2", "selection": side(fixture, "Arsenal"),
                                       "stake": 10})]), Text("Here it is."))
    answer = Chat().say("bet 10 on Arsenal to win")
    [(_, result)] = llm.tool_results(1)
    assert result["status"] == "confirmation_required", result
    assert "Please confirm this bet: Arsenal to win" in answer["message"]
    assert BetSlip.objects.get().stake == Decimal("10.00")
