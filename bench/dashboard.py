"""Quality dashboard on 1M messages (PostgreSQL): how long each dashboard query takes.

    .venv/bin/python bench/dashboard.py                      # 1,000,000 messages into chatbet_bench_dashboard
    .venv/bin/python bench/dashboard.py --messages 200000    # smaller
    .venv/bin/python bench/dashboard.py --reuse              # keep the generated rows, only time the queries

Generates conversations of 5 turns (user + assistant messages), spread over 30 days, with intents,
engines, latencies, experiment variants and ~6 % of answers rated, using `bulk_create` in batches
into a dedicated database (created if missing; never the app's), then stores the rows in time order
as production does (CLUSTER). Then runs every dashboard
selector for the 24 h / 7 d / 30 d windows (median of 3 runs, warm) and the whole page context,
and writes bench/results/dashboard.json.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import write_result  # noqa: E402

INTENTS = [("odds_information", 30), ("fixture_search", 25), ("bet_simulation", 12), ("betting_recommendation", 8),
           ("team_comparison", 6), ("greeting", 6), ("help", 4), ("out_of_scope", 5), ("account_balance", 4)]
ENGINES = [("offline", 90), ("fallback:offline", 4), ("gemini", 5), ("error", 1)]
BATCH = 5_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/chatbet_bench_dashboard")
    parser.add_argument("--reuse", action="store_true", help="do not regenerate when the database has rows")
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def weighted(pairs):
    names, weights = zip(*pairs, strict=True)
    return names, weights


def generate(total_messages: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from chat.experiments import assign
    from chat.models import Conversation, Feedback, Message

    with connection.cursor() as cursor:  # start clean (TRUNCATE bypasses the audit trigger, none here anyway)
        cursor.execute("TRUNCATE chat_feedback, chat_message, chat_conversation CASCADE")
    rng = random.Random(2026)
    intents, intent_w = weighted(INTENTS)
    engines, engine_w = weighted(ENGINES)
    now = timezone.now()
    turns_per_conversation = 5
    conversations = total_messages // (2 * turns_per_conversation)
    started = time.perf_counter()
    convs, msgs, votes = [], [], []
    written = {"conversations": 0, "messages": 0, "feedback": 0}

    def flush(final: bool = False) -> None:
        if convs and (final or len(msgs) >= BATCH):
            Conversation.objects.bulk_create(convs, batch_size=BATCH)
            Message.objects.bulk_create(msgs, batch_size=BATCH)
            Feedback.objects.bulk_create(votes, batch_size=BATCH)
            written["conversations"] += len(convs)
            written["messages"] += len(msgs)
            written["feedback"] += len(votes)
            convs.clear(), msgs.clear(), votes.clear()

    for n in range(conversations):
        user_key = f"guest:{n % 20000}"
        start = now - timedelta(seconds=rng.uniform(0, 30 * 86400))
        conv = Conversation(session_id=uuid.uuid4(), guest_id=str(n % 20000), created_at=start, updated_at=start)
        convs.append(conv)
        variants = assign(key=user_key)
        at = start
        for _ in range(turns_per_conversation):
            intent = rng.choices(intents, intent_w)[0]
            question = Message(id=uuid.uuid4(), conversation_id=conv.session_id, role="user", intent=intent,
                               content=f"question about {intent} {n}", created_at=at)
            answer_at = at + timedelta(milliseconds=rng.randint(20, 900))
            answer = Message(id=uuid.uuid4(), conversation_id=conv.session_id, role="assistant", intent=intent,
                             content=f"answer {n}", engine=rng.choices(engines, engine_w)[0],
                             response_time_ms=int(rng.lognormvariate(4.0, 0.8)), reply_to_id=question.id,
                             experiments=variants, created_at=answer_at)
            msgs += [question, answer]
            if rng.random() < 0.06:
                rating = "up" if rng.random() < (0.75 if variants["answer_length"] == "detailed" else 0.65) else "down"
                votes.append(Feedback(message_id=answer.id, rating=rating, identity_key=user_key, created_at=answer_at))
            at = answer_at + timedelta(seconds=rng.uniform(5, 120))
        flush()
    flush(final=True)
    with connection.cursor() as cursor:
        # Production appends messages in time order; conversations were generated in random order, so
        # put the rows back in time order (otherwise every window reads pages from the whole table).
        cursor.execute("CLUSTER chat_message USING chat_msg_created")
        cursor.execute("ANALYZE chat_message; ANALYZE chat_feedback; ANALYZE chat_conversation;")
    written["seconds"] = round(time.perf_counter() - started, 1)
    return written


def timed(func, runs: int) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1), result


def time_queries(runs: int) -> dict:
    from insights import selectors as s
    from insights.dashboard import dashboard_context

    results: dict = {}
    for period in s.PERIODS:
        window = s.window_for(period=period)
        queries = {
            "turns_over_time": lambda w=window: s.turns_over_time(window=w),
            "turn_mix_intents_rates": lambda w=window: s.quality_rates(window=w, mix=s.turn_mix(window=w)),
            "feedback_summary": lambda w=window: s.feedback_summary(window=w),
            "answer_latency": lambda w=window: s.answer_latency(window=w),
            "lowest_rated_answers": lambda w=window: list(s.lowest_rated_answers(window=w)),
            "out_of_scope_questions": lambda w=window: list(s.out_of_scope_questions(window=w)),
            "experiment_comparison": lambda w=window: s.experiment_comparison(window=w),
            "whole_page_context": lambda p=period: dashboard_context(period=p),
        }
        row = {}
        for name, func in queries.items():
            ms, value = timed(func, runs)
            row[name] = ms
            if name == "turn_mix_intents_rates":
                row["turns_in_window"] = value["turns"]
            if name == "answer_latency":
                row["latency_ms"] = value
        results[period] = row
    return results


def main() -> None:
    args = parse_args()
    ensure_database(args.database_url)
    setup_django(args.database_url)
    from chat.models import Message

    existing = Message.objects.count()
    generated = None
    if not (args.reuse and existing >= args.messages * 0.99):
        print(f"generating {args.messages:,} messages ...", flush=True)
        generated = generate(args.messages)
        print(f"  {generated}", flush=True)
    total = Message.objects.count()
    timings = time_queries(args.runs)
    report = {"messages": total, "generated": generated, "runs": args.runs, "median_ms": timings,
              "database": "postgresql", "load_average": os.getloadavg()}
    print(f"\n{total:,} messages; median ms over {args.runs} warm runs")
    names = list(next(iter(timings.values())).keys())
    print(f"{'query':<26}" + "".join(f"{p:>10}" for p in timings))
    for name in names:
        if name in ("latency_ms",):
            continue
        print(f"{name:<26}" + "".join(f"{timings[p][name]!s:>10}" for p in timings))
    out = write_result("dashboard", report)
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
