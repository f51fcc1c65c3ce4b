#!/usr/bin/env python
"""CPU and database queries per chat turn through `chat.services.turns.stream_reply` (or, `--transport socket`, the
ASGI app's chat socket; `--transport bare`, the bare 5-frame reply: `_common.prepare_turn_mix`).

    .venv/bin/python bench/turn_cost.py               # 300 measured turns
    .venv/bin/python bench/turn_cost.py --turns 100 --profile   # + cProfile of the measured turns
    .venv/bin/python bench/turn_cost.py --transport socket       # the same turns as a client's frames
    .venv/bin/python bench/turn_cost.py --redis-url redis://127.0.0.1:6390/0   # cache on a private Redis:
                                                              # + Redis commands per turn (INFO commandstats)
    .venv/bin/python bench/turn_cost.py --database-url postgres://postgres@127.0.0.1:5432/chatbet_bench \
        --redis-url redis://127.0.0.1:6390/0                  # the full stack's stores

Embedded mode offline (temporary SQLite file, local-memory cache, sandbox provider, offline
engine), as `ws_load.py` serves it. Each conversation is five turns with follow-ups, each message
with a fresh client message id (as the WebSocket clients send), in a database already holding
`--seed` messages of other conversations (so query plans that scan them show up). The turns
are driven from inside `async_to_sync` on the main thread, so `database_sync_to_async` hops come back to this thread
(like daphne's single database thread) and `CaptureQueriesContext` sees every query; on PostgreSQL the CPU pass
runs them on the pool of database threads (`DB_THREADS`) as daphne does, and the counting pass on this thread.
Figures: process CPU µs per turn (all threads), wall ms per turn, queries per turn (and the
distinct statements of one turn), → `bench/results/turn_cost.json` (`--out` for another file).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import TRANSPORTS, TURN_CONVERSATIONS, prepare_turn_mix  # noqa: E402


def _shape(sql: str) -> str:
    """A statement without its literal values, to group the queries of a turn."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    return sql[:160]


def _redis_commands(url: str | None) -> dict[str, int]:
    """Calls per command since the server started (INFO commandstats), or {} without a Redis."""
    if not url:
        return {}
    import redis

    stats = redis.Redis.from_url(url).info("commandstats")
    return {name.removeprefix("cmdstat_"): values["calls"] for name, values in stats.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20000,
                        help="messages already stored in other conversations (a server that has been running)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the measured turns")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "turn_cost.json"))
    parser.add_argument("--database-url", help="an existing PostgreSQL database instead of the temporary SQLite "
                                               "file (migrated here; its chat tables are emptied first)")
    parser.add_argument("--redis-url", help="cache and channel layer on this Redis (use a private server: its "
                                            "command counters are read, and its database is flushed)")
    parser.add_argument("--transport", choices=TRANSPORTS, default="service",
                        help="service: the turn service's stream; socket: the ASGI app's /ws/chat (consumer, "
                             "frames, JSON); bare: bench/bare_app.py's 5-frame reply (_common.prepare_turn_mix)")
    args = parser.parse_args()

    run = prepare_turn_mix(prefix="chatbet-turncost-", seed=args.seed, database_url=args.database_url,
                           redis_url=args.redis_url, transport=args.transport)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Warm what a running server has warm: imports, sandbox catalogue, fixture indexes, NLU index.
    run(len(TURN_CONVERSATIONS) * 5 * 2)

    profilers: list = []
    if args.profile:  # one profiler per thread: this one (database hops), the event loop's and its executor's (engine)
        import cProfile
        import threading

        def profile_new_thread(*_) -> None:
            profiler = cProfile.Profile(time.thread_time)
            profilers.append(profiler)
            profiler.enable()  # replaces this hook for the rest of the thread's life

        threading.setprofile(profile_new_thread)
        profilers.append(cProfile.Profile(time.thread_time))
        profilers[0].enable()

    # CPU without query capture (the debug cursor costs an extra statement per query on SQLite) …
    cpu0, wall0 = time.process_time(), time.perf_counter()
    turns = run(args.turns)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    if profilers:
        import pstats

        threading.setprofile(None)
        for profiler in profilers:
            profiler.disable()
        stats = pstats.Stats(*profilers)
        if os.environ.get("PROFILE_DUMP"):  # for pstats' callers/callees views
            stats.dump_stats(os.environ["PROFILE_DUMP"])
        stats.sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
        stats.print_stats(int(os.environ.get("PROFILE_ROWS", 45)))

    # … and the queries of the same mix counted in a pass of their own.
    # On PostgreSQL the hops run on the pool of database threads (chatbet_project/db.py), whose queries
    # this thread's capture cannot see: for the count they come back to this thread, as on SQLite.
    from django.test.utils import override_settings

    redis_before = _redis_commands(args.redis_url)
    with override_settings(DB_THREADS=0), CaptureQueriesContext(connection) as captured:
        counted = run(len(TURN_CONVERSATIONS) * 5 * 4)
    redis_after = _redis_commands(args.redis_url)
    shapes = Counter(_shape(q["sql"]) for q in captured.captured_queries)
    report = {
        "seeded_messages": args.seed,
        "transport": args.transport,
        "turns": turns,
        "cpu_us_per_turn": round(cpu / turns * 1e6),
        "wall_ms_per_turn": round(wall / turns * 1000, 2),
        "queries_per_turn": round(len(captured.captured_queries) / counted, 2),
        "statements_per_turn": {sql: round(count / counted, 2) for sql, count in shapes.most_common()},
        "load_average": os.getloadavg(),
    }
    if args.redis_url:
        per_command = {name: round((redis_after[name] - redis_before.get(name, 0)) / counted, 2)
                       for name in redis_after if redis_after[name] != redis_before.get(name, 0)}
        per_command.pop("info", None)
        report["redis_commands_per_turn"] = round(sum(per_command.values()), 2)
        report["redis_commands_by_name"] = dict(sorted(per_command.items(), key=lambda kv: -kv[1]))
    print(f"turn cost ({args.transport}): {turns} turns, {report['cpu_us_per_turn']} µs CPU/turn, "
          f"{report['wall_ms_per_turn']} ms wall/turn, {report['queries_per_turn']} queries/turn")
    for sql, per_turn in report["statements_per_turn"].items():
        print(f"  {per_turn:5.2f}  {sql}")
    if args.redis_url:
        print(f"  Redis: {report['redis_commands_per_turn']} commands/turn {report['redis_commands_by_name']}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"  → {out}")


if __name__ == "__main__":
    main()
