"""A learned second opinion for the responsible-gambling policy: char and word n-grams, a calibrated linear model.

Why: the cues (safety_cues and the modules it reads) are high-precision but each outsider batch finds a wording they
lack. The model reads the normalised message (`safety_text.normalise`) and, only where every cue said nothing, names a
kind when it is confident (`THRESHOLDS`); the cues always win. It never performs anything on its own: a
self-exclusion it hears is offered (`stop`), and an age it hears is left to the age cues (`minor` is not one of its
kinds: the refusal holds for the account, too much to rest on a guess; nor `minor_bet`, learned but never served).

The artifact (`data/safety_model.npz`) is built by `manage.py train_safety` (chat/services/safety_training.py,
scikit-learn) and served with numpy only by the intent model's own `learned.Runtime` (no rule columns), read once per
process. Its corpus: every development safety case, the safety sentences of chat/tests (collected in
`data/safety/collected.jsonl`, with every other test module's and follow-up script's sentences as they are
read) and, as "none", the intent corpora and sets. bench/safety_generalisation.py measures it
batch by batch on sets it never saw; a test fails when the artifact is stale against its corpus.
"""

from __future__ import annotations

import hashlib
import json
import re

from chat.engine.eval_batches import DEVELOPMENT_BATCHES
from chat.engine.nlu.learned import DATA_DIR, LoadedOnce, Runtime, read_runtime

ARTIFACT = DATA_DIR / "safety_model.npz"
# the sentences of chat/tests and of the follow-up scripts, labelled by the cues (manage.py train_safety --collect); in
# a folder of its own: not one of the data files every cue is held to (chat/tests/test_cue_prefilter.py)
TEST_SENTENCES = DATA_DIR / "safety" / "collected.jsonl"
# The development cases: the repo's own and every outsider batch after its first run (never a sealed batch).
CASE_FILES = ("safety_cases.jsonl", *(batch.safety.name for batch in DEVELOPMENT_BATCHES))
# "none": ordinary betting talk, every intent corpus and set (never a sealed one)
NONE_FILES = ("intents.jsonl", "nlu_corpus.jsonl", "intents_dev.jsonl", "intents_test_sealed.jsonl",
              *(batch.intents.name for batch in DEVELOPMENT_BATCHES))
FEATURE_VERSION = 1
SEED = 20261203
CHAR_NGRAMS = (2, 5)
MODEL_PARAMS = {"c": 1.0, "char_min_df": 1, "class_weight": "balanced", "rule_weight": 0.0}
# What the model may say where the cues said nothing, and how sure it must be (chosen on the held-out batches of
# bench/safety_generalisation.py, false positives on ordinary sentences first).
THRESHOLDS = {"crisis": 0.8, "distress": 0.8, "stop": 0.8, "guaranteed": 0.8}
AS_SERVED = {"self_exclude": "stop"}
# one or two words ("mis apuestas", "minhas apostas") say too little for a model: the cues alone answer them
MIN_WORDS = 3  # never performed on the model's word: offered


def fingerprint() -> str:
    """What the artifact was trained from: the corpus files and the settings (a different value: retrain)."""
    import sklearn

    digest = hashlib.sha256()
    for name in (*CASE_FILES, *NONE_FILES, TEST_SENTENCES.relative_to(DATA_DIR).as_posix()):
        digest.update(name.encode() + b"\0" + (DATA_DIR / name).read_bytes())
    digest.update(json.dumps([FEATURE_VERSION, SEED, CHAR_NGRAMS, MODEL_PARAMS, sklearn.__version__],
                             sort_keys=True).encode())
    return digest.hexdigest()


# The artifact, read once per process; None (and a warning) when missing or unreadable: the cues answer alone.
load_model = LoadedOnce(ARTIFACT, instead="the cues answer alone; run manage.py train_safety")


def is_stale() -> bool:
    return read_runtime(ARTIFACT).fingerprint != fingerprint()


def probabilities(text: str, runtime: Runtime | None = None) -> dict[str, float]:
    """Each kind's probability (and "none"'s) for a normalised message; {} without a model."""
    runtime = runtime if runtime is not None else load_model()
    if runtime is None or not text.strip():
        return {}
    return dict(zip(runtime.classes, runtime.proba(text, []), strict=True))


_NEGATION = re.compile(r"\b(?:no|not|dont|doesnt|never|nao|n|nunca|jamas|jamais|nem|ni)\b")


def verdict(text: str, scores: dict[str, float], thresholds: dict[str, float] = THRESHOLDS) -> str | None:
    """What the policy takes from the model's `scores` for a normalised message: a kind it is sure enough of, or None.
    A message of one or two words, and a stop request with a negation in it ("I don't want to be blocked", "não
    quero ser bloqueado": n-grams do not read negation; the cues do) are left to the cues."""
    if not scores or len(text.split()) < MIN_WORDS:
        return None
    best = max(scores, key=scores.__getitem__)
    kind = AS_SERVED.get(best, best)
    threshold = thresholds.get(kind)
    if threshold is None or scores[best] < threshold or (kind == "stop" and _NEGATION.search(text)):
        return None
    return kind


def second_opinion(text: str, runtime: Runtime | None = None) -> str | None:
    """The kind the model is confident of for a normalised message the cues said nothing about; None otherwise."""
    if len(text.split()) < MIN_WORDS:
        return None
    return verdict(text, probabilities(text, runtime))
