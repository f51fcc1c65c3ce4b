"""Sports cache benchmark: a Zipf-popular query mix against the sandbox behind 80 ms upstream latency.

    .venv/bin/python bench/sports_cache.py [--requests 1000] [--fixtures 200] [--latency-ms 80]
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/sports_cache.py   # the shared Redis cache
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/sports_cache.py --server   # + over daphne

Phases (each starts from an empty cache and zeroed counters):
- no cache: a sample of the mix with Django's DummyCache, to measure upstream calls per request;
- cold: the full mix on an empty cache (the first reads pay the upstream);
- warmed: `warm_all()` first (what Celery beat keeps doing), then the same mix.
Latency is measured per request through Django's full middleware stack and the DRF views
(in-process test client, no sockets). A bare `JsonResponse` on the same stack is the reference.
`--server` (needs REDIS_URL, so the warmed cache is shared) also runs the warmed mix and the bare
view over HTTP against one daphne process (`bench/sports_bench_asgi.py`), closed loop with
`--concurrency` clients: that is the throughput ratio the target defines ("same server and middleware").
Targets (bench/README.md): hit rate >= 95 % after warming, >= 90 % fewer upstream calls,
p95 < 10 ms for cached reads, cached reads >= 0.5x the bare JsonResponse throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
os.environ.setdefault("LOG_LEVEL", "ERROR")
# The benchmark measures the cache, not the per-client rate limits (an empty rate disables one).
os.environ["THROTTLE_ANON"] = os.environ["THROTTLE_USER"] = ""

import django  # noqa: E402

django.setup()

from _common import free_port  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

from sports import cache as sports_cache  # noqa: E402
from sports.providers import get_provider  # noqa: E402

urlpatterns = [
    path("bare", lambda request: JsonResponse({"ok": True})),
    path("api/v1/sports/", include("sports.urls")),
]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def build_mix(fixtures: list, n: int, seed: int) -> list[str]:
    """Zipf-like popularity (s = 1.1) by kick-off order: the soonest fixtures are the most asked about."""
    rng = random.Random(seed)
    weights = [1 / (rank**1.1) for rank in range(1, len(fixtures) + 1)]
    teams = ["barça", "man utd", "real madrid", "the gunners", "bayern", "flamengo", "nacional", "lakers"]
    mix = []
    for _ in range(n):
        roll = rng.random()
        fixture = rng.choices(fixtures, weights=weights)[0]
        if roll < 0.60:
            mix.append(f"/api/v1/sports/odds?match_id={fixture.id}")
        elif roll < 0.85:
            mix.append(f"/api/v1/sports/fixtures/{fixture.id}")
        elif roll < 0.95:
            mix.append(f"/api/v1/sports/fixtures?date={rng.choice(['today', 'tomorrow'])}&team={rng.choice(teams)}")
        else:
            mix.append(f"/api/v1/sports/search?q={rng.choice(teams)}")
    return mix


def reset_cache() -> None:
    for cache in caches.all():
        cache.clear()
    sports_cache.reset_stats()


def run(client: Client, urls: list[str]) -> dict:
    provider = get_provider()
    calls_before = provider.calls
    latencies, cached, errors, not_ok = [], [], 0, 0
    by_kind: dict[str, list[float]] = {}
    started = time.perf_counter()
    for url in urls:
        calls, t0 = provider.calls, time.perf_counter()
        response = client.get(url)
        latencies.append((time.perf_counter() - t0) * 1000)
        if provider.calls == calls:  # answered without any upstream call
            cached.append(latencies[-1])
            kind = url.split("?")[0].rstrip("/").rsplit("/", 2)
            kind = "fixture_detail" if kind[-2] == "fixtures" else kind[-1]
            by_kind.setdefault(kind, []).append(latencies[-1])
        errors += response.status_code >= 500
        not_ok += response.status_code != 200
    elapsed = time.perf_counter() - started
    stats = sports_cache.stats()["total"]
    return {
        "requests": len(urls), "errors": errors, "non_200": not_ok, "seconds": round(elapsed, 3),
        "requests_per_second": round(len(urls) / elapsed, 1),
        "upstream_calls": provider.calls - calls_before,
        "hit_rate": stats["hit_rate"], "cache": {k: stats[k] for k in ("hits", "misses", "stale", "upstream_calls")},
        "p50_ms": round(percentile(latencies, 50), 2), "p95_ms": round(percentile(latencies, 95), 2),
        "p99_ms": round(percentile(latencies, 99), 2), "max_ms": round(max(latencies), 2),
        "cached_reads": len(cached), "cached_p50_ms": round(percentile(cached, 50), 2),
        "cached_p95_ms": round(percentile(cached, 95), 2),
        "cached_requests_per_second": round(len(cached) / (sum(cached) / 1000), 1) if cached else 0.0,
        "cached_by_endpoint": {kind: {"n": len(v), "p50_ms": round(percentile(v, 50), 2),
                                      "p95_ms": round(percentile(v, 95), 2)} for kind, v in sorted(by_kind.items())},
    }


async def _load(base: str, urls: list[str], concurrency: int) -> dict:
    import asyncio

    import httpx

    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue = list(reversed(urls))
    async with httpx.AsyncClient(base_url=base, timeout=30,
                                 limits=httpx.Limits(max_connections=concurrency)) as client:
        async def worker():
            while queue:
                url = queue.pop()
                t0 = time.perf_counter()
                response = await client.get(url)
                latencies.append((time.perf_counter() - t0) * 1000)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {"requests": len(urls), "statuses": statuses, "requests_per_second": round(len(urls) / elapsed, 1),
            "p50_ms": round(percentile(latencies, 50), 2), "p95_ms": round(percentile(latencies, 95), 2)}


def server_phase(mix: list[str], *, latency_ms: int, concurrency: int) -> dict:
    """Warm the shared cache, then the mix and the bare view over HTTP on one daphne process."""
    import asyncio
    import subprocess
    import urllib.request

    from sports.services import warming

    port = free_port()
    env = {**os.environ, "SANDBOX_LATENCY_MS": str(latency_ms), "LOG_LEVEL": "ERROR",
           "SPORTS_INPROCESS_WARMING": "false", "THROTTLE_ANON": "", "THROTTLE_USER": "",
           "PYTHONPATH": str(ROOT)}
    daphne = Path(sys.executable).with_name("daphne")
    server = subprocess.Popen([str(daphne), "-b", "127.0.0.1", "-p", str(port), "bench.sports_bench_asgi:application"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/bare", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        reset_cache()
        warming.warm_all(hours=48)
        sports_cache.reset_stats()
        asyncio.run(_load(base, mix[:100], concurrency))  # let the server process fill its memo
        sports_cache.reset_stats()
        mixed = asyncio.run(_load(base, mix, concurrency))
        stats = sports_cache.stats()["total"]
        mixed.update(hit_rate=stats["hit_rate"], upstream_calls=stats["upstream_calls"])
        bare = asyncio.run(_load(base, ["/bare"] * len(mix), concurrency))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"server": "daphne (1 process)", "concurrency": concurrency, "warmed_mix": mixed, "bare": bare,
            "throughput_vs_bare": round(mixed["requests_per_second"] / bare["requests_per_second"], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--fixtures", type=int, default=200)
    parser.add_argument("--latency-ms", type=int, default=80)
    parser.add_argument("--no-cache-sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "sports_cache.json"))
    parser.add_argument("--server", action="store_true", help="also measure over HTTP on daphne (needs REDIS_URL)")
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()

    from sports.services import fixtures as fixture_services
    from sports.services import warming

    with override_settings(ROOT_URLCONF=__name__, SANDBOX_LATENCY_MS=args.latency_ms,
                           ALLOWED_HOSTS=["testserver"], DEBUG=False,
                           SPORTS_PROVIDER="sports.providers.sandbox.SandboxProvider"):
        get_provider.cache_clear()
        client = Client()
        reset_cache()
        chosen = fixture_services.find_fixtures()[: args.fixtures]
        mix = build_mix(chosen, args.requests, args.seed)
        results: dict = {"load_average_1m": round(os.getloadavg()[0], 2),
                         "mode": settings.STACK_MODE, "cache_backend": settings.CACHES["default"]["BACKEND"],
                         "requests": args.requests, "fixtures": len(chosen), "upstream_latency_ms": args.latency_ms}

        with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
            sample = run(client, mix[: args.no_cache_sample])
        per_request = sample["upstream_calls"] / max(1, sample["requests"])
        results["no_cache"] = {**sample, "upstream_calls_per_request": round(per_request, 2),
                               "projected_upstream_calls": round(per_request * args.requests)}

        reset_cache()
        results["cold"] = run(client, mix)

        reset_cache()
        t0 = time.perf_counter()
        calls = get_provider().calls
        warming.warm_all(hours=48)
        results["warming"] = {"seconds": round(time.perf_counter() - t0, 2),
                              "upstream_calls": get_provider().calls - calls}
        sports_cache.reset_stats()
        results["warmed"] = run(client, mix)

        bare = run(client, ["/bare"] * args.requests)
        results["bare_json_response"] = {k: bare[k] for k in ("requests_per_second", "p50_ms", "p95_ms")}

    if args.server:
        if settings.STACK_MODE != "full":
            parser.error("--server needs REDIS_URL: the server process must see the warmed cache")
        results["over_http"] = server_phase(mix, latency_ms=args.latency_ms, concurrency=args.concurrency)

    projected = results["no_cache"]["projected_upstream_calls"]
    for phase in ("cold", "warmed"):
        calls = results[phase]["upstream_calls"]
        results[phase]["upstream_calls_saved_pct"] = round(100 * (1 - calls / projected), 2) if projected else 0.0
    warmed = results["warmed"]
    results["warmed"]["cached_throughput_vs_bare"] = round(
        warmed["cached_requests_per_second"] / results["bare_json_response"]["requests_per_second"], 3)
    results["targets"] = {
        "hit_rate_after_warming_>=_0.95": warmed["hit_rate"] >= 0.95,
        "upstream_calls_saved_>=_90pct": warmed["upstream_calls_saved_pct"] >= 90,
        "p95_cached_<_10ms": warmed["cached_p95_ms"] < 10,
        "cached_throughput_>=_0.5x_bare": warmed["cached_throughput_vs_bare"] >= 0.5,
        **({"over_http_throughput_>=_0.5x_bare": results["over_http"]["throughput_vs_bare"] >= 0.5}
           if "over_http" in results else {}),
    }
    out = Path(args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
