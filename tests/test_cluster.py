"""`deploy/cluster.sh` as `make cluster` starts it: nginx in front of two daphne processes (WebSockets)
and two gunicorn workers (HTTP), on a real Redis, and PostgreSQL in the stack pass (SQLite otherwise).

Everything goes through nginx's one address: a session reconnected to the other daphne process
takes over (its old socket is closed by the channel layer), odds pushes reach subscribers on both
processes, and the per-IP socket cap and the chat quota hold across processes, whatever
X-Forwarded-For a client sends (nginx states the address).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import websockets

from conftest import (
    DEFAULT_CLOCK,
    clocked_module_runner,
    flushed_test_redis_url,
    free_port,
    server_env,
    ws_chat,
    ws_connect,
    ws_recv,
)

ROOT = Path(__file__).resolve().parent.parent
STATUS_TOKEN = "cluster-test-status-token"
SOCKET_CAP = 4
CHAT_QUOTA = 5

pytestmark = [pytest.mark.stack, pytest.mark.redis, pytest.mark.xdist_group("cluster")]


def _free_block(size: int = 100) -> int:
    """A base port with `size` free ports after it (the script uses base+i and base+99)."""
    for _ in range(50):
        base = free_port()
        if base + size < 65000 and all(_is_free(base + i) for i in (0, 1, size - 1)):
            return base
    raise RuntimeError("no free port block")


def _is_free(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@contextlib.contextmanager
def _cluster_database(tmp_path: Path):
    """The stack pass's PostgreSQL server with a database of the cluster's own; SQLite otherwise."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'cluster.sqlite3'}"
        return
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'chatbet'}_cluster_{os.getpid()}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def cluster(worker_id, tmp_path_factory):
    if not Path("/usr/sbin/nginx").exists() and not shutil.which("nginx"):
        pytest.fail("nginx is not installed: the cluster test needs Debian's nginx package")
    redis_url = flushed_test_redis_url(worker_id)
    workdir = tmp_path_factory.mktemp("cluster")
    port, base = free_port(), _free_block()
    with _cluster_database(workdir) as database_url:
        env = server_env(
            SECRET_KEY="cluster-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            CHANNEL_LAYER_PREFIX=f"cl{os.getpid()}",
            CACHE_KEY_PREFIX=f"cl{os.getpid()}",
            PORT=str(port),
            BACKEND_BASE_PORT=str(base),
            WS_PROCESSES="2",
            HTTP_WORKERS="2",
            RUN_DIR=str(workdir / "run"),
            CLUSTER_NO_CELERY="1",
            WS_STATUS_TOKEN=STATUS_TOKEN,
            WS_MAX_CONNECTIONS_PER_IP=str(SOCKET_CAP),
            THROTTLE_CHAT=f"{CHAT_QUOTA}/min",
            RUN_MODULE=str(clocked_module_runner(DEFAULT_CLOCK, workdir)),  # the servers share the tests' calendar
        )
        log = open(workdir / "cluster.log", "wb")
        proc = subprocess.Popen([str(ROOT / "deploy" / "cluster.sh")], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        try:
            _wait_until_up(proc, port, workdir / "cluster.log")
            yield {"env": env, "front": f"127.0.0.1:{port}", "daphnes": [f"127.0.0.1:{base}", f"127.0.0.1:{base + 1}"]}
        finally:
            proc.send_signal(signal.SIGTERM)  # the script stops every process it started
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _wait_until_up(proc: subprocess.Popen, port: int, log: Path, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"cluster exited: {log.read_text(errors='replace')[-3000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2) as response:
                if response.status == 200 and b"ChatBet cluster on" in log.read_bytes():
                    return
        time.sleep(0.5)
    raise RuntimeError(f"the cluster did not come up: {log.read_text(errors='replace')[-3000:]}")


def sockets_per_process(cluster) -> list[int]:
    """Open chat sockets on each daphne process, from its own /ws/status."""
    counts = []
    for host in cluster["daphnes"]:
        request = urllib.request.Request(f"http://{host}/ws/status",
                                         headers={"Authorization": f"Bearer {STATUS_TOKEN}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            counts.append(json.loads(response.read())["connections"])
    return counts


async def connect(cluster, path: str, *, spoof: str = "203.0.113.7"):
    return await ws_connect(cluster["front"], path, timeout=20, headers={"X-Forwarded-For": spoof})


async def recv(ws, timeout: float = 20) -> dict:
    return await ws_recv(ws, timeout)


async def chat(ws, content: str, message_id: str) -> list[dict]:
    return await ws_chat(ws, content, message_id, timeout=20)


async def until(predicate, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        await asyncio.sleep(0.1)


async def test_a_session_reconnected_through_nginx_moves_to_the_other_process(cluster):
    first, ack = await connect(cluster, "/ws/chat?user_id=web")
    session = ack["session_id"]
    assert (await chat(first, "hello", "cl-1"))[-2]["type"] == "streaming_end"
    counts = await asyncio.to_thread(sockets_per_process, cluster)
    assert sorted(counts) == [0, 1]
    holder = counts.index(1)

    second, ack_again = await connect(cluster, f"/ws/chat?user_id=web&session_id={session}")
    assert ack_again["session_id"] == session
    notice = await recv(first)  # the takeover crossed processes through the Redis channel layer
    assert notice["type"] == "connection_status" and notice["status"] == "replaced"
    with pytest.raises(websockets.ConnectionClosed) as closed:
        await recv(first)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1000
    await until(lambda: sockets_per_process(cluster)[holder] == 0)
    assert sockets_per_process(cluster)[1 - holder] == 1  # the session now lives on the other process

    assert (await chat(second, "and tomorrow?", "cl-2"))[-2]["type"] == "streaming_end"
    await second.send(json.dumps({"type": "history"}))
    history = await recv(second)
    assert [m["role"] for m in history["messages"]] == ["user", "assistant", "user", "assistant"]
    await second.close()
    await until(lambda: sockets_per_process(cluster) == [0, 0])


async def test_odds_pushes_reach_subscribers_on_both_processes(cluster, settings):
    from datetime import UTC, datetime

    from asgiref.sync import sync_to_async

    from sports.domain import OddsChange
    from sports.events import publish_odds_change

    settings.CHANNEL_LAYERS = {"default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [{"address": cluster["env"]["REDIS_URL"], "socket_timeout": None}],
                   "prefix": cluster["env"]["CHANNEL_LAYER_PREFIX"]},
    }}
    subscribers = []
    for _ in range(2):  # nginx sends the second to the other process (fewest sockets)
        ws, hello = await connect(cluster, "/ws/sports-updates")
        assert hello["type"] == "connection_status"
        await ws.send(json.dumps({"type": "subscribe", "fixture_ids": ["cl-fx-1"]}))
        assert (await recv(ws))["type"] == "subscription_status"
        subscribers.append(ws)
    change = OddsChange(fixture_id="cl-fx-1", tournament_id="cl-tn-1", market="1x2",
                        old_odds={"home": 2.1, "draw": 3.2, "away": 3.5},
                        new_odds={"home": 1.9, "draw": 3.3, "away": 3.9}, timestamp=datetime(2026, 3, 1, tzinfo=UTC))
    await sync_to_async(publish_odds_change, thread_sensitive=False)(change)
    for ws in subscribers:
        update = await recv(ws)
        assert update["type"] == "sports_update" and update["fixture_id"] == "cl-fx-1"
        assert update["new_odds"]["home"] == 1.9
        await ws.close()


async def test_the_socket_cap_holds_across_processes_whatever_the_client_claims(cluster):
    opened = []
    try:
        for n in range(SOCKET_CAP):
            ws, ack = await connect(cluster, "/ws/chat?user_id=cap", spoof=f"198.51.100.{n}")
            assert ack["type"] == "connection_ack"
            opened.append(ws)
        assert all(count > 0 for count in await asyncio.to_thread(sockets_per_process, cluster))  # on both
        with pytest.raises(websockets.ConnectionClosed) as refused:  # one too many: refused before the ack
            await connect(cluster, "/ws/chat?user_id=cap", spoof="192.0.2.99")
        assert refused.value.rcvd is not None and refused.value.rcvd.code == 4429
    finally:
        for ws in opened:
            await ws.close()


def test_the_chat_quota_holds_across_http_workers_whatever_the_client_claims(cluster):
    """A guest of its own (the anonymous quota of this address is shared with the sockets above)."""
    mint = urllib.request.Request(f"http://{cluster['front']}/api/v1/auth/generate_token", data=b"{}",
                                  headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(mint, timeout=60) as response:
        token = json.loads(response.read())["token"]
    statuses = []
    for n in range(CHAT_QUOTA + 1):
        body = json.dumps({"message": f"hello number {n}"}).encode()
        request = urllib.request.Request(f"http://{cluster['front']}/api/v1/chat/message", data=body, headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {token}",
            "X-Forwarded-For": f"198.51.100.{n}"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)
    assert statuses == [200] * CHAT_QUOTA + [429]


def test_a_login_flood_from_one_address_is_refused_by_nginx_before_the_app(cluster):
    """Past a burst of 20 at 5 a second, nginx answers the password forms 429 itself (in the API's error
    shape, with Retry-After), whatever X-Forwarded-For the client sends; the app never sees those."""
    def attempt(n: int) -> tuple[int, dict, str | None]:
        body = json.dumps({"username": f"nobody{n}", "password": "wrong-password-123"}).encode()
        request = urllib.request.Request(f"http://{cluster['front']}/api/v1/auth/login", data=body, headers={
            "Content-Type": "application/json", "X-Forwarded-For": f"203.0.113.{n % 250}"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read()), None
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}"), exc.headers.get("Retry-After")

    with ThreadPoolExecutor(max_workers=60) as pool:  # all at once: nginx sees them within a fraction of a second
        answers = list(pool.map(attempt, range(60)))
    at_the_door = [(body, retry) for status, body, retry in answers if body.get("error_code") == "too_many_attempts"]
    assert len(at_the_door) >= 60 - 21 - 10  # past the burst (20 + 1), less what 5 a second refills meanwhile
    assert all(retry == "1" for _, retry in at_the_door)
    assert all(status in (400, 401, 429) for status, _, _ in answers)  # wrong password, or busy, never a 5xx



def _watch_rate_limit_commands(redis_url: str, key_prefix: str, watching: threading.Event, stop: threading.Event,
                               seen: list[dict]) -> None:
    """Every command on the cluster's rate-limit counters as Redis executes it (MONITOR): what a client
    sent, and what a script ran (client "lua")."""
    import redis

    with redis.Redis.from_url(redis_url).monitor() as monitor:
        watching.set()
        while not stop.is_set():
            command = monitor.next_command()
            if f"{key_prefix}:1:accounts:rate:" in command["command"]:
                seen.append(command)


async def test_the_socket_chat_quota_holds_across_processes_in_one_redis_round_trip_a_message(cluster):
    """One guest on both daphne processes spends one quota: past THROTTLE_CHAT its next message is
    refused whichever process gets it. Each message moves both of its counters (the guest's and the
    address's) in one script run, never django-redis's EXISTS + INCRBY once per counter."""
    import redis

    from accounts import ratelimit

    mint = urllib.request.Request(f"http://{cluster['front']}/api/v1/auth/generate_token", data=b"{}",
                                  headers={"Content-Type": "application/json"})
    token = await asyncio.to_thread(lambda: json.loads(urllib.request.urlopen(mint, timeout=60).read())["token"])
    sockets = []
    for n in range(2):  # nginx sends the second to the other process (fewest sockets)
        ws, ack = await connect(cluster, f"/ws/chat?token={token}", spoof=f"192.0.2.{10 + n}")
        assert ack["type"] == "connection_ack"
        sockets.append(ws)
    client = redis.Redis.from_url(cluster["env"]["REDIS_URL"])
    client.script_load(ratelimit._COUNT_HITS.script)  # the servers load it on first use: one more call then
    watching, stop, seen = threading.Event(), threading.Event(), []
    watcher = threading.Thread(target=_watch_rate_limit_commands, daemon=True, args=(
        cluster["env"]["REDIS_URL"], cluster["env"]["CACHE_KEY_PREFIX"], watching, stop, seen))
    watcher.start()
    try:
        assert await asyncio.to_thread(sockets_per_process, cluster) == [1, 1]
        assert await asyncio.to_thread(watching.wait, 10)
        for n in range(CHAT_QUOTA):  # alternately on each process
            assert (await chat(sockets[n % 2], f"hello number {n}", f"rt-{n}"))[-2]["type"] == "streaming_end"
        await sockets[1].send(json.dumps({"type": "user_message", "content": "one more", "message_id": "rt-x"}))
        refused = await recv(sockets[1])
        assert refused["type"] == "error" and refused["error_code"] == "rate_limited"
        await until(lambda: [c["command"].split()[0] for c in seen].count("INCR") >= 2 * (CHAT_QUOTA + 1))
    finally:
        stop.set()
        client.ping()  # wakes the watcher
        for ws in sockets:
            await ws.close()
    watcher.join(10)
    sent = [c["command"].split()[0] for c in seen if c["client_type"] != "lua"]
    ran = [c["command"].split()[0] for c in seen if c["client_type"] == "lua"]
    assert sent == ["EVALSHA"] * (CHAT_QUOTA + 1)  # one round trip a message, the refused one too
    assert ran.count("INCR") == 2 * (CHAT_QUOTA + 1)  # the guest's counter and the address's
    assert set(ran) <= {"INCR", "EXPIRE"}
