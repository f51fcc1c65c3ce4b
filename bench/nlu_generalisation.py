#!/usr/bin/env python
"""Intent generalisation measured on held-out batches: each development set scored by a model that never saw it.

    .venv/bin/python bench/nlu_generalisation.py [--threshold 0.6] [--errors] [--sweep]

Why: every development set reads 1.000 once its errors were fixed, so it no longer says how the model does on
sentences nobody has seen; the sealed batch says it once, then becomes a development set too. This refits the
model (`training.fit`, the shipped settings, fixed seed) once per development set with the corpus lines that are
near-duplicates of that set left out — a line whose character n-gram tf-idf cosine with one of the set's
sentences is at least `--threshold` (case, accents and punctuation folded), which also catches a corpus sentence
written "of the kind" after reading the set — and scores that set with:
- the learned model alone (its argmax, no rule override), and
- the whole `understand()` with that model (the overrides for uncovered sports and the weather; abstentions are
  scored by their first reading, as the benchmark does).
The rule scores, features of the model, were themselves tuned on these sets, so the figure that says most is the
third: the same held-out fits without the rule scores (n-grams of the corpus only). It also scores the shipped
model on each set (a tuned figure, for comparison). Pooled per-intent recall and
precision are over every development set. The sets: `intents_dev.jsonl`, the first sealed set and the outsider
batches of `eval_batches.DEVELOPMENT_BATCHES`; the sealed batch is never read (lines of `nlu_eval.WRONG_LABELS`
are left out). `intents.jsonl` is training data and not scored.

`--sweep` scores a grid of the model's settings (C, character n-gram range, class weights) by the pooled held-out
accuracy of the n-grams alone (three folds of two sets): how `learned.MODEL_PARAMS` and
`learned.CHAR_NGRAMS` are chosen. Writes bench/results/nlu_generalisation.json (and ..._sweep.json).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import offline_sqlite_environment, write_result  # noqa: E402

offline_sqlite_environment("chatbet-nlu-generalisation-")

import django  # noqa: E402

django.setup()

from chat.engine.eval_batches import DEVELOPMENT_BATCHES  # noqa: E402
from chat.engine.nlu import INTENTS, extract_entities, learned, training, understand  # noqa: E402
from chat.engine.nlu.names import set_name_source  # noqa: E402
from chat.engine.nlu.text import name_key  # noqa: E402
from chat.engine.nlu_eval import DEV_SET, EVAL_NOW, SEALED_TEST_SET, WRONG_LABELS, load  # noqa: E402


def dev_sets() -> dict[str, list[dict]]:
    sets = {"intents_dev": DEV_SET, "first_sealed": SEALED_TEST_SET,
            **{f"batch_{b.number}": b.intents for b in DEVELOPMENT_BATCHES}}
    return {name: [ex for ex in load(path) if ex["text"] not in WRONG_LABELS] for name, path in sets.items()}


def near_duplicates(corpus: list[dict], sets: dict[str, list[dict]], threshold: float) -> dict[str, set[int]]:
    """For each set, the indices of the corpus lines at least `threshold` similar to one of its sentences."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    corpus_keys = [name_key(r["text"]) for r in corpus]
    vectoriser.fit(corpus_keys + [name_key(ex["text"]) for exs in sets.values() for ex in exs])
    corpus_x = vectoriser.transform(corpus_keys)
    out = {}
    for name, examples in sets.items():
        similarity = (corpus_x @ vectoriser.transform([name_key(ex["text"]) for ex in examples]).T).max(axis=1)
        out[name] = {i for i, value in enumerate(similarity.toarray().ravel()) if value >= threshold}
    return out


class SklearnRuntime:
    """A refitted model served to `LearnedClassifier` as `learned.Runtime` is (same features, scikit-learn's
    `predict_proba`), so `understand()` can run with it whatever its settings."""

    def __init__(self, fitted: dict) -> None:
        self.fitted = fitted
        self.classes = [str(c) for c in fitted["model"].classes_]

    def matrix(self, docs: list[str], rule_rows: list[list[float]]):
        import numpy as np
        import scipy.sparse as sp

        rules = sp.csr_matrix(np.asarray(rule_rows, dtype=np.float64) * self.fitted["rule_weight"])
        return sp.hstack([self.fitted["chars"].transform(docs), self.fitted["words"].transform(docs), rules]).tocsr()

    def proba(self, doc: str, rule_row: list[float]) -> list[float]:
        return self.fitted["model"].predict_proba(self.matrix([doc], [rule_row]))[0].tolist()

    def predict(self, docs: list[str], rule_rows: list[list[float]]) -> list[str]:
        return [str(c) for c in self.fitted["model"].predict(self.matrix(docs, rule_rows))]


def featurize_eval(examples: list[dict]) -> tuple[list[str], list[list[float]]]:
    rules = learned.RuleClassifier()
    docs, rows = [], []
    for ex in examples:
        entities, language, cue_text = extract_entities(ex["text"], now=EVAL_NOW, timezone=ex.get("timezone", "UTC"),
                                                        language_hint=ex.get("language_hint"))
        docs.append(learned.model_text(cue_text, entities))
        rows.append(learned._rule_row(rules, cue_text, entities, language))
    return docs, rows


def understood(examples: list[dict], runtime) -> list[str]:
    classifier = learned.LearnedClassifier(runtime)
    return [understand(ex["text"], now=EVAL_NOW, timezone=ex.get("timezone", "UTC"), classifier=classifier,
                       language_hint=ex.get("language_hint")).intent for ex in examples]


def scores(pairs: list[tuple[str, str]]) -> dict:
    """Accuracy and per-intent recall/precision of (expected, got) pairs."""
    expected, got = Counter(e for e, _ in pairs), Counter(g for _, g in pairs)
    right = Counter(e for e, g in pairs if e == g)
    return {"n": len(pairs), "accuracy": round(sum(right.values()) / max(1, len(pairs)), 3),
            "recall": {i: round(right[i] / expected[i], 3) for i in INTENTS if expected[i]},
            "precision": {i: round(right[i] / got[i], 3) if got[i] else None for i in INTENTS if expected[i] or got[i]}}


def held_out(corpus, texts, rule_rows, sets, features, dups, *, char_ngrams, params, whole: bool) -> dict:
    """Each set scored by a model fitted without its near-duplicates: learned alone (and understand())."""
    out = {}
    for name, examples in sets.items():
        keep = [i for i in range(len(corpus)) if i not in dups[name]]
        fitted = training.fit([texts[i] for i in keep], [rule_rows[i] for i in keep],
                              [corpus[i]["intent"] for i in keep], char_ngrams=char_ngrams, params=params)
        runtime = SklearnRuntime(fitted)
        gold = [ex["intent"] for ex in examples]
        out[name] = {"left_out": len(dups[name]), "alone": list(zip(gold, runtime.predict(*features[name]),
                                                                     strict=True))}
        if whole:
            out[name]["understand"] = list(zip(gold, understood(examples, runtime), strict=True))
    return out


def report(title: str, per_set: dict, sets: dict, *, errors: bool, seen: set[str]) -> dict:
    """Per-set accuracies, pooled per-intent recall and precision, and the pooled accuracy on the sentences that are
    no corpus sentence once folded (`seen`: a stock phrase anyone writes the same, as `nlu_eval.unseen_examples`)."""
    result = {}
    print(f"\n{title}")
    print(f"{'set':14} {'n':>4} {'left out':>8} {'alone':>6} {'understand':>10}")
    for kind in ("alone", "understand"):
        pooled = [pair for figures in per_set.values() for pair in figures.get(kind, [])]
        if pooled:
            result[f"pooled_{kind}"] = scores(pooled)
    for name, figures in per_set.items():
        row = {kind: scores(figures[kind]) for kind in ("alone", "understand") if kind in figures}
        result[name] = {"left_out": figures.get("left_out"), **row}
        whole = row.get("understand", {}).get("accuracy")
        print(f"{name:14} {row['alone']['n']:4d} {figures.get('left_out') or 0:8d} {row['alone']['accuracy']:6.3f} "
              f"{whole if whole is not None else '-':>10}")
    for kind in ("alone", "understand"):
        if f"pooled_{kind}" not in result:
            continue
        unseen = [pair for name, figures in per_set.items()
                  for ex, pair in zip(sets[name], figures[kind], strict=True) if name_key(ex["text"]) not in seen]
        result[f"pooled_{kind}"]["unseen"] = scores(unseen)["accuracy"]
        pooled = result[f"pooled_{kind}"]
        print(f"pooled, {kind}: {pooled['n']} sentences, accuracy {pooled['accuracy']:.3f}; on the {len(unseen)} "
              f"that are no corpus sentence {pooled['unseen']:.3f}")
        for intent in INTENTS:
            if intent in pooled["recall"]:
                precision = pooled["precision"].get(intent)
                print(f"  {intent:24} recall {pooled['recall'][intent]:.3f}  precision "
                      f"{precision if precision is not None else '-'}")
    if errors:
        for name, figures in per_set.items():
            for ex, (gold, got) in zip(sets[name], figures["alone"], strict=True):
                if gold != got:
                    print(f"  {name:12} {gold:>22} -> {got:<22} {ex['text']!r}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.6, help="near-duplicate cosine (default 0.6)")
    parser.add_argument("--errors", action="store_true", help="print the held-out models' errors (learned alone)")
    parser.add_argument("--sweep", action="store_true", help="score a grid of the model's settings (learned alone)")
    args = parser.parse_args()
    started = time.perf_counter()

    teams, tournaments = training.catalogue_names()
    corpus = training.corpus(teams, tournaments)
    set_name_source(training.pinned_names)
    try:
        texts, rule_rows = training._featurize(corpus)
    finally:
        set_name_source(None)
    sets = dev_sets()
    features = {name: featurize_eval(examples) for name, examples in sets.items()}
    dups = near_duplicates(corpus, sets, args.threshold)
    settings = {"char_ngrams": list(learned.CHAR_NGRAMS), **learned.MODEL_PARAMS}
    print(f"corpus {len(corpus)} sentences; near-duplicate threshold {args.threshold}; settings {settings}")

    if args.sweep:
        # Three folds of two sets each (a fit takes seconds on a shared core), the rule scores left out.
        groups = {"dev+first": ("intents_dev", "first_sealed"), "b2+b3": ("batch_2", "batch_3"),
                  "b4+b5": ("batch_4", "batch_5")}
        grouped = {g: [ex for n in names for ex in sets[n]] for g, names in groups.items()}
        grouped_features = {g: tuple(sum((features[n][k] for n in names), []) for k in (0, 1))
                            for g, names in groups.items()}
        grouped_dups = {g: set().union(*(dups[n] for n in names)) for g, names in groups.items()}
        grid = []
        for char_ngrams, c, weight in itertools.product([(2, 5), (1, 5), (2, 6)], [0.25, 0.5, 1.0],
                                                        [None, "balanced"]):
            params = {"c": c, "class_weight": weight, "rule_weight": 0.0}
            per_set = held_out(corpus, texts, rule_rows, grouped, grouped_features, grouped_dups,
                               char_ngrams=char_ngrams, params=params, whole=False)
            pooled = scores([pair for figures in per_set.values() for pair in figures["alone"]])
            worst = min(pooled["recall"].items(), key=lambda kv: kv[1])
            grid.append({"char_ngrams": list(char_ngrams), **params, "accuracy": pooled["accuracy"],
                         "per_group": {n: scores(f["alone"])["accuracy"] for n, f in per_set.items()},
                         "worst_recall": worst})
            print(f"{char_ngrams} C={c} weight={weight}: {pooled['accuracy']:.3f} "
                  f"(worst recall {worst[0]} {worst[1]:.3f})", flush=True)
        grid.sort(key=lambda row: -row["accuracy"])
        out = write_result("nlu_generalisation_sweep", {"threshold": args.threshold, "grid": grid})
        print(f"best: {grid[0]}\nwrote {out}")
        return

    shipped = learned.read_runtime()
    tuned = {name: {"alone": list(zip([ex["intent"] for ex in examples],
                                      [max(zip(shipped.proba(d, r), shipped.classes, strict=True))[1]
                                       for d, r in zip(*features[name], strict=True)], strict=True)),
                    "understand": list(zip([ex["intent"] for ex in examples], understood(examples, shipped),
                                           strict=True))}
             for name, examples in sets.items()}
    result = {"threshold": args.threshold, "settings": settings, "corpus": len(corpus)}
    seen = {name_key(row["text"]) for row in corpus}
    result["shipped_model"] = report("shipped model (trained after reading these sets: a tuned figure)", tuned, sets,
                                     errors=False, seen=seen)
    per_set = held_out(corpus, texts, rule_rows, sets, features, dups, char_ngrams=learned.CHAR_NGRAMS,
                       params=None, whole=True)
    result["held_out"] = report(f"held out: each set scored by a model fitted without its near-duplicates "
                                f"(cosine ≥ {args.threshold}); its rule scores were tuned on these sets",
                                per_set, sets, errors=args.errors, seen=seen)
    per_set = held_out(corpus, texts, rule_rows, sets, features, dups, char_ngrams=learned.CHAR_NGRAMS,
                       params={"rule_weight": 0.0}, whole=True)
    result["held_out_ngrams"] = report("held out, n-grams only (the rule scores, fitted to these sets, left out): "
                                       "the corpus's own generalisation", per_set, sets, errors=args.errors, seen=seen)
    out = write_result("nlu_generalisation", result)
    print(f"\n{time.perf_counter() - started:.0f} s; wrote {out}")


if __name__ == "__main__":
    main()
