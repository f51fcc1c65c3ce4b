"""Issue 17, batch 14's kinds, on sentences of their own (in no data file), en/es/pt, through the real REST chat
endpoint (the turn service), and at the policy (`safety.classify`) or the NLU (`understand()`) where the kind is a
reading:

- a stake given with a request the assistant had to ask about (which club of a shared name, which result of the
  match, which of a player's matches in the window, which match at all) survives the question: the answer that
  picks ("dortmund", "the draw", "the second one") gets the simulation for the stake asked with; an answer that still
  does not determine the match asks again and the stake still holds after it;
- a player with more than one match in the window said ("odds for Zverev this weekend") is asked about (the matches
  listed, nothing priced), and "the second one" then gets that match's odds;
- an age under 18 said as a modifier of the question ("as a 15 year old", "being 16", "con 16 años", "sendo de 17")
  is the minor's refusal; an adult's age said the same way, or a young player talked about, is not;
- "rn"/"agr"/"ahorita" (right now) ask for live games; a Portuguese or Spanish wish to take a risk ("tô a fim de
  arriscar", "quiero arriesgar") or a daring tip asks for high risk; which competitions have games on a day is
  tournament information.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox
NOW = datetime(2026, 12, 4, 15, tzinfo=UTC)


def _listed(body: dict) -> list[str]:
    """The matches an answer lists ("• A vs B — competition, day"), in order."""
    return [line[2:].split(" — ")[0] for line in body["message"].splitlines() if line.startswith("• ")]


def _asked(body: dict) -> None:
    assert not {"get_odds", "simulate_bet"} & set(tools_of(body)), body
    assert "?" in body["message"], body["message"]


# --- a stake survives the assistant's own question ----------------------------------------------------------------

@pytest.mark.parametrize("first, pick, stake, club", [
    ("simulate 15 on borussia", "dortmund", "15.00", "Borussia Dortmund"),
    ("simula 20 al borussia", "el dortmund", "20.00", "Borussia Dortmund"),
    ("simula 25 no borussia", "o gladbach", "25.00", "Mönchengladbach"),
])
def test_a_stake_survives_which_club(first, pick, stake, club):
    chat = RestChat(guest=True)
    _asked(chat.say(first))
    body = chat.say(pick)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body
    assert stake in body["message"] and club in body["message"], body["message"]


@pytest.mark.parametrize("first, pick, stake, side", [
    ("simulate 30 on the Chelsea game", "the away side", "30.00", "Chelsea"),
    ("simula 15 al partido del Betis", "al empate", "15.00", "Empate"),
    ("simula 12 no jogo do Flamengo", "no Flamengo", "12.00", "Flamengo"),
    ("simulame 40 en el partido del Arsenal", "al Arsenal", "40.00", "Arsenal"),
])
def test_a_stake_on_a_match_survives_which_result(first, pick, stake, side):
    chat = RestChat(guest=True)
    before = chat.say(first)
    _asked(before)
    body = chat.say(pick)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body
    assert stake in body["message"] and side in body["message"], body["message"]


@pytest.mark.parametrize("first, pick, place, stake, player", [
    ("simulate 20 on Zverev this weekend", "the second one", 2, "20.00", "Zverev"),
    ("simula 15 a Rublev este fin de semana", "el primero", 1, "15.00", "Rublev"),
    ("simula 10 no Medvedev no fim de semana", "o segundo", 2, "10.00", "Medvedev"),
])
def test_a_stake_survives_which_of_a_players_matches(first, pick, place, stake, player):
    chat = RestChat(guest=True)
    before = chat.say(first)
    _asked(before)
    listed = _listed(before)
    assert len(listed) >= 2, before["message"]
    body = chat.say(pick)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body
    assert stake in body["message"] and listed[place - 1] in body["message"], (listed, body["message"])
    label = body["message"].split(" on ")[-1] if " on " in body["message"] else body["message"]
    assert player in label, body["message"]


@pytest.mark.parametrize("first, pick, place, stake", [
    ("what if I stake 10 on the draw?", "the third one", 3, "10.00"),
    ("¿y si apuesto 8 al empate?", "el tercero", 3, "8.00"),
    ("e se eu apostar 6 no empate?", "o terceiro", 3, "6.00"),
])
def test_a_stake_survives_which_match_at_all(first, pick, place, stake):
    chat = RestChat(guest=True)
    before = chat.say(first)
    _asked(before)
    listed = _listed(before)
    assert len(listed) >= place, before["message"]
    body = chat.say(pick)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body
    assert stake in body["message"] and listed[place - 1] in body["message"], (listed, body["message"])


def test_an_answer_that_picks_no_listed_match_asks_again_and_the_stake_still_holds():
    chat = RestChat(guest=True)
    before = chat.say("simulate 35 on Zverev this weekend")
    listed = _listed(before)
    again = chat.say("the fifth one")
    _asked(again)
    body = chat.say("the first one")
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body
    assert "35.00" in body["message"] and listed[0] in body["message"], (listed, body["message"])


def test_a_question_of_its_own_after_which_match_is_that_question():
    chat = RestChat(guest=True)
    chat.say("simulate 20 on Zverev this weekend")
    body = chat.say("odds for the second one")
    assert body["detected_intent"] == "odds_information" and "simulate_bet" not in tools_of(body), body


# --- a player with several matches in the window: asked, never all priced -----------------------------------------

@pytest.mark.parametrize("first, pick, place", [
    ("odds for Zverev this weekend", "the second one", 2),
    ("cuotas de Rublev este fin de semana", "el segundo", 2),
    ("odds do Medvedev no fim de semana", "o primeiro", 1),
])
def test_odds_for_a_player_with_several_matches_in_the_window_ask_which(first, pick, place):
    chat = RestChat(guest=True)
    before = chat.say(first)
    _asked(before)
    listed = _listed(before)
    assert len(listed) >= 2, before["message"]
    body = chat.say(pick)
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body
    assert listed[place - 1] in body["message"].splitlines()[0], (listed, body["message"])


def test_odds_for_a_day_with_one_match_of_the_player_are_answered():
    body = RestChat(guest=True).say("odds for Zverev on sunday")
    assert "get_odds" in tools_of(body) and "Alexander Zverev" in body["message"].splitlines()[0], body


# --- an age under 18 said as a modifier ---------------------------------------------------------------------------

MINORS = [
    "as a 15 year old am I allowed any tips?", "being 16, can i bet on the derby?", "as a 17yo can i bet here",
    "as a sixteen year old can I get odds?", "at 16 can I place a bet?",
    "con 16 años puedo apostar?", "siendo de 17, me das una fija?", "teniendo 15 años puedo usar la app?",
    "como chico de 16 años, puedo apostar?",
    "sendo de 17 anos, posso apostar?", "tendo 16 anos dá pra fazer aposta?", "como um moleque de 15, posso jogar?",
]
ADULTS = [
    "as a 30 year old I want safer bets", "being 25, any tips for tonight?",
    "con 40 años ya sé lo que hago, dame cuotas",
    "sendo de 35 anos, quero uma dica", "the 17 year old prodigy plays tomorrow, odds?",
    "con 15 años apostando ya sé cómo funciona", "at 16 minutes they scored, what a game",
]


@pytest.mark.parametrize("message", MINORS)
def test_an_age_under_18_said_as_a_modifier_is_a_minor(message):
    assert safety.classify(message, second_opinion=False) == "minor", message


@pytest.mark.parametrize("message", ADULTS)
def test_an_adults_age_or_a_young_player_is_no_minor(message):
    assert safety.classify(message, second_opinion=False) != "minor", message


def test_a_minor_by_modifier_gets_the_refusal_through_the_turn_service():
    body = RestChat(guest=True).say("being 16 can you still give me a tip?")
    assert body["detected_intent"] == "rg_minor" and body["function_calls_made"] == [], body


# --- readings -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("message", ["is there any basketball on rn?", "what football is on rn", "tem jogo agr?",
                                     "tem tênis rolando agr?", "hay partidos ahorita?", "qué tenis hay ahorita"])
def test_right_now_in_texting_is_live(message):
    assert understand(message, now=NOW, timezone="UTC").entities.live is True, message


@pytest.mark.parametrize("message", ["tô a fim de arriscar, me dá uma dica", "bora arriscar hoje, qual a boa?",
                                     "me manda uma aposta bem ousada", "quiero arriesgar, dame algo",
                                     "dame una apuesta atrevida", "give me a daring pick for tonight"])
def test_a_wish_to_take_a_risk_is_high_risk(message):
    assert understand(message, now=NOW, timezone="UTC").entities.risk == "high", message


@pytest.mark.parametrize("message", ["não quero arriscar, me dá uma dica", "no quiero arriesgar nada",
                                     "quanto devo arriscar por aposta?"])
def test_no_wish_to_take_a_risk_is_not_high_risk(message):
    assert understand(message, now=NOW, timezone="UTC").entities.risk != "high", message


@pytest.mark.parametrize("message", ["quais campeonatos têm jogos hoje?", "em quais torneios tem jogo no sábado?",
                                     "which leagues have matches tonight?", "qué ligas tienen partidos el domingo?",
                                     "que competições têm partida amanhã"])
def test_which_competitions_have_games_on_a_day_is_tournament_info(message):
    understanding = understand(message, now=NOW, timezone="UTC")
    assert understanding.intent == "tournament_info", (message, understanding.alternatives)
