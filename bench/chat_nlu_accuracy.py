#!/usr/bin/env python
"""Understanding: accuracy on the labelled, development and sealed test sets, and time per message; then
the dialogue: follow-up resolution on the multi-turn scripts, the safety cases, engine time per turn.

    .venv/bin/python bench/chat_nlu_accuracy.py [--errors] [--sealed]

Offline (sandbox catalogue, local-memory cache). Prints the per-intent table of the labelled and
development sets (with their errors: both were read while tuning), of the first sealed set and of every outsider
batch after its first run (development sets since: their errors with `--errors`); with `--sealed`, the sealed
batch's aggregates only (a run while tuning leaves it alone; also on the sentences that are no sentence of the
training or development data, `nlu_eval.unseen_examples`); and p50/p95/max of `understand()` over every example
(warm name index), plus the one-off cost of building the name index from the catalogue. The batches, their roles
and how a batch stays sealed: `chat/engine/eval_batches.py`.
Targets (issue 17, on the sealed batch): intent accuracy ≥ 0.95, slot F1 ≥ 0.95; understand() p95 < 2 ms.

Dialogue (`chat.engine.followup_eval`): every multi-turn script of `followups_dev.jsonl`, of an outside red-teamer's
ask-or-act attack (`followups_attack_17.jsonl`, development; its safety probes, `safety_attack_17b.jsonl`, are run
like the safety cases), of the first sealed set
and of each batch goes through the real turn service (`chat.services.turns.answer_message`: safety policy,
memory, engine, storage) on a throwaway SQLite database at `EVAL_NOW`; a script counts when every checked turn
passes. The safety cases must get their policy answer (`rg_<kind>`, no tool called) or, for `kind: null`, no
policy answer. Development scripts and cases print their failures (a wrong expectation marked from
`followup_eval.WRONG_EXPECTATIONS` / `WRONG_SAFETY_EXPECTATIONS`); the sealed batch prints its rates only. Engine
time per turn: the offline engine alone (`OfflineEngine.answer`, memory carried as the turn service does) over
every turn of the development and first sealed scripts, 5 rounds.
Targets: follow-up resolution ≥ 0.90 on the sealed scripts, 100 % of the safety cases, engine p95 < 20 ms.

Language identification (`language_figures`): held-out accuracy of the rules and of a character n-gram
model trained on the intent corpora, on `language_dev.jsonl` and on the development scripts' turns.
Writes bench/results/chat_nlu.json.
"""

from __future__ import annotations

import functools
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

from chat.engine.eval_batches import DEVELOPMENT_BATCHES, SEALED_BATCH, Batch  # noqa: E402
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
    unseen_examples,
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


@functools.cache
def this_run() -> str:
    """"<HEAD>, this run": names a sealed batch's first run while none is recorded (its figures then go to
    bench/README.md with that commit)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        head = "unknown"
    return f"{head}, this run"


def label(batch: Batch) -> str:
    return batch.label(this_run())


def dialogue_figures(*, with_sealed: bool) -> dict:
    """Follow-up resolution, safety-case pass rate and engine ms per turn. Development scripts and cases (the repo's
    own and every outsider batch after its first run) print their failures, a wrong expectation marked as such;
    the sealed batch prints its aggregates only."""
    import time_machine
    from django.core.cache import caches
    from django.core.management import call_command

    from accounts.identity import ANONYMOUS
    from chat.engine.base import TurnContext
    from chat.engine.followup_eval import (
        ATTACK_SCRIPTS,
        DEV_SCRIPTS,
        SAFETY_ATTACK,
        SAFETY_CASES,
        SEALED_SCRIPTS,
        WRONG_EXPECTATIONS,
        WRONG_SAFETY_EXPECTATIONS,
        load_scripts,
    )
    from chat.engine.followup_eval import EVAL_NOW as DIALOGUE_NOW
    from chat.engine.followup_eval import evaluate as evaluate_scripts
    from chat.engine.memory import ConversationMemory
    from chat.engine.offline import OfflineEngine
    from chat.engine.tool_support import clear_memo
    from chat.services.turns import answer_message
    from sports.cache import forget_memo
    from sports.providers import get_provider

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

    def print_scripts(title, report):
        print(f"follow-up scripts, {title}: {report['resolved']}/{report['scripts']} resolved "
              f"({report['resolution_rate']}); acted on a guess: {report['acted_on_guess']}")
        for failure in report["failures"]:
            wrong = WRONG_EXPECTATIONS.get(failure["id"])
            print(f"  {failure['id']} turn {failure['turn']} {failure['say']!r}: {'; '.join(failure['problems'])}"
                  + (f" [the script's expectation is wrong: {wrong}]" if wrong else ""))

    def print_safety(title, cases, failures):
        print(f"safety cases, {title}: {len(cases) - len(failures)}/{len(cases)} passed")
        for failure in failures:
            wrong = WRONG_SAFETY_EXPECTATIONS.get(failure["say"])
            print(f"  {failure['say']!r}: expected {failure['expected']}, got {failure['got']}"
                  + (f" [the case's expectation is wrong: {wrong}]" if wrong else ""))

    def safety_figures(cases, failed, **extra):
        passed = len(cases) - len(failed)
        return {**extra, "cases": len(cases), "passed": passed, "pass_rate": round(passed / len(cases), 3)}

    batches = {}
    with time_machine.travel(DIALOGUE_NOW, tick=False):
        # as each test starts: no fixture list cached or memoised at the real clock (the understanding pass above
        # reads the catalogue), and the sandbox's clock stopped at the dialogue's instant, whatever the hour
        for cache in caches.all():
            cache.clear()
        forget_memo()
        clear_memo()
        get_provider.cache_clear()
        get_provider().freeze(DIALOGUE_NOW)
        dev, sealed = evaluate_scripts(DEV_SCRIPTS, answer), evaluate_scripts(SEALED_SCRIPTS, answer)
        attack = evaluate_scripts(ATTACK_SCRIPTS, answer)
        probes, probe_failures = safety(SAFETY_ATTACK)
        cases, safety_failures = safety(SAFETY_CASES)
        for batch in (*DEVELOPMENT_BATCHES, *([SEALED_BATCH] if SEALED_BATCH and with_sealed else [])):
            batches[batch] = (evaluate_scripts(batch.scripts, answer), *safety(batch.safety))
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
    print()
    print_scripts("development set", dev)
    print_scripts("first sealed set (development since issue 17's second round)", sealed)
    print_safety("development set", cases, safety_failures)
    print_scripts("ask-or-act attack scripts (development)", attack)
    print_safety("safety attack probes, round 2 (development)", probes, probe_failures)
    result = {
        "followups_dev": {k: dev[k] for k in ("scripts", "resolved", "resolution_rate", "acted_on_guess")},
        "followups_attack": {k: attack[k] for k in ("scripts", "resolved", "resolution_rate", "acted_on_guess")},
        "followups_sealed": {k: sealed[k] for k in ("scripts", "resolved", "resolution_rate")},
        "safety_cases": safety_figures(cases, safety_failures, failures=safety_failures),
        "safety_attack": safety_figures(probes, probe_failures, failures=probe_failures),
    }
    for batch, (report, batch_cases, batch_failures) in batches.items():
        title = label(batch)
        if batch.sealed:  # aggregates only: never a failure or a sentence
            print(f"follow-up scripts, {title}: {report['resolved']}/{report['scripts']} resolved "
                  f"({report['resolution_rate']}); acted on a guess: {report['acted_on_guess']}")
            print(f"safety cases, {title}: {len(batch_cases) - len(batch_failures)}/{len(batch_cases)} passed")
            result[f"followups_sealed_{batch.number}"] = {
                "label": title, **{k: report[k] for k in ("scripts", "resolved", "resolution_rate", "acted_on_guess")}}
            result[f"safety_sealed_{batch.number}"] = safety_figures(batch_cases, batch_failures, label=title)
        else:
            print_scripts(f"{title}, now development", report)
            print_safety(f"{title}, now development", batch_cases, batch_failures)
            result[f"followups_sealed_{batch.number}"] = {
                "label": title, "role": "development since its first run",
                **{k: report[k] for k in ("scripts", "resolved", "resolution_rate", "acted_on_guess", "failures")}}
            result[f"safety_sealed_{batch.number}"] = safety_figures(
                batch_cases, batch_failures, label=title, role="development since its first run",
                failures=batch_failures)
    ms = {"p50": round(statistics.median(timings), 2), "p95": round(percentile(timings, 0.95), 2),
          "max": round(max(timings), 2)}
    cpu_ms = {"p50": round(statistics.median(cpu), 2), "p95": round(percentile(cpu, 0.95), 2)}
    print(f"offline engine per turn ({len(timings)} turns): wall p50 {ms['p50']} ms, p95 {ms['p95']} ms, "
          f"max {ms['max']} ms; CPU p50 {cpu_ms['p50']} ms, p95 {cpu_ms['p95']} ms")
    return {**result, "engine_turn_ms": ms, "engine_turn_cpu_ms": cpu_ms, "engine_turns_timed": len(timings)}


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
    parser.add_argument("--sealed", action="store_true",
                        help="also run the sealed batch (aggregates only): for its recorded first run and the "
                             "figures issue 17 is judged on, never while tuning")
    parser.add_argument("--errors", action="store_true",
                        help="also print each error of batches 2, 3, 4 and of the first sealed set (development now)")
    args = parser.parse_args()
    import time_machine

    from chat.engine.followup_eval import EVAL_NOW as DIALOGUE_NOW
    from sports.providers import get_provider

    # The catalogue the names are read from is the sandbox's at the dialogue's instant (the one the batches' writers
    # listed), never at the hour the benchmark runs: the sandbox's fixture window moves with its clock, and a club
    # with no match in it is no name of the index. Sentences' dates are anchored to `EVAL_NOW` as before.
    with time_machine.travel(DIALOGUE_NOW, tick=False):
        get_provider.cache_clear()
        get_provider().freeze(DIALOGUE_NOW)
        report(args)


def report(args) -> None:
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
    print(format_report(sealed, title="first sealed set (development since issue 17's second round)",
                        show_errors=args.errors))
    fields = ("examples", "accuracy", "per_intent", "language_accuracy", "entities", "per_slot", "abstention_rate")
    batch_results = {}
    for batch in DEVELOPMENT_BATCHES:  # read and fixed by kind since their first run: errors with --errors
        report = evaluate(batch.intents)
        print()
        print(format_report(report, title=f"development set {batch.number}: {label(batch)}",
                            show_errors=args.errors))
        batch_results[f"development_{batch.number}"] = {"sealed_in": batch.sealed_in, "first_run": batch.first_run,
                                                        **{k: report[k] for k in fields}}
    if SEALED_BATCH and args.sealed:  # aggregates only, never an error or a sentence (chat/engine/eval_batches.py)
        title = label(SEALED_BATCH)
        report = evaluate(SEALED_BATCH.intents)
        unseen = unseen_examples(SEALED_BATCH.intents)
        report_unseen = evaluate(SEALED_BATCH.intents, examples=unseen)
        print()
        print(format_report(report, title=title, show_errors=False))
        print(f"{title}, the {len(unseen)} of {report['examples']} sentences that are no sentence of the training "
              f"or development data: intent accuracy {report_unseen['accuracy']}, entity F1 "
              f"{report_unseen['entities']['f1']}")
        batch_results[f"sealed_{SEALED_BATCH.number}"] = {
            "label": title, "sealed_in": SEALED_BATCH.sealed_in,
            **{k: report[k] for k in fields if k != "per_intent"},
            "unseen": {"examples": len(unseen), "accuracy": report_unseen["accuracy"],
                       "entities": report_unseen["entities"]}}

    # Timed on the same four sets as every earlier run (labelled, development, batch 2, first sealed): comparable.
    batch_2 = next(batch for batch in DEVELOPMENT_BATCHES if batch.number == 2)
    texts = [ex["text"] for ex in load(LABELLED_SET) + load(DEV_SET) + load(batch_2.intents) + load(SEALED_TEST_SET)]
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
        **batch_results,
        "targets": {"understand_p95_ms": 2.0, "sealed_intent_accuracy": 0.95, "sealed_slot_f1": 0.95,
                    "sealed_followup_resolution": 0.90, "safety_pass_rate": 1.0, "engine_turn_p95_ms": 20.0},
    }
    u = result["understand_ms"]
    c = result["understand_cpu_ms"]
    print(f"\nunderstand(): wall p50 {u['p50']} ms, p95 {u['p95']} ms, max {u['max']} ms; CPU p50 {c['p50']} ms, "
          f"p95 {c['p95']} ms over {len(timings)} messages; name index built in {result['index_build_ms']} ms; "
          f"load average {result['load_average'][0]:.1f}")
    result["language_id"] = language_figures()
    result["dialogue"] = dialogue_figures(with_sealed=args.sealed)
    out = write_result("chat_nlu", result)
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
