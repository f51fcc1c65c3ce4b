"""The dialogue frame through the real app: references resolve from what the conversation showed
(the fixture in focus, its two teams, the last list), in en/es/pt, across a restart; and when the
frame has no answer the assistant asks instead of guessing."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.cache import cache

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.registry import get_engine
from chat.engine.tool_support import clear_memo
from chat.tests import factories
from chat.tests.conftest import close_quietly, open_chat, say
from conftest import AWKWARD_CLOCKS
from sports.services.odds import get_odds

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox
ACTING = {"get_odds", "simulate_bet", "place_bet", "compare_teams"}
BULLET = re.compile(r"^• (.+?) vs (.+?) — ")
ODDS_HEAD = re.compile(r"^Odds for (.+?) vs (.+?) \(")


class Conversation:
    """One conversation over the REST chat endpoint, as a client keeps it (its session id)."""

    def __init__(self, client):
        self.client, self.session = client, None

    def say(self, message: str) -> dict:
        response = self.client.post("/api/v1/chat/message", {"message": message, "session_id": self.session},
                                    format="json")
        assert response.status_code == 200, response.content
        body = response.json()
        self.session = body["session_id"]
        return body


def listed(text: str) -> list[tuple[str, str]]:
    """The (home, away) of every fixture line of an answer, in the order shown."""
    return [m.groups() for m in map(BULLET.match, text.splitlines()) if m]


def calls(body: dict) -> list[str]:
    return [call["name"] for call in body["function_calls_made"]]


def price(fixture_id: str, selection: str) -> Decimal:
    board = get_odds(fixture_id=fixture_id)
    return Decimal(str(board.markets["1x2"].selections[selection].odds))


@pytest.mark.parametrize("first, pick, ordinal", [
    ("matches today", 1, "the second one"),
    ("partidos de hoy", 2, "el tercero"),
    ("jogos de hoje", -1, "o último"),
])
def test_an_ordinal_opens_that_item_of_the_last_list(api_client, sandbox, first, pick, ordinal):
    chat = Conversation(api_client)
    shown = listed(chat.say(first)["message"])
    assert len(shown) >= 3
    answer = chat.say(ordinal)
    home, away = shown[pick]
    assert answer["detected_intent"] == "odds_information" and calls(answer) == ["get_odds"]
    assert f"{home} vs {away}" in answer["message"].splitlines()[0]


def test_the_draw_the_other_team_them_and_a_new_stake_follow_one_match(api_client, sandbox):
    chat = Conversation(api_client)
    first = chat.say("odds for Chelsea")
    home, away = ODDS_HEAD.match(first["message"]).groups()
    assert "Chelsea" in (home, away)
    other, other_side = (home, "home") if away == "Chelsea" else (away, "away")

    draw = chat.say("and the draw?")
    assert f"{home} vs {away}" in draw["message"].splitlines()[0] and "Draw" in draw["message"]

    sim = chat.say("what if I bet 10 on the other team?")
    assert sim["detected_intent"] == "bet_simulation" and f"bet on {other}" in sim["message"]
    simulated = sim["function_calls_made"][-1]["arguments"]
    assert simulated["selection"] == other_side
    fixture_id = simulated["fixture_id"]

    them = chat.say("actually make it 35")
    returns = (Decimal("35") * price(fixture_id, other_side)).quantize(Decimal("0.01"))
    assert f"bet on {other}" in them["message"] and "35.00" in them["message"] and str(returns) in them["message"]


def test_portuguese_the_other_team_after_a_schedule_is_the_opponent(api_client, sandbox):
    chat = Conversation(api_client)
    shown = listed(chat.say("quando joga o Palmeiras?")["message"])
    opponent = next(team for team in shown[0] if team != "Palmeiras")
    answer = chat.say("e o outro time?")
    assert answer["detected_intent"] == "match_schedule"
    assert opponent in answer["message"].splitlines()[0] and "jogos" in answer["message"].lower()


def test_spanish_stake_correction_keeps_the_bet(api_client, sandbox):
    chat = Conversation(api_client)
    chat.say("¿y si apuesto 10 al Sevilla?")
    answer = chat.say("mejor que sean 25")
    assert answer["detected_intent"] == "bet_simulation"
    assert "25.00" in answer["message"] and "Sevilla" in answer["message"] and "apuesta" in answer["message"]


@pytest.mark.parametrize("message, language_word", [
    ("the second one", "Which"),
    ("what if I bet 10 on them?", "Which team"),
    ("cuotas de ese partido", "¿Qué partido"),
    ("e o outro time?", "Qual time"),
])
def test_a_reference_with_nothing_behind_it_is_asked_about(api_client, sandbox, message, language_word):
    answer = Conversation(api_client).say(message)
    assert answer["detected_intent"] == "clarification"
    assert not ACTING & set(calls(answer))  # no odds or stake of a guessed match
    assert answer["message"].startswith(language_word) and "?" in answer["message"]


def test_an_ordinal_past_the_end_of_the_list_is_asked_about(api_client, sandbox):
    chat = Conversation(api_client)
    count = len(listed(chat.say("when does Sevilla play?")["message"]))
    assert 1 <= count < 5
    answer = chat.say(["second", "third", "fourth", "fifth"][count - 1] + " one")
    assert answer["detected_intent"] == "clarification" and not ACTING & set(calls(answer))
    assert f"I only listed {count} matches" in answer["message"]


def test_el_clasico_without_that_fixture_says_so(api_client, sandbox):
    from sports.services.fixtures import find_fixtures

    meets = [f for f in find_fixtures(team="Real Madrid", limit=50) if "Barcelona" in (f.home.name, f.away.name)]
    answer = Conversation(api_client).say("quien gana el clásico?")
    text = answer["message"]
    assert "Real Madrid" in text and "Barcelona" in text and "Ideas para" not in text
    if meets:
        assert text.startswith("Cuotas")
    else:
        assert text.startswith("No encontré partidos de Real Madrid vs Barcelona")


def test_two_matches_in_one_question_get_two_answers(api_client, sandbox):
    answer = Conversation(api_client).say("compare odds for Liverpool vs Chelsea and Barcelona vs Atlético Madrid")
    assert calls(answer).count("get_odds") == 2
    assert "Odds for Liverpool vs Chelsea" in answer["message"]
    assert "Odds for Barcelona vs Atlético Madrid" in answer["message"]


@pytest.mark.clock(AWKWARD_CLOCKS["mostly_live"])
def test_tonight_never_says_none_above_live_games(api_client, sandbox):
    text = Conversation(api_client).say("NBA games tonight")["message"]
    lines = text.splitlines()
    if any("LIVE" in line for line in lines):
        assert not any(line.startswith("I couldn't find") for line in lines)
        assert lines[0] == "Live now:"


def test_the_frame_survives_a_restart(api_client, sandbox):
    """A new server process has no cache and a new engine: the frame comes back from the database."""
    chat = Conversation(api_client)
    shown = listed(chat.say("partidos de hoy")["message"])
    cache.clear()
    clear_memo()
    get_engine.cache_clear()
    answer = chat.say("el segundo")
    assert f"{shown[1][0]} vs {shown[1][1]}" in answer["message"].splitlines()[0]
    cache.clear()
    get_engine.cache_clear()
    draw = chat.say("¿y el empate?")
    assert f"{shown[1][0]} vs {shown[1][1]}" in draw["message"].splitlines()[0]


async def test_references_over_the_socket(sandbox):
    ws, _ = await open_chat()
    try:
        frames = await say(ws, "when does Chelsea play?")
        end = next(f for f in frames if f["type"] == "streaming_end")
        shown = listed(end["final_content"])
        frames = await say(ws, "odds for the second one")
        end = next(f for f in frames if f["type"] == "streaming_end")
        assert end["detected_intent"] == "odds_information"
        assert f"{shown[1][0]} vs {shown[1][1]}" in end["final_content"].splitlines()[0]
    finally:
        await close_quietly(ws)


def test_the_sealed_follow_up_scripts_are_unchanged():
    """The sealed scripts are never edited: a changed byte means someone tuned on them."""
    import hashlib

    from chat.engine.followup_eval import SEALED_SCRIPTS, SEALED_SHA256

    assert hashlib.sha256(SEALED_SCRIPTS.read_bytes()).hexdigest() == SEALED_SHA256


def _through_the_turn_service(session, text):
    from accounts.identity import ANONYMOUS
    from chat.services.turns import answer_message

    result = answer_message(session_id=session, identity=ANONYMOUS, content=text)
    return result.session_id, result.content, result.detected_intent, [c["name"] for c in result.function_calls_made]


@pytest.mark.clock(EVAL_NOW)
@pytest.mark.parametrize("scripts", ["dev", "sealed"])
def test_follow_up_scripts_resolve_at_the_target(sandbox, scripts):
    """Issue 17's floor (0.90) on both sets; only the sealed set's aggregate is asserted, never printed per
    script (its first run: 24/24, bench/README.md)."""
    from chat.engine.followup_eval import DEV_SCRIPTS, SEALED_SCRIPTS, evaluate

    report = evaluate(DEV_SCRIPTS if scripts == "dev" else SEALED_SCRIPTS, _through_the_turn_service)
    if scripts == "dev":
        assert report["resolution_rate"] >= 0.9, report["failures"]
    else:
        assert report["resolution_rate"] >= 0.9, report["resolution_rate"]


@pytest.mark.parametrize("first, bet, answer_with", [
    ("matches today", "what if I bet 10 on the second one?", 1),
    ("partidos de hoy", "¿y si apuesto 10 al tercero?", 0),
])
def test_a_stake_on_a_listed_match_asks_which_side_then_simulates_it(api_client, sandbox, first, bet, answer_with):
    chat = Conversation(api_client)
    shown = listed(chat.say(first)["message"])
    pick = shown[2 if "tercero" in bet else 1]
    question = chat.say(bet)
    assert question["detected_intent"] == "clarification" and not ACTING & set(calls(question))
    assert pick[0] in question["message"] and pick[1] in question["message"]  # both sides offered
    team = pick[answer_with]
    sim = chat.say(team)
    assert sim["detected_intent"] == "bet_simulation" and team in sim["message"] and "10.00" in sim["message"]
    arguments = sim["function_calls_made"][-1]["arguments"]
    assert arguments["selection"] == ("home" if answer_with == 0 else "away")
    expected = (Decimal("10") * price(arguments["fixture_id"], arguments["selection"])).quantize(Decimal("0.01"))
    assert str(expected) in sim["message"]


def test_them_after_a_match_named_with_both_teams_is_asked_about(api_client, sandbox):
    chat = Conversation(api_client)
    home, away = ODDS_HEAD.match(chat.say("Liverpool vs Chelsea odds")["message"]).groups()
    question = chat.say("what if I bet 10 on them?")
    assert question["detected_intent"] == "clarification" and not ACTING & set(calls(question))
    assert home in question["message"] and away in question["message"]
    sim = chat.say(away)
    assert sim["detected_intent"] == "bet_simulation" and f"bet on {away}" in sim["message"]


def test_an_ordinal_after_recommendations_is_that_pick(api_client, sandbox):
    from sports.services.fixtures import get_fixture

    chat = Conversation(api_client)
    answer = chat.say("recommend me 3 bets")["message"]
    picks = [line.split(" — ", 1)[1].split(",")[0] for line in answer.splitlines() if line.startswith("• ")]
    assert len(picks) >= 2
    sim = chat.say("what if I bet 20 on the second one?")
    assert sim["detected_intent"] == "bet_simulation"
    arguments = sim["function_calls_made"][-1]["arguments"]
    fixture = get_fixture(fixture_id=arguments["fixture_id"])
    assert f"{fixture.home.name} vs {fixture.away.name}" == picks[1]
    text = chat.say("matches today")["message"]  # a new list replaces the picks
    assert listed(text)
    # the simulated bet is a real price of the second pick's fixture and market
    board = get_odds(fixture_id=arguments["fixture_id"])
    odds = Decimal(str(board.markets[arguments["market"]].selections[arguments["selection"]].odds))
    assert str((Decimal("20") * odds).quantize(Decimal("0.01"))) in sim["message"]


def test_a_list_of_tournaments_leaves_no_stale_match_list(api_client, sandbox):
    chat = Conversation(api_client)
    chat.say("matches today")
    chat.say("what tournaments do you have?")
    answer = chat.say("the second one")
    assert answer["detected_intent"] == "clarification" and not ACTING & set(calls(answer))


def test_spanish_that_team_then_the_other_one(api_client, sandbox):
    chat = Conversation(api_client)
    first = chat.say("cuotas del Sevilla")["message"]
    home, away = re.match(r"^Cuotas de (.+?) vs (.+?) \(", first).groups()
    other = away if home == "Sevilla" else home
    when = chat.say("¿cuándo juega ese equipo?")
    assert when["detected_intent"] == "match_schedule" and when["message"].startswith("Próximos partidos de Sevilla")
    rest = chat.say("¿y el otro?")
    assert rest["detected_intent"] == "match_schedule" and rest["message"].startswith(f"Próximos partidos de {other}")
