"""Issue 17, batch 6's kinds of names, dates and intents, on sentences of their own (in no data file), through
`understand()` for what is read and the real REST chat endpoint (the turn service) for what the user gets, at the
evaluation clock.

1. Enough money for a stake ("have I got enough to put 40 on it?") asks the balance, not a simulation.
2. The heat, the cold and "o tempo" / "el tiempo" of a city are off-topic, never a tip nor a comparison, and the city is
   no club; a match's "segundo tempo" is still the match's.
3. Slang for today's pick ("qual é a boa pra hoje?", "what's the play today?") asks for a recommendation.
4. Days typed in shorthand ("hj", "2day", "tmro", "amnh", "2nite") are dates, never part of a club's name.
5. A derby by its own name ("grenal", "derby della madonnina", "north london derby") is both its clubs when the
   catalogue has both; the bare "el clásico" is left to the dialogue (chat/engine/frame.py), "el clásico de la liga
   mx" is another derby.
6. A club compared or listed "with" / "com" / "con" another ("compara o bahia com o santos") stays the club; dinner
   "com o santos" names nobody.
7. A club we lack that contains a covered club's word ("Inter Miami", "Boston Red Sox") is "not covered" with
   suggestions of its sport, never Miami Heat or Boston Celtics.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import ACTING_TOOLS, EVAL_NOW
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat

pytestmark = [pytest.mark.django_db, pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox

NOT_COVERED = {"en": "I don't cover", "es": "No cubro", "pt_br": "Não cubro"}


def tools_of(body: dict) -> set[str]:
    return {call["name"] for call in body["function_calls_made"]}


# --- 1. enough for a stake -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("message, amount", [
    ("have I got enough left to put 35 on the draw?", "35"),
    ("is my wallet enough for a 45 dollar bet", "45"),
    ("¿me alcanza la plata para apostar 25?", "25"),
    ("¿tengo saldo suficiente para una apuesta de 70?", "70"),
    ("tenho saldo pra apostar 90 ainda?", "90"),
])
def test_enough_money_for_a_stake_is_a_balance_question(message, amount):
    read = understand(message, now=EVAL_NOW)
    assert read.intent == "balance_query" and str(read.entities.amount) == amount, read


def test_the_user_gets_the_balance_not_a_simulation(sandbox):
    body = RestChat().say("do I still have enough to stake 30 tonight?")
    assert body["detected_intent"] == "balance_query" and "simulate_bet" not in tools_of(body), body["message"]
    assert "1000" in body["message"] or "1,000" in body["message"], body["message"]


# --- 2. weather and heat ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("message", [
    "so hot today, any tips to cool off?",
    "this heat is unbearable, how do you stay cool",
    "¿cómo está el tiempo en sevilla este finde?",
    "que calorão, alguma dica pra refrescar?",
    "como que tá o tempo em santos hoje?",
])
def test_heat_and_weather_are_off_topic_with_no_club(sandbox, message):
    read = understand(message, now=EVAL_NOW)
    assert read.intent == "out_of_scope" and not read.entities.teams, read
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "out_of_scope" and not ACTING_TOOLS & tools_of(body), body["message"]


def test_a_matchs_second_half_is_no_weather():
    read = understand("quanto tá o segundo tempo do flamengo?", now=EVAL_NOW)
    assert read.intent != "out_of_scope" and read.entities.teams == ["Flamengo"], read


# --- 3. slang for the pick of the day -------------------------------------------------------------------------------

@pytest.mark.parametrize("message", [
    "qual é a boa pro domingo?",
    "e aí, qual a boa da noite?",
    "¿cuál es la buena para esta noche?",
    "what's the play tonight?",
])
def test_slang_for_the_pick_is_a_recommendation(message):
    assert understand(message, now=EVAL_NOW).intent == "betting_recommendation"


# --- 4. days in shorthand -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("message, day, team", [
    ("jogo do santos hj, que horas?", "2026-12-04", "Santos"),
    ("jogo do palmeiras amnh que horas", "2026-12-05", "Palmeiras"),
    ("arsenal odds 2day", "2026-12-04", "Arsenal"),
    ("is chelsea on tmro?", "2026-12-05", "Chelsea"),
    ("lakers 2nite, what's the line?", "2026-12-04", "Los Angeles Lakers"),
])
def test_days_in_shorthand_are_dates_and_the_club_stays(message, day, team):
    read = understand(message, now=EVAL_NOW).entities
    assert read.date_from is not None and read.date_from.date().isoformat() == day, read
    assert read.teams == [team] and not read.unknown_teams, read


# --- 5. derbies by name -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("message, teams", [
    ("quem leva o grenal de domingo?", ["Grêmio", "Internacional"]),
    ("cuánto pagan en el derby della madonnina", ["Inter", "AC Milan"]),
    ("who do you fancy in the north london derby?", ["Arsenal", "Tottenham Hotspur"]),
    ("odds do choque-rei", ["Palmeiras", "São Paulo"]),
])
def test_a_derby_by_its_name_is_both_clubs(message, teams):
    assert understand(message, now=EVAL_NOW).entities.teams == teams


@pytest.mark.parametrize("message", [
    "cuotas para el clásico de la liga mx",  # another country's derby
    "em quem você iria nesse clássico?",  # the one talked about: the dialogue's
])
def test_another_or_a_pointed_at_clasico_names_no_club(message):
    assert understand(message, now=EVAL_NOW).entities.teams == []


def test_the_derbys_match_is_answered(sandbox):
    body = RestChat().say("odds for the derby della madonnina")
    assert "Inter" in body["message"] and "AC Milan" in body["message"], body["message"]


# --- 6. "with" another club ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("message, teams", [
    ("compara o bahia com o santos", ["Bahia", "Santos"]),
    ("compará al betis con el levante", ["Real Betis", "Levante"]),
    ("quem chega melhor, o grêmio ou o santos?", ["Grêmio", "Santos"]),
    ("compare the knicks with the heat", ["New York Knicks", "Miami Heat"]),
])
def test_a_club_compared_with_another_stays_a_club(message, teams):
    assert understand(message, now=EVAL_NOW).entities.teams == teams


def test_dinner_with_someone_names_no_club():
    assert understand("vou jantar com o santos hoje", now=EVAL_NOW).entities.teams == []


# --- 7. a club we lack containing a covered word -------------------------------------------------------------------

@pytest.mark.parametrize("message, language, named, never", [
    ("when is Inter Miami playing next?", "en", "Inter Miami", "Miami Heat"),
    ("cuotas del Inter Miami para el sábado", "es", "Inter Miami", "Miami Heat"),
    ("odds for the Boston Red Sox", "en", "Boston Red Sox", "Boston Celtics"),
])
def test_a_club_we_lack_is_not_covered_and_no_other_sports_club_is_suggested(sandbox, message, language, named,
                                                                             never):
    body = RestChat().say(message) if language == "en" else _in(language).say(message)
    assert NOT_COVERED[language] in body["message"] and named in body["message"], body["message"]
    assert never not in body["message"] and not ACTING_TOOLS & tools_of(body), body["message"]


def _in(language: str) -> RestChat:
    chat = RestChat()
    chat.user.profile.language = language
    chat.user.profile.save()
    return chat
