#!/usr/bin/env python
"""Which server answers plain HTTP in the cluster: daphne vs gunicorn (sync workers), same app, same run.

    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/http_servers.py
    .venv/bin/python bench/http_servers.py --requests 1000 --concurrency 50 --workers 1

Each server runs the project plus a bare `JsonResponse` (`/bare`, bench/sports_bench_urls.py) with
the same settings and middleware, one process each (`--workers` gunicorn workers; daphne is one
process), and is driven by the same closed loop (`--concurrency` connections, `--requests` per
path) over a cached sports read (`/api/v1/sports/tournaments`, warmed first) and `/bare`.
Prints requests/s and p95 per server and path, the cached-read/bare ratio per server, and the
gunicorn/daphne ratio; writes `bench/results/http_servers.json`. Rate limits are lifted.
The machine's load average is recorded with the figures: on a shared machine only the ratios of
one run mean anything.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import httpx
from _common import free_port, raise_fd_limit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PATHS = {"cached_read": "/api/v1/sports/tournaments", "bare": "/bare"}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def _drive(base: str, path: str, requests: int, concurrency: int) -> dict:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    remaining = [requests]
    async with httpx.AsyncClient(base_url=base, timeout=60,
                                 limits=httpx.Limits(max_connections=concurrency)) as client:
        async def worker() -> None:
            while remaining[0] > 0:
                remaining[0] -= 1
                started = time.perf_counter()
                response = await client.get(path)
                latencies.append((time.perf_counter() - started) * 1000)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {"requests": requests, "statuses": statuses, "requests_per_second": round(requests / elapsed, 1),
            "p50_ms": round(_percentile(latencies, 50), 1), "p95_ms": round(_percentile(latencies, 95), 1)}


def _serve(kind: str, port: int, workers: int, env: dict) -> subprocess.Popen:
    if kind == "daphne":
        command = [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "bench.sports_bench_asgi:application"]
    else:
        command = [str(BIN / "gunicorn"), "bench.sports_bench_wsgi:application", "--bind", f"127.0.0.1:{port}",
                   "--workers", str(workers), "--worker-class", "sync", "--log-level", "error"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait(base: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            urllib.request.urlopen(f"{base}/bare", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{base} did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn sync workers (daphne: one process)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "http_servers.json"))
    args = parser.parse_args()
    raise_fd_limit()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOG_LEVEL": "ERROR", "THROTTLE_ANON": "", "THROTTLE_USER": "",
           "SANDBOX_LATENCY_MS": "0", "SPORTS_INPROCESS_WARMING": "false"}
    results: dict = {"load_average_before": os.getloadavg(), "requests": args.requests,
                     "concurrency": args.concurrency, "gunicorn_workers": args.workers, "servers": {}}
    for kind in ("daphne", "gunicorn"):
        port = free_port()
        proc = _serve(kind, port, args.workers, env)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base, proc)
            asyncio.run(_drive(base, PATHS["cached_read"], 50, 5))  # warm the cache and the process
            figures = {name: asyncio.run(_drive(base, path, args.requests, args.concurrency))
                       for name, path in PATHS.items()}
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        figures["cached_read_vs_bare"] = round(figures["cached_read"]["requests_per_second"]
                                               / figures["bare"]["requests_per_second"], 3)
        results["servers"][kind] = figures
        print(f"{kind:9s} cached read {figures['cached_read']['requests_per_second']:7.1f} req/s "
              f"(p95 {figures['cached_read']['p95_ms']} ms) | bare {figures['bare']['requests_per_second']:7.1f} req/s "
              f"(p95 {figures['bare']['p95_ms']} ms) | cached/bare {figures['cached_read_vs_bare']}")
    rate = {kind: {name: figures[name]["requests_per_second"] for name in PATHS}
            for kind, figures in results["servers"].items()}
    results["gunicorn_vs_daphne"] = {name: round(rate["gunicorn"][name] / rate["daphne"][name], 2) for name in PATHS}
    results["load_average_after"] = os.getloadavg()
    print(f"gunicorn/daphne: {results['gunicorn_vs_daphne']}  load average {results['load_average_after']}")
    Path(args.out).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
