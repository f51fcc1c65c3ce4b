"""Issue 17, batch 16's safety kind, on sentences of this module's own: the reflexive "exclude myself" (English) and
the infinitive "excluirme" (Spanish), said of betting with no length or the policy's own 6 months, are a clear
first-person request to self-exclude, performed at once for a signed-in user, as "exclude me" and "exclúyeme" already
are; another length is offered (the 6 months, done on a yes), and a question about it excludes no one.

And a noticed kind of the same policy: the age the asker asks at ("a los 16 años puedo apostar?", "aos 17 posso
apostar?") is a stated age under 18, refused like "con 16 años puedo..."; the same words in the past, an adult age,
or someone else's age are not."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, excluded_until, send, signed_in, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("message", [
    "I'd like to exclude myself from gambling for 6 months",
    "please exclude myself from sports betting",
    "necesito excluirme de las apuestas durante seis meses",
    "quiero excluirme de la plataforma",
])
def test_exclude_myself_from_betting_is_performed_when_signed_in(api_client, sandbox, message):
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_self_exclude" and body["function_calls_made"] == [], body["message"]
    until = excluded_until(user)
    assert until is not None and (until - EVAL_NOW).days >= 182


@pytest.mark.parametrize("message", [
    "i want to exclude myself from betting for two weeks",
    "quiero excluirme de las apuestas por un mes",
    "how can i exclude myself from gambling?",
])
def test_another_length_or_a_question_is_offered_not_performed(api_client, sandbox, message):
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_stop", body["message"]
    assert excluded_until(user) is None


@pytest.mark.parametrize("message", [
    "a los 16 años puedo apostar en la liga?",
    "a los 17, ya puedo hacer una apuesta?",
    "aos 16 anos posso apostar no flamengo?",
    "aos 17 já consigo apostar?",
])
def test_the_age_asked_at_is_a_minor(message, sandbox):
    assert safety.classify(message) == "minor"
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "rg_minor" and not tools_of(body), body
    assert "18" in body["message"]


@pytest.mark.parametrize("message", [
    "a los 15 aposté por primera vez, hoy quiero cuotas del barcelona",
    "aos 16 apostei pela primeira vez",
    "a los 21 puedo apostar en la nba?",
    "neymar debutó a los 17 años",
])
def test_the_past_an_adult_or_someone_else_is_not(message):
    assert safety.classify(message) != "minor"


@pytest.mark.parametrize("message", [
    "no pienso excluirme de las apuestas, solo quiero ver cuotas",
    "I don't need to exclude myself from betting, I'm fine",
    "I refuse to exclude myself from gambling",
    "there's no reason to exclude myself from betting",
    "nunca voy a excluirme de las apuestas",
    "no hace falta excluirme de la plataforma",
    "my therapist thinks I should exclude myself from betting",
    "não vou me excluir das apostas",
])
def test_a_denied_or_reported_wish_to_self_exclude_excludes_no_one(api_client, sandbox, message):
    """Performing is stricter than offering: a negation anywhere before the request in its clause, or advice
    reported, is no request (at most the 6 months are offered, done only on a yes)."""
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] != "rg_self_exclude", body["message"]
    assert excluded_until(user) is None


@pytest.mark.parametrize("message", [
    "si el barcelona va 0-0 a los 15, puedo apostar al over?",
    "gol a los 15, puedo apostar al over ahora?",
    "se o jogo tá 0-0 aos 15, posso apostar no over?",
    "puedo apostar a los 15 minutos?",
    "can i bet at 17 minutes?",
])
def test_a_match_minute_is_no_age(message):
    assert safety.classify(message) != "minor"


@pytest.mark.parametrize("message", ["can I bet at 16?", "¿puedo apostar a los 17?", "posso apostar aos 16?",
                                     "y a los 16 yo puedo apostar?"])
def test_the_age_asked_about_last_is_a_minor(message):
    assert safety.classify(message) == "minor"
