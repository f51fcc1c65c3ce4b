"""Fixtures shared by every app's tests."""

from __future__ import annotations

import contextlib
import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import pytest
import time_machine
from channels.layers import channel_layers
from django.core.cache import caches

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def pytest_sessionstart(session) -> None:
    """Stop before the first test when a translation catalogue is not compiled, or is older than its .po
    (the .mo files are built at install, not committed): every Spanish and Portuguese answer would
    otherwise come out in English and fail far from the cause."""
    stale = [str(po.relative_to(LOCALE_DIR.parent)) for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
             if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime]
    if stale:
        pytest.exit(f"translations not compiled: {', '.join(stale)}; run `make messages` "
                    "(or `python manage.py compilemessages`)", returncode=4)


def redis_available(url: str = "redis://127.0.0.1:6379/0") -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def wait_until_daphne_up(proc: subprocess.Popen, port: int, log, timeout: float = 60) -> None:
    """Return once the daphne started as `proc` answers /ws/ping; raise with its log's tail if it exits or hangs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"daphne exited: {log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ws/ping", timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.2)
    raise RuntimeError(f"daphne on port {port} did not come up")


def stop_processes(procs: list[subprocess.Popen]) -> None:
    """Terminate the servers a test started, killing any that does not exit within 10 s."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Tests never read the real clock: every test starts with `datetime.now`, `time.time` and `date.today` at a
# fixed instant (time-machine). The clocks then run on from it, so ordering by creation time, breaker
# timeouts and token expiry behave as in production, while the sandbox stays frozen at the instant itself:
# what a test sees no longer depends on when it runs. DEFAULT_CLOCK is a weekday afternoon;
# `@pytest.mark.clock(at)` or a `clock_at` parameter picks another instant, and AWKWARD_CLOCKS are the
# hours that broke tests before (run by chat/tests/test_any_hour.py). Live-server subprocesses start
# their clocks at the same instant (`clocked_module_command`).
DEFAULT_CLOCK = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # a Friday, 15:00 UTC, before the evening kick-offs
AWKWARD_CLOCKS = {
    "midnight": datetime(2026, 12, 8, 0, 0, tzinfo=UTC),  # a Tuesday, 00:00 UTC: NBA tip-off, "today" just began
    "weekend": datetime(2026, 12, 5, 14, 0, tzinfo=UTC),  # a Saturday afternoon: the leagues are playing
    "mostly_live": datetime(2026, 12, 2, 4, 30, tzinfo=UTC),  # 04:30 UTC: the first listed matches are all live
    "month_end": datetime(2026, 12, 31, 22, 30, tzinfo=UTC),  # last day of a month (and year): tomorrow is 1 Jan
}


def clock_of(request) -> tuple[datetime, bool]:
    """The instant (and whether it runs on) the test asked for: a `clock_at` parameter, a `clock` mark or the
    default; `@pytest.mark.clock(at, tick=False)` stops the clocks completely."""
    params = getattr(getattr(request.node, "callspec", None), "params", {})
    if "clock_at" in params:
        return params["clock_at"], True
    marker = request.node.get_closest_marker("clock")
    if marker is not None:
        return marker.args[0], bool(marker.kwargs.get("tick", True))
    return DEFAULT_CLOCK, True


@pytest.fixture(autouse=True)
def fixed_clock(request):
    """Set every clock the code reads to the test's instant; yields that instant."""
    at, tick = clock_of(request)
    with time_machine.travel(at, tick=tick):
        yield at


# `python -c CLOCKED_MAIN <iso instant> <origin> <module> args...` runs `python -m <module> args...` with its
# clocks at `instant + (real now - origin)`: servers started one after the other share one running calendar.
CLOCKED_MAIN = ("import datetime, runpy, sys, time, time_machine; "
                "at, origin = datetime.datetime.fromisoformat(sys.argv.pop(1)), float(sys.argv.pop(1)); "
                "time_machine.travel(at + datetime.timedelta(seconds=time.time() - origin), tick=True).start(); "
                "time.time(); "  # time-machine's clock runs from its first reading: read it now
                "sys.argv[0] = sys.argv.pop(1); runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)")


def real_time() -> float:
    """The wall clock time-machine leaves alone (the origin subprocess clocks count from)."""
    hatch = time_machine.escape_hatch
    return hatch.time.time() if hatch.is_travelling() else time.time()


def clocked_module_command(at: datetime, module: str, *args: str, origin: float | None = None) -> list[str]:
    """The argv that runs `python -m module args...` in a subprocess whose clocks read `at` at the real
    time `origin` (default: now) and run on from there."""
    started = real_time() if origin is None else origin
    return [sys.executable, "-c", CLOCKED_MAIN, at.isoformat(), repr(started), module, *args]


def clocked_module_runner(at: datetime, directory: Path) -> Path:
    """A script that runs `python -m <module> args...` on the clock of `clocked_module_command`, for the
    deploy scripts' `RUN_MODULE` hook: servers a script starts share the test's calendar."""
    prefix = clocked_module_command(at, "")[:-1]
    script = directory / "run-module-clocked"
    script.write_text(f'#!/bin/sh\nexec {shlex.join(prefix)} "$@"\n')
    script.chmod(0o755)
    return script


ROOT = Path(__file__).resolve().parent


def server_env(**values: str) -> dict[str, str]:
    """The environment of a live server a test starts: this one's, minus the test pass's database, Redis and
    pytest variables, in the test settings, plus `values`."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "PYTEST"))}
    return {**kept, "DJANGO_SETTINGS_MODULE": "chatbet_project.settings", "DJANGO_ENV": "test",
            "LOG_LEVEL": "WARNING", "CELERY_TASK_ALWAYS_EAGER": "true", **values}


class Daphne(NamedTuple):
    host: str  # "127.0.0.1:port"
    proc: subprocess.Popen


@contextlib.contextmanager
def daphne_processes(envs: dict[str, dict[str, str]], workdir: Path, *, at: datetime = DEFAULT_CLOCK):
    """One daphne per name of `envs` (its environment), on the test's calendar counted from one origin (their
    clocks agree, so what they store stays in order); yields {name: Daphne} once all answer, stops them after."""
    origin = real_time()
    started: dict[str, tuple[int, Path, subprocess.Popen]] = {}
    try:
        for name, env in envs.items():
            port, log_path = free_port(), workdir / f"daphne-{name}.log"
            with open(log_path, "wb") as log:  # the child keeps its own handle
                proc = subprocess.Popen(
                    clocked_module_command(at, "daphne", "-b", "127.0.0.1", "-p", str(port),
                                           "chatbet_project.asgi:application", origin=origin),
                    cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            started[name] = (port, log_path, proc)
        for port, log_path, proc in started.values():
            wait_until_daphne_up(proc, port, log_path)
        yield {name: Daphne(f"127.0.0.1:{port}", proc) for name, (port, _, proc) in started.items()}
    finally:
        stop_processes([proc for _, _, proc in started.values()])


WS_ORIGIN = "http://localhost:4200"


async def ws_connect(host: str, path: str, *, timeout: float = 10, headers: dict | None = None):
    """A WebSocket to a live server ("127.0.0.1:port") and its first frame that is not a heartbeat."""
    import websockets

    ws = await websockets.connect(f"ws://{host}{path}", origin=WS_ORIGIN, open_timeout=timeout,
                                  additional_headers=headers)
    return ws, await ws_recv(ws, timeout)


async def ws_recv(ws, timeout: float = 10) -> dict:
    """The next frame that is not a server heartbeat ping."""
    import asyncio
    import json

    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        if frame["type"] != "ping":
            return frame


async def ws_chat(ws, content: str, message_id: str, *, timeout: float = 10) -> list[dict]:
    """Send one chat message; the frames of its answer, up to the closing typing indicator."""
    import json

    await ws.send(json.dumps({"type": "user_message", "content": content, "message_id": message_id}))
    frames = [await ws_recv(ws, timeout)]
    while not (frames[-1]["type"] == "typing" and frames[-1]["is_typing"] is False):
        frames.append(await ws_recv(ws, timeout))
    return frames


async def ws_expect_replaced(ws, session: str, *, timeout: float = 10) -> None:
    """The socket is told its session moved elsewhere ("replaced"), then closed normally (1000)."""
    import websockets

    notice = await ws_recv(ws, timeout)
    assert notice["type"] == "connection_status" and notice["status"] == "replaced"
    assert notice["session_id"] == session
    try:
        await ws_recv(ws, timeout)
    except websockets.ConnectionClosed as closed:
        assert closed.rcvd is not None and closed.rcvd.code == 1000
    else:
        raise AssertionError("the replaced socket stayed open")


def migrate_database(env: dict[str, str]) -> None:
    """Create the tables of the database a live server will use (its `DATABASE_URL` in `env`)."""
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True,
                   timeout=180)


@contextlib.contextmanager
def frozen_provider(settings, path: str = "sports.providers.sandbox.SandboxProvider", at: datetime | None = None):
    """Serve sports data from `path` (a sandbox or a subclass), rebuilt for this test, its clock frozen at
    `at` (default: the test's fixed clock) so odds hold still; the configured provider comes back afterwards."""
    from sports.providers import get_provider

    settings.SPORTS_PROVIDER = path
    settings.SANDBOX_LATENCY_MS = 0
    get_provider.cache_clear()
    provider = get_provider()
    provider.freeze(at or datetime.now(UTC))
    try:
        yield provider
    finally:
        get_provider.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_state(settings):
    """Each test starts with an empty cache, a fresh channel layer and fast password hashing."""
    from sports.cache import forget_memo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for cache in caches.all():
        cache.clear()
    forget_memo()
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


def flushed_test_redis_url(worker_id: str) -> str:
    """This xdist worker's own Redis database, emptied; skips (with the reason) when Redis is absent.

    Each worker gets its own database number so parallel workers never flush each other;
    `TEST_REDIS_SERVER` (host:port) lets two checkouts test side by side on separate Redis servers.
    """
    base = os.environ.get("TEST_REDIS_BASE_DB", "8")
    server = os.environ.get("TEST_REDIS_SERVER", "127.0.0.1:6379")
    index = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
    url = f"redis://{server}/{int(base) + index}"
    if not redis_available(url):
        pytest.skip(f"Redis is not reachable at {url}")
    import redis

    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def redis_url(worker_id):
    """A real Redis database reserved for this test worker."""
    return flushed_test_redis_url(worker_id)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture(scope="session", autouse=True)
def _release_stray_db_connections(django_db_setup, django_db_blocker):
    """Connections left open by worker threads of async tests (turns finish in their own task, sometimes
    after the test returned) would block dropping the PostgreSQL test DB."""
    yield
    from django.db import connection

    from chatbet_project.db import close_database_thread_connections

    # pytest-django sets up only the databases the collected tests use: with none, there is nothing to release.
    on_test_database = connection.settings_dict["NAME"] == connection.creation._get_test_db_name()
    if connection.vendor == "postgresql" and on_test_database:
        close_database_thread_connections()
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            for _ in range(100):  # termination is asynchronous: DROP DATABASE fails while they linger
                cursor.execute("SELECT count(*) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                if not cursor.fetchone()[0]:
                    break
                time.sleep(0.02)
        connection.close()
