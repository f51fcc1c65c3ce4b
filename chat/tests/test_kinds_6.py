"""Issue 17, batch 6's kinds, on sentences of their own (in no data file), en/es/pt, through the real REST chat
endpoint (the turn service); a model's tool call through the fake LLM servers.

- Swearing or slang around a question ("wtf is", "q carajo significa", "que merda é") keeps the question's intent.
- A club's name that is an ordinary word ("tan ... como", "como el", "which city", "inter-league") stays the word;
  the club written where a club stands ("cuotas del como", "como vs atalanta", "odds for city") is still the club.
- A comparison or a tip on a name several clubs share ("Madrid") asks which, and the answer continues it; two
  sides listed ("odds for Madrid and Barcelona") are not read as their meeting to pick the club.
- A model's get_odds on a shared name (or on its guess for the user's shared name) asks which club.
- A simulated accumulator asked "what on each match?" continues with the answer ("both to win", "ambos ganan",
  "os dois vencerem", "over 2.5 in both", a pick per team), its legs and stake kept.
- A stake said as the bet's size ("a 15 acca", "una de 20 a la combinada") or in slang ("a tenner") is read.
- A club the catalogue lacks, named in lower case with no question word ("cuotas pumas unam", "odds boca"), is "not
  covered", never the live list nor another club.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

from .fake_llm_servers import Text, ToolCall

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("question", [
    "wtf is an each way bet",
    "what in the world does over 1.5 mean",
    "wtf's a parlay anyway",
    "q carajo significa ambos marcan",
    "¿qué mierda son las cuotas americanas?",
    "que porra é handicap asiático",
    "o que caralhos significa dupla chance",
])
def test_a_question_with_swearing_keeps_its_intent(sandbox, question):
    body = RestChat(guest=True).say(question)
    assert body["detected_intent"] == "general_betting_info", (body["detected_intent"], body["message"])
    assert not tools_of(body) & {"find_fixtures", "get_odds"}, body["message"]


@pytest.mark.parametrize("message, language", [
    ("q carajo significa ambos marcan", "es"), ("que porra é handicap asiático", "pt_br"),
])
def test_a_swear_word_tells_the_language(message, language):
    assert understand(message, now=EVAL_NOW).language == language


@pytest.mark.parametrize("message, teams", [
    ("el napoli es tan fuerte como atalanta?", ["Napoli", "Atalanta"]),
    ("¿está tan caro como el inter?", ["Inter"]),
    ("o palmeiras joga tão bem como o flamengo?", ["Palmeiras", "Flamengo"]),
    ("which city hosts the champions league final?", []),
    ("any matches in my city this weekend?", []),
    ("what city is the final played in", []),
    ("inter-league games tonight", []),
])
def test_an_everyday_word_is_no_club(message, teams):
    assert understand(message, now=EVAL_NOW).entities.teams == teams


@pytest.mark.parametrize("message, teams", [
    ("cuotas del como", ["Como"]),
    ("como vs atalanta, quién gana?", ["Como", "Atalanta"]),
    ("odds do como amanhã", ["Como"]),
    ("odds for city tonight", ["Manchester City"]),
    ("inter vs milan odds", ["Inter", "AC Milan"]),
    ("jogo do santos hoje", ["Santos"]),
])
def test_the_club_where_a_club_stands_is_still_the_club(message, teams):
    assert understand(message, now=EVAL_NOW).entities.teams == teams


def test_a_comparison_is_not_answered_about_como(sandbox):
    body = RestChat(guest=True).say("¿el betis juega tan bien como el sevilla?")
    assert "Como" not in body["message"], body["message"]


@pytest.mark.parametrize("first, reply, shown", [
    ("compare Madrid and Barcelona", "Real Madrid", ("Real Madrid", "Barcelona")),
    ("compara al Madrid con el Betis", "el atlético", ("Atlético Madrid", "Real Betis")),
    ("quem é melhor, o Atlético ou o Flamengo?", "o mineiro", ("Atlético Mineiro", "Flamengo")),
])
def test_a_comparison_on_a_shared_name_asks_which_and_the_answer_continues(sandbox, first, reply, shown):
    chat = RestChat(guest=True)
    body = chat.say(first)
    assert asks(body) and "compare_teams" not in tools_of(body), body["message"]
    body = chat.say(reply)
    assert "compare_teams" in tools_of(body) and all(name in body["message"] for name in shown), body["message"]


@pytest.mark.parametrize("first, reply, club", [
    ("who should I back, Madrid or Sevilla?", "atlético", "Atlético Madrid"),
    ("¿a quién le apuesto, al Madrid?", "el real", "Real Madrid"),
])
def test_a_tip_on_a_shared_name_asks_which_and_the_answer_continues(sandbox, first, reply, club):
    chat = RestChat(guest=True)
    body = chat.say(first)
    assert asks(body) and "recommend_bets" not in tools_of(body), body["message"]
    body = chat.say(reply)
    calls = [call for call in body["function_calls_made"] if call["name"] == "recommend_bets"]
    assert calls and calls[0]["arguments"].get("team") == club, body["function_calls_made"]


@pytest.mark.parametrize("first, reply, shown", [
    ("compare odds for Madrid and Barcelona", "Real Madrid", ("Real Madrid vs", "Barcelona")),
    ("cuotas del Madrid y del Sevilla", "el real", ("Real Madrid vs", "Sevilla vs")),
])
def test_two_sides_listed_ask_which_club_and_each_gets_its_odds(sandbox, first, reply, shown):
    chat = RestChat(guest=True)
    body = chat.say(first)
    assert asks(body) and "get_odds" not in tools_of(body), body["message"]
    body = chat.say(reply)
    assert all(part in body["message"] for part in shown), body["message"]
    assert "Atlético" not in body["message"].split("\n")[0], body["message"]


@pytest.fixture(params=["openai_compatible", "langchain:gemini"])
def llm_provider(request) -> str:
    return request.param


@pytest.mark.parametrize("message, team, clubs", [
    ("what are the odds for Madrid?", "Madrid", ("Real Madrid", "Atlético Madrid")),
    ("cuotas del Madrid para el finde", "Real Madrid", ("Real Madrid", "Atlético Madrid")),
    ("odds do Atlético?", "Atlético Madrid", ("Atlético Madrid", "Atlético Mineiro")),
])
def test_a_models_get_odds_on_a_shared_name_asks_which_club(sandbox, llm, message, team, clubs):
    llm.queue(ToolCall([("get_odds", {"team": team})]), Text("Which club?"))
    RestChat(guest=True).say(message)
    [(name, result)] = llm.tool_results(1)
    assert name == "get_odds" and result.get("error") == "team_ambiguous", result
    assert all(club in result["message"] for club in clubs), result
    assert "fixture" not in result


def test_a_models_get_odds_on_a_club_said_in_full_is_answered(sandbox, llm):
    llm.queue(ToolCall([("get_odds", {"team": "Real Madrid"})]), Text("Here."))
    RestChat(guest=True).say("odds for Real Madrid?")
    [(name, result)] = llm.tool_results(1)
    assert result["fixture"]["home"] == "Real Madrid" or result["fixture"]["away"] == "Real Madrid", result


@pytest.mark.parametrize("accumulator, answer, shown", [
    ("what if I did a 12 dollar acca on Liverpool and Napoli?", "both to win",
     ("Accumulator of 2 legs", "Liverpool to win", "Napoli to win", "12.00")),
    ("¿cuánto me daría una combinada de 8 con el Betis y el Villarreal?", "que ganen los dos",
     ("Combinada de 2", "Gana Real Betis", "Gana Villarreal", "8.00")),
    ("e se eu fizer uma múltipla de 15 com Palmeiras e Santos?", "os dois vencerem",
     ("Múltipla de 2", "Palmeiras vence", "Santos vence", "15.00")),
    ("what would a 10 dollar parlay on Liverpool and Napoli return?", "over 2.5 in both",
     ("Accumulator of 2 legs", "Over 2.5", "10.00")),
    ("what would a 10 dollar parlay on Liverpool and Napoli return?", "Liverpool to win and the draw in Napoli",
     ("Accumulator of 2 legs", "Liverpool to win", "Draw")),
])
def test_the_answer_to_which_outcome_continues_the_accumulator(sandbox, accumulator, answer, shown):
    chat = RestChat(guest=True)
    body = chat.say(accumulator)
    assert asks(body) and "simulate_bet" not in tools_of(body), body["message"]
    body = chat.say(answer)
    assert body["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(body), body["message"]
    assert all(part in body["message"] for part in shown), body["message"]


def test_an_answer_with_no_pick_is_a_question_of_its_own(sandbox):
    chat = RestChat(guest=True)
    chat.say("what if I did a 12 dollar acca on Liverpool and Napoli?")
    body = chat.say("what is my balance?")
    assert "simulate_bet" not in tools_of(body), body["message"]


@pytest.mark.parametrize("message, amount, currency", [
    ("what would a 15 acca on Liverpool to win and Napoli to win pay?", "15", None),
    ("a 20 dollar parlay on Arsenal and Chelsea, what would it pay?", "20", "USD"),
    ("what if I put a tenner on Arsenal?", "10", "GBP"),
    ("a fiver on the draw in the Chelsea game, what do I get back?", "5", "GBP"),
    ("¿y una de 20 a la combinada del Betis y el Villarreal?", "20", None),
    ("e uma de 10 no Flamengo, quanto volta?", "10", None),
])
def test_a_stake_said_as_the_bets_size_or_in_slang_is_read(message, amount, currency):
    entities = understand(message, now=EVAL_NOW).entities
    assert (str(entities.amount), entities.currency) == (amount, currency), entities.to_dict()


@pytest.mark.parametrize("message", ["a 2 leg acca on Arsenal and Chelsea", "a 3 team parlay, how does it work?",
                                     "uno de 3 en la liga"])
def test_a_count_is_no_stake(message):
    assert understand(message, now=EVAL_NOW).entities.amount is None


def test_a_tenner_simulated_says_the_stake(sandbox):
    body = RestChat(guest=True).say("what if I put a tenner on Arsenal?")
    assert "simulate_bet" in tools_of(body) and "10.00" in body["message"], body["message"]


@pytest.mark.parametrize("message, written, language", [
    # said back with its capitals (test_name_kinds_7: a name typed in lower case is said as a proper name)
    ("cuotas pumas unam", "Pumas UNAM", "es"),
    ("odds boca", "Boca", "en"),
    ("when do tigres uanl play", "Tigres UANL", "en"),
    ("quanto paga o penarol", "Penarol", "pt_br"),
    ("santos laguna odds", "Santos Laguna", "en"),
])
def test_a_club_we_lack_named_in_lower_case_is_not_covered(sandbox, message, written, language):
    body = RestChat(guest=True).say(message)
    assert f'"{written}"' in body["message"], body["message"]
    assert not tools_of(body) & {"get_odds", "find_fixtures"}, body["message"]


@pytest.mark.parametrize("message", ["¿y si empatan?", "e depois de amanhã?", "odds tonite"])
def test_an_ordinary_word_is_no_club_we_lack(sandbox, message):
    body = RestChat(guest=True).say(message)
    assert "cover" not in body["message"] and "cubro" not in body["message"], body["message"]


@pytest.mark.parametrize("message", ["o que caralhos é uma aposta simples", "wtf is a handicap bet",
                                     "qué carajos es una apuesta simple"])
def test_a_swear_word_is_never_read_as_a_name(message):
    entities = understand(message, now=EVAL_NOW).entities
    assert entities.teams == [] and entities.unknown_teams == [], entities.to_dict()


@pytest.mark.parametrize("message, teams", [
    ("we're all united in this, odds for arsenal", ["Arsenal"]),
    ("stay united lads, when do chelsea play?", ["Chelsea"]),
    ("man united odds", ["Manchester United"]),
])
def test_united_as_the_adjective_is_no_club(message, teams):
    assert understand(message, now=EVAL_NOW).entities.teams == teams


@pytest.mark.parametrize("message, choices", [
    ("a 10 or 20 acca on Arsenal and Chelsea", ["10", "20"]),
    ("una de 10 o de 20 a la combinada del Betis y el Villarreal", ["10", "20"]),
    ("uma de 10 ou de 15 no Flamengo?", ["10", "15"]),
])
def test_two_sizes_of_the_bet_are_both_read(message, choices):
    assert understand(message, now=EVAL_NOW).entities.amount_choices == choices


@pytest.mark.parametrize("accumulator, stake, answer, shown", [
    ("a 5 or 15 acca on Arsenal to win and Chelsea to win, what would it pay?", "15", None,
     ("Accumulator of 2 legs", "15.00")),
    ("¿y una de 10 o de 25 a la combinada del Betis y el Villarreal?", "25", "ambos ganan",
     ("Combinada de 2", "25.00")),
])
def test_two_stakes_of_a_simulated_accumulator_ask_which_and_it_continues(sandbox, accumulator, stake, answer, shown):
    chat = RestChat(guest=True)
    body = chat.say(accumulator)
    assert asks(body) and "simulate_bet" not in tools_of(body), body["message"]
    body = chat.say(stake)
    if answer is not None:
        assert asks(body) and "simulate_bet" not in tools_of(body), body["message"]  # the picks, still open
        body = chat.say(answer)
    assert "simulate_bet" in tools_of(body) and all(part in body["message"] for part in shown), body["message"]
