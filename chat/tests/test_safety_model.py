"""The safety policy's learned second opinion (chat/services/safety_model.py): artifact freshness, what it adds where
the cues say nothing, and what it may never do (perform a self-exclusion, overrule a cue, flag ordinary talk)."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.services import safety, safety_model
from chat.tests import factories
from chat.tests.factories import excluded_until, send, signed_in

sandbox = factories.sandbox

# wordings no cue has, that the model hears (new sentences, in no data file)
HEARD = [
    ("quiero desintoxicarme de las apuestas", "rg_stop"),
    ("quero parar de jogar de vez, me ajuda", "rg_stop"),
    ("i'm so ashamed of how much i've gambled away", "rg_distress"),
]
ORDINARY = ["hello, odds for Arsenal?", "what time does the match start", "I want to bet 20 on Chelsea", "yes", "no",
            "cancel", "¿cuándo juega el Betis?", "quanto paga o empate do Flamengo?", "I could die for a goal lol"]


def test_the_safety_artifact_is_not_stale_against_its_corpus():
    """Editing a safety case file, the collected test sentences, an intent corpus or set, or the model's settings
    without `manage.py train_safety` fails here."""
    assert safety_model.ARTIFACT.exists(), "run manage.py train_safety"
    assert not safety_model.is_stale(), "the corpus changed since the safety model was trained: manage.py train_safety"


def test_the_model_is_read_once_and_knows_every_kind():
    runtime = safety_model.load_model()
    assert runtime is safety_model.load_model()
    assert set(runtime.classes) == {"none", "stop", "self_exclude", "minor", "minor_bet", "distress", "guaranteed",
                                    "crisis"}


@pytest.mark.parametrize("message", ORDINARY)
def test_ordinary_talk_gets_no_policy_from_the_model(message):
    assert safety.classify(message) in (None, "caution")


class _Sure:
    """A stand-in runtime that is sure of one class."""

    def __init__(self, kind: str) -> None:
        self.classes = ["none", kind]
        self.kind = kind

    def proba(self, doc: str, rule_row: list[float]) -> list[float]:
        return [0.01, 0.99]


def test_the_model_never_performs_a_self_exclusion_nor_states_an_age():
    """A self-exclusion heard by the model is offered (stop), never performed; an age is the age cues' alone."""
    assert safety_model.second_opinion("whatever you say here", _Sure("self_exclude")) == "stop"
    assert safety_model.second_opinion("whatever you say here", _Sure("minor")) is None


def test_without_the_artifact_the_cues_answer_alone(monkeypatch):
    message = HEARD[0][0]
    assert safety.classify(message) == "stop"
    monkeypatch.setattr(safety_model.load_model, "runtime", None)
    monkeypatch.setattr(safety_model.load_model, "failed", True)
    assert safety.classify(message) is None
    assert safety.classify(message, second_opinion=False) is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.clock(EVAL_NOW)
@pytest.mark.parametrize("message, intent", HEARD)
def test_what_the_model_hears_gets_the_policy_answer_and_nothing_is_performed(api_client, sandbox, message, intent):
    assert safety.classify(message, second_opinion=False) is None  # no cue: the model's word
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == intent and body["function_calls_made"] == []
    assert excluded_until(user) is None
    yes = send(api_client, "yes", session_id=body["session_id"])  # after the model alone: no confirmation
    assert yes["detected_intent"] != "rg_self_exclude" and excluded_until(user) is None
