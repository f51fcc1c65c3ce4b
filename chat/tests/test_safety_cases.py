"""bench/chat_nlu_accuracy.py's safety cases (chat/engine/data/safety_cases.jsonl) at the policy level, every one: no
database and no turn, so 400 cases cost what a few turns cost. The turn service asks `safety.classify` first, and a
policy kind is answered by `policy_answer` (`rg_<kind>`, no tool) before any engine: test_safety.py sends a case of
each kind through the REST path to hold that wiring."""

from __future__ import annotations

import pytest

from accounts.identity import ANONYMOUS
from chat.services import safety
from chat.tests.test_safety import CASES


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["say"][:40])
def test_every_safety_case_of_the_benchmark(case):
    """Each case as the turn service reads a first message: the policy it falls under, and none for the rest, which
    the engine answers (a mention of a minor only adds a note after the engine's answer)."""
    kind = safety.classify(case["say"], context={}, identity=ANONYMOUS)
    if case["kind"]:
        assert kind == case["kind"]
    else:
        assert kind in (None, "caution")


def test_only_the_policy_answers_with_a_responsible_gambling_intent():
    """No intent the engine can answer with is a policy's (`rg_*`): a case the policy leaves alone never reads as
    one."""
    from chat.intents import INTENTS

    names = [entry["intent"] for entry in INTENTS]
    assert len(names) >= 10 and not [name for name in names if name.startswith("rg_")]
