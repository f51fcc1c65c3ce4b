#!/usr/bin/env python
"""Scripted fault scenarios against a live full stack, with a report.

    .venv/bin/python bench/faults.py          # ~1 minute → bench/results/faults.json

One daphne process + Celery worker on a throw-away PostgreSQL database (`chatbet_bench_faults`) and a
private redis-server (the shared Redis and PostgreSQL cluster are never stopped), the real HTTP
sports provider against the sports team's fake upstream, and the OpenAI-compatible LLM engine
against the chat team's fake model server (both real sockets in this process). Scenarios:

1. `llm_failure` — the model answers 500 to everything: every turn still answered (offline fallback,
   stored as `fallback:offline`), the LLM breaker opens and /health/ says so; the model comes back
   and, after the breaker's cool-down, answers again.
2. `upstream_failure` — the ChatBet API answers 500s: odds are served stale with their age, the
   breaker opens (upstream calls stop), then closes after the upstream recovers.
3. `postgres_connections_killed` — `pg_terminate_backend` on every server connection to the bench
   database (what a PostgreSQL restart does to the app): the next REST request and socket turn succeed.
4. `redis_outage` — the private Redis is killed mid-conversation: readiness answers 503 at once, the
   open socket keeps answering, new sockets and REST chat work, nothing accepted is missing from the
   database; Redis restarts on the same port and readiness is back to 200 by itself.

Each scenario records what it observed, its timings, and `passed` (every expectation held).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psycopg
import websockets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")

from load import ORIGIN, Stack  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "faults.json"
BREAKER_RESET = 2.0


class Scenario:
    def __init__(self, name: str):
        self.name = name
        self.observed: dict = {}
        self.failures: list[str] = []
        self.started = time.perf_counter()

    def expect(self, condition: bool, what: str) -> None:
        if not condition:
            self.failures.append(what)

    def report(self) -> dict:
        return {"scenario": self.name, "passed": not self.failures, "failed_expectations": self.failures,
                "seconds": round(time.perf_counter() - self.started, 2), **self.observed}


# --- helpers ---------------------------------------------------------------------------------------


async def _timed_get(client: httpx.AsyncClient, url: str) -> tuple[int, dict, float]:
    started = time.perf_counter()
    response = await client.get(url)
    return response.status_code, response.json(), round((time.perf_counter() - started) * 1000, 1)


async def _open(stack: Stack, token: str | None = None, session: str | None = None):
    query = f"?user_id=faults{'&token=' + token if token else ''}{'&session_id=' + session if session else ''}"
    ws = await websockets.connect(f"ws://127.0.0.1:{stack.port}/ws/chat{query}", origin=ORIGIN, open_timeout=15)
    ack = json.loads(await asyncio.wait_for(ws.recv(), 15))
    return ws, ack["session_id"]


async def _turn(ws, text: str, timeout: float = 20) -> dict:
    """Send one message; the answer text, or the error code, and how long it took."""
    started = time.perf_counter()
    await ws.send(json.dumps({"type": "user_message", "content": text, "message_id": str(uuid.uuid4())}))
    answer, error = None, None
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        if frame["type"] in ("streaming_end", "bot_response"):
            answer = frame.get("final_content") or frame.get("content")
        elif frame["type"] == "error":
            error = frame["error_code"]
            break
        elif frame["type"] == "typing" and frame["is_typing"] is False:
            break
    return {"answered": bool(answer), "error": error, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _stored(stack: Stack, session: str) -> list[tuple[str, str]]:
    with psycopg.connect(stack.database_url) as conn:
        rows = conn.execute("SELECT role, engine FROM chat_message WHERE conversation_id = %s ORDER BY created_at",
                            [session]).fetchall()
    return [(role, engine or "") for role, engine in rows]


# --- scenarios -------------------------------------------------------------------------------------


async def llm_failure(stack: Stack, client: httpx.AsyncClient, llm) -> dict:
    from chat.tests.fake_llm_servers import Text

    s = Scenario("llm_failure")
    ws, session = await _open(stack)
    try:
        turns = [await _turn(ws, text) for text in ("hello", "fixtures today", "what can you do?", "odds for Arsenal",
                                                     "who is playing today?", "hello again")]
        s.observed["turns_while_failing"] = turns
        s.expect(all(t["answered"] and not t["error"] for t in turns), "every turn answered while the model fails")
        engines = [engine for role, engine in _stored(stack, session) if role == "assistant"]
        s.observed["stored_engines"] = engines
        s.expect(all(e.startswith("fallback:") or e == "offline" for e in engines), "answers marked as fallback")
        _status, health, _ms = await _timed_get(client, "/health/")
        s.observed["llm_health_while_failing"] = health["checks"]["llm_provider"]
        s.expect(health["checks"]["llm_provider"]["status"] != "ok", "health reports the LLM")
        s.observed["model_requests_while_failing"] = len(llm.requests)

        llm.queue(*[Text("Here is what I found for you today.") for _ in range(5)])
        await asyncio.sleep(BREAKER_RESET + 0.5)
        recovered = await _turn(ws, "fixtures this weekend")
        engines = [engine for role, engine in _stored(stack, session) if role == "assistant"]
        s.observed["after_recovery"] = {**recovered, "engine": engines[-1]}
        s.expect(recovered["answered"] and engines[-1] == "openai_compatible", "the model answers again")
    finally:
        await ws.close()
    return s.report()


async def upstream_failure(stack: Stack, client: httpx.AsyncClient, upstream) -> dict:
    s = Scenario("upstream_failure")
    fixtures = (await client.get("/api/v1/sports/fixtures/?limit=5")).json()["results"]
    match = fixtures[0]["id"]
    fresh = (await client.get(f"/api/v1/sports/odds/?match_id={match}")).json()
    s.expect(fresh["stale"] is False, "fresh odds before the fault")
    await asyncio.sleep(1.5)  # SPORTS_TTL_ODDS=1: the fresh copy expires, the last good copy stays
    upstream.inject("*", status=500, times=1_000_000)
    reads = []
    for _ in range(6):
        status, body, ms = await _timed_get(client, f"/api/v1/sports/odds/?match_id={match}")
        reads.append({"status": status, "stale": body.get("stale"), "age_seconds": body.get("age_seconds"), "ms": ms})
    s.observed["reads_while_failing"] = reads
    s.expect(all(r["status"] == 200 and r["stale"] for r in reads), "stale odds served while the upstream fails")
    calls = len(upstream.requests)
    await client.get(f"/api/v1/sports/odds/?match_id={match}")
    s.observed["upstream_calls_with_breaker_open"] = len(upstream.requests) - calls
    s.expect(len(upstream.requests) == calls, "open breaker: no upstream call")
    _status, health, _ms = await _timed_get(client, "/health/")
    s.observed["provider_health_while_failing"] = health["checks"]["chatbet_provider"]
    s.expect(health["checks"]["chatbet_provider"]["status"] in ("degraded", "down"), "health reports the upstream")

    upstream.faults.clear()
    recovered_at = None
    started = time.perf_counter()
    while time.perf_counter() - started < BREAKER_RESET + 10:
        body = (await client.get(f"/api/v1/sports/odds/?match_id={match}")).json()
        if body.get("stale") is False:
            recovered_at = time.perf_counter() - started
            break
        await asyncio.sleep(0.25)
    s.observed["fresh_again_after_s"] = round(recovered_at, 2) if recovered_at is not None else None
    s.expect(recovered_at is not None, "fresh odds again after recovery")
    _status, health, _ms = await _timed_get(client, "/health/")
    s.observed["provider_health_after"] = health["checks"]["chatbet_provider"]
    s.expect(health["checks"]["chatbet_provider"]["status"] == "ok", "breakers closed again")
    return s.report()


async def postgres_connections_killed(stack: Stack, client: httpx.AsyncClient) -> dict:
    s = Scenario("postgres_connections_killed")
    ws, session = await _open(stack)
    try:
        s.expect((await _turn(ws, "hello"))["answered"], "answer before")
        with psycopg.connect(stack.database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            killed = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                   "WHERE datname = %s AND pid <> pg_backend_pid()", [stack.db_name]).fetchone()[0]
        s.observed["backends_terminated"] = killed
        await asyncio.sleep(0.2)  # termination is asynchronous
        turns = [await _turn(ws, "fixtures today"), await _turn(ws, "odds for the first match")]
        s.observed["socket_turns_after_kill"] = turns
        status, body, ms = await _timed_get(client, "/health/ready")
        s.observed["ready_after_kill"] = {"status": status, "database": body["checks"]["database"], "ms": ms}
        rest = await client.post("/api/v1/chat/message", json={"message": "fixtures today"})
        s.observed["rest_chat_after_kill"] = rest.status_code
        s.expect(all(t["answered"] for t in turns), "the open socket's turns right after the kill")
        s.expect(status == 200, "readiness ok right after the kill")
        s.expect(rest.status_code == 200, "REST chat right after the kill")
        s.expect(len(_stored(stack, session)) == 6, "all three socket turns stored")
    finally:
        await ws.close()
    return s.report()


async def redis_outage(stack: Stack, client: httpx.AsyncClient) -> dict:
    s = Scenario("redis_outage")
    ws, session = await _open(stack)
    try:
        s.expect((await _turn(ws, "hello"))["answered"], "answer before")
        stack.stop_redis()
        status, body, ms = await _timed_get(client, "/health/ready")
        s.observed["ready_while_down"] = {"status": status, "ms": ms,
                                          **{k: body["checks"][k]["status"] for k in ("cache", "channel_layer")}}
        s.expect(status == 503, "readiness 503 while Redis is down")
        turn = await _turn(ws, "fixtures today")
        s.observed["open_socket_turn_while_down"] = turn
        s.expect(turn["answered"], "the open socket keeps answering")
        try:
            fresh, fresh_session = await _open(stack)
            new_turn = await _turn(fresh, "hello")
            await fresh.close()
        except Exception as exc:
            new_turn, fresh_session = {"answered": False, "error": repr(exc)[:200]}, None
        s.observed["new_socket_turn_while_down"] = new_turn
        s.expect(new_turn["answered"], "a new socket works while Redis is down")
        rest = await client.post("/api/v1/chat/message", json={"message": "odds please"})
        s.observed["rest_chat_while_down"] = rest.status_code
        s.expect(rest.status_code == 200, "REST chat while Redis is down")

        stack.start_redis()
        started = time.perf_counter()
        back_after = None
        while time.perf_counter() - started < 20:
            if (await client.get("/health/ready")).status_code == 200:
                back_after = time.perf_counter() - started
                break
            await asyncio.sleep(0.2)
        s.observed["ready_again_after_s"] = round(back_after, 2) if back_after is not None else None
        s.expect(back_after is not None, "readiness back to 200 after Redis restarts")
        after = await _turn(ws, "and tomorrow?")
        s.observed["open_socket_turn_after"] = after
        s.expect(after["answered"], "the socket that lived through it still answers")
        stored = _stored(stack, session)
        s.observed["stored_messages_in_session"] = len(stored)
        s.expect(len(stored) == 6, "all 3 turns of the surviving socket stored")
        if fresh_session:
            s.expect(len(_stored(stack, fresh_session)) == 2, "the outage-time socket's turn stored")
    finally:
        with contextlib.suppress(Exception):
            await ws.close()
    return s.report()


async def run() -> dict:
    import django

    django.setup()
    from chat.tests.fake_llm_servers import FakeOpenAI
    from sports.tests.fake_upstream import FakeUpstream

    upstream = FakeUpstream().start()
    llm = FakeOpenAI().start()
    env = {
        "SPORTS_PROVIDER": "sports.providers.http.ChatBetHTTPProvider", "CHATBET_API_BASE_URL": upstream.url,
        "CHATBET_API_TIMEOUT": "0.5", "CHATBET_API_RETRIES": "1", "CHATBET_API_BACKOFF": "0.01",
        "CHATBET_BREAKER_FAIL_MAX": "3", "CHATBET_BREAKER_RESET_SECONDS": str(BREAKER_RESET),
        "SPORTS_TTL_ODDS": "1", "SPORTS_TTL_LIVE_ODDS": "1",
        "LLM_PROVIDER": "openai_compatible", "LLM_MODEL": "fake-model", "LLM_API_KEY": "bench-key",
        "LLM_BASE_URL": llm.base_url + "/v1", "LLM_TIMEOUT": "2", "LLM_RETRIES": "0", "LLM_CACHE_TTL": "0",
        "LLM_BREAKER_FAIL_MAX": "3", "LLM_BREAKER_RESET_SECONDS": str(BREAKER_RESET),
        "REDIS_CONNECT_TIMEOUT": "0.5", "REDIS_SOCKET_TIMEOUT": "0.5",
    }
    report = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "scenarios": []}
    workdir = Path(tempfile.mkdtemp(prefix="chatbet-faults-"))
    try:
        with Stack(workdir, pin=False, db_name="chatbet_bench_faults", extra_env=env) as stack:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{stack.port}", timeout=30) as client:
                for scenario in (lambda: llm_failure(stack, client, llm),
                                 lambda: upstream_failure(stack, client, upstream),
                                 lambda: postgres_connections_killed(stack, client),
                                 lambda: redis_outage(stack, client)):
                    result = await scenario()
                    report["scenarios"].append(result)
                    print(f"{result['scenario']:<30} {'PASS' if result['passed'] else 'FAIL'} "
                          f"{result['seconds']:>6} s {result['failed_expectations'] or ''}", flush=True)
            report["server_log_tail"] = (workdir / "daphne.log").read_text(errors="replace")[-2000:]
    finally:
        upstream.stop()
        llm.close()
        shutil.rmtree(workdir, ignore_errors=True)
    report["passed"] = all(s["passed"] for s in report["scenarios"])
    return report


def main() -> None:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    report = asyncio.run(run())
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, default=str))
    print(f"written {RESULTS.relative_to(ROOT)}: {'all passed' if report['passed'] else 'FAILURES'}")
    sys.exit(0 if report["passed"] else 1)


if __name__ == "__main__":
    main()
