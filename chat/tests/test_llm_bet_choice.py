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
from betting.errors import text as betting_text
from betting.models import BetAuditEntry, BetSlip
from chat.engine.nlu import understand
from chat.engine.slots import slots_from
from chat.tests import factories
from chat.tests.factories import link_user
from sports.services.fixtures import find_fixtures

from .fake_llm_servers import Text, ToolCall

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("sandbox")]
sandbox = factories.sandbox


@pytest.fixture(params=["openai_compatible", "langchain:gemini"])
def llm_provider(request) -> str:
    return request.param


class Chat:
    def __init__(self):
        self.client = APIClient()
        self.client.force_authenticate(link_user(UserFactory()))
        self.session = None

    def say(self, message: str, *, language: str | None = None) -> dict:
        hints = {"context": {"language": language}} if language else {}
        response = self.client.post("/api/v1/chat/message", {"message": message, "session_id": self.session,
                                                             **hints}, format="json")
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


def arsenal_to_win(stake) -> ToolCall:
    """The model's call for "Arsenal to win" with a stake of its own (or the one the user said)."""
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    return ToolCall([("place_bet", {"fixture_id": fixture.id, "market": "1x2", "selection": side(fixture, "Arsenal"),
                                    "stake": stake})])


def rejected() -> list[str]:
    return [entry.upstream["error"] for entry in BetAuditEntry.objects.filter(status=BetAuditEntry.Status.REJECTED)]


@pytest.mark.parametrize(("language", "message", "code", "asks"), [
    ("en", "bet on Arsenal to win", "stake_not_stated", "How much do you want to stake on"),
    ("en", "place a bet on Arsenal", "bet_terms_not_stated", "How much do you want to stake, and on which bet on"),
    ("es", "apuesta a que gana el Arsenal", "stake_not_stated", "¿Cuánto quieres apostar en"),
    ("pt_br", "aposte no Arsenal", "bet_terms_not_stated", "Quanto você quer apostar, e em qual aposta em"),
])
def test_a_stake_the_user_did_not_say_is_asked_for_never_invented(llm, language, message, code, asks):
    """"bet on Arsenal": a model calling place_bet with a stake (and market) of its own proposes nothing; the tool
    tells it to ask, with the question in the user's language, and the refusal is on the audit trail."""
    llm.queue(arsenal_to_win(10), Text("How much?"))
    answer = Chat().say(message, language=language)
    [(_, result)] = llm.tool_results(1)
    assert result["error"] == code and result["message"].startswith(asks), result
    assert "Ask them" in result["ask_user"] and "never choose a stake" in result["ask_user"]
    assert not BetSlip.objects.exists() and rejected() == [code]
    assert "Please confirm" not in answer["message"]


def test_a_market_the_user_did_not_say_is_asked_for_never_invented(llm):
    llm.queue(arsenal_to_win(10), Text("Which bet?"))
    Chat().say("bet 10 on Arsenal")
    [(_, result)] = llm.tool_results(1)
    assert result["error"] == "selection_not_stated" and result["message"].startswith("Which bet do you want on")
    assert not BetSlip.objects.exists() and rejected() == ["selection_not_stated"]


def test_the_over_said_is_proposed_as_the_over(llm):
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    llm.queue(ToolCall([("place_bet", {"fixture_id": fixture.id, "market": "over_under", "selection": "over",
                                       "stake": 15})]), Text("Here it is."))
    Chat().say("bet 15 on the over in the Arsenal game")
    [(_, result)] = llm.tool_results(1)
    assert result["status"] == "confirmation_required", result
    slip = BetSlip.objects.get()
    assert (slip.market, slip.selection, slip.stake, slip.state) == ("over_under", "over", Decimal("15.00"),
                                                                     "proposed")


def test_the_answers_to_the_models_questions_make_the_bet_with_both(llm):
    """"place a bet on Arsenal" -> asked; "20 dollars" (the stake, still no market) -> asked which bet, the model's
    guess of a market refused; "to win" -> proposed with the stake and the market of the user's two answers."""
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    chat = Chat()
    llm.queue(arsenal_to_win(10), Text("How much, and on which bet?"))
    chat.say("place a bet on Arsenal")
    [(_, result)] = llm.tool_results(1)
    assert result["error"] == "bet_terms_not_stated"

    llm.queue(arsenal_to_win(20), Text("Which bet?"))
    chat.say("20 dollars")
    [(_, result)] = llm.tool_results(3)
    assert result["error"] == "selection_not_stated", result  # the stake is said now; the market still is not
    assert not BetSlip.objects.exists()

    llm.queue(arsenal_to_win(20), Text("Here is the bet."))
    answer = chat.say("to win")
    [(_, result)] = llm.tool_results(5)
    assert result["status"] == "confirmation_required", result
    slip = BetSlip.objects.get()
    assert (slip.fixture_id, slip.market, slip.selection, slip.stake, slip.currency) == (
        fixture.id, "1x2", side(fixture, "Arsenal"), Decimal("20.00"), "USD")
    assert "Please confirm this bet: Arsenal to win" in answer["message"] and "stake 20.00 USD" in answer["message"]


def test_an_answer_holds_only_for_the_question_it_answers(llm):
    """The stake answered holds for the bet asked about: a model dropping it ("to win" with its own 10) is refused;
    a message that answers no question ("to win" out of the blue) says no stake or team, so nothing is proposed."""
    chat = Chat()
    llm.queue(arsenal_to_win(10), Text("Which bet?"))
    chat.say("bet 20 dollars on Arsenal")
    llm.queue(arsenal_to_win(10), Text("Here is the bet."))
    chat.say("to win")
    [(_, result)] = llm.tool_results(3)
    assert result["error"] == "terms_not_stated", result
    llm.queue(arsenal_to_win(20), Text("Here is the bet."))
    Chat().say("to win")
    [(_, result)] = llm.tool_results(5)
    assert result["error"] == "bet_terms_not_stated", result
    assert not BetSlip.objects.exists()


def arsenal_pick(market: str, selection: str, stake=10) -> ToolCall:
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    return ToolCall([("place_bet", {"fixture_id": fixture.id, "market": market, "selection": selection,
                                    "stake": stake})])


def picks(team: str) -> dict[str, tuple[str, str]]:
    """The team's first match: what "<team> to win", "<team> or draw", "<team> won't win" and the rest are."""
    fixture = find_fixtures(team=team, limit=1)[0]
    own = side(fixture, team)
    other = {"home": "away", "away": "home"}[own]
    return {"win": ("1x2", own), "lose": ("1x2", other), "draw": ("1x2", "draw"), "or_draw": ("double_chance",
            f"{own}_or_draw"), "against": ("double_chance", f"{other}_or_draw"),
            "no_draw": ("double_chance", "home_or_away")}


@pytest.mark.parametrize(("language", "message", "said"), [
    ("en", "bet 10 on Arsenal or draw", "or_draw"),
    ("es", "apuesta 10 al Arsenal o empate", "or_draw"),
    ("pt_br", "aposte 10 no Arsenal ou empate", "or_draw"),
    ("en", "bet 10 that Arsenal won't win", "against"),
    ("es", "apuesta 10 a que el Arsenal no gana", "against"),
    ("pt_br", "aposte 10 que o Arsenal não vence", "against"),
])
def test_team_or_draw_and_team_wont_win_are_proposed_as_that_double_chance_and_nothing_else(
        llm, language, message, said):
    """"Arsenal or draw" is Arsenal's side or the draw, "Arsenal won't win" the other side or the draw: the model's
    matching double-chance call is proposed; any other pick (the match winner either way, the other double chance)
    is refused with a sentence in the user's language, and nothing is proposed."""
    arsenal = picks("Arsenal")
    every = sorted({"win", "lose", "or_draw", "against", "no_draw"} - {said})
    for wrong in every if language == "en" else ["win"]:  # every other pick once; the words' language each
        llm.queue(arsenal_pick(*arsenal[wrong]), Text("Done."))
        Chat().say(message, language=language)
        [(_, result)] = llm.tool_results(len(llm.requests) - 1)
        assert result.get("error") == "terms_not_stated", (wrong, result)
        assert result["message"] == betting_text("terms_not_stated", language)
    assert not BetSlip.objects.exists()
    llm.queue(arsenal_pick(*arsenal[said]), Text("Here it is."))
    Chat().say(message, language=language)
    [(_, result)] = llm.tool_results(len(llm.requests) - 1)
    assert result["status"] == "confirmation_required", result
    slip = BetSlip.objects.get()
    assert (slip.market, slip.selection, slip.stake, slip.state) == (*arsenal[said], Decimal("10.00"), "proposed")


def combo_call(*legs: tuple[str, str], stake=10) -> ToolCall:
    """The model's accumulator: one (team, pick) per leg, on each team's first match (`picks`)."""
    return ToolCall([("place_bet", {"stake": stake, "legs": [
        {"fixture_id": find_fixtures(team=team, limit=1)[0].id, "market": picks(team)[pick][0],
         "selection": picks(team)[pick][1]} for team, pick in legs]})])


@pytest.mark.parametrize(("legs", "code"), [
    ((("Real Madrid", "win"), ("Arsenal", "or_draw")), None),
    ((("Real Madrid", "win"), ("Arsenal", "win")), "terms_not_stated"),  # "Arsenal or draw" is not Arsenal to win
    ((("Real Madrid", "or_draw"), ("Arsenal", "or_draw")), "terms_not_stated"),
    ((("Real Madrid", "lose"), ("Arsenal", "or_draw")), "terms_not_stated"),
])
def test_each_leg_of_a_models_accumulator_is_the_leg_the_user_said(llm, legs, code):
    """An accumulator's legs are held to the words leg by leg, as a single's pick is: one leg the model changed
    refuses the whole slip; the legs as said are proposed."""
    llm.queue(combo_call(*legs), Text("Here it is."))
    Chat().say("combo: 10 on Real Madrid to win and Arsenal or draw")
    [(_, result)] = llm.tool_results(1)
    if code is None:
        assert result["status"] == "confirmation_required", result
        slip = BetSlip.objects.get()
        assert sorted(slip.legs.values_list("market", "selection")) == sorted(
            [picks("Real Madrid")["win"], picks("Arsenal")["or_draw"]])
    else:
        assert result.get("error") == code, result
        assert not BetSlip.objects.exists() and rejected() == [code]


@pytest.mark.parametrize(("language", "message"), [
    ("en", "combo: 10 on Real Madrid and Arsenal to win"),
    ("es", "acumulada de 10 con Real Madrid y Arsenal"),
    ("pt_br", "múltipla de 10 com Real Madrid e Arsenal"),
])
def test_an_accumulator_leg_whose_market_was_not_said_is_asked_about(llm, language, message):
    """The model filling in a leg the words left open (Real Madrid "to win") proposes nothing: the user is asked,
    in their language, which bet they want on that match."""
    llm.queue(combo_call(("Real Madrid", "win"), ("Arsenal", "win")), Text("Which bet?"))
    Chat().say(message, language=language)
    [(_, result)] = llm.tool_results(1)
    madrid = find_fixtures(team="Real Madrid", limit=1)[0]
    assert result.get("error") == "selection_not_stated", result
    assert result["message"] == betting_text("selection_not_stated", language, match=madrid.title)
    assert "ask_user" in result and not BetSlip.objects.exists()

