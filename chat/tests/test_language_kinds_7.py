"""A short first message in one language only, from a signed-in user whose profile says English: the message's own
language answers it ("tem basquete?" in Portuguese, "¿tienen NBA?" in Spanish), through the real REST chat endpoint;
the profile only decides a message with no language of its own or with words of two ("saldo?"), and a conversation's
language, once set, carries its later short messages as before (chat/services/turns.py, _pick_language)."""

from __future__ import annotations

import pytest

from accounts.services import profile_get_or_create, profile_update
from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import send, signed_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def _english_profile(api_client):
    user = signed_in(api_client)
    profile_get_or_create(user=user)
    profile_update(user=user, data={"language": "en"})
    return user


@pytest.mark.parametrize("message, words", [
    ("tem basquete?", "Torneios"),
    ("valeu!", "De nada"),
    ("¿tienen tenis?", "Torneos"),
    ("ayuda", "Esto es lo que puedo hacer"),
])
def test_a_short_first_message_is_answered_in_its_own_language(api_client, sandbox, message, words):
    _english_profile(api_client)
    body = send(api_client, message)
    assert words in body["message"], body["message"]


def test_a_message_with_no_language_of_its_own_follows_the_profile(api_client, sandbox):
    _english_profile(api_client)
    body = send(api_client, "saldo?")
    assert "balance" in body["message"], body["message"]


def test_the_conversations_language_still_carries_a_later_short_message(api_client, sandbox):
    _english_profile(api_client)
    first = send(api_client, "when do Chelsea play next?")
    assert "Chelsea" in first["message"]
    later = send(api_client, "ayuda", session_id=first["session_id"])
    assert "what I can do" in later["message"], later["message"]
