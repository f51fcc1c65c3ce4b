"""Two real daphne processes sharing the Redis channel layer and one database.

A session taken over on process B closes its old socket on process A (code 1000 after a
`connection_status`), odds pushes reach `/ws/sports-updates` clients on both, and an idle socket
on the Redis layer outlives channels-redis's blocking read (bench/README.md, trap 2).
"""

from __future__ import annotations

import asyncio
import json
import os

import pytest

from conftest import daphne_processes, flushed_test_redis_url, migrate_database, server_env
from conftest import ws_chat as chat
from conftest import ws_connect as connect
from conftest import ws_expect_replaced as expect_replaced
from conftest import ws_recv as recv

pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("multi_instance")]


@pytest.fixture(scope="module")
def shared_redis_url(worker_id):
    """This worker's Redis database (same numbering as the `redis_url` fixture), for the module."""
    return flushed_test_redis_url(worker_id)


@pytest.fixture(scope="module")
def servers(shared_redis_url, tmp_path_factory):
    """Two daphne processes (A, B): same Redis layer and cache, same SQLite database."""
    workdir = tmp_path_factory.mktemp("multi")
    env = server_env(
        SECRET_KEY="multi-instance-test-secret-key-0123456789-abcdefghijklmnop",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        REDIS_URL=shared_redis_url,
        CHANNEL_LAYER_PREFIX=f"mi{os.getpid()}",
        CACHE_KEY_PREFIX=f"mi{os.getpid()}",
        WS_MAX_CONNECTIONS_PER_IP="1000",
        WS_HEARTBEAT_INTERVAL="4",
        WS_IDLE_TIMEOUT="60",
    )
    migrate_database(env)
    with daphne_processes({"a": env, "b": env}, workdir) as daphnes:
        yield {"env": env, "a": daphnes["a"].host, "b": daphnes["b"].host}


async def test_a_session_taken_over_on_b_closes_its_socket_on_a(servers):
    on_a, ack = await connect(servers["a"], "/ws/chat?user_id=web")
    session = ack["session_id"]
    assert (await chat(on_a, "hello", "mi-1"))[-2]["type"] == "streaming_end"

    on_b, ack_b = await connect(servers["b"], f"/ws/chat?user_id=web&session_id={session}")
    assert ack_b["session_id"] == session
    await expect_replaced(on_a, session)

    # B carries the same conversation on; its memory and history are shared through the database.
    assert (await chat(on_b, "and tomorrow?", "mi-2"))[-2]["type"] == "streaming_end"
    await on_b.send(json.dumps({"type": "history"}))
    history = await recv(on_b)
    assert [m["role"] for m in history["messages"]] == ["user", "assistant", "user", "assistant"]

    # And back again: A takes it over from B.
    again, _ = await connect(servers["a"], f"/ws/chat/{session}")
    await expect_replaced(on_b, session)
    await again.close()


async def test_an_idle_socket_on_the_redis_layer_stays_usable(servers):
    """channels-redis + redis-py 8 used to drop consumers idle for 5 s (bench/README.md, trap 2)."""
    idle, ack = await connect(servers["a"], "/ws/chat?user_id=idle")
    session = ack["session_id"]
    assert (await chat(idle, "hello", "idle-1"))[-2]["type"] == "streaming_end"
    await asyncio.sleep(11)
    await idle.send(json.dumps({"type": "ping", "message_id": "still-there"}))
    pong = await recv(idle)
    assert pong == {**pong, "type": "pong", "message_id": "still-there"}
    # Its channel-layer reader is alive too: a takeover from the other process still reaches it.
    newer, _ = await connect(servers["b"], f"/ws/chat/{session}")
    await expect_replaced(idle, session)
    await newer.close()


async def test_odds_updates_reach_subscribers_on_both_processes(servers, settings):
    from datetime import UTC, datetime

    from asgiref.sync import sync_to_async

    from sports.domain import OddsChange
    from sports.events import publish_odds_change

    settings.CHANNEL_LAYERS = {"default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [{"address": servers["env"]["REDIS_URL"], "socket_timeout": None}],
                   "prefix": servers["env"]["CHANNEL_LAYER_PREFIX"]},
    }}
    subscribers = []
    for host, frame in ((servers["a"], {"type": "subscribe", "fixture_ids": ["mi-fx-1"]}),
                        (servers["b"], {"type": "subscribe", "fixture_ids": ["mi-fx-1"]}),
                        (servers["b"], {"type": "subscribe", "tournament_id": "mi-tn-1"})):
        ws, hello = await connect(host, "/ws/sports-updates")
        assert hello["type"] == "connection_status"
        await ws.send(json.dumps(frame))
        assert (await recv(ws))["type"] == "subscription_status"
        subscribers.append(ws)
    bystander, _ = await connect(servers["a"], "/ws/sports-updates")
    await bystander.send(json.dumps({"type": "subscribe", "fixture_ids": ["mi-fx-other"]}))
    await recv(bystander)

    change = OddsChange(fixture_id="mi-fx-1", tournament_id="mi-tn-1", market="1x2",
                        old_odds={"home": 2.1, "draw": 3.2, "away": 3.5},
                        new_odds={"home": 1.9, "draw": 3.3, "away": 3.9}, timestamp=datetime.now(UTC))
    await sync_to_async(publish_odds_change, thread_sensitive=False)(change)

    for ws in subscribers:
        update = await recv(ws)
        assert update["type"] == "sports_update" and update["fixture_id"] == "mi-fx-1"
        assert update["market"] == "1x2" and update["new_odds"]["home"] == 1.9 and update["old_odds"]["home"] == 2.1
        assert update["timestamp"].endswith("Z")
    with pytest.raises(TimeoutError):
        await recv(bystander, timeout=0.5)
    for ws in (*subscribers, bystander):
        await ws.close()


async def test_the_dialogue_frame_follows_the_conversation_to_the_other_process(servers):
    """'the second one' on B means the second match A listed: the frame is stored with the conversation,
    not kept in A's memory."""
    on_a, ack = await connect(servers["a"], "/ws/chat?user_id=frame")
    session = ack["session_id"]
    listing = next(f for f in await chat(on_a, "partidos de hoy", "fr-1") if f["type"] == "streaming_end")
    shown = [line[2:].split(" — ")[0] for line in listing["final_content"].splitlines() if line.startswith("• ")]
    assert len(shown) >= 2

    on_b, _ = await connect(servers["b"], f"/ws/chat?user_id=frame&session_id={session}")
    await expect_replaced(on_a, session)
    end = next(f for f in await chat(on_b, "el segundo", "fr-2") if f["type"] == "streaming_end")
    assert end["detected_intent"] == "odds_information"
    assert shown[1] in end["final_content"].splitlines()[0]
    await on_b.close()
