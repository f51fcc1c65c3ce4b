"""Many hosts, shown on one machine: the channel layer sharded over two redis-server processes, and
two daphne processes each with its cache on a Redis of its own (CHANNEL_LAYER_REDIS_URLS,
CACHE_REDIS_URL). Session takeover and odds pushes still cross processes, whichever shard their
channel or group hashes to.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import redis

from conftest import daphne_processes, free_port, migrate_database, server_env
from conftest import ws_chat as chat
from conftest import ws_connect as connect
from conftest import ws_expect_replaced as expect_replaced
from conftest import ws_recv as recv

pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("sharded_layer")]


def _demo_port() -> int:
    """A free port of 6390-6399 (kept for such demo servers on shared machines), else any free one."""
    import socket

    for port in range(6390, 6400):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return free_port()


@contextlib.contextmanager
def redis_server(workdir: Path):
    """A private, throw-away redis-server (no persistence) on a free port."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: this test starts two of its own")
    port = _demo_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(redis.RedisError):
                if redis.Redis.from_url(url, socket_connect_timeout=0.5).ping():
                    break
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("sharded")
    with redis_server(workdir) as shard_a, redis_server(workdir) as shard_b:
        base = server_env(
            SECRET_KEY="sharded-layer-test-secret-key-0123456789-abcdefghijklmnop",
            DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
            REDIS_URL=shard_a,  # connection caps and the Celery broker (eager here)
            CHANNEL_LAYER_REDIS_URLS=f"{shard_a},{shard_b}",
            CHANNEL_LAYER_PREFIX=f"sh{os.getpid()}",
            WS_MAX_CONNECTIONS_PER_IP="1000",
        )
        migrate_database(base)
        envs = {"a": {**base, "CACHE_REDIS_URL": shard_a}, "b": {**base, "CACHE_REDIS_URL": shard_b}}
        with daphne_processes(envs, workdir) as daphnes:
            yield {"a": daphnes["a"].host, "b": daphnes["b"].host, "shards": [shard_a, shard_b],
                   "prefix": base["CHANNEL_LAYER_PREFIX"]}


async def test_takeover_crosses_processes_on_a_sharded_layer(sharded):
    def zadds(url: str) -> int:
        return redis.Redis.from_url(url).info("commandstats").get("cmdstat_zadd", {}).get("calls", 0)

    sessions = []
    for n in range(16):  # sessions until their groups (random ids, hashed) have used both shards
        if n >= 2 and all(zadds(url) > 0 for url in sharded["shards"]):
            break
        on_a, ack = await connect(sharded["a"], f"/ws/chat?user_id=shard{n}")
        session = ack["session_id"]
        assert (await chat(on_a, "hello", f"sh-{n}"))[-2]["type"] == "streaming_end"
        on_b, ack_b = await connect(sharded["b"], f"/ws/chat?user_id=shard{n}&session_id={session}")
        assert ack_b["session_id"] == session
        await expect_replaced(on_a, session)
        await on_b.close()
        sessions.append(session)
    # Both shards carried channel-layer traffic, and each process kept its cache on its own Redis.
    assert all(zadds(url) > 0 for url in sharded["shards"])  # 16 sessions on one shard: chance 2**-15
    memory_keys = [[key for key in redis.Redis.from_url(url).scan_iter("*chat:memory*")] for url in sharded["shards"]]
    assert memory_keys[0] and not memory_keys[1]  # the turns ran on A: their memory is in A's cache only


async def test_odds_pushes_reach_both_processes_on_a_sharded_layer(sharded, settings):
    from datetime import UTC, datetime

    from asgiref.sync import sync_to_async

    from sports.domain import OddsChange
    from sports.events import publish_odds_change

    settings.CHANNEL_LAYERS = {"default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [{"address": url, "socket_timeout": None} for url in sharded["shards"]],
                   "prefix": sharded["prefix"]},
    }}
    subscribers = []
    for host in (sharded["a"], sharded["b"]):
        ws, hello = await connect(host, "/ws/sports-updates")
        assert hello["type"] == "connection_status"
        await ws.send(json.dumps({"type": "subscribe", "fixture_ids": ["sh-fx-1"]}))
        assert (await recv(ws))["type"] == "subscription_status"
        subscribers.append(ws)
    change = OddsChange(fixture_id="sh-fx-1", tournament_id="sh-tn-1", market="1x2",
                        old_odds={"home": 2.1, "draw": 3.2, "away": 3.5},
                        new_odds={"home": 1.9, "draw": 3.3, "away": 3.9}, timestamp=datetime(2026, 3, 1, tzinfo=UTC))
    await sync_to_async(publish_odds_change, thread_sensitive=False)(change)
    for ws in subscribers:
        update = await recv(ws)
        assert update["type"] == "sports_update" and update["fixture_id"] == "sh-fx-1"
        await ws.close()
