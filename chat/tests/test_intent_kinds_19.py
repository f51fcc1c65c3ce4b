"""Two kinds the intent classifier misread as help: which competitions one can bet on, said casually ("any tourneys
I can wager on", "quais torneios rola aposta"), is tournament information; help asked with something unrelated to
sports betting ("help me fix my car", "ayúdame con el excel", "me ajuda com a redação") is off-topic, while help with
the assistant, a bet or stopping gambling stays help. Through the real REST chat endpoint, and `understand`."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox

COMPETITIONS_TO_BET_ON = [
    "any tourneys I can wager on here",
    "what comps do you guys take bets on",
    "qué torneos hay pa' meterle",
    "cuáles campeonatos puedo jugar con ustedes",
    "quais torneios rola de apostar aqui",
    "que campeonatos vcs tem pra apostar",
]
UNRELATED_HELP = [
    "can you help me fix my car",
    "help me write a text to my landlord",
    "i need some help with my french homework",
    "necesito que me ayudes con el excel del trabajo",
    "ayuda con mi tesis de biología",
    "pode me ajudar a escrever uma mensagem pro meu chefe",
    "me ajuda a montar uma dieta",
]
HELP_OF_OURS = [
    "help", "i need help", "can you help me please", "help me get started", "ayúdame por favor", "ayúdame a comenzar",
    "ayúdame a usar esto", "me ajuda aí", "me ajuda a entender como funciona", "help me log in",
    "ayúdame a apostar", "can you help me with my bet slip", "necesito ayuda con un retiro",
    "help me stop gambling", "ayúdame a dejar de jugar", "me ajuda a parar de jogar",
]


@pytest.mark.parametrize("text", COMPETITIONS_TO_BET_ON)
def test_competitions_to_bet_on_said_casually_are_tournament_info(text):
    assert understand(text, now=EVAL_NOW).intent == "tournament_info"


@pytest.mark.parametrize("text", UNRELATED_HELP)
def test_help_with_something_unrelated_is_off_topic(text):
    assert understand(text, now=EVAL_NOW).intent == "out_of_scope"


@pytest.mark.parametrize("text", HELP_OF_OURS)
def test_help_with_the_assistant_a_bet_or_gambling_stays_help(text):
    assert understand(text, now=EVAL_NOW).intent == "help"


def test_a_poem_about_betting_is_still_off_topic():
    assert understand("help me write a poem about betting", now=EVAL_NOW).intent == "out_of_scope"


@pytest.mark.parametrize("text, intent", [
    ("what comps can a guy bet on here?", "tournament_info"),
    ("me ayudas a planear unas vacaciones en la playa", "out_of_scope"),
    ("me ajuda a usar o chat", "help"),
])
def test_through_the_chat_endpoint(sandbox, text, intent):
    body = RestChat().say(text)
    assert body["detected_intent"] == intent, body
    assert "place_bet" not in tools_of(body) and not body.get("bet_slip"), body
