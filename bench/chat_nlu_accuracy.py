#!/usr/bin/env python
"""Understanding alone: accuracy on the labelled, development and sealed test sets, and time per message.

    .venv/bin/python bench/chat_nlu_accuracy.py

Offline (sandbox catalogue, local-memory cache). Prints the per-intent table of the labelled and
development sets (with their errors: both were read while tuning), the sealed test set's aggregates
only (intent accuracy, per-slot F1, abstention rate; its individual errors are not printed because
nobody tunes on it, see chat/engine/nlu_eval.py), and p50/p95/max of `understand()` over every
example (warm name index), plus the one-off cost of building the name index from the catalogue.
Targets (issue 17, on the sealed set): intent accuracy ≥ 0.95, slot F1 ≥ 0.95; understand() p95 < 2 ms.
Writes bench/results/chat_nlu.json.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import write_result  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
os.environ.setdefault("REDIS_URL", "")

import django  # noqa: E402

django.setup()

from chat.engine.nlu import clear_index, understand  # noqa: E402
from chat.engine.nlu.names import get_index  # noqa: E402
from chat.engine.nlu_eval import (  # noqa: E402
    DEV_SET,
    EVAL_NOW,
    LABELLED_SET,
    SEALED_TEST_SET,
    evaluate,
    format_report,
    load,
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    from sports.services.fixtures import find_fixtures

    find_fixtures()  # warm the sports cache: the index build below measures the NLU's own work
    clear_index()
    started = time.perf_counter()
    get_index()
    index_ms = (time.perf_counter() - started) * 1000

    labelled, dev, sealed = evaluate(LABELLED_SET), evaluate(DEV_SET), evaluate(SEALED_TEST_SET)
    print(format_report(labelled, title="labelled set"))
    print()
    print(format_report(dev, title="development set"))
    print()
    print(format_report(sealed, title="SEALED test set", show_errors=False))

    texts = [ex["text"] for ex in load(LABELLED_SET) + load(DEV_SET) + load(SEALED_TEST_SET)]
    timings, cpu_timings = [], []
    for _ in range(5):
        for text in texts:
            t0, c0 = time.perf_counter(), time.thread_time()
            understand(text, now=EVAL_NOW, timezone="America/Bogota")
            cpu_timings.append((time.thread_time() - c0) * 1000)  # CPU time: load-independent
            timings.append((time.perf_counter() - t0) * 1000)
    result = {
        "messages_timed": len(timings),
        "understand_ms": {"p50": round(statistics.median(timings), 3), "p95": round(percentile(timings, 0.95), 3),
                          "max": round(max(timings), 3), "mean": round(statistics.fmean(timings), 3)},
        "understand_cpu_ms": {"p50": round(statistics.median(cpu_timings), 3),
                              "p95": round(percentile(cpu_timings, 0.95), 3)},
        "load_average": os.getloadavg(),
        "index_build_ms": round(index_ms, 1),
        "labelled": {k: labelled[k] for k in ("examples", "accuracy", "per_intent", "language_accuracy", "entities",
                                             "per_slot")},
        "development": {k: dev[k] for k in ("examples", "accuracy", "per_intent", "language_accuracy", "entities",
                                            "per_slot", "abstention_rate")},
        "sealed_test": {k: sealed[k] for k in ("examples", "accuracy", "language_accuracy", "entities", "per_slot",
                                               "abstention_rate")},
        "targets": {"understand_p95_ms": 2.0, "sealed_intent_accuracy": 0.95, "sealed_slot_f1": 0.95},
    }
    u = result["understand_ms"]
    c = result["understand_cpu_ms"]
    print(f"\nunderstand(): wall p50 {u['p50']} ms, p95 {u['p95']} ms, max {u['max']} ms; CPU p50 {c['p50']} ms, "
          f"p95 {c['p95']} ms over {len(timings)} messages; name index built in {result['index_build_ms']} ms; "
          f"load average {result['load_average'][0]:.1f}")
    out = write_result("chat_nlu", result)
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
