"""A learned second opinion for the responsible-gambling policy: char and word n-grams, a calibrated linear model.

Why: the cues (safety_cues and the modules it reads) are high-precision but each outsider batch finds a wording they
lack. The model reads the normalised message (`safety_text.normalise`) and, only where every cue said nothing, names a
kind when it is confident (`THRESHOLDS`); the cues always win. It never performs anything on its own: a
self-exclusion it hears is offered (`stop`), and an age it hears is left to the age cues (`minor` is not one of its
kinds: the refusal holds for the account, too much to rest on a guess).

The artifact (`data/safety_model.npz`) is built by `manage.py train_safety` (chat/services/safety_training.py,
scikit-learn) and served with numpy only by the intent model's own `learned.Runtime` (no rule columns), read once per
process. Its corpus: every development safety case, the safety sentences of chat/tests (collected in
`data/safety_corpus.jsonl`) and, as "none", the intent corpora and sets. bench/safety_generalisation.py measures it
batch by batch on sets it never saw; a test fails when the artifact is stale against its corpus.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading

from chat.engine.nlu.learned import DATA_DIR, Runtime, read_runtime

logger = logging.getLogger(__name__)

ARTIFACT = DATA_DIR / "safety_model.npz"
# the safety sentences of chat/tests, labelled (manage.py train_safety --collect)
TEST_SENTENCES = DATA_DIR / "safety_corpus.jsonl"
# The development cases: the repo's own and every outsider batch after its first run (never a sealed batch).
CASE_FILES = ("safety_cases.jsonl", *(f"safety_cases_sealed_{n}.jsonl" for n in range(2, 12)))
# "none": ordinary betting talk, every intent corpus and set (never a sealed one)
NONE_FILES = ("intents.jsonl", "nlu_corpus.jsonl", "intents_dev.jsonl", "intents_test_sealed.jsonl",
              *(f"intents_test_sealed_{n}.jsonl" for n in range(2, 12)))
FEATURE_VERSION = 1
SEED = 20261203
CHAR_NGRAMS = (2, 5)
MODEL_PARAMS = {"c": 1.0, "char_min_df": 1, "class_weight": "balanced", "rule_weight": 0.0}
# What the model may say where the cues said nothing, and how sure it must be (chosen on the held-out batches of
# bench/safety_generalisation.py, false positives on ordinary sentences first).
THRESHOLDS = {"crisis": 0.7, "distress": 0.7, "stop": 0.7, "guaranteed": 0.7}
AS_SERVED = {"self_exclude": "stop"}  # never performed on the model's word: offered


def fingerprint() -> str:
    """What the artifact was trained from: the corpus files and the settings (a different value: retrain)."""
    import sklearn

    digest = hashlib.sha256()
    for name in (*CASE_FILES, *NONE_FILES, TEST_SENTENCES.name):
        digest.update(name.encode() + b"\0" + (DATA_DIR / name).read_bytes())
    digest.update(json.dumps([FEATURE_VERSION, SEED, CHAR_NGRAMS, MODEL_PARAMS, sklearn.__version__],
                             sort_keys=True).encode())
    return digest.hexdigest()


_loaded: Runtime | None = None
_load_failed = False
_load_lock = threading.Lock()


def load_model() -> Runtime | None:
    """The artifact, read once per process; None (and a warning) when missing or unreadable: the cues answer alone."""
    global _loaded, _load_failed
    if _loaded is None and not _load_failed:
        with _load_lock:
            if _loaded is None and not _load_failed:
                try:
                    _loaded = read_runtime(ARTIFACT)
                except Exception:
                    logger.warning("safety model %s not loadable, the cues answer alone; run manage.py train_safety",
                                   ARTIFACT, exc_info=True)
                    _load_failed = True
    return _loaded


def is_stale() -> bool:
    return read_runtime(ARTIFACT).fingerprint != fingerprint()


def probabilities(text: str, runtime: Runtime | None = None) -> dict[str, float]:
    """Each kind's probability (and "none"'s) for a normalised message; {} without a model."""
    runtime = runtime if runtime is not None else load_model()
    if runtime is None or not text.strip():
        return {}
    return dict(zip(runtime.classes, runtime.proba(text, []), strict=True))


def second_opinion(text: str, runtime: Runtime | None = None) -> str | None:
    """The kind the model is confident of for a normalised message the cues said nothing about; None otherwise."""
    scores = probabilities(text, runtime)
    if not scores:
        return None
    kind = max(scores, key=scores.__getitem__)
    kind = AS_SERVED.get(kind, kind)
    threshold = THRESHOLDS.get(kind)
    return kind if threshold is not None and max(scores.values()) >= threshold else None
