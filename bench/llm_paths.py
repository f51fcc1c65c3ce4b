#!/usr/bin/env python
"""Per-turn cost of the three model paths: direct `gemini`, direct `openai_compatible`, and
`langchain` (through `init_chat_model`) on each of the two wire formats, against the local fake servers.

    .venv/bin/python bench/llm_paths.py                  # 60 measured turns per path, streaming
    .venv/bin/python bench/llm_paths.py --turns 200 --no-stream

Each turn is what a real tool-using turn costs the server: two model calls (the model asks for
`find_fixtures`, gets the real sandbox result back, then answers in text), through the whole
`LLMEngine.stream` (NLU label, prompt, tool gate and tool, answer guard, token accounting). The fake
servers run in a child process, so the CPU figure is this process's alone: our code, the SDK or
LangChain, and HTTP on the client side. Paths are interleaved turn by turn so a load spike on the
shared machine hits them alike. Figures: median and p90 wall ms per turn, CPU µs per turn, and
the LangChain path's overhead over the direct path of the same wire format
→ `bench/results/llm_paths.json` (`--out` for another file). The 1-minute load average is recorded.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chat.tests.fake_llm_servers import FakeGemini, FakeOpenAI, Text, ToolCall  # noqa: E402  (stdlib only)

PATHS = {  # name -> (LLM_PROVIDER, LLM_MODEL, wire)
    "gemini": ("gemini", "gemini-2.5-flash", "gemini"),
    "langchain:google_genai": ("langchain", "google_genai:gemini-2.5-flash", "gemini"),
    "openai_compatible": ("openai_compatible", "fake-model", "openai"),
    "langchain:openai": ("langchain", "openai:fake-model", "openai"),
}
CALL = ToolCall([("find_fixtures", {"limit": 3})])
ANSWER = Text("Here are the next matches. Ask me for the odds of any of them!")


def _after_tool_result(body) -> bool:
    if not isinstance(body, dict):
        return False
    if "contents" in body:  # Gemini
        return any("functionResponse" in part for part in body["contents"][-1].get("parts", []))
    return bool(body.get("messages")) and body["messages"][-1].get("role") == "tool"


def _serve(kind: str, ports) -> None:
    """Child process: a fake server that answers every turn with a tool call, then text, forever."""
    base = FakeGemini if kind == "gemini" else FakeOpenAI

    class Endless(base):
        def _next(self, recorded):
            return ANSWER if _after_tool_result(recorded.body) else CALL

    server = Endless()
    ports[kind] = server.port
    server.httpd.serve_forever(poll_interval=0.05)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=60, help="measured turns per path")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured turns per path first")
    parser.add_argument("--no-stream", action="store_true", help="one JSON reply per model call instead of SSE")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "llm_paths.json"))
    args = parser.parse_args()

    manager = multiprocessing.Manager()
    ports = manager.dict()
    servers = [multiprocessing.Process(target=_serve, args=(kind, ports), daemon=True) for kind in ("gemini", "openai")]
    for process in servers:
        process.start()
    try:
        deadline = time.monotonic() + 30
        while len(ports) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        report = _measure(args, dict(ports))
    finally:
        for process in servers:
            process.terminate()
            process.join(timeout=5)
        manager.shutdown()

    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    print(f"→ {args.out}")


def _measure(args, ports: dict) -> dict:
    workdir = tempfile.mkdtemp(prefix="chatbet-llmpaths-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from chat.engine.base import EngineAnswer
    from chat.engine.llm import build_llm_engine, reset_breakers
    from chat.tests.fake_llm_servers import turn_context

    settings.LLM_API_KEY = "bench-key"
    settings.LLM_TIMEOUT = 20.0
    settings.LLM_CACHE_TTL = 0
    settings.LLM_RETRIES = 0
    settings.LLM_STREAMING = not args.no_stream
    settings.LLM_BREAKER_FAIL_MAX = 10**6
    reset_breakers()

    def configure(path: str):
        provider, model, wire = PATHS[path]
        settings.LLM_PROVIDER, settings.LLM_MODEL = provider, model
        settings.LLM_BASE_URL = f"http://127.0.0.1:{ports[wire]}" + ("/v1" if wire == "openai" else "")

    engines = {}
    for path in PATHS:
        configure(path)
        engines[path] = build_llm_engine(PATHS[path][0])

    async def one_turn(path: str) -> tuple[float, float, str]:
        configure(path)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        answer = None
        async for item in engines[path].stream(turn_context(message="which matches are next?")):
            if isinstance(item, EngineAnswer):
                answer = item
        return (time.perf_counter() - wall0) * 1000, (time.process_time() - cpu0) * 1e6, answer.engine

    async def run() -> dict:
        samples = {path: {"wall_ms": [], "cpu_us": []} for path in PATHS}
        for _ in range(args.warmup):
            for path in PATHS:
                await one_turn(path)
        for _ in range(args.turns):
            for path in PATHS:
                wall, cpu, engine = await one_turn(path)
                if engine != PATHS[path][0]:
                    raise SystemExit(f"{path}: the turn was answered by {engine}, not the model path")
                samples[path]["wall_ms"].append(wall)
                samples[path]["cpu_us"].append(cpu)
        return samples

    load_before = os.getloadavg()[0]
    samples = asyncio.run(run())
    load_after = os.getloadavg()[0]
    results = {}
    for path, s in samples.items():
        results[path] = {"turns": len(s["wall_ms"]), "wall_ms_median": round(statistics.median(s["wall_ms"]), 1),
                         "wall_ms_p90": round(_percentile(s["wall_ms"], 0.9), 1),
                         "cpu_us_median": round(statistics.median(s["cpu_us"]))}
    overhead = {}
    for langchain_path, direct in (("langchain:google_genai", "gemini"), ("langchain:openai", "openai_compatible")):
        lc, d = results[langchain_path], results[direct]
        overhead[f"{langchain_path} vs {direct}"] = {
            "wall_ms_median": round(lc["wall_ms_median"] - d["wall_ms_median"], 1),
            "cpu_us_median": lc["cpu_us_median"] - d["cpu_us_median"],
            "cpu_ratio": round(lc["cpu_us_median"] / d["cpu_us_median"], 2) if d["cpu_us_median"] else None,
        }
    print(f"LLM paths, {args.turns} turns each (2 model calls per turn, {'SSE' if not args.no_stream else 'JSON'}), "
          f"load average {load_before:.1f} → {load_after:.1f} on {os.cpu_count()} CPUs")
    for path, r in results.items():
        print(f"  {path:24s} wall median {r['wall_ms_median']:7.1f} ms  p90 {r['wall_ms_p90']:7.1f} ms  "
              f"CPU {r['cpu_us_median']:7d} µs/turn")
    for name, o in overhead.items():
        print(f"  overhead {name}: +{o['wall_ms_median']} ms wall, +{o['cpu_us_median']} µs CPU per turn "
              f"(×{o['cpu_ratio']} CPU)")
    return {"turns_per_path": args.turns, "streaming": not args.no_stream, "model_calls_per_turn": 2,
            "load_average_1m": [round(load_before, 2), round(load_after, 2)], "cpus": os.cpu_count(),
            "paths": results, "langchain_overhead": overhead}


if __name__ == "__main__":
    main()
