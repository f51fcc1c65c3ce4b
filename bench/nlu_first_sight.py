#!/usr/bin/env python
"""First-sight accuracy: a labelled set measured with the rules of the commit that added it.

    .venv/bin/python bench/nlu_first_sight.py

Reproduces the figures a set had *before* anyone read its errors: for each batch (a commit and the
lines it added) the tree of that commit is extracted with `git archive` into a temporary directory
and `chat.engine.nlu_eval.evaluate` of that tree runs on those lines only. The development set
(`intents_dev.jsonl`, once called "held-out") was read while tuning the rules after each batch, so
only these first-sight numbers say how the rules generalised; the sealed set's first run is the
last row. Writes bench/results/chat_nlu_first_sight.json.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (label, commit whose rules measure it, file in that commit, first line, last line)
BATCHES = [
    ("dev batch 1", "1fa93f1", "chat/engine/data/intents_holdout.jsonl", 1, 44),
    ("dev batch 2", "e51a700", "chat/engine/data/intents_holdout.jsonl", 45, 97),
    ("dev batch 3", "a6a761e", "chat/engine/data/intents_holdout.jsonl", 98, 139),
    ("sealed test, first run", "9d5d2ce", "chat/engine/data/intents_test_sealed.jsonl", 1, 118),
]

_EVAL = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
import django
django.setup()
from chat.engine.nlu_eval import evaluate
r = evaluate(sys.argv[1])
print(json.dumps({"examples": r["examples"], "accuracy": r["accuracy"], "entity_f1": r["entities"]["f1"]}))
"""


def measure(commit: str, path: str, first: int, last: int) -> dict:
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(tmp, filter="data")
        lines = (Path(tmp) / path).read_text(encoding="utf-8").splitlines()[first - 1:last]
        batch = Path(tmp) / "batch.jsonl"
        batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
        env = {**os.environ, "REDIS_URL": "", "PYTHONPATH": tmp}
        env.pop("DATABASE_URL", None)
        out = subprocess.run([sys.executable, "-c", _EVAL, str(batch)], cwd=tmp, env=env, check=True,
                             capture_output=True, text=True).stdout
        return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    rows = []
    for label, commit, path, first, last in BATCHES:
        row = {"set": label, "commit": commit, "lines": f"{first}-{last}", **measure(commit, path, first, last)}
        rows.append(row)
        print(f"{label:24} {commit}  lines {row['lines']:>7}  n={row['examples']:3d}  "
              f"intent accuracy {row['accuracy']:.3f}  entity F1 {row['entity_f1']:.3f}")
    dev = [r for r in rows if r["set"].startswith("dev")]
    n = sum(r["examples"] for r in dev)
    correct = sum(round(r["accuracy"] * r["examples"]) for r in dev)
    print(f"{'dev set, first sight':24} all batches        n={n:3d}  intent accuracy {correct / n:.3f}")
    out = ROOT / "bench" / "results" / "chat_nlu_first_sight.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"batches": rows, "dev_first_sight_accuracy": round(correct / n, 4)}, indent=2))
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
