"""Issue 17 ("never act on a guess"): a market the sport of the match named never has, on sentences of their own (in
no data file), en/es/pt, through the real REST chat endpoint (the turn service):

- odds asked in a market of another sport ("both teams to score", double chance, the draw or a 1X2 in basketball or
  tennis; "corners" or "cards" in basketball or tennis; "first set" in football) or a total counted in another
  sport's unit ("goals" for an NBA or a tennis match) price nothing: the answer says the sport has no such market,
  names the markets it has (the total in its own unit) and asks which one, in the user's language, each of them a
  chip; the reply naming one ("the handicap then") gets that market of that match;
- a simulation or a signed-in real bet in such a market prices nothing, prepares no slip and never moves the stake to
  another market: the same question, and the reply continues the request with its stake (each side of a market shown
  when the reply names none, which side asked for "the winner");
- the sport's own markets are priced as before (football's both teams to score, tennis' games over/under);
- a model's call (the LLM path, `market_guard.py`) for such a market gets the same question, no prices;
- `sports.domain.SPORT_MARKETS`, the one place that knows a sport's markets, is what the sandbox's boards hold.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.sport_markets import no_market_question
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of
from sports.domain import SPORT_MARKETS
from sports.services.catalogue import list_sports, sport_key
from sports.services.fixtures import find_fixtures
from sports.services.odds import get_odds

from .fake_llm_servers import Text, ToolCall

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox

PRICING = {"get_odds", "simulate_bet", "place_bet"}
# What the question names, per language: the sport's markets (a basketball or a tennis match).
OFFERED = {
    ("en", "basketball"): ("basketball", "the winner", "over/under in points", "the handicap"),
    ("en", "tennis"): ("tennis", "the winner", "over/under in games", "the handicap"),
    ("en", "football"): ("football", "both teams to score", "over/under in goals", "half-time result"),
    ("es", "basketball"): ("baloncesto", "el ganador", "más/menos de puntos", "el hándicap"),
    ("es", "tennis"): ("tenis", "el ganador", "más/menos de juegos", "el hándicap"),
    ("pt_br", "basketball"): ("basquete", "o vencedor", "mais/menos de pontos", "o handicap"),
    ("pt_br", "tennis"): ("tênis", "o vencedor", "mais/menos de games", "o handicap"),
}
CHIP = {"en": "Winner odds for ", "es": "Cuotas del ganador de ", "pt_br": "Odds do vencedor de "}


def _match_of(club: str) -> str:
    """The next match of `club`, as the answers name it in English ("Home vs Away")."""
    fixture = find_fixtures(team=club, limit=1)[0]
    return f"{fixture.home.name} vs {fixture.away.name}"


def _asked_which_market(body: dict, language: str, sport: str, asked: str) -> None:
    """Nothing priced; the sport's markets named and asked about; what was asked named back; each market a chip."""
    text = body["message"]
    assert asks(body) and not PRICING & tools_of(body), (tools_of(body), text)
    assert asked in text and all(word in text for word in OFFERED[(language, sport)]), text
    if sport != "football":
        assert any(chip.startswith(CHIP[language]) for chip in body["suggested_actions"]), body["suggested_actions"]


# --- odds -----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language, message, club, sport, asked", [
    ("en", "any btts price for the Suns game?", "Phoenix Suns", "basketball", "Both teams to score"),
    ("en", "double chance on the 76ers please, what does it pay", "Philadelphia 76ers", "basketball",
     "Double chance"),
    ("en", "price for under 3.5 goals in the Cavaliers game", "Cleveland Cavaliers", "basketball", "not goals"),
    ("en", "corner kicks odds in the Rockets match", "Houston Rockets", "basketball", "\"corner"),
    ("en", "give me 1x2 odds on the Hurkacz match", "Hubert Hurkacz", "tennis", "three-way result"),
    ("en", "first set odds for the Chelsea game", "Chelsea", "football", "first set"),
    ("es", "¿cuánto se paga que anoten ambos en el partido de los Hawks?", "Atlanta Hawks", "basketball",
     "Ambos marcan"),
    ("es", "dame la cuota de menos de 2,5 goles para los Magic", "Orlando Magic", "basketball", "no goles"),
    ("es", "cuotas de tarjetas amarillas en el partido de Medvedev", "Daniil Medvedev", "tennis",
     "\"tarjetas"),
    ("pt_br", "quanto tá pagando ambas marcam na partida do Musetti?", "Lorenzo Musetti", "tennis", "Ambas marcam"),
    ("pt_br", "odd de dupla chance pro jogo do Cavaliers", "Cleveland Cavaliers", "basketball", "A dupla chance"),
    ("pt_br", "quanto paga mais de 1.5 gols no jogo do Cerúndolo?", "Francisco Cerúndolo", "tennis", "não gols"),
])
def test_odds_in_a_market_the_sport_never_has_are_asked_about(sandbox, language, message, club, sport, asked):
    body = RestChat(guest=True).say(message)
    _asked_which_market(body, language, sport, asked)
    assert _match_of(club) in body["message"] or club in body["message"], body["message"]


@pytest.mark.parametrize("message, no_draw", [
    ("what are the odds on a tie between Fritz and Hurkacz?", "can't end in a draw (tennis)"),
    ("cuotas del empate en el partido de Rune", "no puede terminar en empate (tenis)"),
    ("quanto paga o empate no jogo dos Suns?", "não pode terminar empatado (basquete)"),
])
def test_the_draw_of_a_match_that_cannot_end_in_one_is_asked_about(sandbox, message, no_draw):
    body = RestChat(guest=True).say(message)
    assert asks(body) and no_draw in body["message"], (tools_of(body), body["message"])


@pytest.mark.parametrize("first, reply, line", [
    ("any btts price for the Suns game?", "the handicap then", "Handicap:"),
    ("¿cuánto se paga que anoten ambos en el partido de los Hawks?", "el más/menos entonces", "puntos"),
    ("odd de dupla chance pro jogo do Cavaliers", "o handicap então", "Handicap:"),
])
def test_the_market_named_in_reply_is_priced_on_that_match(sandbox, first, reply, line):
    chat = RestChat(guest=True)
    asked = chat.say(first)
    match = next(chip for chip in asked["suggested_actions"] if " vs " in chip).split(" de ", 1)[-1] \
        .split(" for ", 1)[-1]
    body = chat.say(reply)
    assert "get_odds" in tools_of(body) and body["detected_intent"] == "odds_information", body
    assert match in body["message"].splitlines()[0] and line in body["message"], body["message"]


def test_a_chip_of_the_question_prices_that_market(sandbox):
    chat = RestChat(guest=True)
    asked = chat.say("any btts price for the Suns game?")
    chip = next(chip for chip in asked["suggested_actions"] if chip.startswith("Over/under odds for"))
    body = chat.say(chip)
    assert "get_odds" in tools_of(body) and "points" in body["message"] and "goals" not in body["message"], body


# --- the sport's own markets are priced as before -------------------------------------------------------------------

@pytest.mark.parametrize("message, words", [
    ("both teams to score odds for Liverpool", ("Both teams to score: Yes",)),
    ("cuotas de ambos marcan del Betis", ("Ambos marcan: Sí",)),
    ("odds de ambas marcam do Flamengo", ("Ambas marcam: Sim",)),
    ("over/under games for the Djokovic match", ("games",)),
    ("under 2.5 goals in the Arsenal game, price?", ("goals",)),
])
def test_a_market_the_sport_has_is_priced(sandbox, message, words):
    body = RestChat(guest=True).say(message)
    assert "get_odds" in tools_of(body) and all(word in body["message"] for word in words), body["message"]


def test_a_football_btts_simulation_is_simulated(sandbox):
    body = RestChat(guest=True).say("what if I bet 10 on btts yes in the Arsenal game?")
    assert "simulate_bet" in tools_of(body) and "10.00" in body["message"], body["message"]


# --- a stake: simulated or real ---------------------------------------------------------------------------------

@pytest.mark.parametrize("language, first, sport, asked, reply, then", [
    ("en", "what if I put 20 on both teams scoring in the Magic game?", "basketball", "Both teams to score",
     "the over/under then", ("20.00", "Over", "Under", "points")),
    ("es", "si apuesto 10 a la doble oportunidad de Djokovic, ¿cuánto gano?", "tennis", "La doble oportunidad",
     "el hándicap", ("10.00", "Novak Djokovic", "Arthur Fils")),
    ("pt_br", "e se eu colocar 30 em mais de 2.5 gols no jogo do Hawks?", "basketball", "não gols",
     "o mais/menos então", ("30.00", "pontos")),
])
def test_a_simulation_in_a_market_the_sport_never_has_is_asked_then_continued(sandbox, language, first, sport, asked,
                                                                              reply, then):
    chat = RestChat(guest=True)
    body = chat.say(first)
    _asked_which_market(body, language, sport, asked)
    continued = chat.say(reply)
    assert "simulate_bet" in tools_of(continued), continued
    assert all(word in continued["message"] for word in then), continued["message"]


def test_the_winner_in_reply_asks_which_side_and_keeps_the_stake(sandbox):
    chat = RestChat(guest=True)
    _asked_which_market(chat.say("what if I put 20 on both teams scoring in the Magic game?"), "en", "basketball",
                        "Both teams to score")
    side = chat.say("the winner then")
    assert asks(side) and "Phoenix Suns" in side["suggested_actions"], side
    body = chat.say("Orlando Magic")
    assert "simulate_bet" in tools_of(body) and "20.00" in body["message"] and "Orlando Magic" in body["message"]


@pytest.mark.parametrize("language, first, sport, asked", [
    ("en", "place 15 on btts yes in the Knicks game", "basketball", "Both teams to score"),
    ("en", "bet 25 on under 2.5 goals in the Pacers game", "basketball", "not goals"),
    ("es", "apuesta 20 al empate del partido de Musetti", "tennis", "no puede terminar en empate"),
    ("pt_br", "aposta 10 em ambas marcam no jogo do Fritz", "tennis", "Ambas marcam"),
])
def test_a_real_bet_in_a_market_the_sport_never_has_prepares_nothing(sandbox, language, first, sport, asked):
    chat = RestChat()
    body = chat.say(first)
    _asked_which_market(body, language, sport, asked)
    assert not chat.slips(), chat.slips()


def test_a_real_bet_continues_on_the_market_named_never_on_a_side_not_said(sandbox):
    chat = RestChat()
    chat.say("place 15 on btts yes in the Knicks game")
    body = chat.say("the handicap then")
    assert "?" in body["message"] and "place_bet" not in tools_of(body), body  # each side's line, which one
    assert "New York Knicks" in body["message"] and "Houston Rockets" in body["message"] and not chat.slips(), body
    picked = chat.say(next(chip for chip in body["suggested_actions"] if "Houston Rockets" in chip))
    assert "place_bet" in tools_of(picked) and "15.00" in picked["message"], picked["message"]
    [slip] = chat.slips()
    assert slip.market == "handicap" and slip.selection == "away", (slip.market, slip.selection)


# --- the one place that knows a sport's markets ---------------------------------------------------------------------

def test_each_sports_markets_are_what_its_matches_have(sandbox):
    for sport in list_sports():
        fixture = find_fixtures(sport_id=sport.id, limit=1)[0]
        assert tuple(get_odds(fixture_id=fixture.id).markets) == SPORT_MARKETS[sport_key(sport.id)], sport.name


def test_a_market_one_match_lacks_asks_which_of_the_others(sandbox):
    football = next(sport.id for sport in list_sports() if sport_key(sport.id) == "football")
    text, chips = no_market_question(football, market="btts", match="A vs B", language="es")
    assert text.endswith("?") and "A vs B" in text and "ambos marcan" not in text and "el hándicap" in text, text
    assert chips and all("A vs B" in chip for chip in chips), chips


# --- a model's call (the LLM path) ------------------------------------------------------------------------------

@pytest.fixture(params=["langchain:gemini", "openai_compatible"])
def llm_provider(request) -> str:
    return request.param


@pytest.mark.parametrize("message, club, tool, extra, words", [
    ("any btts price for the Suns game?", "Phoenix Suns", "get_odds", {"market": "btts"},
     ("Both teams to score", "basketball", "?")),
    ("si apuesto 10 a la doble oportunidad de Djokovic, ¿cuánto gano?", "Novak Djokovic", "simulate_bet",
     {"stake": 10, "market": "1x2", "selection": "home"}, ("doble oportunidad", "tenis", "?")),
])
def test_a_models_call_in_a_market_the_sport_never_has_is_a_question(sandbox, llm, message, club, tool, extra, words):
    fixture = find_fixtures(team=club, limit=1)[0]
    llm.queue(ToolCall([(tool, {"fixture_id": fixture.id, **extra})]), Text("Not offered."))
    RestChat(guest=True).say(message)
    [(name, result)] = llm.tool_results(1)
    assert name == tool and result.get("error") == "market_not_offered", result
    assert all(word in result["message"] for word in words), result
    assert "markets" not in result and "payout" not in result, result
