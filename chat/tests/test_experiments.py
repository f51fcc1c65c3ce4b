"""A/B variants: deterministic per identity, recorded on every answer, honoured by the offline engine."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest

from accounts.identity import ANONYMOUS, Identity
from accounts.tests.factories import UserFactory
from chat import experiments
from chat.engine.offline import OfflineEngine
from chat.models import Message
from chat.services.turns import answer_message
from chat.tests import factories
from chat.tests.factories import identity_of, make_ctx

sandbox = factories.sandbox


def test_the_same_identity_always_gets_the_same_variants():
    user = Identity(user_id=42, guest_id=None)
    first = experiments.variants_for(identity=user, session_id=uuid.uuid4())
    assert first == experiments.variants_for(identity=user, session_id=uuid.uuid4())  # any conversation
    assert set(first) == {"recommendation_style", "answer_length"}
    assert first["recommendation_style"] in ("conservative", "value_seeking")
    assert first["answer_length"] in ("concise", "detailed")


def test_assignment_is_a_pure_function_of_the_key():
    # Pinned values: a change of the hashing would silently move every user to another arm.
    assert experiments.assign(key="user:1") == experiments.assign(key="user:1")
    assert experiments.variant(experiment="answer_length", key="user:1") == \
        experiments.EXPERIMENTS["answer_length"][
            int.from_bytes(__import__("hashlib").sha256(b"answer_length:user:1").digest()[:8], "big") % 2]


def test_arms_are_balanced_and_independent():
    keys = [f"user:{n}" for n in range(2000)]
    pairs = Counter(tuple(experiments.assign(key=key).values()) for key in keys)
    assert len(pairs) == 4  # all four combinations occur: the experiments do not move together
    styles = Counter(experiments.variant(experiment="recommendation_style", key=key) for key in keys)
    assert 0.45 < styles["conservative"] / len(keys) < 0.55


def test_anonymous_clients_are_assigned_per_conversation():
    session = uuid.uuid4()
    assert experiments.assignment_key(identity=ANONYMOUS, session_id=session) == f"session:{session}"
    guest = Identity(user_id=None, guest_id="abc")
    assert experiments.assignment_key(identity=guest, session_id=session) == "guest:abc"


@pytest.mark.django_db(transaction=True)
@pytest.mark.stack
def test_the_turn_records_the_variants_on_the_answer_and_ignores_client_claims(sandbox):
    user = identity_of(UserFactory())
    result = answer_message(session_id=None, identity=user, content="hello",
                            metadata={"experiments": {"answer_length": "hacked"}})
    stored = Message.objects.get(id=result.message_id)
    assert stored.experiments == experiments.variants_for(identity=user, session_id=result.session_id)
    assert "hacked" not in stored.experiments.values()


def _answer(message: str, variants: dict):
    ctx = make_ctx(message)
    ctx.metadata["experiments"] = variants
    return OfflineEngine().answer(ctx)


@pytest.mark.django_db
def test_detailed_answers_explain_the_numbers(sandbox):
    detailed = _answer("what if I bet 20 on Arsenal to win?", {"answer_length": "detailed"})
    concise = _answer("what if I bet 20 on Arsenal to win?", {"answer_length": "concise"})
    assert detailed.text.startswith(concise.text)
    assert "returns = stake × odds" in detailed.text
    assert "returns = stake × odds" not in concise.text


@pytest.mark.django_db
@pytest.mark.parametrize("message", ["recommend a bet for Arsenal vs Chelsea", "odds for Arsenal vs Chelsea",
                                     "what if I bet 20 on Arsenal vs Chelsea?"])
def test_an_answer_without_prices_gets_no_explanation_of_prices(sandbox, message):
    """No Arsenal–Chelsea match is on: the answer lists the nearest matches, with no price for the line to explain."""
    detailed = _answer(message, {"answer_length": "detailed"})
    assert "Arsenal vs Chelsea" in detailed.text.splitlines()[0], detailed.text
    assert "stake × odds" not in detailed.text and "1 / odds" not in detailed.text, detailed.text


@pytest.mark.django_db
def test_recommendation_style_points_at_its_favourite_pick(sandbox):
    conservative = _answer("recommend bets for 10", {"recommendation_style": "conservative"})
    value = _answer("recommend bets for 10", {"recommendation_style": "value_seeking"})
    assert conservative.text.count("• ") >= 2, "the fixed clock's window offers several picks"
    assert "Most likely of these:" in conservative.text and "Best value" not in conservative.text
    assert "Best value of these:" in value.text and "Most likely" not in value.text


@pytest.mark.django_db
def test_the_kill_switch_answers_like_the_control(sandbox, settings):
    settings.CHAT_EXPERIMENTS_ENABLED = False
    answer = _answer("what if I bet 20 on Arsenal to win?", {"answer_length": "detailed"})
    assert "returns = stake × odds" not in answer.text
