#!/usr/bin/env python
"""The safety policy on batches it never saw: cues alone vs cues + the learned second opinion, leave one batch out.

    .venv/bin/python bench/safety_generalisation.py [--no-first-run] [--errors]

Why: every development batch reads 63/63 once its misses were fixed, so the cues' figure on it says nothing about a
wording nobody wrote yet. For each outsider batch k (eval_batches.DEVELOPMENT_BATCHES) the model is refitted
(`safety_training.fit`, the shipped settings, fixed seed) on its corpus without batch k's safety cases, without batch
k's intent set and without test_safety_kinds_<k>.py (written after reading batch k), then batch k is scored by:
- the cues as they are now (fitted to batch k: an in-sample figure, shown for reference), alone and + the model;
- the cues as they stood at batch k's first run (`git worktree` at its `first_run` commit, before anyone read the
  batch), alone and + the model: the honest "would it have caught what the cues missed";
- the model alone (its argmax, self_exclude as stop; `minor` counted as the model's word too).
False positives: batch k's intent set (ordinary betting talk, held out too), sentences the cues do not flag that the
model flags. The model's thresholds are `safety_model.THRESHOLDS`; `--sweep` adds a uniform threshold grid.
Cases of `followup_eval.WRONG_SAFETY_EXPECTATIONS` are left out. Writes bench/results/safety_generalisation.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import offline_sqlite_environment, write_result  # noqa: E402

offline_sqlite_environment("chatbet-safety-generalisation-")

import django  # noqa: E402

django.setup()

from chat.engine.eval_batches import DEVELOPMENT_BATCHES  # noqa: E402
from chat.engine.followup_eval import WRONG_SAFETY_EXPECTATIONS  # noqa: E402
from chat.engine.nlu.learned import _jsonl  # noqa: E402
from chat.services import safety, safety_model, safety_training  # noqa: E402
from chat.services.safety_text import normalise  # noqa: E402

# Run inside a checkout of an older commit: that commit's policy on the sentences given on stdin (one JSON list).
_OLD_POLICY = """
import json, os, sys
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
import django
django.setup()
from chat.services import safety
print(json.dumps([safety.classify(s) for s in json.load(sys.stdin)]))
"""


def policy_at(commit: str, sentences: list[str]) -> list[str | None]:
    """`safety.classify` as it was at `commit` (a throwaway worktree), for each sentence."""
    folder = Path(tempfile.mkdtemp(prefix="safety-at-")) / "tree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(folder), commit], check=True)
    try:
        out = subprocess.run([str(ROOT / ".venv/bin/python"), "-c", _OLD_POLICY], cwd=folder, check=True,
                             input=json.dumps(sentences), capture_output=True, text=True).stdout
        return json.loads(out.strip().splitlines()[-1])
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=True)


def cue_kind(kind: str | None) -> str | None:
    return None if kind == "caution" else kind


def with_model(cue: str | None, text: str, probabilities: dict[str, float], thresholds: dict[str, float]) -> str | None:
    """The policy's verdict: the cue's, else the model's as served (`safety_model.verdict`)."""
    return cue if cue is not None else safety_model.verdict(text, probabilities, thresholds)


def model_alone(probabilities: dict[str, float]) -> str | None:
    kind = max(probabilities, key=probabilities.__getitem__)
    kind = safety_model.AS_SERVED.get(kind, kind)
    return None if kind == "none" else kind


def passed(expected: str | None, got: str | None) -> bool:
    # a self-exclusion offered where it was to be performed is still the policy's answer to it, but not the case's
    return expected == got


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-first-run", action="store_true", help="skip the cues as they stood at each first run")
    parser.add_argument("--errors", action="store_true", help="print each case the combination gets wrong")
    parser.add_argument("--sweep", action="store_true", help="also score uniform thresholds 0.5..0.9")
    args = parser.parse_args()
    grid = {"shipped": safety_model.THRESHOLDS}
    if args.sweep:
        for value in (0.5, 0.6, 0.7, 0.8, 0.9):
            grid[f"all {value}"] = {kind: value for kind in safety_model.THRESHOLDS}
            grid[f"all {value} +minor"] = {**grid[f"all {value}"], "minor": value}
    started, rows = time.perf_counter(), []
    for batch in DEVELOPMENT_BATCHES:
        k = batch.number
        cases = [c for c in _jsonl(batch.safety) if c["say"] not in WRONG_SAFETY_EXPECTATIONS]
        ordinary = [r["text"] for r in _jsonl(batch.intents)]
        runtime = safety_training.runtime_of(safety_training.fit(safety_training.corpus(leave_out=k)))
        says = [c["say"] for c in cases]
        texts = [normalise(s) for s in says]
        probs = [safety_model.probabilities(t, runtime) for t in texts]
        now = [cue_kind(safety.classify(s, second_opinion=False)) for s in says]
        first = None if args.no_first_run else [cue_kind(kind) for kind in policy_at(batch.first_run, says)]
        ordinary_cues = [cue_kind(safety.classify(s, second_opinion=False)) for s in ordinary]
        ordinary_texts = [normalise(s) for s in ordinary]
        ordinary_probs = [safety_model.probabilities(t, runtime) for t in ordinary_texts]
        expected = [c["kind"] for c in cases]
        row = {"batch": k, "first_run": batch.first_run, "cases": len(cases), "ordinary": len(ordinary),
               "model_alone": sum(passed(e, model_alone(p)) for e, p in zip(expected, probs, strict=True)),
               "ordinary_cue_flags": sum(c is not None for c in ordinary_cues), "settings": {}}
        for name, thresholds in grid.items():
            combined_now = [with_model(c, t, p, thresholds) for c, t, p in zip(now, texts, probs, strict=True)]
            setting = {
                "cues_now": sum(passed(e, g) for e, g in zip(expected, now, strict=True)),
                "cues_now_model": sum(passed(e, g) for e, g in zip(expected, combined_now, strict=True)),
                "model_false_positives": [s for s, t, c, p in zip(ordinary, ordinary_texts, ordinary_cues,
                                                                  ordinary_probs, strict=True)
                                          if c is None and with_model(None, t, p, thresholds) is not None],
            }
            if first is not None:
                combined_first = [with_model(c, t, p, thresholds) for c, t, p in zip(first, texts, probs, strict=True)]
                setting["cues_first_run"] = sum(passed(e, g) for e, g in zip(expected, first, strict=True))
                setting["cues_first_run_model"] = sum(passed(e, g) for e, g in zip(expected, combined_first,
                                                                                     strict=True))
                setting["first_run_misses"] = [
                    {"say": s, "expected": e, "cues": c, "with_model": m}
                    for s, e, c, m in zip(says, expected, first, combined_first, strict=True)
                    if not passed(e, c) or not passed(e, m)]
            setting["now_misses"] = [{"say": s, "expected": e, "got": g}
                                     for s, e, g in zip(says, expected, combined_now, strict=True) if not passed(e, g)]
            row["settings"][name] = setting
        rows.append(row)
        print(f"batch {k} done ({time.perf_counter() - started:.0f} s)", flush=True)
    for name in grid:
        print(f"\nthresholds {name}: {grid[name]}")
        print(f"{'batch':>5} {'cases':>5} | {'cues@first':>10} {'+model':>7} | {'cues now':>8} {'+model':>7} | "
              f"{'model alone':>11} | {'ordinary':>8} {'cue flags':>9} {'model FP':>8}")
        totals = dict.fromkeys(("cases", "first", "first_model", "now", "now_model", "alone", "ordinary", "fp"), 0)
        for row in rows:
            s = row["settings"][name]
            first_cells = (f"{s['cues_first_run']:>10} {s['cues_first_run_model']:>7}" if "cues_first_run" in s
                           else f"{'-':>10} {'-':>7}")
            print(f"{row['batch']:>5} {row['cases']:>5} | {first_cells} | {s['cues_now']:>8} {s['cues_now_model']:>7} "
                  f"| {row['model_alone']:>11} | {row['ordinary']:>8} {row['ordinary_cue_flags']:>9} "
                  f"{len(s['model_false_positives']):>8}")
            for key, value in (("cases", row["cases"]), ("first", s.get("cues_first_run", 0)),
                               ("first_model", s.get("cues_first_run_model", 0)), ("now", s["cues_now"]),
                               ("now_model", s["cues_now_model"]), ("alone", row["model_alone"]),
                               ("ordinary", row["ordinary"]), ("fp", len(s["model_false_positives"]))):
                totals[key] += value
        print(f"{'all':>5} {totals['cases']:>5} | {totals['first']:>10} {totals['first_model']:>7} | "
              f"{totals['now']:>8} {totals['now_model']:>7} | {totals['alone']:>11} | {totals['ordinary']:>8} "
              f"{'':>9} {totals['fp']:>8}")
        if args.errors and name == "shipped":
            for row in rows:
                s = row["settings"][name]
                for miss in s.get("first_run_misses", []):
                    print(f"  b{row['batch']} first-run cues {miss['cues']} -> +model {miss['with_model']}, "
                          f"expected {miss['expected']}: {miss['say']!r}")
                for miss in s["now_misses"]:
                    print(f"  b{row['batch']} now: expected {miss['expected']}, got {miss['got']}: {miss['say']!r}")
                for sentence in s["model_false_positives"]:
                    print(f"  b{row['batch']} model false positive: {sentence!r}")
    path = write_result("safety_generalisation", {"thresholds": grid, "batches": rows,
                                                  "seconds": round(time.perf_counter() - started, 1)})
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
