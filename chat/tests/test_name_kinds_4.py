"""Issue 17, batch 4's kinds of team and competition names, on sentences of their own (in no data file), through
`understand()` for what is read and the real REST chat endpoint (the turn service) for what the user gets, at the
evaluation clock (Friday 4 December 2026).

1. A name several catalogue clubs are called by ("Spurs", "Madrid", "el Real", "o United") on the single-team routes
   (odds, schedule, simulation): asked which club, the candidates as suggestions, no odds looked up; the reply (a club,
   "the basketball one", "o inglês", a number) continues the request. What else was said still decides it (the
   competition, the day, the opponent, the match in focus); a word one club alone is called by is never asked about
   ("City", "Sociedad").
2. A club or competition the catalogue lacks is named whole in "I don't cover ..." ("Estudiantes de La Plata"), with
   only suggestions that share a word with it; "liga mx" is no LaLiga.
3. Countries and nationalities are ordinary words, never a club or player by fuzzy match; real names keep their typos.
4. A club's nickname that is also an everyday word ("bulls", "rockets", "hawks") counts where a club stands: before its
   match or price, or listed with another club.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import ACTING_TOOLS, EVAL_NOW
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db, pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox

NOT_COVERED = {"en": "I don't cover", "es": "No cubro", "pt_br": "Não cubro"}


def first_line(body: dict) -> str:
    return body["message"].splitlines()[0]


# --- 1. a name several clubs are called by ----------------------------------------------------------------------


@pytest.mark.parametrize("ask, word, candidates", [
    ("what are the odds on Spurs?", "Spurs", {"Tottenham Hotspur", "San Antonio Spurs"}),
    ("¿qué cuota tiene el Real?", "Real", {"Real Madrid", "Real Betis", "Real Oviedo", "Real Sociedad"}),
    ("quando joga o United?", "United", {"Manchester United", "Leeds United", "Newcastle United",
                                         "West Ham United"}),
    ("what would 15 on Madrid pay?", "Madrid", {"Real Madrid", "Atlético Madrid"}),
    ("how much is the madrid game paying this weekend", "Madrid", {"Real Madrid", "Atlético Madrid"}),
    ("¿qué cuota tiene el Atlético?", "Atlético", {"Atlético Madrid", "Atlético Nacional", "Atlético Bucaramanga"}),
])
def test_a_name_several_clubs_are_called_by_is_asked_about(sandbox, ask, word, candidates):
    body = RestChat(guest=True).say(ask)
    assert body["detected_intent"] == "clarification", body["message"]
    assert not ACTING_TOOLS & tools_of(body), tools_of(body)  # no odds, no simulation of a guessed club
    assert word in body["message"] and body["message"].rstrip().endswith("?")
    assert all(name in body["message"] for name in candidates), body["message"]
    assert candidates <= set(body["suggested_actions"])


@pytest.mark.parametrize("ask, reply, team, intent, said", [
    ("what are the odds on Spurs?", "the basketball one", "San Antonio Spurs", "odds_information", None),
    ("quanto paga o Spurs?", "o inglês", "Tottenham Hotspur", "odds_information", None),
    ("¿cuándo juega el United?", "el de Leeds", "Leeds United", "match_schedule", None),
    ("¿qué cuota tiene el Real?", "3", "Real Oviedo", "odds_information", None),
    ("what would 15 on Madrid pay?", "Atlético", "Atlético Madrid", "bet_simulation", "15.00"),
    ("e se eu apostar 12 no Spurs?", "o da NBA", "San Antonio Spurs", "bet_simulation", "12.00"),
])
def test_the_reply_continues_the_request_on_the_club_picked(sandbox, ask, reply, team, intent, said):
    chat = RestChat(guest=True)
    chat.say(ask)
    body = chat.say(reply)
    assert body["detected_intent"] == intent, body["message"]
    assert team in first_line(body), body["message"]
    if said:
        assert said in body["message"]


@pytest.mark.parametrize("ask, team", [
    ("spurs odds in the nba", "San Antonio Spurs"),  # the competition said
    ("Madrid odds for Sunday", "Atlético Madrid"),  # the day: only Atlético plays on Sunday 6 December
    ("odds for Madrid against Betis", "Real Madrid"),  # the opponent
    ("odds for City", "Manchester City"),  # a word one club alone is called by (Oklahoma City is a place)
    ("Sociedad odds", "Real Sociedad"),  # a word of one club's name
])
def test_what_else_is_said_decides_and_nothing_is_asked(sandbox, ask, team):
    body = RestChat(guest=True).say(ask)
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body["message"]
    assert team in first_line(body)


def test_a_reply_that_does_not_settle_it_is_asked_again_and_the_request_kept(sandbox):
    chat = RestChat(guest=True)
    chat.say("what would 20 on Madrid pay?")
    again = chat.say("the Spanish one")  # both are
    assert again["detected_intent"] == "clarification" and not ACTING_TOOLS & tools_of(again), again["message"]
    assert {"Real Madrid", "Atlético Madrid"} <= set(again["suggested_actions"])
    body = chat.say("the first")
    assert body["detected_intent"] == "bet_simulation" and "20.00" in body["message"], body["message"]
    assert "Real Madrid" in body["message"] and "Atlético" not in body["message"]


def test_a_name_a_brazilian_club_also_goes_by_is_asked_about_in_portuguese(sandbox):
    """"o Inter" in Portuguese is Internacional as much as Inter: asked; in English it stays Inter."""
    chat = RestChat(guest=True)
    asked = chat.say("e a odd do Inter pro fim de semana?")
    assert asked["detected_intent"] == "clarification" and not ACTING_TOOLS & tools_of(asked), asked["message"]
    assert {"Inter", "Internacional"} <= set(asked["suggested_actions"])
    body = chat.say("o brasileiro")
    assert body["detected_intent"] == "odds_information" and "Internacional" in first_line(body), body["message"]
    english = RestChat(guest=True).say("Inter odds for the weekend")
    assert "get_odds" in tools_of(english) and "Internacional" not in english["message"], english["message"]


def test_the_match_in_focus_decides(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds Real Betis vs Real Madrid")
    body = chat.say("and when does Madrid play after that?")
    assert body["detected_intent"] == "match_schedule", body["message"]
    assert "Real Madrid" in first_line(body) and "Atlético" not in body["message"]


# --- 2. a name the catalogue does not have ----------------------------------------------------------------------


@pytest.mark.parametrize("message, language, named", [
    ("odds for Estudiantes de La Plata", "en", "Estudiantes de La Plata"),
    ("quando joga o Atlético Goianiense?", "pt_br", "Atlético Goianiense"),
    ("cuotas del Deportivo Toluca", "es", "Deportivo Toluca"),
    ("quanto paga o Athletico Paranaense?", "pt_br", "Athletico Paranaense"),
])
def test_a_club_we_do_not_have_is_named_whole_and_nothing_guessed(sandbox, message, language, named):
    chat = RestChat()
    chat.user.profile.language = language
    chat.user.profile.save()
    body = chat.say(message)
    assert NOT_COVERED[language] in body["message"] and f'"{named}"' in body["message"], body["message"]
    assert " vs " not in body["message"] and not ACTING_TOOLS & tools_of(body)
    # only clubs sharing a word with the name: no Parma for "Paranaense", no Athletic Club for "Athletico"
    assert not {"Parma", "Athletic Club", "Atlético Madrid"} & set(body["suggested_actions"]), body


@pytest.mark.parametrize("message, named, language_marker", [
    ("dame las cuotas de la liga mx", "liga mx", "No tengo partidos de"),
    ("vocês têm a Série C?", "Série C", "Não tenho jogos de"),
    ("do you cover the Copa Sudamericana?", "Copa Sudamericana", "I don't have"),
])
def test_a_competition_we_do_not_have_is_said_not_covered(sandbox, message, named, language_marker):
    read = understand(message, now=EVAL_NOW)
    assert read.entities.tournament is None and read.entities.unknown_tournament == named, read.entities
    body = RestChat(guest=True).say(message)
    assert body["message"].startswith(f"{language_marker} {named}"), body["message"]
    assert " vs " not in body["message"]  # no LaLiga fixtures in its place


# --- 3. countries and nationalities -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "how do american odds work?",
    "¿las cuotas americanas pagan más?",
    "as odds americanas são melhores?",
    "I'm in france this week, can I still bet?",
    "estoy en Francia, ¿puedo apostar?",
    "o campeão francês joga quando?",
])
def test_a_country_or_nationality_is_no_club_nor_player(text):
    read = understand(text, now=EVAL_NOW)
    assert not read.entities.teams, read.entities


@pytest.mark.parametrize("text, team", [
    ("when does barcelonna play", "Barcelona"),
    ("cuotas del real madird", "Real Madrid"),
    ("jogo do flamenggo amanhã", "Flamengo"),
    ("tiafoee odds", "Frances Tiafoe"),
])
def test_real_names_keep_their_typos(text, team):
    assert understand(text, now=EVAL_NOW).entities.teams == [team]


# --- 4. a club's nickname that is an everyday word --------------------------------------------------------------


@pytest.mark.parametrize("text, teams", [
    ("bulls odds tonight", ["Chicago Bulls"]),
    ("Rockets game tomorrow?", ["Houston Rockets"]),
    ("pacers or hawks tonight?", ["Indiana Pacers", "Atlanta Hawks"]),
    ("compare the celtics and the magic", ["Boston Celtics", "Orlando Magic"]),
])
def test_an_everyday_nickname_counts_where_a_club_stands(text, teams):
    assert understand(text, now=EVAL_NOW).entities.teams == teams


@pytest.mark.parametrize("text", ["nice odds on that one!", "the heat today is unbearable", "it was pure magic",
                                  "thunder and lightning all night"])
def test_the_everyday_word_stays_a_word(text):
    assert not understand(text, now=EVAL_NOW).entities.teams


def test_a_nickname_before_its_price_gets_that_clubs_odds(sandbox):
    body = RestChat(guest=True).say("bulls odds please")
    assert "get_odds" in tools_of(body) and "Chicago Bulls" in first_line(body), body["message"]


# --- 5. a short Portuguese message naming a club the NLU leaves open -------------------------------------------


@pytest.mark.parametrize("message, asked", [
    ("odds do Borussia", "Qual Borussia"),
    ("cotação do Olympique?", "Qual Olympique"),
])
def test_a_short_portuguese_message_is_answered_in_portuguese_whatever_the_profile(sandbox, message, asked):
    chat = RestChat()
    chat.user.profile.language = "en"
    chat.user.profile.save()
    body = chat.say(message)  # the unresolved name is no English evidence: "do" before a name is Portuguese
    assert body["message"].startswith(asked), body["message"]
