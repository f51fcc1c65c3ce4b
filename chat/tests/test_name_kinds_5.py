"""Issue 17, batch 5's kinds of names and intents, on sentences of their own (in no data file), through `understand()`
for what is read and the real REST chat endpoint (the turn service) for what the user gets, at the evaluation clock.

1. A catalogue club's name continued into another club's name ("Santos" of "santos laguna", "Nacional" of "nacional de
   montevideo": a last word or a "de X" no chat says) is a club we don't cover, never the catalogue's club.
2. A club's name that is also an everyday word ("como", "lazio", "celtic", "rockets") counts where a club stands:
   side by side with another club, across a dash, listed with a name (covered or not), or after a result of it ("no
   empate do bahia"). A city in a weather question is no club, and the question is off-topic.
3. Intents: who the assistant would back -> a recommendation; a "dato" -> a recommendation; how two sides arrive and
   their head-to-head -> a comparison; a postponed match's bet and slang definitions -> betting info; help with
   anything but betting -> off-topic; Portuguese greeting slang -> a greeting.
4. "City" is Manchester City's alone (the sandbox's other "City" is a place inside Oklahoma City Thunder's name).
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


# --- 1. a name continued into another club's ----------------------------------------------------------------------


@pytest.mark.parametrize("message, unknown", [
    ("quando joga o time do santos laguna", "santos laguna"),
    ("show me the games of santos laguna", "santos laguna"),
    ("¿a qué hora juega el nacional de montevideo?", "nacional de montevideo"),
    ("quanto paga o nacional de montevideo", "nacional de montevideo"),
])
def test_a_name_continued_into_another_club_is_not_the_catalogue_club(message, unknown):
    read = understand(message, now=EVAL_NOW).entities
    assert read.unknown_teams == [unknown] and not read.teams, read


@pytest.mark.parametrize("message, team", [
    ("cuotas del nacional de colombia", "Atlético Nacional"),  # its own country
    ("odds do santos hoje à noite", "Santos"),  # "hoje", "noite": chat
    ("partidos del levante el finde", "Levante"),
    ("odds for chelsea tomorow", "Chelsea"),  # a typo of chat, not a place
])
def test_the_club_followed_by_ordinary_words_stays_the_club(message, team):
    assert team in understand(message, now=EVAL_NOW).entities.teams


@pytest.mark.parametrize("message, language, named", [
    # said back as the proper name (test_name_kinds_7: a lower-case name gets its capitals)
    ("cuánto pagan las cuotas del nacional de montevideo", "es", "Nacional de Montevideo"),
    ("quais as odds do santos laguna", "pt_br", "Santos Laguna"),
])
def test_the_user_is_told_it_is_not_covered_and_no_odds_of_another_club(sandbox, message, language, named):
    chat = RestChat()
    chat.user.profile.language = language
    chat.user.profile.save()
    body = chat.say(message)
    assert NOT_COVERED[language] in body["message"] and named in body["message"], body["message"]
    assert " vs " not in body["message"] and not ACTING_TOOLS & tools_of(body), body["message"]


# --- 2. everyday words that are club names, and cities ------------------------------------------------------------


@pytest.mark.parametrize("message, teams", [
    ("what does 20 on como atalanta pay for the draw", ["Como", "Atalanta"]),
    ("cuánto pagan el lazio - napoli", ["Lazio", "Napoli"]),
    ("over 220.5 in rockets knicks, odds?", ["Houston Rockets", "New York Knicks"]),
    ("e a vitória do bahia, tá pagando quanto?", ["Bahia"]),
    ("how do hearts and celtic compare", ["Celtic"]),  # Hearts: not covered, Celtic still found
])
def test_an_everyday_club_name_counts_where_a_club_stands(message, teams):
    assert understand(message, now=EVAL_NOW).entities.teams == teams


@pytest.mark.parametrize("message", [
    "¿cómo está el clima en valencia?",  # "cómo" the word, Valencia the city
    "como é feito o cálculo do retorno",
    "will it rain in sevilla this weekend",
])
def test_everyday_words_and_cities_stay_words(message):
    read = understand(message, now=EVAL_NOW)
    assert not read.entities.teams, read.entities


@pytest.mark.parametrize("message", [
    "is it going to be sunny in barcelona on saturday?",
    "¿va a hacer calor en madrid mañana?",
    "vai chover no rio amanhã à noite?",
])
def test_a_weather_question_is_off_topic_with_no_club(sandbox, message):
    read = understand(message, now=EVAL_NOW)
    assert read.intent == "out_of_scope" and not read.entities.teams, read
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "out_of_scope" and not ACTING_TOOLS & tools_of(body), body["message"]


def test_a_weather_question_about_a_match_keeps_its_clubs():
    assert understand("will the rain affect Arsenal vs Chelsea", now=EVAL_NOW).entities.teams == ["Arsenal", "Chelsea"]


# --- 3. intents -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("message, intent", [
    ("who would you back in chelsea vs arsenal?", "betting_recommendation"),
    ("¿y vos a quién le apostarías en el betis vs sevilla?", "betting_recommendation"),
    ("você apostaria em quem no palmeiras x corinthians?", "betting_recommendation"),
    ("tenés algún dato para la premier?", "betting_recommendation"),
    ("¿cómo llegan el betis y el sevilla al derbi?", "team_comparison"),
    ("qual o retrospecto do vasco contra o botafogo", "team_comparison"),
    ("what happens to my bet if the game is postponed?", "general_betting_info"),
    ("¿y si suspenden el partido qué pasa con lo que aposté?", "general_betting_info"),
    ("o que acontece com a aposta se a partida for adiada?", "general_betting_info"),
    ("what the hell is an asian handicap", "general_betting_info"),
    ("help me with my chemistry homework", "out_of_scope"),
    ("ayudame con mi curriculum", "out_of_scope"),
    ("eai", "greeting"),
])
def test_batch_5_intent_kinds(message, intent):
    assert understand(message, now=EVAL_NOW).intent == intent


# --- 4. "City" ----------------------------------------------------------------------------------------------------


def test_city_is_manchester_city_and_nothing_is_asked(sandbox):
    read = understand("what are the prices on city?", now=EVAL_NOW).entities
    assert read.teams == ["Manchester City"] and not read.team_choices, read
    body = RestChat(guest=True).say("what are the prices on city?")
    assert "get_odds" in tools_of(body) and "Manchester City" in body["message"], body["message"]
    assert "Oklahoma" not in body["message"]
