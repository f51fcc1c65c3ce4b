#!/usr/bin/env python
"""Conversation pipeline in-process: turns/s and per-turn latency, plus NLU accuracy.

    .venv/bin/python bench/chat_pipeline.py            # 400 turns
    .venv/bin/python bench/chat_pipeline.py --turns 100

Runs the embedded mode offline (temporary SQLite file, local-memory cache, sandbox provider,
offline engine): each turn goes through `chat.services.turns.answer_message` — dedup checks, user
message stored, memory loaded, NLU, tools over the sandbox data, answer stored, memory saved —
in conversations of five turns with follow-ups. The engine alone (`OfflineEngine.answer`) is
timed too. Targets (bench/README.md): engine p95 < 20 ms; issue: p95 per message < 50 ms, intent
accuracy ≥ 95 %, entity F1 ≥ 90 % on the repo's labelled set (`chat.engine.nlu_eval.evaluate`).
Figures print and go to `bench/results/chat_pipeline.json`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import offline_sqlite_environment, write_result  # noqa: E402

CONVERSATIONS = [
    ["hi", "when does Arsenal play next?", "and the odds?", "what if I bet 50 on Arsenal?",
     "what if I bet 20 instead?"],
    ["¿cuándo juega el Barça?", "¿y las cuotas?", "¿y si apuesto 20 euros?", "compáralo con el Real Madrid",
     "recomiéndame una apuesta segura de 10 euros"],
    ["matches tomorrow", "and this weekend?", "odds for Bayern Munich", "compare it with Dortmund",
     "what is BTTS?"],
    ["recommend a risky bet for 5 dollars", "odds for Inter vs Milan over 2.5", "what's my balance?",
     "which tournaments are there?", "what's the weather like?"],
    ["Quando joga o Palmeiras?", "odds for Lakers", "combo of Arsenal and Real Madrid with 10",
     "help", "how do odds work?"],
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(values_ms: list[float]) -> dict:
    return {"n": len(values_ms), "mean_ms": round(statistics.fmean(values_ms), 2),
            "p50_ms": round(percentile(values_ms, 0.50), 2), "p95_ms": round(percentile(values_ms, 0.95), 2),
            "p99_ms": round(percentile(values_ms, 0.99), 2), "max_ms": round(max(values_ms), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=400)
    args = parser.parse_args()

    offline_sqlite_environment("chatbet-bench-")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from django.utils import timezone

    from accounts.identity import ANONYMOUS
    from chat.engine.base import TurnContext
    from chat.engine.memory import ConversationMemory
    from chat.engine.offline import OfflineEngine
    from chat.services.turns import answer_message

    # Warm what a running server has warm: the sandbox catalogue, fixture indexes, NLU name index.
    for conversation in CONVERSATIONS:
        session = None
        for text in conversation:
            session = answer_message(session_id=session, identity=ANONYMOUS, content=text).session_id

    turn_ms: list[float] = []
    intents: dict[str, int] = {}
    started = time.perf_counter()
    done = 0
    while done < args.turns:
        for conversation in CONVERSATIONS:
            session = None
            for i, text in enumerate(conversation):
                t0 = time.perf_counter()
                result = answer_message(session_id=session, identity=ANONYMOUS, content=text,
                                        client_message_id=f"{uuid.uuid4().hex}-{i}")
                turn_ms.append((time.perf_counter() - t0) * 1000)
                intents[result.detected_intent] = intents.get(result.detected_intent, 0) + 1
                session = result.session_id
                done += 1
    wall = time.perf_counter() - started

    engine = OfflineEngine()
    engine_ms: list[float] = []
    for _ in range(max(1, args.turns // 25)):
        for conversation in CONVERSATIONS:
            memory = ConversationMemory()
            for text in conversation:
                ctx = TurnContext(session_id=uuid.uuid4(), identity=ANONYMOUS, message=text, language="en",
                                  timezone="UTC", memory=memory, now=timezone.now())
                t0 = time.perf_counter()
                answer = engine.answer(ctx)
                engine_ms.append((time.perf_counter() - t0) * 1000)
                memory = memory.remember(user_text=text, assistant_text=answer.text,
                                         context=answer.metadata["context"])

    report = {
        "turns": len(turn_ms),
        "messages_per_second": round(len(turn_ms) / wall, 1),
        "turn": summary(turn_ms),
        "engine_only": summary(engine_ms),
        "intents_seen": intents,
        "targets": {"turn_p95_ms": 50, "engine_p95_ms": 20, "intent_accuracy": 0.95, "entity_f1": 0.90},
    }
    try:
        from chat.engine.nlu_eval import evaluate
    except ImportError:
        report["nlu"] = None
    else:
        nlu = evaluate()
        report["nlu"] = {"examples": nlu["examples"], "intent_accuracy": nlu["accuracy"],
                         "entity_f1": nlu["entities"]["f1"], "language_accuracy": nlu["language_accuracy"],
                         "per_intent": nlu["per_intent"]}

    print(f"chat pipeline: {report['turns']} turns in {wall:.2f}s → {report['messages_per_second']} messages/s")
    for name in ("turn", "engine_only"):
        row = report[name]
        print(f"  {name:12} p50 {row['p50_ms']:7.2f} ms   p95 {row['p95_ms']:7.2f} ms   p99 {row['p99_ms']:7.2f} ms   "
              f"max {row['max_ms']:7.2f} ms")
    if report["nlu"]:
        print(f"  nlu          intent accuracy {report['nlu']['intent_accuracy']:.3f} on {report['nlu']['examples']} "
              f"examples, entity F1 {report['nlu']['entity_f1']:.3f}")
    out = write_result("chat_pipeline", report)
    print(f"  → {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
