"""The safety model is served by the intent model's vectorised `learned.Runtime.proba`: on every development sentence
it must give the probabilities (and so the second opinion) that the plain term-by-term statement of the same model
gives, so no user gets another policy answer because serving got faster."""

from __future__ import annotations

import pytest

from chat.engine.nlu import learned
from chat.services import safety_model, safety_text
from chat.tests.test_nlu_serving import reference_proba


def _sentences() -> list[str]:
    """Every development safety case, the collected test sentences and the intent development set, normalised as the
    policy reads them; plus edge cases (empty, one letter, a long made-up word, a repeated word)."""
    texts = []
    for path in (*(learned.DATA_DIR / name for name in safety_model.CASE_FILES), safety_model.TEST_SENTENCES,
                 learned.DATA_DIR / "intents_dev.jsonl"):
        texts += [row.get("say") or row["text"] for row in learned._jsonl(path)]
    texts += ["", "a", "x" * 300, "bet bet bet bet", "quiero quiero dejar de apostar apostar"]
    return list(dict.fromkeys(safety_text.normalise(text) for text in texts))


@pytest.fixture(scope="module")
def runtime() -> learned.Runtime:
    return learned.read_runtime(safety_model.ARTIFACT)


def test_served_safety_probabilities_and_verdicts_are_the_term_by_term_ones(runtime):
    checked = 0
    for text in _sentences():
        expected = reference_proba(runtime, text, [])
        for _ in range(2):  # the second time through the per-word memo
            served = runtime.proba(text, [])
            assert max(abs(s - e) for s, e in zip(served, expected, strict=True)) < 1e-9, text
        scores = dict(zip(runtime.classes, served, strict=True))
        reference = dict(zip(runtime.classes, expected, strict=True))
        assert safety_model.verdict(text, scores) == safety_model.verdict(text, reference), text
        checked += 1
    assert checked > 1500  # all of them, not a file that went missing


def test_a_message_with_no_known_gram_still_gets_every_class(runtime):
    served = runtime.proba("", [])
    assert served == pytest.approx(reference_proba(runtime, "", []), abs=1e-12)
    assert len(served) == len(runtime.classes) and sum(served) == pytest.approx(1.0)
