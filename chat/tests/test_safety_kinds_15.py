"""Issue 17, batch 15's safety kind, on sentences of this module's own: the imperative "exclude me" said of betting
with a quantifier or a kind of betting between them ("from any further gambling", "de todas las apuestas", "de
qualquer aposta") is a clear first-person request to self-exclude, performed at once for a signed-in user (the
policy's 6 months), as "exclude me from betting" already is; someone else's exclusion or a question about it is not."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import excluded_until, send, signed_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("message", [
    "please exclude me from any further gambling",
    "exclude me from sports betting on this app",
    "exclúyeme de todas las apuestas, por favor",
    "me exclui de qualquer aposta nessa plataforma",
])
def test_exclude_me_from_a_kind_of_betting_is_performed_when_signed_in(api_client, sandbox, message):
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_self_exclude" and body["function_calls_made"] == [], body["message"]
    until = excluded_until(user)
    assert until is not None and (until - EVAL_NOW).days >= 182


@pytest.mark.parametrize("message", [
    "can you exclude me from all betting for a while?",
    "they should exclude my brother from any gambling site",
])
def test_a_question_or_someone_elses_exclusion_excludes_no_one(api_client, sandbox, message):
    user = signed_in(api_client)
    send(api_client, message)
    assert excluded_until(user) is None
