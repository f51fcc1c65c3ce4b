"""Real money is never put on a misreading, through the REST chat endpoint as a signed-in, linked user: a negated
outcome backs the other side (or asks), a market the assistant does not read is asked about, the stake is the
number tied to the bet, the competition named picks the match, and a nickname several clubs answer to is asked
about. Teams and matches are taken from the sandbox's own fixtures, so no test depends on the day or the hour."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import pytest
from django.utils import timezone

from betting.models import BetSlip
from chat.engine.handlers.common import tool_failure
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat
from sports.services.fixtures import find_fixtures
from sports.services.odds import get_odds

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox
FOOTBALL = "1"
CONFIRM = ("Please confirm", "Confirma esta apuesta", "Confirme esta aposta")
INTERNAL = ("selection:", "market:", "double_chance", "home_or_draw", "away_or_draw", "is not offered in")



def _plain(name: str) -> bool:
    """A team name the NLU reads as exactly that team, with no other club it could be."""
    entities = understand(f"odds for {name}").entities
    return entities.teams == [name] and not entities.team_choices


def a_match(*, market: str = "double_chance"):
    """An upcoming football match (not live) between two plainly named teams that offers `market`, and is the
    next meeting of those two teams."""
    soon = timezone.now() + timedelta(hours=1)
    for fixture in find_fixtures(sport_id=FOOTBALL, date_from=soon):
        if fixture.is_live or not (_plain(fixture.home.name) and _plain(fixture.away.name)):
            continue
        if market in get_odds(fixture_id=fixture.id).markets:
            return fixture
    pytest.fail(f"the sandbox has no upcoming football match offering {market}")


def only_slip() -> BetSlip:
    [slip] = BetSlip.objects.all()
    return slip


@pytest.mark.parametrize(("message", "backed"), [
    ("apuesta 10 a que no gana el {home} contra el {away}", "away"),
    ("bet 10 on {away} not to win against {home}", "home"),
    ("aposta 10 que o {home} não vence o {away}", "away"),
    ("bet 10 that {away} won't lose to {home}", "away"),
    ("apuesta 10 a que el {home} no pierde ante el {away}", "home"),
    ("bet 10 on {home} or the draw against {away}", "home"),
    ("pon 10 a empate o {away} en el {home} {away}", "away"),
])
def test_a_negated_or_double_outcome_backs_that_side_or_the_draw_never_the_opposite(sandbox, message, backed):
    match = a_match()
    answer = RestChat().say(message.format(home=match.home.name, away=match.away.name))["message"]
    assert answer.startswith(CONFIRM), answer
    assert not any(word in answer for word in INTERNAL), answer  # the user never reads a tool's validation text
    slip = only_slip()
    assert (slip.fixture_id, slip.market, slip.selection) == (match.id, "double_chance", f"{backed}_or_draw")


@pytest.mark.parametrize("message", [
    "bet 10 on {home} vs {away} not ending in a draw",
    "apuesta 10 a que el {home} y el {away} no empatan",
])
def test_no_draw_is_either_team(sandbox, message):
    match = a_match()
    RestChat().say(message.format(home=match.home.name, away=match.away.name))
    assert (only_slip().market, only_slip().selection) == ("double_chance", "home_or_away")


@pytest.mark.parametrize("message", [
    "I don't think {home} will win against {away}, bet 10",
    "apuesta 10 al {home} sin empate contra el {away}",
])
def test_a_negation_that_cannot_be_placed_is_asked_about(sandbox, message):
    match = a_match()
    answer = RestChat().say(message.format(home=match.home.name, away=match.away.name))["message"]
    assert not answer.startswith(CONFIRM) and not BetSlip.objects.exists(), answer


@pytest.mark.parametrize(("message", "asked"), [
    ("bet 10 on {home} to win the second half against {away}", "I can't take bets on \"second half\""),
    ("bet 10 on {home} to beat {away} 3-1", "I can't take bets on \"3-1\""),
    ("put 10 on {home} winning by two goals against {away}", "I can't take bets on \"by two goals\""),
    ("bet 10 on over 9.5 corners in {home} vs {away}", "I can't take bets on \"corners\""),
    ("apuesta 10 a que el {home} gana por 2 goles al {away}", "No puedo tomar apuestas sobre \"por 2 goles\""),
    ("apuesta 10 a más de 4 tarjetas en el {home} {away}", "No puedo tomar apuestas sobre \"tarjetas\""),
    ("aposta 10 no {home} sem sofrer gols contra o {away}", "Não posso aceitar apostas em \"sem sofrer gols\""),
    ("bet 10 on {home} draw no bet against {away}", "I can't take bets on \"draw no bet\""),
])
def test_a_market_we_do_not_read_is_asked_never_the_match_winner(sandbox, message, asked):
    match = a_match()
    chat = RestChat()
    answer = chat.say(message.format(home=match.home.name, away=match.away.name))
    assert answer["message"].startswith(asked), answer["message"]
    assert not BetSlip.objects.exists()
    # nor as a simulation: the same words are not priced as the match winner
    what_if = chat.say("what if I " + message.format(home=match.home.name, away=match.away.name))
    assert "simulate_bet" not in [call["name"] for call in what_if["function_calls_made"]], what_if["message"]


@pytest.mark.parametrize(("message", "stake"), [
    ("bet two grand on {home} to beat {away}", "2000.00"),
    ("apuesta 3 mil a que gana el {home} contra el {away}", "3000.00"),
    ("aposte 5k no {home} pra vencer o {away}", "5000.00"),
])
def test_multipliers_of_money_are_the_stake_they_say(sandbox, message, stake):
    match = a_match(market="1x2")
    answer = RestChat().say(message.format(home=match.home.name, away=match.away.name))["message"]
    assert f"{stake} USD" in answer and not BetSlip.objects.exists(), answer  # above the 1000 balance: refused


def test_the_stake_is_the_number_tied_to_the_bet_and_two_stakes_are_asked_about(sandbox):
    match = a_match(market="1x2")
    chat = RestChat()
    shown = chat.say(f"tengo 30, apuesta 10 a que gana el {match.home.name} contra el {match.away.name}")["message"]
    assert shown.startswith(CONFIRM) and "10.00 USD" in shown, shown
    assert only_slip().stake == 10
    asked = RestChat().say(f"bet 10 on {match.home.name} to beat {match.away.name}, no wait, put 20")["message"]
    assert asked.startswith("I see more than one amount in your message (10.00 or 20.00)"), asked
    assert BetSlip.objects.count() == 1


def team_in_two_competitions():
    """A plainly named team whose upcoming matches are in two tournaments, with its only match in the later
    one: (team, tournament of that match, the match)."""
    soon = timezone.now() + timedelta(hours=1)
    by_team: dict[str, list] = defaultdict(list)
    for fixture in find_fixtures(sport_id=FOOTBALL, date_from=soon):
        for team in (fixture.home.name, fixture.away.name):
            by_team[team].append(fixture)
    for team, fixtures in sorted(by_team.items()):
        tournaments = [f.tournament_name for f in fixtures]
        later = fixtures[-1].tournament_name
        if len(set(tournaments)) > 1 and tournaments.count(later) == 1 and fixtures[0].tournament_name != later \
                and _plain(team) and understand(f"odds for {team} in the {later}").entities.tournament == later:
            return team, later, fixtures[-1]
    pytest.fail("the sandbox has no team playing in two competitions")


def test_the_competition_named_picks_the_match_for_a_bet_and_for_odds(sandbox):
    team, tournament, match = team_in_two_competitions()
    chat = RestChat()
    shown = chat.say(f"bet 10 on {team} to win in the {tournament}")["message"]
    assert shown.startswith(CONFIRM) and tournament in shown, shown
    assert only_slip().fixture_id == match.id
    odds = RestChat().say(f"odds for {team} in the {tournament}")["message"]
    assert odds.startswith(f"Odds for {match.home.name} vs {match.away.name} ({tournament}"), odds


def test_the_competition_named_holds_through_the_market_question(sandbox):
    """"bet 10 on X in the Champions League" -> which market? -> "to win": still the Champions League match."""
    team, tournament, match = team_in_two_competitions()
    chat = RestChat()
    asked = chat.say(f"bet 10 on {team} in the {tournament}")
    assert not BetSlip.objects.exists() and "Please confirm" not in asked["message"], asked["message"]
    shown = chat.say("to win")["message"]
    assert shown.startswith(CONFIRM), shown
    assert only_slip().fixture_id == match.id


@pytest.mark.parametrize(("message", "names"), [
    ("bet 10 on Spurs to win", ("Tottenham Hotspur", "San Antonio Spurs")),
    ("bet 10 on Madrid to win", ("Real Madrid", "Atlético Madrid")),
    ("apuesta 10 a que gana el Real", ("Real Madrid", "Real Betis", "Real Sociedad")),
    ("aposta 10 no Atlético pra ganhar", ("Atlético Madrid", "Atlético Mineiro")),
])
def test_a_nickname_of_several_clubs_is_asked_about_with_the_candidates(sandbox, message, names):
    body = RestChat().say(message)
    assert all(name in body["message"] for name in names), body["message"]
    assert all(name in body["suggested_actions"] for name in names)
    assert not BetSlip.objects.exists()


def test_a_nickname_the_opponent_settles_is_that_club(sandbox):
    soon = timezone.now() + timedelta(hours=1)
    match = next(f for f in find_fixtures(team="Atlético Madrid", date_from=soon) if not f.is_live)
    opponent = match.away.name if match.home.name == "Atlético Madrid" else match.home.name
    if not _plain(opponent):
        pytest.fail(f"{opponent} is not a plain name")
    shown = RestChat().say(f"bet 10 on Atletico to beat {opponent}")["message"]
    assert shown.startswith(CONFIRM) and "Atlético Madrid to win" in shown, shown
    assert only_slip().fixture_id == match.id


def test_a_tool_refusal_reaches_the_user_as_a_sentence_never_its_validation_text():
    refused = {"error": "selection_unavailable", "message": "selection: away is not offered in double_chance (...)"}
    assert tool_failure(refused, "es") == ("Esa selección no se ofrece para este partido, así que no preparé nada. "
                                           "Pide sus cuotas para ver lo que hay.")
    assert "selection:" not in tool_failure({"error": "invalid_argument", "message": "stake: x"}, "en")


@pytest.mark.parametrize("pick", ["the second one", "the last one"])
def test_the_match_picked_from_the_list_continues_that_real_bet(sandbox, pick):
    """A team with more than one match in the window said: the matches are listed, nothing is prepared; the
    answer picks one by its place in the list and the same bet is shown on it."""
    chat = RestChat()
    asked = chat.say("bet 10 on Liverpool to win next week")["message"]
    listed = [line for line in asked.splitlines() if line.startswith("• ")]
    assert "more than one match" in asked and len(listed) >= 2 and not BetSlip.objects.exists(), asked
    shown = chat.say(pick)
    chosen = listed[1] if pick == "the second one" else listed[-1]
    home, away = chosen[2:].split(" — ")[0].split(" vs ")
    assert shown["detected_intent"] == "place_bet" and shown["message"].startswith(CONFIRM), shown["message"]
    assert f"Liverpool to win — {home} vs {away}" in shown["message"] and "10.00 USD" in shown["message"]
    assert BetSlip.objects.count() == 1
