"""Issue 17, batch 7's intent kinds, through the real REST chat endpoint (guest, offline engine), on sentences of their
own (in no corpus, template or labelled set), in en/es/pt_BR:
- a tip asked for a competition ("predictions for the <league>"), and which of its matches deserves the user's money
  ("which game is worth putting my cash on", "me conviene meterle plata", "vale botar grana"): a recommendation;
- a tip asked with a wish to risk little ("arriscar pouco", "arriesgar lo mínimo") and "what do you recommend" in
  Portuguese's own verb ("o que você indica?"): a recommendation;
- "do you have <competition>?", the competition named bare: what competitions are covered;
- how to use the assistant ("¿cómo se usa esto?", "como se usa isso?"): help; how to use anything else is off-topic.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("message, intent", [
    ("got any serie a tips for me?", "betting_recommendation"),
    ("¿qué consejos me das para la premier?", "betting_recommendation"),
    ("uns palpites pra bundesliga, por favor", "betting_recommendation"),
    ("which premier league match is worth putting my cash on?", "betting_recommendation"),
    ("¿a cuál partido de la serie a le meto plata este finde?", "betting_recommendation"),
    ("em que partida da champions vale a pena botar grana?", "betting_recommendation"),
    ("I want to risk very little, what can you suggest", "betting_recommendation"),
    ("quiero arriesgar muy poco, ¿qué me sugieres?", "betting_recommendation"),
    ("bora arriscar bem pouquinho, qual você indica?", "betting_recommendation"),
    ("o que vocês indicam pro jogo de hoje?", "betting_recommendation"),
    ("vocês têm a copa do mundo de clubes?", "tournament_info"),
    ("tem a recopa aí?", "tournament_info"),
    ("¿tienen la copa de la liga?", "tournament_info"),
    ("¿cómo se usa este asistente?", "help"),
    ("oye, ¿cómo se usa esto?", "help"),
    ("como se usa isso aqui, hein?", "help"),
    ("how do I use it?", "help"),
    ("how do I use a rice cooker?", "out_of_scope"),
    ("¿cómo se usa una plancha de vapor?", "out_of_scope"),
])
def test_a_new_sentence_of_a_batch_7_kind_gets_its_intent(api_client, sandbox, message, intent):
    body = send(api_client, message)
    assert body["detected_intent"] == intent, body["message"]


@pytest.mark.parametrize("message, words", [
    ("quero arriscar pouco hoje, o que você indica?", "risco baixo"),
    ("prefiero arriesgar poco, ¿qué me recomiendas?", "riesgo bajo"),
    ("I'd rather risk as little as possible, any ideas?", "low risk"),
])
def test_a_wish_to_risk_little_gets_low_risk_tips(api_client, sandbox, message, words):
    body = send(api_client, message)
    assert body["detected_intent"] == "betting_recommendation", body["message"]
    assert words in body["message"], body["message"]
