"""Issue 17, batch 9's single-sentence kinds, on sentences of their own (in no data file), en/es/pt, through the real
REST chat endpoint (the turn service) or `understand()` where the kind is a reading:

- a greeting in slang, the whole message ("coé mano, tudo em cima?", "qué onda parcero, todo chévere?", "wassup fam,
  you good?"): a greeting, answered in the language it was said in; "fala sobre ..." or "qual é o jogo" is no greeting;
- a competition everyone names bare, the catalogue's or not ("tem copa do brasil aí?", "¿tienen la europa league?",
  "you guys got the fa cup?"): what competitions are covered, the one asked said back; who won one in a past year is
  history (off-topic), a conference call no competition; "<country> leagues" in the plural asks which there are, as
  "ligas brasileiras" does, never the one league an alias names in the singular;
- a weekday said bare in Portuguese ("odds do bahia quinta"), the short weekdays of chat ("na seg", "el sáb", "até
  sex") and the weekend's ("wknd", "fds", "finde"): a date; the ordinal ("a segunda divisão", "primeira ou segunda",
  "la segunda división", "the 3rd one") is none;
- a stake put on a club whose name is also a word, with a slang verb ("tacar 20 no fortaleza", "le clavo 15 al
  levante", "chuck 12 on celtic"): that club's win is simulated for that stake;
- an underdog asked for ("uma zebra", "un batacazo", "a longshot") gets the high-risk tips (batch 9's label saying
  otherwise is marked in `nlu_eval.WRONG_LABELS`).
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.engine.nlu_eval import EVAL_NOW as NLU_NOW  # a Thursday: 2026-11-26
from chat.tests import factories
from chat.tests.factories import send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("message, hello", [
    ("coé mano, tudo em cima?", "Olá"),
    ("salve meu parceiro, de boa?", "Olá"),
    ("eae, tudo tranquilo?", "Olá"),
    ("qué onda parcero, todo chévere?", "Hola"),
    ("quiubo llave, ¿todo bien?", "Hola"),
    ("wassup fam, you good?", "Hi"),
    ("sup buddy, how's it going?", "Hi"),
])
def test_a_greeting_in_slang_is_a_greeting_in_its_language(api_client, sandbox, message, hello):
    body = send(api_client, message)
    assert body["detected_intent"] == "greeting", body["message"]
    assert hello in body["message"], body["message"]


@pytest.mark.parametrize("message", [
    "fala sobre o jogo do flamengo de hoje",
    "qual é o jogo do palmeiras amanhã?",
    "qué onda con el partido del betis?",
])
def test_slang_that_goes_on_to_a_question_is_no_greeting(api_client, sandbox, message):
    body = send(api_client, message)
    assert body["detected_intent"] != "greeting", body["message"]


@pytest.mark.parametrize("message, named", [
    ("tem copa do brasil aí?", "Copa do Brasil"),
    ("rola libertadores por aqui?", "Copa Libertadores"),
    ("¿tienen la europa league?", "UEFA Europa League"),
    ("¿hay copa del rey en la app?", "Copa del Rey"),
    ("you guys got the fa cup?", "FA Cup"),
    ("is the conference league covered?", "UEFA Conference League"),
])
def test_a_competition_asked_by_its_bare_name_is_said_back(api_client, sandbox, message, named):
    body = send(api_client, message)
    assert body["detected_intent"] == "tournament_info", body["message"]
    assert named in body["message"], body["message"]


@pytest.mark.parametrize("message", [
    "who won the libertadores in 2019?",
    "quem ganhou a copa do brasil de 2015?",
    "¿quién fue campeón de la copa del rey en 2018?",
])
def test_who_won_a_competition_in_a_past_year_is_off_topic(api_client, sandbox, message):
    body = send(api_client, message)
    assert body["detected_intent"] == "out_of_scope", body["message"]


def test_a_conference_call_names_no_competition():
    assert understand("i have a conference call at noon", now=NLU_NOW, timezone="UTC").entities.competition is None


@pytest.mark.parametrize("message", [
    "any spanish leagues on here?",
    "got any italian leagues?",
])
def test_a_countrys_leagues_in_the_plural_name_no_one_league(message):
    result = understand(message, now=NLU_NOW, timezone="UTC")
    assert result.intent == "tournament_info"
    assert result.entities.tournament is None, result.entities.tournament


def test_a_countrys_league_in_the_singular_is_still_that_league():
    assert understand("spanish league odds", now=NLU_NOW, timezone="UTC").entities.tournament == "LaLiga"


@pytest.mark.parametrize("message, first_day, days", [
    ("odds do bahia quinta", "2026-11-26", 1),  # today is a Thursday: this Thursday
    ("o jogo do grêmio sexta vale a pena?", "2026-11-27", 1),
    ("cotação do vasco terça à noite", "2026-12-01", 1),
    ("quanto paga o inter na seg", "2026-11-30", 1),
    ("¿juega el sevilla el sáb?", "2026-11-28", 1),
    ("cuotas del valencia el dom", "2026-11-29", 1),
    ("jogos do corinthians até sex", "2026-11-27", 1),
    ("best picks for the wknd", "2026-11-28", 2),
    ("any arsenal games next wknd?", "2026-12-05", 2),
    ("palpites pro fds", "2026-11-28", 2),
    ("¿qué partidos hay este finde?", "2026-11-28", 2),
])
def test_a_weekday_or_weekend_in_chat_shorthand_is_a_date(message, first_day, days):
    e = understand(message, now=NLU_NOW, timezone="UTC").entities
    assert e.date_from is not None, message
    assert e.date_from.date().isoformat() == first_day
    assert (e.date_to - e.date_from).days == days


@pytest.mark.parametrize("message", [
    "quais times estão na segunda divisão?",
    "prefiro a primeira ou segunda opção?",
    "cuotas para los de la segunda división",
    "ok, the 2nd one then",
    "pra ter certeza, é isso mesmo?",
])
def test_an_ordinal_is_no_date(message):
    assert understand(message, now=NLU_NOW, timezone="UTC").entities.date_from is None


@pytest.mark.parametrize("message, words", [
    ("quanto volta se eu tacar 20 no fortaleza?", ("20.00", "Fortaleza vence")),
    ("e se eu cravar 30 no ceará, quanto dá?", ("30.00", "Ceará vence")),
    ("¿y si le clavo 15 al levante, cuánto gano?", ("15.00", "Gana Levante")),
    ("si le mando diez al levante qué me devuelve", ("10.00", "Gana Levante")),
    ("chuck 12 on celtic, what's the return?", ("12.00", "Celtic to win")),
])
def test_a_slang_stake_on_a_club_that_is_also_a_word_simulates_that_club(api_client, sandbox, message, words):
    body = send(api_client, message)
    assert body["detected_intent"] == "bet_simulation", body["message"]
    for word in words:
        assert word in body["message"], body["message"]


@pytest.mark.parametrize("message, words", [
    ("me arruma uma zebra pro fim de semana", "risco alto"),
    ("dame un batacazo para el domingo", "riesgo alto"),
    ("got a longshot for tonight?", "high risk"),
])
def test_an_underdog_asked_for_gets_high_risk_tips(api_client, sandbox, message, words):
    body = send(api_client, message)
    assert body["detected_intent"] == "betting_recommendation", body["message"]
    assert words in body["message"], body["message"]
