#!/usr/bin/env python
"""REST and WebSocket load on the full stack: daphne + PostgreSQL + Redis + a Celery worker.

    .venv/bin/python bench/load.py                 # 100 / 500 / 1000 users, REST then WS mix (~4 min)
    .venv/bin/python bench/load.py --users 50 --duration 10      # smoke run
    .venv/bin/python bench/load.py --processes 2 --no-readme    # the same, through deploy/cluster.sh's nginx
    .venv/bin/python bench/load.py --target http://127.0.0.1:8080 --no-readme   # against a running front

Everything runs on loopback and is started here: a throw-away PostgreSQL database
(`chatbet_bench_load`, dropped at the end) on the local cluster, a private `redis-server` on a free
port (the shared Redis is never loaded), one daphne process (pinned to CPU 0 when there are two
cores; this driver takes CPU 1) and one Celery worker. Rate limits are lifted (`THROTTLE_*` empty,
`WS_MAX_CONNECTIONS_PER_IP=0`) so the figures measure the service, not the limiter.

Per level (N concurrent virtual users), two mixes, each bounded by `--duration` seconds:
- REST: every user holds a guest token and loops with 0.5-1.5 s think time over cached sports reads
  (fixtures 30 %, odds 25 %, tournaments 10 %, search 5 %), chat messages (20 %), its conversation's
  history (5 %) and /health/live (5 %).
- WS: every user holds a `/ws/chat` socket and sends one message, waits for the whole answer, then
  thinks 2-4 s (a person reading it).
Reported per phase: requests/turns per second, p50/p95/p99 latency (WS: first chunk and full answer),
error rate (HTTP >= 400, error frames, timeouts, dropped sockets), peak RSS of daphne and the worker.
Figures go to `bench/results/load.json` and a Markdown table is written into `bench/README.md`.
`--processes N` starts `deploy/cluster.sh` instead of the single daphne (nginx, N daphne processes,
2N gunicorn workers, Celery worker and beat; same private Redis and throw-away database), server
CPU and RSS summed over its processes. `--target URL` drives an already running front (no server
CPU/RSS figures; rate limits are that server's: lift them there).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psutil
import websockets
from _common import free_port, free_port_block, raise_fd_limit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "load.json"
README = ROOT / "bench" / "README.md"
BIN = Path(sys.executable).parent
ORIGIN = "http://localhost:4200"
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres")
BENCH_DB = "chatbet_bench_load"
QUESTIONS = [
    "What football matches are on this week?",
    "odds for Arsenal",
    "Show me tomorrow's Premier League games",
    "who is playing today?",
    "hello",
    "what can you do?",
    "best odds for the next Champions League match",
    "fixtures this weekend",
]
README_START = "<!-- load.py:start -->"
README_END = "<!-- load.py:end -->"


def _wait_port(port: int, proc: subprocess.Popen, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not listen on {port}")


# --- the stack -----------------------------------------------------------------------------------


class Stack:
    """Private Redis, a fresh PostgreSQL database, daphne and a Celery worker; all stopped on exit."""

    def __init__(self, workdir: Path, *, pin: bool, db_name: str = BENCH_DB, extra_env: dict | None = None):
        self.workdir, self.pin = workdir, pin
        self.db_name, self.extra_env = db_name, extra_env or {}
        self.port = free_port()
        self.redis_port = free_port()
        self.procs: dict[str, subprocess.Popen] = {}
        self.logs: list = []

    def env(self) -> dict:
        keep = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "TEST_DATABASE_NAME")}
        return {
            **keep,
            "DJANGO_SETTINGS_MODULE": "chatbet_project.settings",
            "DJANGO_ENV": "development",
            "DEBUG": "false",
            "SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdefghij",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "WS_MAX_CONNECTIONS_PER_IP": "0",
            "WS_MAX_CONNECTIONS_PER_USER": "0",
            "THROTTLE_ANON": "", "THROTTLE_USER": "", "THROTTLE_CHAT": "", "THROTTLE_LOGIN": "",
            "THROTTLE_CHAT_IP": "", "THROTTLE_GUEST": "", "THROTTLE_LOGIN_IP": "", "THROTTLE_LOGIN_USER": "",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }

    @property
    def database_url(self) -> str:
        return PG_ADMIN.rsplit("/", 1)[0] + f"/{self.db_name}"

    def _spawn(self, name: str, cmd: list[str], *, pin: bool = False) -> subprocess.Popen:
        if pin and self.pin and shutil.which("taskset"):
            cmd = ["taskset", "-c", "0", *cmd]
        log = open(self.workdir / f"{name}.log", "wb")  # noqa: SIM115
        self.logs.append(log)
        proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
                                preexec_fn=raise_fd_limit)
        self.procs[name] = proc
        return proc

    def _database(self, *, create: bool) -> None:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
            if create:
                conn.execute(f'CREATE DATABASE "{self.db_name}"')

    def start_redis(self) -> None:
        redis = self._spawn("redis", [shutil.which("redis-server") or "redis-server", "--port", str(self.redis_port),
                                      "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                      "--maxclients", "10000"])
        _wait_port(self.redis_port, redis, "redis-server")

    def stop_redis(self) -> None:
        proc = self.procs.pop("redis")
        proc.kill()
        proc.wait(timeout=10)

    def __enter__(self) -> Stack:
        self.start_redis()
        self._database(create=True)
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=self.env(),
                       check=True, timeout=300)
        # Twisted listens with a backlog of 50 by default: hundreds of clients connecting at once overflow
        # it (SYN retries of 1-3 s, resets), which measures the listen queue, not the application.
        endpoint = f"tcp:port={self.port}:interface=127.0.0.1:backlog=4096"
        daphne = self._spawn("daphne", [str(BIN / "daphne"), "-e", endpoint, "chatbet_project.asgi:application"],
                             pin=True)
        self._spawn("celery", [str(BIN / "celery"), "-A", "chatbet_project", "worker", "-c", "1",
                               "--loglevel", "WARNING", "--without-gossip", "--without-mingle"], pin=True)
        _wait_port(self.port, daphne, "daphne")
        return self

    def __exit__(self, *exc) -> None:
        for name in ("celery", "daphne", "redis"):
            proc = self.procs.get(name)
            if proc is None or proc.poll() is not None:
                continue
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in self.logs:
            log.close()
        with contextlib.suppress(Exception):
            self._database(create=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self, name: str = "daphne") -> float:
        times = psutil.Process(self.procs[name].pid).cpu_times()
        return times.user + times.system

    def rss_mb(self, name: str) -> float | None:
        proc = self.procs.get(name)
        if proc is None or proc.poll() is not None:
            return None
        process = psutil.Process(proc.pid)
        tree = [process, *process.children(recursive=True)]
        return round(sum(p.memory_info().rss for p in tree) / 2**20, 1)


class ClusterStack(Stack):
    """The same private Redis and database, served by `deploy/cluster.sh` with `processes` daphne."""

    def __init__(self, workdir: Path, *, processes: int, db_name: str = BENCH_DB):
        super().__init__(workdir, pin=False, db_name=db_name)
        self.processes = processes

    def __enter__(self) -> ClusterStack:
        self.start_redis()
        self._database(create=True)
        self.extra_env = {"PORT": str(self.port), "BACKEND_BASE_PORT": str(free_port_block()),
                          "WS_PROCESSES": str(self.processes), "HTTP_WORKERS": str(2 * self.processes),
                          "RUN_DIR": str(self.workdir / "cluster")}
        log = open(self.workdir / "daphne.log", "wb")  # noqa: SIM115  (the cluster's own log)
        self.logs.append(log)
        self.procs["daphne"] = subprocess.Popen([str(ROOT / "deploy" / "cluster.sh")], cwd=ROOT, env=self.env(),
                                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                                preexec_fn=raise_fd_limit)
        deadline = time.monotonic() + 300
        while b"ChatBet cluster on" not in (self.workdir / "daphne.log").read_bytes():
            if self.procs["daphne"].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((self.workdir / "daphne.log").read_text(errors="replace")[-3000:])
            time.sleep(0.5)
        return self

    def cpu_seconds(self, name: str = "daphne") -> float:
        total = 0.0
        for proc in psutil.Process(self.procs["daphne"].pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                total += times.user + times.system
        return total


class TargetStack:
    """A front already running at `--target`: nothing started, no server CPU or memory to read."""

    def __init__(self, url: str):
        self.base_url = url.rstrip("/")

    def __enter__(self) -> TargetStack:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def cpu_seconds(self, name: str = "daphne") -> float:
        return 0.0

    def rss_mb(self, name: str) -> float | None:
        return None


# --- measuring -----------------------------------------------------------------------------------


@dataclass
class Phase:
    mix: str
    users: int
    duration: float = 0.0
    latencies: list = field(default_factory=list)  # REST: request; WS: full answer
    first_chunk: list = field(default_factory=list)
    ok: int = 0
    errors: int = 0
    error_samples: dict = field(default_factory=dict)
    connect_failures: int = 0
    peak_rss_mb: dict = field(default_factory=dict)
    server_cpu_s: float = 0.0
    driver_cpu_s: float = 0.0

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_samples[kind] = self.error_samples.get(kind, 0) + 1

    def report(self) -> dict:
        total = self.ok + self.errors
        return {
            "mix": self.mix, "users": self.users, "duration_s": round(self.duration, 1),
            "completed": self.ok, "throughput_per_s": round(self.ok / self.duration, 1) if self.duration else 0,
            "p50_ms": _pct(self.latencies, 50), "p95_ms": _pct(self.latencies, 95), "p99_ms": _pct(self.latencies, 99),
            "first_chunk_p50_ms": _pct(self.first_chunk, 50), "first_chunk_p95_ms": _pct(self.first_chunk, 95),
            "error_rate": round(self.errors / total, 4) if total else 0.0, "errors": self.errors,
            "error_kinds": self.error_samples, "connect_failures": self.connect_failures,
            "peak_rss_mb": self.peak_rss_mb,
            # CPU per completed request/turn: separates "the server is slower per request" from "it waits"
            "server_cpu_ms_per_op": round(self.server_cpu_s * 1000 / self.ok, 2) if self.ok else None,
            "server_cpu_pct": round(100 * self.server_cpu_s / self.duration, 1) if self.duration else None,
            "driver_cpu_pct": round(100 * self.driver_cpu_s / self.duration, 1) if self.duration else None,
        }


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index] * 1000, 1)


async def _sample_rss(stack: Stack, phase: Phase, stop: asyncio.Event) -> None:
    while not stop.is_set():
        for name in ("daphne", "celery"):
            value = stack.rss_mb(name)
            if value is not None:
                phase.peak_rss_mb[name] = max(phase.peak_rss_mb.get(name, 0.0), value)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)


# --- REST mix -----------------------------------------------------------------------------------


async def _guest_tokens(client: httpx.AsyncClient, n: int) -> list[str]:
    sem = asyncio.Semaphore(50)

    async def one() -> str:
        async with sem:
            response = await client.post("/api/v1/auth/generate_token", json={})
            response.raise_for_status()
            return response.json()["token"]

    return await asyncio.gather(*(one() for _ in range(n)))


_SSL = ssl.create_default_context()  # one context for every per-user client (building one costs ~ms)


async def rest_user(base_url: str, token: str, index: int, fixture_ids: list[str], phase: Phase,
                    until: float) -> None:
    """One person's browser: its own keep-alive connection (one shared httpx pool for hundreds of
    connections costs the driver O(connections) per request and made the driver the bottleneck)."""
    headers = {"Authorization": f"Bearer {token}", "Origin": ORIGIN}
    async with httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(30.0, connect=30.0), verify=_SSL,
                                 limits=httpx.Limits(max_connections=1)) as client:
        await _rest_loop(client, headers, index, fixture_ids, phase, until)


async def _rest_loop(client: httpx.AsyncClient, headers: dict, index: int, fixture_ids: list[str], phase: Phase,
                     until: float) -> None:
    session: str | None = None
    said = index
    rng = random.Random(index)
    await asyncio.sleep(rng.uniform(0, 1.0))  # spread the start
    while time.perf_counter() < until:
        roll = rng.random()
        method, url, body = "GET", "/api/v1/sports/fixtures/", None
        if roll < 0.30:
            pass
        elif roll < 0.55:
            url = f"/api/v1/sports/odds/?match_id={rng.choice(fixture_ids)}"
        elif roll < 0.65:
            url = "/api/v1/sports/tournaments/"
        elif roll < 0.70:
            url = f"/api/v1/sports/search/?q={rng.choice(['arsenal', 'madrid', 'liga', 'premier'])}"
        elif roll < 0.90:
            said += 1
            method, url = "POST", "/api/v1/chat/message"
            body = {"message": QUESTIONS[said % len(QUESTIONS)], "session_id": session, "user_id": "load"}
        elif roll < 0.95 and session:
            url = f"/api/v1/chat/history/{session}"
        else:
            url = "/health/live"
        started = time.perf_counter()
        try:
            response = await client.request(method, url, json=body, headers=headers)
        except httpx.HTTPError as exc:
            phase.error(type(exc).__name__)
        else:
            if response.status_code >= 400:
                phase.error(f"HTTP {response.status_code}")
            else:
                phase.ok += 1
                phase.latencies.append(time.perf_counter() - started)
                if method == "POST":
                    session = response.json().get("session_id") or session
        await asyncio.sleep(rng.uniform(0.5, 1.5))


async def rest_phase(stack: Stack, users: int, duration: float) -> Phase:
    phase = Phase("REST", users)
    base_url = stack.base_url
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        tokens = await _guest_tokens(client, users)
        fixtures = (await client.get("/api/v1/sports/fixtures/?limit=50")).json()["results"]
    fixture_ids = [f["id"] for f in fixtures] or ["0"]
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(stack, phase, stop))
    started = time.perf_counter()
    until = started + duration
    await asyncio.gather(*(rest_user(base_url, tokens[i], i, fixture_ids, phase, until) for i in range(users)))
    phase.duration = time.perf_counter() - started
    stop.set()
    await sampler
    return phase


# --- WS mix -------------------------------------------------------------------------------------


async def ws_user(url: str, index: int, phase: Phase, until: float, sem: asyncio.Semaphore) -> None:
    rng = random.Random(10_000 + index)
    async with sem:
        try:
            ws = await websockets.connect(url, origin=ORIGIN, open_timeout=30, max_queue=None)
            await asyncio.wait_for(ws.recv(), 30)  # connection_ack
        except Exception:
            phase.connect_failures += 1
            phase.error("connect")
            return
    said = index
    try:
        await asyncio.sleep(rng.uniform(0, 2.0))
        while time.perf_counter() < until:
            said += 1
            sent = time.perf_counter()
            await ws.send(json.dumps({"type": "user_message", "content": QUESTIONS[said % len(QUESTIONS)],
                                      "user_id": "load", "message_id": str(uuid.uuid4()), "metadata": {}}))
            first = None
            while True:
                frame = json.loads(await asyncio.wait_for(ws.recv(), 30))
                kind = frame.get("type")
                if kind == "streaming_response" and first is None:
                    first = time.perf_counter()
                elif kind in ("streaming_end", "bot_response"):
                    now = time.perf_counter()
                    phase.ok += 1
                    phase.latencies.append(now - sent)
                    phase.first_chunk.append((first or now) - sent)
                elif kind == "typing" and frame.get("is_typing") is False:
                    break
                elif kind in ("error", "notice"):
                    phase.error(f"{kind}:{frame.get('error_code') or frame.get('code')}")
                    break
            await asyncio.sleep(rng.uniform(2.0, 4.0))
    except TimeoutError:
        phase.error("timeout")
    except websockets.ConnectionClosed:
        phase.error("closed")
    finally:
        with contextlib.suppress(Exception):
            await ws.close()


async def ws_phase(stack: Stack, users: int, duration: float) -> Phase:
    phase = Phase("WS", users)
    async with httpx.AsyncClient(base_url=stack.base_url, timeout=30) as client:
        tokens = await _guest_tokens(client, users)
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(stack, phase, stop))
    sem = asyncio.Semaphore(100)  # handshakes in flight
    started = time.perf_counter()
    until = started + duration
    ws_base = stack.base_url.replace("http", "ws", 1)
    await asyncio.gather(*(ws_user(f"{ws_base}/ws/chat?user_id=load{i}&token={tokens[i]}",
                                   i, phase, until, sem) for i in range(users)))
    phase.duration = time.perf_counter() - started
    stop.set()
    await sampler
    return phase


# --- report -------------------------------------------------------------------------------------


def _table(report: dict) -> str:
    rows = ["| users | mix | completed/s | p50 ms | p95 ms | p99 ms | WS first chunk p95 ms | error rate | "
            "daphne CPU % (ms/op) | daphne RSS MB | worker RSS MB |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for p in report["phases"]:
        rss = p["peak_rss_mb"]
        rows.append(f"| {p['users']} | {p['mix']} | {p['throughput_per_s']} | {p['p50_ms']} | {p['p95_ms']} | "
                    f"{p['p99_ms']} | {p['first_chunk_p95_ms'] if p['mix'] == 'WS' else ''} | "
                    f"{p['error_rate'] * 100:.2f} % | {p.get('server_cpu_pct')} ({p.get('server_cpu_ms_per_op')}) | "
                    f"{rss.get('daphne', '')} | {rss.get('celery', '')} |")
    return "\n".join(rows)


def _write_readme(report: dict) -> None:
    section = (
        f"{README_START}\n## Full-stack load (`load.py`)\n\n"
        f"{report['date']}, one daphne process (CPU 0) + one Celery worker, PostgreSQL, a private Redis, "
        f"driver on CPU 1 (httpx + websockets), {report['duration_s']:.0f} s per phase, think time 0.5-1.5 s (REST) "
        f"and 2-4 s after each answer (WS), rate limits lifted, load average at start {report['load_average']}. "
        "Closed loop: throughput is what the server sustained for that many users, latency includes queueing.\n\n"
        f"{_table(report)}\n{README_END}\n")
    text = README.read_text()
    if README_START in text and README_END in text:
        before, rest = text.split(README_START, 1)
        after = rest.split(README_END, 1)[1].lstrip("\n")
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section
    README.write_text(text)


async def run(args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="chatbet-load-"))
    pin = (os.cpu_count() or 1) >= 2 and not (args.processes or args.target)  # a cluster uses every core
    if pin:
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {1})
    raise_fd_limit()
    report = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "duration_s": args.duration,
              "load_average": round(os.getloadavg()[0], 1), "phases": []}
    if args.target:
        stack = TargetStack(args.target)
    elif args.processes:
        stack = ClusterStack(workdir, processes=args.processes, db_name=args.db_name)
    else:
        stack = Stack(workdir, pin=pin, db_name=args.db_name)
    report["front"] = args.target or (f"deploy/cluster.sh, {args.processes} daphne" if args.processes else "daphne")
    with stack:
        async with httpx.AsyncClient(base_url=stack.base_url, timeout=30) as client:
            for _ in range(3):  # warm imports and the sports caches
                await client.get("/api/v1/sports/fixtures/")
                await client.post("/api/v1/chat/message", json={"message": "hello"})
        for users in args.users:
            for mix in args.mixes:
                server_cpu, driver = stack.cpu_seconds(), resource.getrusage(resource.RUSAGE_SELF)
                phase = await (rest_phase if mix == "rest" else ws_phase)(stack, users, args.duration)
                phase.server_cpu_s = stack.cpu_seconds() - server_cpu
                after = resource.getrusage(resource.RUSAGE_SELF)
                phase.driver_cpu_s = (after.ru_utime + after.ru_stime) - (driver.ru_utime + driver.ru_stime)
                result = phase.report()
                report["phases"].append(result)
                print(f"{users:>5} users {result['mix']:<4} {result['throughput_per_s']:>7}/s  p50 {result['p50_ms']} "
                      f"p95 {result['p95_ms']} p99 {result['p99_ms']} ms  errors {result['error_rate'] * 100:.2f} % "
                      f"{result['error_kinds'] or ''}  rss {result['peak_rss_mb']}  server cpu "
                      f"{result['server_cpu_pct']} % ({result['server_cpu_ms_per_op']} ms/op), driver cpu "
                      f"{result['driver_cpu_pct']} %", flush=True)
        if not args.target:
            report["server_log_tail"] = (workdir / "daphne.log").read_text(errors="replace")[-1500:]
    if any(p["errors"] for p in report["phases"]):
        print(f"errors: server logs kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--duration", type=float, default=25.0, help="seconds per phase")
    parser.add_argument("--mixes", nargs="+", choices=["rest", "ws"], default=["rest", "ws"])
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite the table in bench/README.md")
    parser.add_argument("--processes", type=int, help="serve through deploy/cluster.sh with this many daphne")
    parser.add_argument("--target", help="drive a running front at this URL instead of starting one")
    parser.add_argument("--db-name", default=BENCH_DB, help="the throw-away database (dropped and re-created)")
    args = parser.parse_args()
    report = asyncio.run(run(args))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))
    print(_table(report))
    if not args.no_readme:
        _write_readme(report)
    print(f"written {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
