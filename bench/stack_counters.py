"""The stack's own round trips (issue 20): Redis commands and PostgreSQL transactions counted on the
servers themselves (`INFO commandstats`, `pg_stat_database`), so the figure holds on a busy machine
where timings do not. Used by `ws_load.py --processes`."""

from __future__ import annotations

import time


class StackCounters:
    """Cumulative Redis commands and PostgreSQL transactions of the cluster's own servers (issue 20):
    a round trip the stack makes per turn costs on every host, whatever the CPU figures say."""

    PG_FIELDS = ("xact_commit", "xact_rollback", "tup_inserted", "tup_updated", "tup_deleted", "sessions")
    PG_SETTLE_SECONDS = 11  # a backend reports its counts at most 10 s after it goes idle (PostgreSQL 15)

    def __init__(self, *, redis_url: str, database_url: str):
        import redis

        self.redis = redis.Redis.from_url(redis_url)
        self.database_url = database_url
        self.database = database_url.rsplit("/", 1)[-1].split("?")[0]

    def snapshot(self) -> dict:
        import psycopg

        commands = {name.removeprefix("cmdstat_"): int(stats["calls"])
                    for name, stats in self.redis.info("commandstats").items()}
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            row = conn.execute(f"SELECT {', '.join(self.PG_FIELDS)} FROM pg_stat_database WHERE datname = %s",
                               (self.database,)).fetchone()
        return {"at": time.perf_counter(), "redis": commands, "pg": dict(zip(self.PG_FIELDS, row, strict=True))}

    @staticmethod
    def delta(before: dict, after: dict) -> dict:
        """Counts between two snapshots; our own INFO call and this connection's session are left out."""
        redis_calls = {name: calls - before["redis"].get(name, 0) for name, calls in after["redis"].items()}
        redis_calls["info"] = redis_calls.get("info", 1) - 1
        pg = {name: after["pg"][name] - before["pg"][name] for name in StackCounters.PG_FIELDS}
        pg["xact_commit"] -= 1  # the snapshot's own SELECT
        pg["sessions"] -= 1
        return {"seconds": round(after["at"] - before["at"], 2), "pg": pg,
                "redis": {name: calls for name, calls in sorted(redis_calls.items()) if calls}}

    @staticmethod
    def per_turn(delta: dict, turns: int, idle: dict | None) -> dict:
        """Per answered turn, with what the idle cluster would have done in the same time taken off."""
        seconds, turns = delta["seconds"], max(turns, 1)

        def net(count: float, idle_per_s: float) -> float:
            return round((count - idle_per_s * seconds) / turns, 3)

        idle_redis = (idle or {}).get("redis_per_s", {})
        idle_pg = (idle or {}).get("pg_per_s", {})
        redis_by_command = {name: net(calls, idle_redis.get(name, 0.0)) for name, calls in delta["redis"].items()}
        pg = {name: net(count, idle_pg.get(name, 0.0)) for name, count in delta["pg"].items()}
        return {"redis_commands": round(sum(redis_by_command.values()), 3),
                "redis_by_command": {k: v for k, v in redis_by_command.items() if abs(v) >= 0.005},
                "pg_transactions": round(pg["xact_commit"] + pg["xact_rollback"], 3),
                "pg_rollbacks": pg["xact_rollback"],
                "pg_tuples_written": round(pg["tup_inserted"] + pg["tup_updated"] + pg["tup_deleted"], 3),
                "pg_sessions_opened": pg["sessions"], "raw": delta}

    @staticmethod
    def idle_rates(delta: dict) -> dict:
        seconds = max(delta["seconds"], 0.001)
        return {"seconds": delta["seconds"],
                "redis_per_s": {name: round(calls / seconds, 3) for name, calls in delta["redis"].items()},
                "pg_per_s": {name: round(count / seconds, 3) for name, count in delta["pg"].items()}}
