"""A bare "yes" performs a self-exclusion (6 months, irreversible) only after an offer a cue made: never after the
model's word alone, nor after the limit answer, whose "yes" means the daily limit. The exact phrase always does."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.services import safety, safety_model
from chat.tests import factories
from chat.tests.factories import excluded_until, send, signed_in

sandbox = factories.sandbox

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]


@pytest.mark.parametrize("message, yes", [
    ("could you put a daily cap on what I stake?", "yes please"),
    ("quiero ponerme un límite diario de apuestas", "sí, por favor"),
])
def test_a_yes_after_the_limit_answer_is_no_self_exclusion(api_client, sandbox, message, yes):
    user = signed_in(api_client)
    offer = send(api_client, message)
    assert offer["detected_intent"] == "rg_stop" and excluded_until(user) is None
    reply = send(api_client, yes, session_id=offer["session_id"])
    assert reply["detected_intent"] != "rg_self_exclude" and excluded_until(user) is None


def test_the_exact_phrase_after_the_limit_answer_still_excludes(api_client, sandbox):
    user = signed_in(api_client)
    offer = send(api_client, "could you put a daily cap on what I stake?")
    reply = send(api_client, safety.CONFIRM["en"], session_id=offer["session_id"])
    assert reply["detected_intent"] == "rg_self_exclude" and excluded_until(user) is not None


def test_a_yes_after_a_model_only_distress_answer_excludes_nothing(api_client, sandbox, monkeypatch):
    message = "I owe my mate a pint after that one"
    assert safety.classify(message, second_opinion=False) is None  # no cue hears it
    monkeypatch.setattr(safety_model, "second_opinion", lambda text, runtime=None: "distress")
    user = signed_in(api_client)
    first = send(api_client, message)
    assert first["detected_intent"] == "rg_distress"
    reply = send(api_client, "yes", session_id=first["session_id"])
    assert reply["detected_intent"] != "rg_self_exclude" and excluded_until(user) is None


def test_a_yes_after_a_cue_heard_stop_still_takes_the_offer(api_client, sandbox):
    user = signed_in(api_client)
    offer = send(api_client, "I want to stop gambling")
    assert offer["detected_intent"] == "rg_stop" and excluded_until(user) is None
    reply = send(api_client, "yes", session_id=offer["session_id"])
    assert reply["detected_intent"] == "rg_self_exclude" and excluded_until(user) is not None


@pytest.mark.parametrize("message", [
    "the team can't go on like this, they need a new manager",
    "it's not worth it anymore, the odds dropped",
    "the defence cannot carry on like this",
])
def test_football_talk_about_going_on_is_no_crisis(message):
    assert safety.classify(message, second_opinion=False) is None


@pytest.mark.parametrize("message", ["I don't want to go on anymore", "i just can't carry on like this",
                                     "honestly i no longer want to keep going"])
def test_the_speaker_not_wanting_to_go_on_is_still_a_crisis(message):
    assert safety.classify(message) == "crisis"


# football talk in crisis-like words (a review's sentences): neither the cues nor the model read a crisis in them
FOOTBALL_NEAR_MISSES = [
    "honestly nothing makes sense anymore in this league",
    "my family would be better off if I won this bet",
    "nothing matters anymore except the derby",
    "everyone would be better off if the referee was gone",
    "ya nada tiene sentido en esta liga, todos pierden",
    "nada mais faz sentido nesse campeonato, só zebra",
    "the club would be better off without that manager",
]


@pytest.mark.parametrize("message", FOOTBALL_NEAR_MISSES)
def test_football_in_crisis_words_gets_no_policy(message):
    assert safety.classify(message) is None
