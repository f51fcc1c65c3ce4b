"""The served intent model is vectorised (`learned.Runtime.proba`): it must give every message the
probabilities the plain term-by-term statement of the same model gives, so no user sees another intent,
confidence or clarifying question because serving got faster."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from chat.engine.nlu import extract_entities, learned
from chat.engine.nlu_eval import DEV_SET, EVAL_NOW


def reference_proba(runtime: learned.Runtime, doc: str, rule_row: list[float]) -> list[float]:
    """The model written out term by term (what `Runtime.proba` served before it was vectorised)."""
    indices: list[int] = []
    values: list[float] = []
    blocks = (
        (learned.char_wb_ngrams, runtime.chars, runtime.idf_chars, 0),
        (learned.word_ngrams, runtime.words, runtime.idf_words, len(runtime.chars)),
    )
    for analyzer, vocabulary, idf, offset in blocks:
        counts: dict[int, int] = {}
        for gram in analyzer(doc):
            column = vocabulary.get(gram)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        block = [(column, (1.0 + math.log(n)) * idf[column]) for column, n in counts.items()]
        norm = math.sqrt(sum(v * v for _, v in block)) or 1.0
        indices += [offset + column for column, _ in block]
        values += [v / norm for _, v in block]
    indices += range(runtime.rules_offset, runtime.rules_offset + len(rule_row))
    values += rule_row
    decision = np.asarray(values) @ runtime.weights_t[indices] + runtime.intercepts
    per_class = 1.0 / (1.0 + np.exp(runtime.a * decision + runtime.b))
    per_fold = per_class.reshape(runtime.folds, runtime.n_classes)
    sums = per_fold.sum(axis=1, keepdims=True)
    per_fold = np.where(sums > 0, per_fold / np.where(sums > 0, sums, 1.0), 1.0 / runtime.n_classes)
    return per_fold.mean(axis=0).tolist()


def _texts() -> list[str]:
    """Every labelled sentence the repo may read: the training corpus and the development set."""
    texts = []
    for path in (learned.DATA_DIR / "intents.jsonl", learned.DATA_DIR / "nlu_corpus.jsonl", DEV_SET):
        texts += [row["text"] for row in learned._jsonl(path)]
    return texts + ["", "   ", "ÀRSENAL!!!  vs   Çelta", "İstanbul Başakşehir", "a", "x" * 300]


@pytest.fixture(scope="module")
def runtime() -> learned.Runtime:
    return learned.read_runtime()


def test_vectorised_serving_gives_the_term_by_term_probabilities_on_every_corpus_sentence(runtime):
    rules = learned.RuleClassifier()
    checked = 0
    for text in _texts():
        entities, language, cue_text = extract_entities(text, now=EVAL_NOW)
        row = learned._rule_row(rules, cue_text, entities, language)
        doc = learned.model_text(cue_text, entities)
        expected = reference_proba(runtime, doc, row)
        for _ in range(2):  # the second time through the per-word memo
            served = runtime.proba(doc, row)
            assert max(abs(s - e) for s, e in zip(served, expected, strict=True)) < 1e-9, text
        # what the user gets: the same ranking, rounded the same
        assert [round(p, 3) for p in served] == [round(p, 3) for p in expected], text
        checked += 1
    assert checked > 700  # all of them, not a file that went missing


def test_the_word_memo_stays_bounded_and_answers_the_same_after_it_starts_over(runtime, monkeypatch):
    monkeypatch.setattr(learned.Runtime, "WORD_MEMO", 5)
    fresh = learned.read_runtime()
    doc = "odds for _team_ tomorrow please " + " ".join(json.dumps(i) for i in range(20))
    first = fresh.proba(doc, [0.0] * fresh.n_classes)
    assert len(fresh._char_memo) <= 5
    assert fresh.proba(doc, [0.0] * fresh.n_classes) == pytest.approx(first, abs=1e-12)


def test_a_long_made_up_token_is_scored_but_not_kept(runtime):
    """A 2000-character message of one made-up token (or many of them) must not grow the process: words over
    `MEMO_WORD_CHARS` are looked up each time, and score the same each time."""
    fresh = learned.read_runtime()
    long_word = "apuesta" * 60
    doc = f"odds for {long_word}"
    scored = fresh.proba(doc, [0.0] * fresh.n_classes)
    assert long_word not in fresh._char_memo and "odds" in fresh._char_memo
    assert fresh.proba(doc, [0.0] * fresh.n_classes) == pytest.approx(scored, abs=1e-12)
