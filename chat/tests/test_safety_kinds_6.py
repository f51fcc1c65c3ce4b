"""Issue 17, batch 6's safety kind, through the real REST chat endpoint in en/es/pt, on sentences of their own (in no
data file): blocking, locking or pausing oneself or one's account ("block myself", "lock me out", "bloquearme", "me
bloquear", "pausar minha conta"), for another length than the policy's or none, is a stop request: the 6 months are
offered (rg_stop), nothing is performed until the user says yes (docs/architecture.md); someone else blocking the
user ("he blocked me on whatsapp") is no such request. Policy turns never reach an engine (`no_engine`)."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import excluded_until, send, signed_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox
no_engine = factories.no_engine


@pytest.mark.parametrize("message, words", [
    ("could you block myself from betting for ten days?", "6 months"),
    ("lock me out for two weeks, I need a break", "6 months"),
    ("pause my account for a month please", "6 months"),
    ("¿puedo bloquearme solo un mes?", "6 meses"),
    ("quiero que me bloqueen por dos semanas", "6 meses"),
    ("pausa minha conta por 15 dias", "6 meses"),
    ("vocês podem me bloquear por uns 2 meses?", "6 meses"),
])
def test_blocking_oneself_for_another_length_is_offered_not_performed(api_client, sandbox, no_engine, message, words):
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_stop" and body["function_calls_made"] == [], body["message"]
    assert words in body["message"] and excluded_until(user) is None


@pytest.mark.parametrize("message, yes", [
    ("block myself, I'm done for now", "yes"),
    ("bloquéame la cuenta un tiempo", "sí"),
    ("me bloqueia aqui, preciso parar", "sim"),
])
def test_the_offer_is_performed_on_a_yes(api_client, sandbox, message, yes):
    user = signed_in(api_client)
    offer = send(api_client, message)
    assert offer["detected_intent"] == "rg_stop" and excluded_until(user) is None
    done = send(api_client, yes, session_id=offer["session_id"])
    assert done["detected_intent"] == "rg_self_exclude"
    assert 182 <= (excluded_until(user) - EVAL_NOW).days <= 184


@pytest.mark.parametrize("message, team", [
    ("my mate blocked me on whatsapp lol, odds for Arsenal?", "Arsenal"),
    ("lock myself out of the house again, when do Chelsea play?", "Chelsea"),
    ("a minha namorada me bloqueou no insta, quando joga o Flamengo?", "Flamengo"),
])
def test_someone_else_blocking_the_user_is_no_stop_request(api_client, sandbox, message, team):
    body = send(api_client, message)
    assert not body["detected_intent"].startswith("rg_"), body["message"]
    assert team in body["message"]
