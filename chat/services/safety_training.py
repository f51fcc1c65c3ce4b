"""Training the safety model of `safety_model.py` (scikit-learn): the corpus, the fit and the artifact.

The fit and the artifact are the intent model's (`chat/engine/nlu/training.py`: `fit`, `save`), with no rule
columns: the same tf-idf blocks, calibrated LinearSVC and numpy-only serving. `manage.py train_safety` and
bench/safety_generalisation.py are the callers.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from chat.engine.eval_batches import DEVELOPMENT_BATCHES
from chat.engine.nlu import training
from chat.engine.nlu.learned import DATA_DIR, _jsonl
from chat.services import safety_model as sm
from chat.services.safety import classify
from chat.services.safety_text import normalise

TESTS_DIR = Path(__file__).resolve().parent.parent / "tests"


def _test_strings(path: Path, *, min_words: int) -> list[str]:
    """Every sentence-like string of a test module (`min_words` words or more, docstrings left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                and len(node.value.split()) >= min_words and "\n" not in node.value and "{" not in node.value \
                and node.value.isprintable() and node.value.encode("utf-8", "ignore").decode() == node.value:
            out.append(node.value)
    return out


def _script_turns(path: Path) -> list[str]:
    return [turn["say"] for script in _jsonl(path) for turn in script.get("turns", []) if turn.get("say")]


def collect_test_sentences(path: Path = sm.TEST_SENTENCES) -> int:
    """Write the sentences of chat/tests (the safety modules' of three words or more, every other module's of two or
    more: "mis apuestas" is ordinary talk the intent sets lack), the user turns of the development follow-up scripts,
    and the intent-set sentences the cues flag (a slang "fija" asked for is `guaranteed`), each labelled by what the
    cues say of it alone (`safety.classify`, no conversation, no model: what the tests hold them to). The labels are
    frozen in the file: the model's corpus is data, and a cue changed later does not silently change it."""
    sources: list[tuple[str, list[str]]] = []
    for test in sorted(TESTS_DIR.glob("test_*.py")):
        if test.name == "test_safety_model.py":  # what only the model hears: the cues would label it "none"
            continue
        sources.append((test.name, _test_strings(test, min_words=3 if test.name.startswith("test_safety") else 2)))
    scripts = ["followups_dev.jsonl", "followups_test_sealed.jsonl",
               *(batch.scripts.name for batch in DEVELOPMENT_BATCHES)]
    sources += [(name, _script_turns(DATA_DIR / name)) for name in scripts]
    rows, seen = [], set()
    for source, sentences in sources:
        for sentence in sentences:
            if sentence not in seen:
                seen.add(sentence)
                kind = classify(sentence, second_opinion=False)
                rows.append({"say": sentence, "kind": None if kind in (None, "caution") else kind, "source": source})
    for name in sm.NONE_FILES:
        for row in _jsonl(DATA_DIR / name):
            kind = classify(row["text"], second_opinion=False)
            if kind not in (None, "caution") and row["text"] not in seen:
                seen.add(row["text"])
                rows.append({"say": row["text"], "kind": kind, "source": name})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return len(rows)


def corpus(*, leave_out: int | None = None) -> list[dict]:
    """Rows {text, label, source}: cases, test sentences, intent sentences as "none"; `leave_out`: a batch number
    whose files are left out (the held-out measure): its safety cases, intent set and follow-up scripts
    (`*_sealed_<n>.jsonl`) and the test modules written after reading it (`test_*_<n>.py`)."""
    def held(name: str) -> bool:
        return leave_out is not None and (name.endswith((f"_sealed_{leave_out}.jsonl", f"_{leave_out}.py")))

    rows = [{"text": case["say"], "label": case["kind"] or "none", "source": name}
            for name in sm.CASE_FILES if not held(name) for case in _jsonl(DATA_DIR / name)]
    tests = [row for row in _jsonl(sm.TEST_SENTENCES) if not held(row["source"])]
    rows += [{"text": row["say"], "label": row["kind"] or "none", "source": row["source"]} for row in tests]
    flagged = {row["say"] for row in _jsonl(sm.TEST_SENTENCES)}
    rows += [{"text": row["text"], "label": "none", "source": name}
             for name in sm.NONE_FILES if not held(name) for row in _jsonl(DATA_DIR / name)
             if row["text"] not in flagged]
    return rows


def fit(rows: list[dict]) -> dict:
    """The fitted vectorisers and calibrated model (the intent model's `training.fit`, no rule columns)."""
    texts = [normalise(row["text"]) for row in rows]
    return training.fit(texts, [[] for _ in texts], [row["label"] for row in rows], char_ngrams=sm.CHAR_NGRAMS,
                        params=sm.MODEL_PARAMS)


def train() -> dict:
    """Fit on the whole corpus; deterministic for a given corpus and scikit-learn version."""
    import sklearn

    rows = corpus()
    return {"version": sm.FEATURE_VERSION, "fingerprint": sm.fingerprint(), "sklearn": sklearn.__version__,
            "examples": len(rows), **fit(rows)}


def save(artifact: dict, path: Path = sm.ARTIFACT) -> None:
    training.save(artifact, path)


def runtime_of(fitted: dict):
    """A fit served as the artifact would be (numpy `Runtime`), for the held-out measure."""
    return training.to_runtime({"version": sm.FEATURE_VERSION, "fingerprint": "", "sklearn": "", "examples": 0,
                                **fitted})
