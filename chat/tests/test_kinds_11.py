"""Issue 17, batch 11's understanding and dialogue kinds, on sentences of their own (in no data file), en/es/pt, at
the NLU (`understand()`) where the kind is a reading, and through the real REST chat endpoint (the turn service) for
the dialogue:

- texting shorthand ("rn", "u", "r", "q") is read as the words it stands for: "whats on rn" is the live schedule,
  "what r u for" asks for help;
- who a club plays next ("who do X play", "contra quién juega X", "quem o X enfrenta") is its fixture, never a tip;
  a bare request for tips ("any tips?", "alguma dica?") or for games good to bet on is a tip;
- a key word misspelt by a letter ("balanse", "shedule") is that word;
- a club's everyday-word nickname in lower case ("wolves", "villa", "forest") is the club as the subject of a match's
  verb ("when do wolves play"), never the ordinary word ("wolves in the snow", "a villa by the sea");
- a stake said before a market ("jogar 10 em ambas marcam") is the stake;
- an "ok" that opens a question is no yes; an acknowledgement alone ("ok nice") asks and simulates nothing;
- a law of the game ("explain offside", "¿cómo funciona el VAR?") is off-topic, politely;
- a place in the list shown ("o do meio", "the last one", "el penúltimo") is that match; "the middle one" of an even
  list is asked; "ese partido" / "esse jogo" is the match in focus;
- a name several clubs share ("odd do atlético", "y del madrid?" after Barcelona's odds) is asked, never settled from
  the opponent in focus; a price asked with no match in context ("whats the draw paying") asks which match.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.engine.nlu.misspelt import spelled_out
from chat.engine.nlu.stance import find_confirmation
from chat.engine.nlu.text import fold, tokenize
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox
NOW = datetime(2026, 12, 4, 15, tzinfo=UTC)


def read(message: str):
    return understand(message, now=NOW, timezone="UTC")


INTENTS = {
    "match_schedule": [
        # shorthand
        "any football on rn?", "what games r on rn", "r there any matches tonight",
        # who a club plays
        "who do Chelsea play this weekend", "who are Juventus facing next", "who's Benfica up against on sunday",
        "¿contra quién juega el Valencia mañana?", "a quién le toca el Sevilla el sábado",
        "¿quién es el próximo rival del Napoli?", "contra quem o Corinthians joga domingo?",
        "quem o Fluminense enfrenta amanhã?", "o Vasco pega quem no sábado?",
    ],
    "help": ["what can u do for me", "what r u for", "okay so what are u even for", "vale, ¿y para qué sirves?"],
    "betting_recommendation": [
        "u got any tips?", "any tips", "alguma dica pra hoje?", "me indica uns palpites pro domingo",
        "partidos buenos para apostar hoy", "good games to bet on tomorrow?", "bons jogos pra apostar amanhã?",
    ],
    "balance_query": ["balanse pls", "whats my balence", "my ballance?"],
}


@pytest.mark.parametrize("intent, message", [(i, m) for i, ms in INTENTS.items() for m in ms])
def test_the_kind_is_read_as_its_intent(intent, message):
    assert read(message).intent == intent, (message, read(message).intent, read(message).alternatives)


def test_a_misspelt_key_word_is_that_word_but_chat_words_stay():
    assert read("shedule for sunday").intent == "match_schedule"
    assert read("compair arsenal and chelsea").intent == "team_comparison"
    assert spelled_out("balanse") == "balance"
    assert spelled_out("el partido de hoy") == "el partido de hoy"  # a word chat writes is never "corrected"


@pytest.mark.parametrize("message, club", [
    ("when do wolves play?", "Wolverhampton Wanderers"), ("are forest playing this weekend", "Nottingham Forest"),
    ("when does villa play next", "Aston Villa"), ("how do palace stack up against brentford", "Crystal Palace"),
    ("did the magpies win", "Newcastle United"),
])
def test_an_everyday_word_nickname_is_the_club_as_the_subject_of_a_match(message, club):
    assert club in read(message).entities.teams, read(message).entities.teams


@pytest.mark.parametrize("message", [
    "wolves play in the snow, any games today?", "we stayed in a villa by the sea, what's on tonight",
    "a walk in the forest then the odds for arsenal", "the palace was beautiful, matches tomorrow?",
])
def test_the_same_word_as_a_word_names_no_club(message):
    teams = read(message).entities.teams
    assert not {"Wolverhampton Wanderers", "Aston Villa", "Nottingham Forest", "Crystal Palace"} & set(teams), teams


@pytest.mark.parametrize("message, amount, market", [
    ("se eu jogar 30 em ambas marcam não no jogo do santos, quanto volta?", "30", "btts"),
    ("e se eu botar 15 em mais de 2.5 gols no jogo do grêmio", "15", "over_under"),
    ("si pongo 10 en ambos marcan en el partido del betis", "10", "btts"),
    ("what if i chuck 25 in the over 2.5 for chelsea", "25", "over_under"),
])
def test_a_stake_said_before_a_market_is_the_stake(message, amount, market):
    entities = read(message).entities
    assert (entities.amount, entities.market) == (Decimal(amount), market), entities


@pytest.mark.parametrize("message, yes", [
    ("ok so what are u for", None), ("beleza, e o over?", None), ("vale, y quién juega hoy?", None),
    ("ok", True), ("ok place it", True), ("beleza", True),
])
def test_an_ok_that_opens_a_question_is_no_yes(message, yes):
    folded = fold(message)
    assert find_confirmation(folded, tokenize(folded)) is yes


@pytest.mark.parametrize("message", [
    "explain offside to me", "¿cómo funciona el VAR?", "o que é impedimento?", "what's the handball rule",
])
def test_a_law_of_the_game_is_off_topic(message):
    assert read(message).intent == "out_of_scope", read(message).alternatives


def test_a_law_of_the_game_with_a_bet_stays_ours():
    assert read("does a VAR decision void my bet?").intent != "out_of_scope"


# --- through the turn service -------------------------------------------------------------------------------------

def conversation(*messages: str) -> list[dict]:
    chat = RestChat(guest=True)
    return [chat.say(message) for message in messages]


def head(body: dict) -> str:
    return body["message"].splitlines()[0]


@pytest.mark.parametrize("listing, pick, match", [
    ("jogos do brasileirão amanhã", "e o do meio?", "Vitória vs Grêmio"),
    ("jogos do brasileirão amanhã", "odds do jogo do meio", "Vitória vs Grêmio"),
    ("serie a games tomorrow", "odds for the last one", "AC Milan vs AS Roma"),
    ("partidos de laliga el sábado", "cuotas del penúltimo", "Sevilla vs Elche"),
])
def test_a_place_in_the_list_is_that_match(sandbox, listing, pick, match):
    body = conversation(listing, pick)[-1]
    assert "get_odds" in tools_of(body) and match in head(body), body["message"]


def test_the_middle_of_an_even_list_is_asked(sandbox):
    body = conversation("serie a games tomorrow", "and the middle one?")[-1]
    assert asks(body) and "4" in body["message"], body["message"]


@pytest.mark.parametrize("first, detour, then, match, draw", [
    ("odds do flamengo", "o que é handicap?", "beleza, e o empate desse jogo?", "Flamengo", "Empate"),
    ("cuotas del betis", "¿qué es ambos marcan?", "vale, ¿y el empate de ese partido?", "Real Betis", "Empate"),
])
def test_that_match_is_the_one_in_focus(sandbox, first, detour, then, match, draw):
    shown, _, body = conversation(first, detour, then)
    assert "get_odds" in tools_of(body) and head(body) == head(shown) and match in head(body) \
        and draw in body["message"], body["message"]


@pytest.mark.parametrize("message", ["odd do atlético", "cuotas del atletico", "whats the draw paying",
                                     "what's the over paying tonight?"])
def test_a_name_or_a_price_that_determines_no_match_is_asked(sandbox, message):
    body = conversation(message)[-1]
    assert asks(body), (body["detected_intent"], body["message"])


def test_a_shared_name_after_odds_is_asked_not_settled_from_the_opponent(sandbox):
    body = conversation("cuotas del barcelona", "y del madrid?")[-1]
    assert asks(body) and "Real Madrid" in body["message"] and "Atlético Madrid" in body["message"], body["message"]


@pytest.mark.parametrize("ack", ["ok nice", "cool thanks", "vale, genial", "show, valeu"])
def test_an_acknowledgement_after_odds_asks_and_simulates_nothing(sandbox, ack):
    body = conversation("odds for arsenal", ack)[-1]
    assert not tools_of(body) and body["detected_intent"] == "greeting" and "simulate" not in body["message"], body
