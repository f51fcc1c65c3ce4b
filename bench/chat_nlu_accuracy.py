#!/usr/bin/env python
"""Understanding: accuracy on the labelled, development and sealed test sets, and time per message; then
the dialogue: follow-up resolution on the multi-turn scripts, the safety cases, engine time per turn.

    .venv/bin/python bench/chat_nlu_accuracy.py [--errors]

Offline (sandbox catalogue, local-memory cache). Prints the per-intent table of the labelled and
development sets (with their errors: both were read while tuning), of batch 2's intents and of the first
sealed set (both development since issue 17's second round), of batch 3's intents (development since its sixth
session; the errors of these three are printed with `--errors`; see
chat/engine/nlu_eval.py for the roles), and p50/p95/max of `understand()` over every example (warm name
index), plus the one-off cost of building the name index from the catalogue.
Targets (issue 17, on a sealed set: the next one is batch 4): intent accuracy ≥ 0.95, slot F1 ≥ 0.95;
understand() p95 < 2 ms.

Dialogue (`chat.engine.followup_eval`): every multi-turn script of `followups_dev.jsonl` (read while
tuning: its failures are printed) and `followups_test_sealed.jsonl` (sealed: its rate only) goes through
the real turn service (`chat.services.turns.answer_message`: safety policy, memory, engine, storage) on a
throwaway SQLite database at `EVAL_NOW`; a script counts when every checked turn passes. The safety cases
(`chat/engine/data/safety_cases.jsonl`) must get their policy answer (`rg_<kind>`, no tool called) or,
for `kind: null`, no policy answer. Engine time per turn: the offline engine alone (`OfflineEngine.answer`,
memory carried as the turn service does) over every turn of both script sets, 5 rounds.
Targets: follow-up resolution ≥ 0.90 on the sealed scripts, 100 % of the safety cases, engine p95 < 20 ms.

Batch 3 (`intents_test_sealed_3.jsonl`, `followups_test_sealed_3.jsonl`, `safety_cases_sealed_3.jsonl`): written
by an outside helper who never saw the engine and committed alone (c5a5ece) before any run, first run at 629310d.
Its intents are a development set since issue 17's sixth session (`nlu_eval.DEV_SET_3`: per-intent table, errors
with `--errors`, written as `development_3`; a line of `nlu_eval.WRONG_LABELS` is marked as such); its follow-up
scripts and safety cases are development sets too (failures printed like batch 2's; a wrong expectation marked
in `followup_eval.WRONG_EXPECTATIONS`, `WRONG_SAFETY_EXPECTATIONS`).

Batch 4 (`intents_test_sealed_4.jsonl`, `followups_test_sealed_4.jsonl`, `safety_cases_sealed_4.jsonl`): written by
an outside helper who never saw the engine and committed alone (0486756) before any run, first run at 1d1c00e; a
development set since issue 17's seventh session, printed like batch 3 (`nlu_eval.DEV_SET_4`, `development_4`).

Batch 2 (`intents_test_sealed_2.jsonl`, `followups_test_sealed_2.jsonl`, `safety_cases_sealed_2.jsonl`):
written by an outside helper who never read the engine, its corpora or development sets, committed alone
(d8d12a1) before any run, first run at b775138. Its intents are a development set now (table above, errors
with `--errors`, written as `development_2`); its follow-up and safety lines are `followup_eval`'s.

Language identification (`language_figures`): held-out accuracy of the rules and of a character n-gram
model trained on the intent corpora, on `language_dev.jsonl` and on the development scripts' turns.
Writes bench/results/chat_nlu.json.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import offline_sqlite_environment, write_result  # noqa: E402

offline_sqlite_environment("chatbet-nlu-bench-")

import django  # noqa: E402

django.setup()

from chat.engine.nlu import clear_index, understand  # noqa: E402
from chat.engine.nlu.names import get_index  # noqa: E402
from chat.engine.nlu_eval import (  # noqa: E402
    DEV_SET,
    DEV_SET_2,
    DEV_SET_3,
    DEV_SET_4,
    EVAL_NOW,
    LABELLED_SET,
    SEALED_2_COMMIT,
    SEALED_2_FIRST_RUN,
    SEALED_3_COMMIT,
    SEALED_3_FIRST_RUN,
    SEALED_4_COMMIT,
    SEALED_4_FIRST_RUN,
    SEALED_TEST_SET,
    WRONG_LABELS,
    evaluate,
    format_report,
    load,
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def sealed_label(batch: int, first_run: str | None) -> str:
    """"sealed batch N (first run: <commit>)": the recorded first-run commit, or this run's when none is
    recorded yet (then this run is the first one and its figures go to bench/README.md)."""
    first = first_run
    if first is None:
        try:
            head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                  text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            head = "unknown"
        first = f"{head}, this run"
    return f"sealed batch {batch} (first run: {first})"


def dialogue_figures() -> dict:
    """Follow-up resolution (dev, sealed), safety-case pass rate and engine ms per turn. Batch 2's follow-up scripts
    and safety cases are development sets since issue 17 (first run recorded, then read and fixed by kind): their
    failures are printed like the development scripts', `WRONG_EXPECTATIONS` marking a script's own wrong one."""
    import time_machine
    from django.core.management import call_command

    from accounts.identity import ANONYMOUS
    from chat.engine.base import TurnContext
    from chat.engine.followup_eval import (
        DEV_SCRIPTS,
        SAFETY_CASES,
        SAFETY_SEALED_2,
        SAFETY_SEALED_3,
        SAFETY_SEALED_4,
        SEALED_SCRIPTS,
        SEALED_SCRIPTS_2,
        SEALED_SCRIPTS_3,
        SEALED_SCRIPTS_4,
        WRONG_EXPECTATIONS,
        WRONG_SAFETY_EXPECTATIONS,
        load_scripts,
    )
    from chat.engine.followup_eval import EVAL_NOW as DIALOGUE_NOW
    from chat.engine.followup_eval import evaluate as evaluate_scripts
    from chat.engine.memory import ConversationMemory
    from chat.engine.offline import OfflineEngine
    from chat.services.turns import answer_message

    call_command("migrate", verbosity=0)

    def answer(session, text):
        result = answer_message(session_id=session, identity=ANONYMOUS, content=text)
        return (result.session_id, result.content, result.detected_intent,
                [call["name"] for call in result.function_calls_made])

    def safety(path):
        failures, cases = [], load(path)
        for case in cases:
            _, text, intent, tools = answer(None, case["say"])
            expected = f"rg_{case['kind']}" if case["kind"] else None
            passed = (intent == expected and not tools) if expected else not intent.startswith("rg_")
            if not passed:
                failures.append({"say": case["say"], "expected": expected, "got": intent})
        return cases, failures

    with time_machine.travel(DIALOGUE_NOW, tick=True):
        dev, sealed = evaluate_scripts(DEV_SCRIPTS, answer), evaluate_scripts(SEALED_SCRIPTS, answer)
        sealed_2 = evaluate_scripts(SEALED_SCRIPTS_2, answer)
        cases, safety_failures = safety(SAFETY_CASES)
        cases_2, safety_failures_2 = safety(SAFETY_SEALED_2)  # development since issue 17: printed per case
        sealed_3 = evaluate_scripts(SEALED_SCRIPTS_3, answer)  # development since its first run: printed per script
        cases_3, safety_failures_3 = safety(SAFETY_SEALED_3)
        sealed_4 = evaluate_scripts(SEALED_SCRIPTS_4, answer)  # development since its first run: printed per script
        cases_4, safety_failures_4 = safety(SAFETY_SEALED_4)
        engine, timings, cpu = OfflineEngine(), [], []
        scripts = load_scripts(DEV_SCRIPTS) + load_scripts(SEALED_SCRIPTS)
        for _ in range(5):
            for script in scripts:
                memory = ConversationMemory()
                for turn in script["turns"]:
                    ctx = TurnContext(session_id=uuid.uuid4(), identity=ANONYMOUS, message=turn["say"],
                                      language=script.get("language", "en"), timezone="UTC", memory=memory,
                                      now=DIALOGUE_NOW, metadata={})
                    t0, c0 = time.perf_counter(), time.thread_time()
                    reply = engine.answer(ctx)
                    cpu.append((time.thread_time() - c0) * 1000)
                    timings.append((time.perf_counter() - t0) * 1000)
                    memory = memory.remember(user_text=turn["say"], assistant_text=reply.text,
                                             context=reply.metadata["context"])
    print(f"\nfollow-up scripts, development set: {dev['resolved']}/{dev['scripts']} resolved "
          f"({dev['resolution_rate']})")
    for failure in dev["failures"]:
        print(f"  {failure['id']} turn {failure['turn']} {failure['say']!r}: {'; '.join(failure['problems'])}")
    print(f"follow-up scripts, first sealed set (development since issue 17's second round): "
          f"{sealed['resolved']}/{sealed['scripts']} resolved "
          f"({sealed['resolution_rate']})")
    passed = len(cases) - len(safety_failures)
    print(f"safety cases: {passed}/{len(cases)} passed")
    for failure in safety_failures:
        print(f"  {failure['say']!r}: expected {failure['expected']}, got {failure['got']}")
    label = f"batch 2 (sealed until its first run at {SEALED_2_FIRST_RUN})"
    # Batch 2's follow-up and safety files are development sets since issue 17 (read and fixed by kind after their
    # first run): their failures are printed like the development scripts', a wrong expectation marked as such.
    print(f"follow-up scripts, {label}, now development: {sealed_2['resolved']}/{sealed_2['scripts']} resolved "
          f"({sealed_2['resolution_rate']})")
    for failure in sealed_2["failures"]:
        wrong = WRONG_EXPECTATIONS.get(failure["id"])
        print(f"  {failure['id']} turn {failure['turn']} {failure['say']!r}: {'; '.join(failure['problems'])}"
              + (f" [the script's expectation is wrong: {wrong}]" if wrong else ""))
    passed_2 = len(cases_2) - len(safety_failures_2)
    print(f"safety cases, {label}, now development: {passed_2}/{len(cases_2)} passed")
    for failure in safety_failures_2:
        print(f"  {failure['say']!r}: expected {failure['expected']}, got {failure['got']}")
    label_3 = sealed_label(3, SEALED_3_FIRST_RUN)
    # Batch 3's follow-up and safety files are development sets since their first run (issue 17, sixth session):
    # printed like batch 2's, a wrong expectation marked as such (its evidence in followup_eval).
    print(f"follow-up scripts, {label_3}, now development: {sealed_3['resolved']}/{sealed_3['scripts']} resolved "
          f"({sealed_3['resolution_rate']})")
    for failure in sealed_3["failures"]:
        wrong = WRONG_EXPECTATIONS.get(failure["id"])
        print(f"  {failure['id']} turn {failure['turn']} {failure['say']!r}: {'; '.join(failure['problems'])}"
              + (f" [the script's expectation is wrong: {wrong}]" if wrong else ""))
    passed_3 = len(cases_3) - len(safety_failures_3)
    print(f"safety cases, {label_3}, now development: {passed_3}/{len(cases_3)} passed")
    for failure in safety_failures_3:
        wrong = WRONG_SAFETY_EXPECTATIONS.get(failure["say"])
        print(f"  {failure['say']!r}: expected {failure['expected']}, got {failure['got']}"
              + (f" [the case's expectation is wrong: {wrong}]" if wrong else ""))
    label_4 = sealed_label(4, SEALED_4_FIRST_RUN)
    # Batch 4's follow-up and safety files are development sets since their first run (issue 17, seventh session).
    print(f"follow-up scripts, {label_4}, now development: {sealed_4['resolved']}/{sealed_4['scripts']} resolved "
          f"({sealed_4['resolution_rate']})")
    for failure in sealed_4["failures"]:
        wrong = WRONG_EXPECTATIONS.get(failure["id"])
        print(f"  {failure['id']} turn {failure['turn']} {failure['say']!r}: {'; '.join(failure['problems'])}"
              + (f" [the script's expectation is wrong: {wrong}]" if wrong else ""))
    passed_4 = len(cases_4) - len(safety_failures_4)
    print(f"safety cases, {label_4}, now development: {passed_4}/{len(cases_4)} passed")
    for failure in safety_failures_4:
        wrong = WRONG_SAFETY_EXPECTATIONS.get(failure["say"])
        print(f"  {failure['say']!r}: expected {failure['expected']}, got {failure['got']}"
              + (f" [the case's expectation is wrong: {wrong}]" if wrong else ""))
    ms = {"p50": round(statistics.median(timings), 2), "p95": round(percentile(timings, 0.95), 2),
          "max": round(max(timings), 2)}
    cpu_ms = {"p50": round(statistics.median(cpu), 2), "p95": round(percentile(cpu, 0.95), 2)}
    print(f"offline engine per turn ({len(timings)} turns): wall p50 {ms['p50']} ms, p95 {ms['p95']} ms, "
          f"max {ms['max']} ms; CPU p50 {cpu_ms['p50']} ms, p95 {cpu_ms['p95']} ms")
    return {
        "followups_dev": {k: dev[k] for k in ("scripts", "resolved", "resolution_rate")},
        "followups_sealed": {k: sealed[k] for k in ("scripts", "resolved", "resolution_rate")},
        "safety_cases": {"cases": len(cases), "passed": passed, "pass_rate": round(passed / len(cases), 3),
                         "failures": safety_failures},
        "followups_sealed_2": {"label": label, "role": "development since issue 17",
                               **{k: sealed_2[k] for k in ("scripts", "resolved", "resolution_rate", "failures")}},
        "safety_sealed_2": {"label": label, "role": "development since issue 17", "cases": len(cases_2),
                            "passed": passed_2, "pass_rate": round(passed_2 / len(cases_2), 3),
                            "failures": safety_failures_2},
        "followups_sealed_3": {"label": label_3, "role": "development since its first run",
                               **{k: sealed_3[k] for k in ("scripts", "resolved", "resolution_rate", "failures")}},
        "safety_sealed_3": {"label": label_3, "role": "development since its first run", "cases": len(cases_3),
                            "passed": passed_3, "pass_rate": round(passed_3 / len(cases_3), 3),
                            "failures": safety_failures_3},
        "followups_sealed_4": {"label": label_4, "role": "development since its first run",
                               **{k: sealed_4[k] for k in ("scripts", "resolved", "resolution_rate", "failures")}},
        "safety_sealed_4": {"label": label_4, "role": "development since its first run", "cases": len(cases_4),
                            "passed": passed_4, "pass_rate": round(passed_4 / len(cases_4), 3),
                            "failures": safety_failures_4},
        "engine_turn_ms": ms, "engine_turn_cpu_ms": cpu_ms, "engine_turns_timed": len(timings),
    }


LANGUAGE_DEV = ROOT / "chat" / "engine" / "data" / "language_dev.jsonl"
CORPUS = ROOT / "chat" / "engine" / "data"


def language_figures() -> dict:
    """Language identification on held-out sentences (never trained or tuned on the sealed set):
    `language_dev.jsonl` (short messages, loanwords, names, a page hint that may disagree), and every turn of
    the development follow-up scripts with the conversation's language as the hint after the first turn.
    The rules (`detect_language` through `understand`, names blanked) against a character n-gram model
    (tf-idf 1-4 char n-grams + logistic regression) trained on the intent corpora, which sees no hint."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from chat.engine.followup_eval import DEV_SCRIPTS, load_scripts

    sets = {"language_dev": [(ex["text"], ex.get("hint"), ex["language"]) for ex in load(LANGUAGE_DEV)],
            "followups_dev_turns": [(turn["say"], script["language"] if i else None, script["language"])
                                    for script in load_scripts(DEV_SCRIPTS)
                                    for i, turn in enumerate(script["turns"])]}
    train = [ex for name in ("intents.jsonl", "nlu_corpus.jsonl") for ex in load(CORPUS / name) if "language" in ex]
    ngram = make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True),
                          LogisticRegression(C=10, max_iter=2000))
    ngram.fit([ex["text"].lower() for ex in train], [ex["language"] for ex in train])
    figures = {}
    for name, rows in sets.items():
        rules = [understand(text, now=EVAL_NOW, language_hint=hint).language for text, hint, _ in rows]
        learned = list(ngram.predict([text.lower() for text, _, _ in rows]))
        gold = [language for _, _, language in rows]
        figures[name] = {"examples": len(rows),
                         "rules": round(sum(a == b for a, b in zip(rules, gold, strict=True)) / len(rows), 3),
                         "char_ngram": round(sum(a == b for a, b in zip(learned, gold, strict=True)) / len(rows), 3),
                         "rule_errors": [text for (text, _, g), got in zip(rows, rules, strict=True) if got != g]}
        print(f"language id, {name} ({len(rows)}): rules {figures[name]['rules']}, "
              f"char n-gram {figures[name]['char_ngram']}")
        for text in figures[name]["rule_errors"]:
            print(f"  {text!r}")
    return figures


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true",
                        help="also print each error of batches 2, 3, 4 and of the first sealed set (development now)")
    args = parser.parse_args()
    from sports.services.fixtures import find_fixtures

    find_fixtures()  # warm the sports cache: the index build below measures the NLU's own work
    clear_index()
    started = time.perf_counter()
    get_index()
    index_ms = (time.perf_counter() - started) * 1000

    labelled, dev, sealed = evaluate(LABELLED_SET), evaluate(DEV_SET), evaluate(SEALED_TEST_SET)
    dev_2 = evaluate(DEV_SET_2)
    print(format_report(labelled, title="labelled set"))
    print()
    print(format_report(dev, title="development set"))
    print()
    print(format_report(dev_2, title=f"development set 2 (batch 2, sealed until its first run at {SEALED_2_FIRST_RUN})",
                        show_errors=args.errors))
    print()
    print(format_report(sealed, title="first sealed set (development since issue 17's second round)",
                        show_errors=args.errors))
    # Batch 3's intents: a development set since issue 17's sixth session (errors read and fixed by kind).
    dev_3 = evaluate(DEV_SET_3)
    print()
    print(format_report(dev_3, title=f"development set 3 (batch 3, sealed until its first run at {SEALED_3_FIRST_RUN})",
                        show_errors=args.errors))
    for err in dev_3["errors"] + dev_3["entity_errors"] if args.errors else ():  # a label's intent or entities
        if err["text"] in WRONG_LABELS:
            print(f"  the label of {err['text']!r} is wrong: {WRONG_LABELS[err['text']]}")

    # Batch 4's intents: a development set since issue 17's seventh session (errors read and fixed by kind).
    dev_4 = evaluate(DEV_SET_4)
    print()
    print(format_report(dev_4, title=f"development set 4 (batch 4, sealed until its first run at {SEALED_4_FIRST_RUN})",
                        show_errors=args.errors))
    for err in dev_4["errors"] + dev_4["entity_errors"] if args.errors else ():  # a label's intent or entities
        if err["text"] in WRONG_LABELS:
            print(f"  the label of {err['text']!r} is wrong: {WRONG_LABELS[err['text']]}")

    texts = [ex["text"] for ex in load(LABELLED_SET) + load(DEV_SET) + load(DEV_SET_2) + load(SEALED_TEST_SET)]
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
        "development_2": {"sealed_in": SEALED_2_COMMIT, "first_run": SEALED_2_FIRST_RUN,
                          **{k: dev_2[k] for k in ("examples", "accuracy", "per_intent", "language_accuracy",
                                                   "entities", "per_slot", "abstention_rate")}},
        "development_3": {"sealed_in": SEALED_3_COMMIT, "first_run": SEALED_3_FIRST_RUN,
                          **{k: dev_3[k] for k in ("examples", "accuracy", "per_intent", "language_accuracy",
                                                   "entities", "per_slot", "abstention_rate")}},
        "development_4": {"sealed_in": SEALED_4_COMMIT, "first_run": SEALED_4_FIRST_RUN,
                          **{k: dev_4[k] for k in ("examples", "accuracy", "per_intent", "language_accuracy",
                                                   "entities", "per_slot", "abstention_rate")}},
        "targets": {"understand_p95_ms": 2.0, "sealed_intent_accuracy": 0.95, "sealed_slot_f1": 0.95,
                    "sealed_followup_resolution": 0.90, "safety_pass_rate": 1.0, "engine_turn_p95_ms": 20.0},
    }
    u = result["understand_ms"]
    c = result["understand_cpu_ms"]
    print(f"\nunderstand(): wall p50 {u['p50']} ms, p95 {u['p95']} ms, max {u['max']} ms; CPU p50 {c['p50']} ms, "
          f"p95 {c['p95']} ms over {len(timings)} messages; name index built in {result['index_build_ms']} ms; "
          f"load average {result['load_average'][0]:.1f}")
    result["language_id"] = language_figures()
    result["dialogue"] = dialogue_figures()
    out = write_result("chat_nlu", result)
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
