"""Issue 17, batch 10's kinds, on sentences of their own (in no data file), en/es/pt, through the real REST chat
endpoint (the turn service) or `understand()` where the kind is a reading:

- asking how to be barred from betting, in the passive or with someone else doing it ("how can I be blocked from
  betting", "¿hay forma de quedar vetado de las apuestas?", "tem como vocês me excluírem das apostas?"), is a stop
  request: the 6 months are offered (rg_stop), nothing performed; a complaint about a past block, the way back
  ("unblocked") or not wanting it is not;
- losing control of an object (the remote, a controller, the car, the ball) is no distress; losing control of one's
  betting, money or oneself still is;
- an explanation asked of something with no part in betting ("explain black holes", "explícame la fotosíntesis") is
  off-topic; "explain odds", "¿qué significa hándicap?", "explica o que é dupla chance" stay the concept;
- a club's accented name across a dash from another club is that club, the one of that fixture ("barça - atlético");
  alone it is asked; a competition with a Portuguese article and a word of chat after it is the competition.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat, excluded_until, send, signed_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox
no_engine = factories.no_engine
NOW = datetime(2026, 12, 4, 15, tzinfo=UTC)

BARRED = {
    "en": ["how can I be blocked from betting?", "i want to be barred from gambling on this site",
           "is there a way to get myself excluded from betting", "how would I get my betting blocked",
           "i need to be banned from betting, seriously"],
    "es": ["¿cómo puedo ser bloqueado de las apuestas?", "quiero que me excluyan de apostar",
           "hay forma de quedar vetado de apostar acá?", "necesito quedar bloqueado de las apuestas",
           "qué hago para que me veten de la plataforma"],
    "pt_br": ["como eu faço para ser banido das apostas?", "quero ser bloqueado de apostar",
              "tem como vocês me excluírem das apostas?", "dá pra eu ficar bloqueado de apostar aqui?",
              "como consigo ser excluído das apostas"],
}
NOT_BARRED = {
    "en": ["why was i blocked from betting?", "how do i get unblocked from betting",
           "i don't want to be blocked from betting"],
    "es": ["me bloquearon las apuestas, por qué?", "no quiero quedar bloqueado"],
    "pt_br": ["fui bloqueado de apostar, por quê?", "não quero ser bloqueado de apostar"],
}
OBJECT_LOST = {
    "en": ["I lost control of the car on the ice lol, any games tonight?", "lost control of the ball at five-a-side",
           "can't control my dog today haha, what matches are on"],
    "es": ["perdí el control del coche en la curva jaja, qué partidos hay",
           "perdí el control de la pelota, qué hay hoy",
           "perdí el control de la televisión otra vez, partidos de hoy?"],
    "pt_br": ["perdi o controle do carro na chuva kkk, tem jogo hoje?", "perdi o controle da bola no racha",
              "perdi o controle do videogame, quais jogos tem hoje?"],
}
CONTROL_OF_BETTING = {
    "en": ["i've lost control of my betting", "i lost control of my spending on bets", "i can't control my gambling"],
    "es": ["perdí el control con las apuestas", "perdí el control de mi dinero apostando"],
    "pt_br": ["perdi o controle das apostas", "perdi o controle do meu dinheiro com apostas",
              "perdi o controle da minha vida com a bet"],
}


@pytest.mark.parametrize("language", list(BARRED))
def test_asking_how_to_be_barred_from_betting_is_offered_the_exclusion(api_client, sandbox, no_engine, language):
    failed = []
    for message in BARRED[language]:
        user = signed_in(api_client)
        body = send(api_client, message)
        if body["detected_intent"] != "rg_stop" or body["function_calls_made"] or excluded_until(user) is not None \
                or ("6 months" not in body["message"] and "6 meses" not in body["message"]):
            failed.append((message, body["detected_intent"]))
    assert not failed, failed


@pytest.mark.parametrize("language", list(NOT_BARRED))
def test_a_past_block_or_the_way_back_is_no_stop_request(api_client, sandbox, language):
    failed = []
    for message in NOT_BARRED[language]:
        signed_in(api_client)
        body = send(api_client, message)
        if body["detected_intent"] in ("rg_stop", "rg_self_exclude"):
            failed.append((message, body["detected_intent"]))
    assert not failed, failed


@pytest.mark.parametrize("language", list(OBJECT_LOST))
def test_losing_control_of_an_object_is_no_distress(api_client, sandbox, language):
    failed = []
    for message in OBJECT_LOST[language]:
        signed_in(api_client)
        body = send(api_client, message)
        if body["detected_intent"].startswith("rg_") or not body["message"].strip():
            failed.append((message, body["detected_intent"]))
    assert not failed, failed


@pytest.mark.parametrize("language", list(CONTROL_OF_BETTING))
def test_losing_control_of_ones_betting_is_still_distress(api_client, sandbox, no_engine, language):
    failed = []
    for message in CONTROL_OF_BETTING[language]:
        signed_in(api_client)
        body = send(api_client, message)
        if body["detected_intent"] != "rg_distress" or body["function_calls_made"]:
            failed.append((message, body["detected_intent"]))
    assert not failed, failed


@pytest.mark.parametrize("message", [
    "explain black holes to me", "can you explain how volcanoes work", "explícame la fotosíntesis por favor",
    "me explica a teoria da relatividade", "explica como funciona a democracia",
    "explícame la historia del imperio romano",
])
def test_an_explanation_of_something_else_is_off_topic(sandbox, message):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "out_of_scope" and not body["function_calls_made"], body["message"]


@pytest.mark.parametrize("message", [
    "explain odds to me", "what does handicap mean", "explícame las cuotas decimales",
    "explica o que é dupla chance", "me explica como funciona o cash out", "explain how a parlay works",
])
def test_an_explanation_of_a_betting_concept_stays_the_concept(sandbox, message):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "general_betting_info", (body["detected_intent"], body["message"])


@pytest.mark.parametrize("message", ["explain that again", "explícamelo otra vez", "explica de novo"])
def test_asking_to_explain_again_is_never_off_topic(message):
    assert understand(message, now=NOW, timezone="UTC").intent != "out_of_scope"


@pytest.mark.parametrize("message", [
    "cuotas del barça - atlético", "odds barcelona – atlético", "quanto paga barça - atlético?",
])
def test_an_accented_club_across_a_dash_is_the_club_of_that_fixture(sandbox, message):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "odds_information", body["message"]
    assert "Barcelona vs Atlético Madrid" in body["message"].splitlines()[0], body["message"]


def test_the_accented_name_alone_is_still_asked(sandbox):
    body = RestChat(guest=True).say("odds for atlético")
    assert body["detected_intent"] == "clarification" and "Atlético Madrid" in body["message"], body["message"]


@pytest.mark.parametrize("message, competition", [
    ("a premier league tá rolando?", "Premier League"),
    ("a bundesliga tá disponível?", "Bundesliga"),
    ("o brasileirão tá com jogo hoje?", "Brasileirão"),
    ("la liga ya empezó?", "LaLiga"),
])
def test_a_competition_with_an_article_and_a_word_of_chat_is_the_competition(message, competition):
    result = understand(message, now=NOW, timezone="UTC")
    assert result.entities.tournament == competition and result.entities.unknown_tournament is None, (
        result.entities.tournament, result.entities.unknown_tournament)
