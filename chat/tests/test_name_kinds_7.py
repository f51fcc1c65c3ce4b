"""Issue 17, batch 7's kinds of names and slots, on sentences of their own (in no data file), through `understand()`
for what is read and the real REST chat endpoint (the turn service) for what the user gets, at the evaluation clock.

1. A club we don't cover, typed in lower case, is said back as the proper name it is ("River Plate"), with the
   user's own capitals kept as typed and initials in capitals ("FC", "PSV").
2. A stake put on a word several catalogue clubs share, typed in lower case ("apuesto 20 al deportivo") asks which
   club, never lists unrelated fixtures; the one-word reply continues the simulation with that stake.
3. Entity kinds: a club by a nickname it alone goes by, said with its article ("the toon", "o fogão") or asked what
   it pays ("quanto paga o porco"); the Premier League as "the prem"; a journey's or a stay's city ("a flight to
   madrid", "un vuelo a sevilla", "hotel em porto") is no club.
4. Both teams to score said verb first ("anotan los dos", "marquen ambos", "marcam os dois") is the btts market; staked
   on or stated as what will happen ("van a marcar los dos", "os dois vão marcar") it is the "yes" side; the market
   only named for its price keeps no side (docs/betting.md).
5. Left-overs: a city's club of another sport typed in lower case ("chicago white sox") is not covered, never the
   city's catalogue club; a "treble" / "fourfold" is the accumulator explained.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import ACTING_TOOLS, EVAL_NOW
from chat.engine.nlu import understand
from chat.engine.unknown_names import as_a_name
from chat.tests import factories
from chat.tests.factories import RestChat

pytestmark = [pytest.mark.django_db, pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox

NOT_COVERED = {"en": "I don't cover", "es": "No cubro", "pt_br": "Não cubro"}


def tools_of(body: dict) -> set[str]:
    return {call["name"] for call in body["function_calls_made"]}


def _in(language: str) -> RestChat:
    chat = RestChat()
    chat.user.profile.language = language
    chat.user.profile.save()
    return chat


# --- 1. a club we don't cover, said as a proper name -----------------------------------------------------------------

@pytest.mark.parametrize("typed, said", [
    ("river plate", "River Plate"),
    ("fc zurich", "FC Zurich"),
    ("estudiantes de la plata", "Estudiantes de la Plata"),
    ("paris saint-germain", "Paris Saint-Germain"),
    ("Sporting Cristal", "Sporting Cristal"),  # the user's capitals: as typed
    ("LDU quito", "LDU quito"),
])
def test_a_name_typed_in_lower_case_is_said_as_a_proper_name(typed, said):
    assert as_a_name(typed) == said


@pytest.mark.parametrize("message, language, named", [
    ("what odds do you have for river plate", "en", "River Plate"),
    ("cuánto pagan las cuotas de river plate", "es", "River Plate"),
    ("quanto tá pagando o river plate?", "pt_br", "River Plate"),
    ("odds on the Sporting Cristal game", "en", "Sporting Cristal"),
])
def test_the_club_we_lack_is_named_properly_in_each_language(sandbox, message, language, named):
    body = _in(language).say(message)
    assert NOT_COVERED[language] in body["message"] and f'"{named}"' in body["message"], body["message"]
    assert not ACTING_TOOLS & tools_of(body), body["message"]


# --- 2. a stake on a shared word asks which club -------------------------------------------------------------------

@pytest.mark.parametrize("message, language, asked, reply, picked, stake", [
    ("how much would i win if i bet 15 on united", "en", "United", "newcastle", "Newcastle United", "15.00"),
    ("cuánto gano si le meto 20 al deportivo", "es", "Deportivo", "el de pereira", "Deportivo Pereira", "20.00"),
    ("quanto eu ganho se apostar 25 no atletico", "pt_br", "Atletico", "o mineiro", "Atlético Mineiro", "25.00"),
    ("if i bet 12 dollars on borussia what comes back?", "en", "Borussia", "dortmund", "Borussia Dortmund", "12.00"),
    # a shared name of two words ("los angeles"): asked, and named as such
    ("what if i stake 30 on los angeles", "en", "Which Los Angeles", "the clippers", "Los Angeles Clippers", "30.00"),
    ("cuánto gano si apuesto 10 a los angeles", "es", "Los Angeles", "los lakers", "Los Angeles Lakers", "10.00"),
])
def test_a_stake_on_a_shared_word_asks_which_club_then_simulates(sandbox, message, language, asked, reply, picked,
                                                                  stake):
    chat = _in(language)
    body = chat.say(message)
    assert body["detected_intent"] == "clarification" and asked in body["message"], body["message"]
    assert not ACTING_TOOLS & tools_of(body) and " vs " not in body["message"], body["message"]  # no fixture list
    body = chat.say(reply)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert picked in body["message"] and stake in body["message"], body["message"]


# --- 3. nicknames, competition slang, travel -------------------------------------------------------------------------

@pytest.mark.parametrize("message, team", [
    ("what are the toon paying on saturday", "Newcastle United"),
    ("odds for the hammers next match", "West Ham United"),
    ("the toffees game, what's the price", "Everton"),
    ("quanto tá pagando o porco hoje?", "Palmeiras"),
    ("quanto paga o peixe?", "Santos"),
    ("o galo joga quando?", "Atlético Mineiro"),
    ("quando joga o fogão?", "Botafogo"),
    ("cuotas de los colchoneros", "Atlético Madrid"),
])
def test_a_nickname_the_catalogue_club_alone_goes_by_is_that_club(message, team):
    read = understand(message, now=EVAL_NOW)
    assert read.entities.teams == [team], read


@pytest.mark.parametrize("message", [
    "quanto paga a vitória?",  # the win, not Vitória
    "quanto paga o galo do vizinho na rinha",  # something of someone's
])
def test_a_price_of_an_everyday_word_is_no_club(message):
    assert understand(message, now=EVAL_NOW).entities.teams == []


@pytest.mark.parametrize("message", [
    "what's on in the prem tonight",
    "any value bets in the prem?",
])
def test_the_prem_is_the_premier_league(message):
    assert understand(message, now=EVAL_NOW).entities.tournament == "Premier League"


@pytest.mark.parametrize("message", [
    "find me a cheap flight to manchester",
    "necesito un vuelo barato a sevilla",
    "quero uma passagem de ônibus pra porto alegre",
    "any good hotels in milan?",
])
def test_a_journeys_city_is_no_club(message):
    read = understand(message, now=EVAL_NOW)
    assert read.entities.teams == [] and read.intent == "out_of_scope", read


@pytest.mark.parametrize("message, team", [
    ("on the train home, odds for chelsea", "Chelsea"),
    ("travelling to the sevilla game, what are the odds", "Sevilla"),
])
def test_a_club_beside_a_journey_is_still_the_club(message, team):
    assert team in understand(message, now=EVAL_NOW).entities.teams


def test_the_user_asking_a_nicknames_price_gets_that_clubs_odds(sandbox):
    body = _in("pt_br").say("quanto tá pagando o porco?")
    assert "get_odds" in tools_of(body) and "Palmeiras" in body["message"], body["message"]


# --- 4. both teams to score, verb first ------------------------------------------------------------------------------

@pytest.mark.parametrize("message, selection", [
    ("pon 25 a que anotan los dos en el girona villarreal", "yes"),
    ("simula 40 a que marquen ambos en el betis - celta", "yes"),
    ("aposta 15 que marcam os dois no grêmio x inter", "yes"),
    ("¿van a marcar los dos en el atleti sevilla?", "yes"),
    ("os dois times vão marcar no jogo do santos?", "yes"),
    ("will both teams score tonight in arsenal chelsea?", "yes"),
    ("cuánto pagan que anoten los dos en el girona villarreal", None),  # its price only: both sides shown
])
def test_both_teams_to_score_verb_first_is_btts(message, selection):
    read = understand(message, now=EVAL_NOW).entities
    assert read.market == "btts" and read.selection == selection, read


def test_a_stake_that_both_score_is_simulated_on_yes(sandbox):
    body = _in("es").say("si le meto 20 a que anotan los dos en el rayo girona, ¿cuánto gano?")
    assert "simulate_bet" in tools_of(body) and "20.00" in body["message"], body["message"]
    assert "Ambos marcan: sí" in body["message"], body["message"]


# --- 5. a city's other club, and betting slang for an accumulator ---------------------------------------------------

@pytest.mark.parametrize("message, named, never", [
    ("chicago white sox game tonight?", "Chicago White Sox", "Chicago Bulls"),
    ("what are the odds on the boston red sox", "Boston Red Sox", "Boston Celtics"),
])
def test_a_citys_club_of_another_sport_is_not_covered(sandbox, message, named, never):
    body = _in("en").say(message)
    assert NOT_COVERED["en"] in body["message"] and f'"{named}"' in body["message"], body["message"]
    assert never not in body["message"] and not ACTING_TOOLS & tools_of(body), body["message"]


@pytest.mark.parametrize("message", ["wtf is a treble bet", "what does fourfold mean"])
def test_a_treble_is_explained_as_an_accumulator(sandbox, message):
    body = _in("en").say(message)
    assert body["detected_intent"] == "general_betting_info" and "accumulator" in body["message"], body["message"]
