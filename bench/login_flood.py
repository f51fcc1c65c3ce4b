#!/usr/bin/env python
"""Login flood: chat latency while 100 clients keep logging in, against its idle value.

    .venv/bin/python bench/login_flood.py             # ~1.5 minutes
    .venv/bin/python bench/login_flood.py --seconds 8 --skip-unbounded --control

One daphne process started with the Makefile's command (embedded mode: SQLite file, offline engine),
the real password hasher (PBKDF2, Django's default cost). Login rate limits are lifted so every
attempt reaches the password check: what is measured is the concurrency bound
(PASSWORD_CHECK_CONCURRENCY), not the counters that would refuse most of a flood from one address.

Phases (same server settings except the bound):
1. idle: one WebSocket client sends chat messages one after another; turn time = send → last frame.
2. flood, bounded: the same, while 100 clients each loop `POST /api/v1/auth/login` (right password),
   retrying at once after a 429 as an attacker would (`--obey-retry-after`: as a polite client would).
   The 100 clients run in a child process (one event loop, raw keep-alive sockets, a prebuilt
   request), so they cost little CPU, it is counted apart, and the chat client never waits behind them.
3. `--control`: the same clients, retrying at once, on `GET /health/live`: an HTTP flood with no
   password anywhere, the floor of what any flood of one event loop costs chat.
4. flood, unbounded: PASSWORD_CHECK_CONCURRENCY=1000 (the behaviour before the bound), for comparison.
Each phase reports the CPU seconds of the server process (all threads), of the flood clients and of
the chat client, and the 1-minute load average before and after. Target (issue 18): chat p95 during
the flood < 2x its idle value. Figures print and go to `bench/results/login_flood.json`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import websockets
from _common import free_port, raise_fd_limit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "login_flood.json"
USERNAME, PASSWORD = "flooded", "Flood-Bench-Passw0rd!"
LOGIN_CLIENTS = 100


def daphne_command(port: int) -> list[str]:
    """The Makefile's `run` daphne line with its variables filled in."""
    line = next(line.strip() for line in (ROOT / "Makefile").read_text().splitlines()
                if line.strip().startswith("$(BIN)/daphne "))
    line = line.replace("$(BIN)", str(Path(sys.executable).parent)).replace("$(HOST)", "127.0.0.1")
    return line.replace("$(PORT)", str(port)).split()


def server_env(workdir: Path, concurrency: int | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}}
    env.update({"DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}", "SECRET_KEY": "bench-" + uuid.uuid4().hex * 2,
                "LOG_LEVEL": "WARNING", "THROTTLE_LOGIN": "", "THROTTLE_LOGIN_IP": "", "THROTTLE_LOGIN_USER": "",
                "THROTTLE_ANON": "", "THROTTLE_CHAT": "", "THROTTLE_CHAT_IP": "", "WS_MAX_CONNECTIONS_PER_IP": "0"})
    if concurrency is not None:
        env["PASSWORD_CHECK_CONCURRENCY"] = str(concurrency)
    return env


def prepare(workdir: Path) -> None:
    env = server_env(workdir, None)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    code = ("from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_user({USERNAME!r}, password={PASSWORD!r})")
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)


def start(workdir: Path, concurrency: int | None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = open(workdir / f"daphne-{port}.log", "wb")  # noqa: SIM115 - the child keeps it
    proc = subprocess.Popen(daphne_command(port), cwd=ROOT, env=server_env(workdir, concurrency), stdout=log,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/health/live", timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError((workdir / f"daphne-{port}.log").read_text()[-2000:])


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


async def chat_turns(url: str, seconds: float) -> list[float]:
    """Sequential chat turns for `seconds`; each turn's time in ms (send → typing off)."""
    times: list[float] = []
    async with websockets.connect(url.replace("http://", "ws://") + "/ws/chat?user_id=bench", open_timeout=30) as ws:
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        end = time.monotonic() + seconds
        n = 0
        while time.monotonic() < end:
            n += 1
            started = time.perf_counter()
            await ws.send(json.dumps({"type": "user_message", "content": f"odds for the next matches {n}",
                                      "message_id": uuid.uuid4().hex}))
            while True:
                frame = json.loads(await asyncio.wait_for(ws.recv(), timeout=60))
                if frame["type"] == "typing" and frame["is_typing"] is False or frame["type"] == "error":
                    break
            times.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.1)
    return times


def _login_request(host: str, control: bool = False) -> bytes:
    if control:  # the same flood on the cheapest Django view: no password anywhere
        return f"GET /health/live HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    body = json.dumps({"username": USERNAME, "password": PASSWORD}).encode()
    return (f"POST /api/v1/auth/login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


async def login_loop(url: str, stop_at: float, counts: dict, obey_retry_after: bool, control: bool = False) -> None:
    """One attacking client on one keep-alive connection: a prebuilt request, the status line and
    headers parsed by hand (an HTTP library costs more CPU per request than the refusal it measures)."""
    host, port = url.removeprefix("http://").split(":")
    request = _login_request(f"{host}:{port}", control)
    reader = writer = None
    while time.monotonic() < stop_at:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, int(port))
            writer.write(request)
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=60)
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            await reader.readexactly(int(headers.get("content-length", "0")))
            counts[status] = counts.get(status, 0) + 1
            if headers.get("connection", "").lower() == "close":
                writer.close()
                reader = writer = None
            if status == 429 and obey_retry_after:
                await asyncio.sleep(float(headers.get("retry-after", "1")))
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError, IndexError):
            counts["error"] = counts.get("error", 0) + 1
            if writer is not None:
                writer.close()
            reader = writer = None
            await asyncio.sleep(0.05)
    if writer is not None:
        writer.close()


async def _flood(url: str, seconds: float, obey_retry_after: bool, control: bool) -> dict:
    counts: dict = {}
    stop_at = time.monotonic() + seconds
    await asyncio.gather(*(login_loop(url, stop_at, counts, obey_retry_after, control) for _ in range(LOGIN_CLIENTS)))
    return counts


def flood_worker(url: str, seconds: float, obey_retry_after: bool, control: bool) -> None:
    """`--flood-worker`: the 100 login clients, in their own process (one event loop), so their
    CPU is counted apart and the chat client's loop never waits behind them. Prints the counts."""
    counts = asyncio.run(_flood(url, seconds, obey_retry_after, control))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"counts": {str(k): v for k, v in counts.items()},
                      "cpu_s": round(usage.ru_utime + usage.ru_stime, 2)}))


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process, all its threads (/proc/<pid>/stat, Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"turns": len(ordered), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1)}


def measured_phase(proc: subprocess.Popen, url: str, seconds: float, flood: bool, obey_retry_after: bool,
                   control: bool = False) -> dict:
    """Chat turns for `seconds` (with the login flood running in another process if `flood`), and
    the CPU seconds the server, the flood clients and the chat client spent meanwhile."""
    worker = None
    if flood:
        command = [sys.executable, __file__, "--flood-worker", url, "--seconds", str(seconds + 2)]
        command += ["--obey-retry-after"] if obey_retry_after else []
        worker = subprocess.Popen(command + (["--control"] if control else []),
                                  stdout=subprocess.PIPE, text=True)
        time.sleep(1)  # the flood is on before the first turn
    server_cpu, own = process_cpu_seconds(proc.pid), resource.getrusage(resource.RUSAGE_SELF)
    load_before = os.getloadavg()[0]
    try:
        result = summary(asyncio.run(chat_turns(url, seconds)))
    except (TimeoutError, OSError, websockets.WebSocketException) as exc:  # the server is too busy to chat at all
        result = {"turns": 0, "p50_ms": None, "p95_ms": None, "chat_error": f"{type(exc).__name__}: {exc}"}
    after = resource.getrusage(resource.RUSAGE_SELF)
    result["server_cpu_s"] = round(process_cpu_seconds(proc.pid) - server_cpu, 2)
    result["chat_client_cpu_s"] = round(after.ru_utime + after.ru_stime - own.ru_utime - own.ru_stime, 2)
    result["seconds"] = seconds
    result["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    if worker is not None:
        out, _ = worker.communicate(timeout=seconds + 120)
        flood_report = json.loads(out.strip().splitlines()[-1])
        result["login_responses"] = dict(sorted(flood_report["counts"].items()))
        result["flood_clients_cpu_s"] = flood_report["cpu_s"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0, help="length of each phase")
    parser.add_argument("--obey-retry-after", action="store_true",
                        help="login clients wait out Retry-After (default: they retry at once, as an attacker would)")
    parser.add_argument("--skip-unbounded", action="store_true",
                        help="leave out the comparison phase without the bound")
    parser.add_argument("--control", action="store_true",
                        help="add a phase where the same clients flood GET /health/live (no password involved)")
    parser.add_argument("--flood-worker", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    raise_fd_limit()
    if args.flood_worker:
        return flood_worker(args.flood_worker, args.seconds, args.obey_retry_after, args.control)
    report = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpus": os.cpu_count(),
              "load_average_at_start": [round(x, 2) for x in os.getloadavg()], "login_clients": LOGIN_CLIENTS,
              "phase_seconds": args.seconds,
              "login_clients_obey_retry_after": args.obey_retry_after}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        prepare(workdir)
        proc, url = start(workdir, None)
        try:
            asyncio.run(chat_turns(url, 2))  # warm-up
            report["idle"] = measured_phase(proc, url, args.seconds, False, args.obey_retry_after)
            report["flood_bounded"] = measured_phase(proc, url, args.seconds, True, args.obey_retry_after)
            if args.control:
                report["flood_control"] = measured_phase(proc, url, args.seconds, True, False, control=True)
        finally:
            stop(proc)
        if not args.skip_unbounded:
            proc, url = start(workdir, 1000)
            try:
                asyncio.run(chat_turns(url, 2))
                report["flood_unbounded"] = measured_phase(proc, url, args.seconds, True, args.obey_retry_after)
            finally:
                stop(proc)
    report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    phases = [name for name in ("idle", "flood_bounded", "flood_control", "flood_unbounded") if name in report]
    for phase in phases[1:]:
        p95 = report[phase]["p95_ms"]
        report[phase]["p95_over_idle"] = round(p95 / report["idle"]["p95_ms"], 2) if p95 is not None else None
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"{report['when']}, {report['cpus']} CPUs, load average at start {report['load_average_at_start']}, "
          f"at end {report['load_average_at_end']}")
    print("| phase | chat turns | p50 ms | p95 ms | p95 / idle | server CPU s | flood clients CPU s "
          "| load (1 min) | login responses |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in phases:
        row = report[name]
        ratio = "1.00" if name == "idle" else row["p95_over_idle"] or row.get("chat_error")
        print(f"| {name} | {row['turns']} | {row['p50_ms']} | {row['p95_ms']} | {ratio} | {row['server_cpu_s']} | "
              f"{row.get('flood_clients_cpu_s', '')} | {row['load_average']} | {row.get('login_responses', '')} |")


if __name__ == "__main__":
    main()
