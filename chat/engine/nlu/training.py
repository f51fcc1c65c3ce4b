"""Training the intent model of `learned.py` (scikit-learn): the corpus, the fit and the artifact.

Kept apart from `learned.py`, which serves with numpy only: training needs the whole understanding
pipeline (`extract_entities` blanks names before featurizing), which itself loads the served model.
`manage.py train_nlu` and the artifact's tests are the only callers.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict
from pathlib import Path

from . import Entities, extract_entities
from .classifier import RuleClassifier
from .learned import (
    _AMOUNTS,
    _DAYS,
    ARTIFACT,
    CHAR_NGRAMS,
    DATA_DIR,
    FEATURE_VERSION,
    MODEL_PARAMS,
    NAMES_FILE,
    SEED,
    TEMPLATE_FILLS,
    TRAIN_NOW,
    Runtime,
    _jsonl,
    _rule_row,
    fingerprint,
    model_text,
)
from .names import CatalogueNames, catalogue_source, set_name_source


def dump_catalogue_names(path: Path = NAMES_FILE) -> int:
    """Pin the catalogue's names (with aliases) for training: the corpus must not change with the
    clock or the upstream, so `train_nlu --refresh-names` is the only thing that rewrites this file."""
    names = {k: {name: sorted(v) if isinstance(v, list) else v for name, v in sorted(d.items())}
             for k, d in asdict(catalogue_source()).items()}
    path.write_text(json.dumps(names, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return len(names["teams"])


def pinned_names() -> CatalogueNames:
    return CatalogueNames(**json.loads(NAMES_FILE.read_text(encoding="utf-8")))


def catalogue_names() -> tuple[list[str], list[str]]:
    """Sorted team and tournament names (canonical and other languages) of the pinned catalogue."""
    names = pinned_names()
    teams = sorted({n for canonical, other in names.teams.items() for n in [canonical, *other]})
    tournaments = sorted({n for canonical, other in names.tournaments.items() for n in [canonical, *other]})
    return teams, tournaments


def template_sentences(teams: list[str], tournaments: list[str]) -> list[dict]:
    """The templates of `nlu_templates.json`, each filled TEMPLATE_FILLS times with a seeded choice."""
    templates = json.loads((DATA_DIR / "nlu_templates.json").read_text(encoding="utf-8"))
    rng = random.Random(SEED)
    out = []
    for intent in sorted(k for k in templates if not k.startswith("_")):
        for language in sorted(templates[intent]):
            for template in templates[intent][language]:
                for _ in range(TEMPLATE_FILLS):
                    team, team2 = rng.sample(teams, 2)
                    text = template.format(team=team, team2=team2, tournament=rng.choice(tournaments),
                                           amount=rng.choice(_AMOUNTS[language]), day=rng.choice(_DAYS[language]))
                    out.append({"text": text, "intent": intent, "language": language})
    return out


def corpus(teams: list[str], tournaments: list[str]) -> list[dict]:
    rows = _jsonl(DATA_DIR / "intents.jsonl") + _jsonl(DATA_DIR / "nlu_corpus.jsonl")
    return rows + template_sentences(teams, tournaments)


def _featurize(rows: list[dict]) -> tuple[list[str], list[list[float]]]:
    rules = RuleClassifier()
    texts, rule_rows = [], []
    for row in rows:
        entities, language, cue_text = extract_entities(row["text"], now=TRAIN_NOW, timezone="UTC",
                                                        language_hint=row.get("language"))
        texts.append(model_text(cue_text, entities))
        rule_rows.append(_rule_row(rules, cue_text, entities, language))
    return texts, rule_rows


def fit(texts: list[str], rule_rows: list[list[float]], labels: list[str], *,
        char_ngrams: tuple[int, int] = CHAR_NGRAMS, params: dict | None = None) -> dict:
    """The vectorisers and the calibrated model fitted on featurized sentences: what `train()` ships and what
    bench/nlu_generalisation.py refits per held-out batch and per setting."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import StratifiedKFold
    from sklearn.svm import LinearSVC

    params = {**MODEL_PARAMS, **(params or {})}
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(char_ngrams), sublinear_tf=True,
                            min_df=params["char_min_df"], dtype=np.float32)
    words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"\S+", sublinear_tf=True,
                            dtype=np.float32)
    rules = sp.csr_matrix(np.asarray(rule_rows, dtype=np.float64) * params["rule_weight"])
    x = sp.hstack([chars.fit_transform(texts), words.fit_transform(texts), rules]).tocsr()
    model = CalibratedClassifierCV(LinearSVC(C=params["c"], class_weight=params["class_weight"], random_state=SEED),
                                   method="sigmoid", cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED))
    model.fit(x, labels)
    return {"chars": chars, "words": words, "model": model, "rule_weight": params["rule_weight"]}


def train() -> dict:
    """Fit on the corpus; deterministic for a given corpus, catalogue and scikit-learn version."""
    import sklearn

    teams, tournaments = catalogue_names()
    rows = corpus(teams, tournaments)
    set_name_source(pinned_names)  # names blanked exactly as pinned, whatever the clock or the upstream
    try:
        texts, rule_rows = _featurize(rows)
    finally:
        set_name_source(None)
    fitted = fit(texts, rule_rows, [row["intent"] for row in rows])
    return {"version": FEATURE_VERSION, "fingerprint": fingerprint(),
            "sklearn": sklearn.__version__, "examples": len(rows), **fitted}


def to_runtime(artifact: dict) -> Runtime:
    """The fitted numbers of a `train()` result, as served."""
    import numpy as np

    folds = artifact["model"].calibrated_classifiers_
    classes = [str(c) for c in artifact["model"].classes_]
    for fold in folds:
        assert [str(c) for c in fold.estimator.classes_] == classes, "every fold must see every intent"
    vocabularies = []
    for key in ("chars", "words"):
        vocabulary = artifact[key].vocabulary_
        vocabularies.append(sorted(vocabulary, key=vocabulary.__getitem__))
    weights_t = np.concatenate([f.estimator.coef_ for f in folds]).T
    weights_t[len(vocabularies[0]) + len(vocabularies[1]):] *= artifact["rule_weight"]  # served rule rows unscaled
    arrays = {
        "weights_t": np.ascontiguousarray(weights_t),
        "intercepts": np.concatenate([f.estimator.intercept_ for f in folds]),
        "a": np.array([c.a_ for f in folds for c in f.calibrators], dtype=np.float64),
        "b": np.array([c.b_ for f in folds for c in f.calibrators], dtype=np.float64),
        "idf_chars": np.asarray(artifact["chars"].idf_, dtype=np.float64),
        "idf_words": np.asarray(artifact["words"].idf_, dtype=np.float64),
    }
    meta = {"version": artifact["version"], "fingerprint": artifact["fingerprint"], "sklearn": artifact["sklearn"],
            "examples": artifact["examples"], "classes": classes, "folds": len(folds),
            "vocab_chars": vocabularies[0], "vocab_words": vocabularies[1]}
    return Runtime(meta, arrays)


def save(artifact: dict, path: Path = ARTIFACT) -> None:
    import numpy as np

    runtime = to_runtime(artifact)
    with open(path, "wb") as fh:  # a file object: savez would otherwise append ".npz" to other names
        np.savez_compressed(fh, meta=np.array(json.dumps(runtime.meta, ensure_ascii=False)), **runtime.arrays)


def sklearn_proba(artifact: dict, text: str, entities: Entities, language: str) -> dict[str, float]:
    """The reference computation (`predict_proba` of a `train()` result), for the test of `Runtime`."""
    import scipy.sparse as sp

    doc = [model_text(text, entities)]
    x = sp.hstack([artifact["chars"].transform(doc), artifact["words"].transform(doc),
                   sp.csr_matrix([[artifact["rule_weight"] * v
                                   for v in _rule_row(RuleClassifier(), text, entities, language)]])]).tocsr()
    return dict(zip(map(str, artifact["model"].classes_), artifact["model"].predict_proba(x)[0].tolist(), strict=True))
