"""A model's accumulator through the REST chat (both fake LLM servers): when the betting service asks which match
a leg means, the user's answer ("the second one") continues that accumulator — the same legs and stake, the leg
on the match picked — never a single bet on the picked match; and a leg on a name several clubs share ("Madrid")
is asked about, never proposed on the club the model chose."""

from __future__ import annotations

from decimal import Decimal

import pytest

from betting.models import BetSlip
from betting.services.fixture_choice import bet_fixtures
from chat.tests import factories
from chat.tests.test_llm_bet_choice import Chat, side, window_of
from sports.services.fixtures import find_fixtures

from .fake_llm_servers import Text, ToolCall

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("sandbox")]
sandbox = factories.sandbox


@pytest.fixture(params=["openai_compatible", "langchain:gemini"])
def llm_provider(request) -> str:
    return request.param


OTHERS = ("Real Madrid", "Barcelona", "Napoli", "Juventus", "Flamengo", "Palmeiras", "Bayern Munich", "Inter")


def leg(fixture, team: str) -> dict:
    return {"fixture_id": fixture.id, "market": "1x2", "selection": side(fixture, team)}


def test_the_answer_to_which_match_continues_the_models_accumulator(llm, fixed_clock):
    start, end = window_of("next week", fixed_clock)
    first, second, *_ = bet_fixtures(team="Arsenal", date_from=start, date_to=end, now=fixed_clock)
    other = next(team for team in OTHERS
                 if len(bet_fixtures(team=team, date_from=start, date_to=end, now=fixed_clock)) == 1)
    [only] = bet_fixtures(team=other, date_from=start, date_to=end, now=fixed_clock)
    accumulator = ToolCall([("place_bet", {"stake": 10, "legs": [leg(second, "Arsenal"), leg(only, other)]})])
    chat = Chat()

    llm.queue(accumulator, Text("Which Arsenal match do you mean?"))
    chat.say(f"combo: 10 on Arsenal to win and {other} to win next week")
    [(_, asked)] = llm.tool_results(1)
    assert asked.get("error") == "fixture_ambiguous", asked
    assert not BetSlip.objects.exists()

    llm.queue(accumulator, Text("Here it is."))
    answer = chat.say("the second one")
    [(_, result)] = llm.tool_results(len(llm.requests) - 1)
    assert result.get("status") == "confirmation_required", result
    slip = BetSlip.objects.get()
    assert sorted(slip.legs.values_list("fixture_id", flat=True)) == sorted([second.id, only.id])
    assert (slip.stake, answer["bet_slip"]["id"]) == (Decimal("10.00"), str(slip.pk))


def test_a_single_bet_on_the_picked_match_does_not_replace_the_accumulator(llm, fixed_clock):
    """The model forgetting the other leg and betting the picked match alone proposes nothing: the answer was
    about a leg of the accumulator, not a bet of its own."""
    start, end = window_of("next week", fixed_clock)
    first, second, *_ = bet_fixtures(team="Arsenal", date_from=start, date_to=end, now=fixed_clock)
    other = next(team for team in OTHERS
                 if len(bet_fixtures(team=team, date_from=start, date_to=end, now=fixed_clock)) == 1)
    [only] = bet_fixtures(team=other, date_from=start, date_to=end, now=fixed_clock)
    chat = Chat()
    llm.queue(ToolCall([("place_bet", {"stake": 10, "legs": [leg(second, "Arsenal"), leg(only, other)]})]),
              Text("Which Arsenal match do you mean?"))
    chat.say(f"combo: 10 on Arsenal to win and {other} to win next week")

    llm.queue(ToolCall([("place_bet", {"stake": 10, **leg(second, "Arsenal")})]), Text("Here it is."))
    chat.say("the second one")
    [(_, result)] = llm.tool_results(len(llm.requests) - 1)
    assert result.get("status") != "confirmation_required", result
    assert not BetSlip.objects.exists()
@pytest.mark.parametrize(("language", "message", "club", "other"), [
    ("en", "combo: 10 on Madrid to win and Arsenal to win", "Real Madrid", "Atlético Madrid"),
    ("es", "acumulada de 10: gana el City y gana el Arsenal", "Manchester City", "Oklahoma City Thunder"),
])
def test_a_models_leg_on_a_shared_name_is_asked_which_club(llm, language, message, club, other):
    guessed = find_fixtures(team=club, limit=1)[0]
    arsenal = find_fixtures(team="Arsenal", limit=1)[0]
    llm.queue(ToolCall([("place_bet", {"stake": 10, "legs": [leg(guessed, club), leg(arsenal, "Arsenal")]})]),
              Text("Which club?"))
    Chat().say(message, language=language)
    [(_, result)] = llm.tool_results(1)
    assert result.get("error") == "team_ambiguous", result
    assert club in result["message"] and other in result["message"], result
    assert ("Which club" if language == "en" else "¿Cuál") in result["message"]
    assert not BetSlip.objects.exists()


def test_a_competition_said_once_holds_for_every_leg_of_a_models_accumulator(llm):
    """"... in the Champions League" is said once for the accumulator: a model's leg on the club's league match is
    not the bet described, and nothing is proposed; the legs in that competition are."""
    madrid = find_fixtures(team="Real Madrid", tournament="UEFA Champions League", limit=1)[0]
    in_cup = find_fixtures(team="Arsenal", tournament="UEFA Champions League", limit=1)[0]
    in_league = find_fixtures(team="Arsenal", tournament="Premier League", limit=1)[0]
    message = "combo: 10 on Real Madrid to win and Arsenal to win in the Champions League"
    llm.queue(ToolCall([("place_bet", {"stake": 10, "legs": [leg(madrid, "Real Madrid"), leg(in_league, "Arsenal")]})]),
              Text("Done."))
    Chat().say(message)
    [(_, result)] = llm.tool_results(1)
    assert result.get("error") == "fixture_not_stated", result
    assert in_league.title in result["message"] and not BetSlip.objects.exists()

    llm.queue(ToolCall([("place_bet", {"stake": 10, "legs": [leg(madrid, "Real Madrid"), leg(in_cup, "Arsenal")]})]),
              Text("Here it is."))
    Chat().say(message)
    [(_, result)] = llm.tool_results(len(llm.requests) - 1)
    assert result.get("status") == "confirmation_required", result
    assert sorted(BetSlip.objects.get().legs.values_list("fixture_id", flat=True)) == sorted([madrid.id, in_cup.id])


def test_a_day_said_once_holds_for_every_leg_of_a_models_accumulator(llm, fixed_clock):
    start, end = window_of("tomorrow", fixed_clock)
    madrid = find_fixtures(team="Real Madrid", date_from=start, date_to=end, limit=1)[0]
    later = find_fixtures(team="Arsenal", date_from=end, limit=1)[0]
    llm.queue(ToolCall([("place_bet", {"stake": 10, "legs": [leg(madrid, "Real Madrid"), leg(later, "Arsenal")]})]),
              Text("Done."))
    Chat().say("combo: 10 on Real Madrid to win and Arsenal to win tomorrow")
    [(_, result)] = llm.tool_results(1)
    assert result.get("error") == "fixture_not_stated", result
    assert not BetSlip.objects.exists()
