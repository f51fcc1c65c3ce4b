"""A learned intent classifier behind `IntentClassifier`: n-grams and rule scores, a calibrated linear model.

Why: the keyword rules were fitted to the sentences they were measured on; a model trained on a corpus
generalises to wordings nobody wrote a cue for, and its probabilities say when it is unsure, which
is when the assistant asks instead of guessing.

Features, all from what `extract_entities` already produced (names blanked, so "Vitória" never
teaches "victoria"): character n-grams (2-5, robust to typos and to es/pt inflection), word uni/bigrams
with one token per extracted slot ("_team_", "_amount_"...), and the rule scorer's eleven scores (the
rules stay, as features). A LinearSVC calibrated with sigmoid on 5 stratified folds gives probabilities.

Corpus: `intents.jsonl` (labelled), `nlu_corpus.jsonl` (hand-written, en/es/pt) and `nlu_templates.json`
filled from the catalogue's team and tournament names with a fixed seed. The development set only
picks thresholds; the sealed test set is never read here.

`manage.py train_nlu` fits with scikit-learn (`training.py`) and writes `data/nlu_model.npz`: the fitted numbers only
(vocabularies, idf, each fold's weights and sigmoid calibrators), so serving needs numpy but neither
scikit-learn (seconds to import on a busy machine) nor pickle. `load_model()` reads it once per process.
The artifact carries the fingerprint of its corpus (files, pinned names, feature version, scikit-learn
version): `is_stale()` is what the test checks.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import threading
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from .classifier import INTENTS, RuleClassifier

if TYPE_CHECKING:
    from . import Entities

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ARTIFACT = DATA_DIR / "nlu_model.npz"  # numpy arrays + JSON, read without pickle or scikit-learn
CORPUS_FILES = ("intents.jsonl", "nlu_corpus.jsonl", "nlu_templates.json", "nlu_names.json")
NAMES_FILE = DATA_DIR / "nlu_names.json"
FEATURE_VERSION = 1  # bump when the features change: the artifact becomes stale
SEED = 20261126
TEMPLATE_FILLS = 4  # sentences generated per template
TRAIN_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # dates in the corpus resolve against a fixed day
RULE_SCALE = 6.0  # rule scores are ~0-12; scaled to the range of the tf-idf features
# The model's settings, chosen by the held-out measure (bench/nlu_generalisation.py --sweep: each development
# batch scored by a model trained without the corpus lines that are near-duplicates of it). CHAR_NGRAMS is also
# what serving cuts words into; the others are only training's (the fitted numbers carry them).
CHAR_NGRAMS = (2, 5)
MODEL_PARAMS = {"c": 1.0, "char_min_df": 2, "class_weight": "balanced", "rule_weight": 1.0}

_AMOUNTS = {
    "en": ["50", "$20", "10 dollars", "fifty bucks", "20 euros", "£15", "a hundred", "twenty", "1,000", "USD 30"],
    "es": ["50", "20 mil pesos", "cincuenta dólares", "10 euros", "cien", "veinte mil", "$30.000", "15 lucas"],
    "pt_br": ["50", "R$ 20", "cinquenta reais", "10 euros", "cem", "vinte reais", "R$ 1.000", "30 conto"],
}
_DAYS = {
    "en": ["today", "tonight", "tomorrow", "this weekend", "on saturday", "on sunday", "next week"],
    "es": ["hoy", "esta noche", "mañana", "este fin de semana", "el sábado", "el domingo", "la próxima semana"],
    "pt_br": ["hoje", "hoje à noite", "amanhã", "neste fim de semana", "no sábado", "no domingo", "semana que vem"],
}


def entity_tokens(e: Entities) -> str:
    """One word per extracted slot, so the word model sees 'a stake and a team' without their values."""
    words = ["_team_"] * min(len(e.teams), 2)
    words += [f"_{name}_" for name, present in (
        ("tournament", e.competition), ("amount", e.amount is not None), ("currency", e.currency),
        ("date", e.date_from is not None), ("market", e.market), ("selection", e.selection),
        ("risk", e.risk), ("live", e.live), ("confirm", e.confirmation is not None),
        ("realbet", e.wants_real_bet), ("sport", e.sport),
    ) if present]
    return " ".join(words)


def model_text(cue_text: str, entities: Entities) -> str:
    return " ".join(cue_text.split()) + " " + entity_tokens(entities)


def _rule_row(rules: RuleClassifier, cue_text: str, entities: Entities, language: str) -> list[float]:
    scores = rules.scores(cue_text, entities, language)
    return [max(-1.0, min(2.0, scores[i] / RULE_SCALE)) for i in INTENTS]


# --- the corpus ---------------------------------------------------------------------------------------


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("//")]


def fingerprint() -> str:
    """What the artifact was trained from: a different value means it must be retrained."""
    import sklearn

    digest = hashlib.sha256()
    for name in CORPUS_FILES:
        digest.update(name.encode() + b"\0" + (DATA_DIR / name).read_bytes())
    digest.update(json.dumps([FEATURE_VERSION, SEED, TEMPLATE_FILLS, _AMOUNTS, _DAYS, CHAR_NGRAMS, MODEL_PARAMS,
                              sklearn.__version__], ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


# --- inference ----------------------------------------------------------------------------------------


def char_wb_ngrams(text: str, low: int = CHAR_NGRAMS[0], high: int = CHAR_NGRAMS[1]) -> list[str]:
    """scikit-learn's `char_wb` analyzer (lower-cased, each word padded with a space), re-stated."""
    grams = []
    for word in text.lower().split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            offset = 0
            grams.append(padded[offset:offset + n])
            while offset + n < length:
                offset += 1
                grams.append(padded[offset:offset + n])
            if offset == 0:  # a short word counts once
                break
    return grams


def word_ngrams(text: str) -> list[str]:
    """scikit-learn's word analyzer with token_pattern \\S+ and ngram_range (1, 2), re-stated."""
    tokens = text.lower().split()
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


class Runtime:
    """The served model: tf-idf per block (sublinear tf, l2), each fold's LinearSVC decision values, each
    class's sigmoid calibrator, normalised per fold, averaged over folds; exactly `predict_proba`
    (a test compares them on every development sentence).

    Every turn pays for it, so it is vectorised: a word's known character n-grams are looked up once
    per process (`_char_columns`, a bounded memo: most words of a chat recur) and the tf-idf and the
    linear model are numpy over the document's columns (chat/tests/test_nlu_serving.py holds it to the
    plain re-statement, `char_wb_ngrams` and `word_ngrams` term by term, within 1e-9)."""

    WORD_MEMO = 20000  # distinct words whose character columns are kept (a few MB at most)
    MEMO_WORD_CHARS = 40  # longer words are looked up each time: memory stays bounded by words, not their length

    def __init__(self, meta: dict, arrays: dict) -> None:
        import numpy as np

        self.meta, self.arrays = meta, arrays
        self.classes: list[str] = meta["classes"]
        self.chars = {g: i for i, g in enumerate(meta["vocab_chars"])}
        self.words = {g: i for i, g in enumerate(meta["vocab_words"])}
        self.idf_chars, self.idf_words = arrays["idf_chars"], arrays["idf_words"]
        self.idf = np.concatenate([self.idf_chars, self.idf_words])
        self.words_offset = len(self.chars)
        self.rules_offset = len(self.chars) + len(self.words)
        self.weights_t, self.intercepts = arrays["weights_t"], arrays["intercepts"]
        self.rule_columns = range(self.rules_offset, len(self.weights_t))  # one per rule score
        self.a, self.b = arrays["a"], arrays["b"]
        self.folds, self.n_classes = meta["folds"], len(self.classes)
        self._char_memo: dict[str, tuple[int, ...]] = {}
        # Served form (the same numbers): word-block columns with their offset, the rule rows as one view, and
        # each calibrator's a * (decision + intercept) + b as a * decision + (a * intercept + b).
        self._word_columns = {g: self.words_offset + i for g, i in self.words.items()}
        self._rule_weights = self.weights_t[self.rules_offset:]
        self._shift = self.a * self.intercepts + self.b

    @property
    def fingerprint(self) -> str:
        return self.meta["fingerprint"]

    def _char_columns(self, word: str):
        """The char-block columns of one (lower-cased) word's n-grams that are in the vocabulary, with repeats (an
        index array)."""
        columns = self._char_memo.get(word)
        if columns is None:
            import numpy as np

            lookup = self.chars.get
            found = [c for c in map(lookup, char_wb_ngrams(word)) if c is not None]
            columns = np.array(found, dtype=np.intp)
            if len(word) > self.MEMO_WORD_CHARS:  # a long made-up token would hold thousands of columns
                return columns
            if len(self._char_memo) >= self.WORD_MEMO:  # a flood of made-up words: start over, stay bounded
                self._char_memo.clear()
            self._char_memo[word] = columns
        return columns

    def proba(self, doc: str, rule_row: list[float]) -> list[float]:
        """Each class's probability. Every turn pays for it twice (the intent and the safety model), and numpy's cost
        here is per call, not per element: the document's columns (both blocks, word columns after the char ones)
        are counted by one sort, gathered and multiplied once, and the counts' logarithm is taken only when a gram
        repeats. The same numbers as the term-by-term statement, summed in another order (within 1e-15)."""
        import numpy as np

        tokens = doc.lower().split()
        lookup = self._word_columns.get
        word_grams = [c for c in map(lookup, chain(tokens, map(" ".join, zip(tokens, tokens[1:], strict=False))))
                      if c is not None]
        found = np.concatenate([*map(self._char_columns, tokens), np.array(word_grams, dtype=np.intp)])
        found.sort()
        n = len(found)
        if n > 1:
            first = np.empty(n, dtype=bool)  # where a run of one column starts
            first[0] = True
            np.not_equal(found[1:], found[:-1], out=first[1:])
            distinct = np.count_nonzero(first)
        else:
            distinct = n
        if distinct == n:
            columns = found
            tfidf = self.idf.take(columns)
        else:  # a gram repeats: sublinear tf, 1 + log(count)
            columns = found[first]
            tf = np.add.reduceat(np.ones(n), np.flatnonzero(first))
            np.log(tf, out=tf)
            tf += 1.0
            tfidf = self.idf.take(columns)
            tfidf *= tf
        n_chars = int(columns.searchsorted(self.words_offset))
        for block in (tfidf[:n_chars], tfidf[n_chars:]):  # l2 per block
            if len(block):
                block /= math.sqrt(block @ block) or 1.0
        scores = tfidf @ self.weights_t.take(columns, axis=0)
        if len(self._rule_weights):
            scores += np.asarray(rule_row, dtype=np.float64) @ self._rule_weights
        scores *= self.a  # each fold's sigmoid calibrator per class
        scores += self._shift
        np.exp(scores, out=scores)
        scores += 1.0
        np.divide(1.0, scores, out=scores)
        per_fold = scores.reshape(self.folds, self.n_classes)
        sums = per_fold.sum(axis=1)
        if sums.all():
            weights = np.divide(1.0, sums, out=sums)
            return [p / self.folds for p in (weights @ per_fold).tolist()]
        # a fold whose calibrators all say 0 counts as uniform, as in predict_proba
        per_fold = np.where(sums[:, None] > 0, per_fold / np.where(sums > 0, sums, 1.0)[:, None], 1.0 / self.n_classes)
        return per_fold.mean(axis=0).tolist()


def read_runtime(path: Path = ARTIFACT) -> Runtime:
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files if key != "meta"}
        meta = json.loads(str(data["meta"]))
    return Runtime(meta, arrays)


class LoadedOnce:
    """A model artifact read once per process, by the first caller (under a lock); None, with a warning saying what
    answers instead, when it is missing or unreadable. The intent model's `load_model` and the safety model's."""

    def __init__(self, path: Path, *, instead: str) -> None:
        self.path, self.instead = path, instead
        self.runtime: Runtime | None = None
        self.failed = False
        self._lock = threading.Lock()

    def __call__(self) -> Runtime | None:
        if self.runtime is None and not self.failed:
            with self._lock:
                if self.runtime is None and not self.failed:
                    try:
                        self.runtime = read_runtime(self.path)
                    except Exception:  # a missing/corrupt artifact: the caller answers without it, and we say so
                        logger.warning("model %s not loadable, %s", self.path, self.instead, exc_info=True)
                        self.failed = True
        return self.runtime


# The artifact, read once per process; None (and a warning) when missing or unreadable: the rules answer.
load_model = LoadedOnce(ARTIFACT, instead="using the rules; run manage.py train_nlu")


def is_stale(path: Path = ARTIFACT) -> bool:
    return read_runtime(path).fingerprint != fingerprint()


class LearnedClassifier:
    """The calibrated model; the rules decide alone when the artifact is unavailable."""

    name = "learned"

    def __init__(self, runtime: Runtime | None = None) -> None:
        self._runtime = runtime
        self._rules = RuleClassifier()

    def ranked(self, text: str, entities: Entities, language: str) -> list[tuple[str, float]]:
        """Every intent with its calibrated probability, most likely first."""
        runtime = self._runtime if self._runtime is not None else load_model()
        if runtime is None:
            intent, confidence = self._rules.classify(text, entities, language)
            return [(intent, confidence)]
        probabilities = runtime.proba(model_text(text, entities), _rule_row(self._rules, text, entities, language))
        pairs = zip(runtime.classes, probabilities, strict=True)
        return sorted(((c, round(p, 3)) for c, p in pairs), key=lambda pair: -pair[1])

    def classify(self, text: str, entities: Entities, language: str) -> tuple[str, float]:
        return self.ranked(text, entities, language)[0]


