"""A process killed mid-answer (kill -9), the client retries on the other one: answered at once.

Two real daphne processes on one Redis layer and one database. A stalls in the engine (a slow LLM)
after storing the question and is killed with SIGKILL; the client reconnects to B and resends the
same message id. B waits only for the question's lease (2 s here) instead of polling a minute for an
answer nobody computes, answers the stored question once, and the history shows it answered.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3

import pytest

from chat.tests.test_multi_instance import chat, connect, recv
from conftest import daphne_processes, flushed_test_redis_url, migrate_database, server_env

LEASE_SECONDS = 2

pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("crash_retry")]


class StallingEngine:
    """An engine that never finishes (a model call hanging): the process holding it is then killed."""

    name = "stalls"

    async def stream(self, ctx):
        await asyncio.sleep(3600)
        yield ""


@pytest.fixture
def two_processes(worker_id, tmp_path):
    db = tmp_path / "db.sqlite3"
    env = server_env(
        SECRET_KEY="crash-retry-test-secret-key-0123456789-abcdefghijklmnop",
        DATABASE_URL=f"sqlite:///{db}",
        REDIS_URL=flushed_test_redis_url(worker_id),
        CHANNEL_LAYER_PREFIX=f"cr{os.getpid()}",
        CACHE_KEY_PREFIX=f"cr{os.getpid()}",
        CHAT_TURN_LEASE_SECONDS=str(LEASE_SECONDS),
    )
    migrate_database(env)
    envs = {"a": {**env, "LLM_PROVIDER": f"{__name__}.StallingEngine"}, "b": {**env, "LLM_PROVIDER": "offline"}}
    with daphne_processes(envs, tmp_path) as daphnes:
        yield {"a": daphnes["a"].host, "b": daphnes["b"].host, "procs": [d.proc for d in daphnes.values()], "db": db}


def _stored(db) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT role, content FROM chat_message ORDER BY created_at, role").fetchall()


async def test_a_retry_on_the_other_process_after_a_crash_answers_within_the_lease(two_processes):
    on_a, ack = await connect(two_processes["a"], "/ws/chat?user_id=web")
    session = ack["session_id"]
    await on_a.send(json.dumps({"type": "user_message", "content": "hello there", "message_id": "crash-1"}))
    assert (await recv(on_a))["type"] == "typing"  # A stored the question and is answering it...
    assert (await recv(on_a))["type"] == "streaming_start"
    two_processes["procs"][0].send_signal(signal.SIGKILL)  # ...when it is killed
    two_processes["procs"][0].wait(timeout=10)
    assert await asyncio.to_thread(_stored, two_processes["db"]) == [("user", "hello there")]

    on_b, ack_b = await connect(two_processes["b"], f"/ws/chat?user_id=web&session_id={session}")
    assert ack_b["session_id"] == session
    # The 60 s poll for an answer nobody computes is gone: B answers once the 2 s lease lapsed
    # (the timeout is well under the old minute, generous for a loaded machine).
    await on_b.send(json.dumps({"type": "user_message", "content": "hello there", "message_id": "crash-1"}))
    frames = [await recv(on_b, timeout=30)]
    while not (frames[-1]["type"] == "typing" and frames[-1]["is_typing"] is False):
        frames.append(await recv(on_b, timeout=30))
    answer = next(f for f in frames if f["type"] == "streaming_end")["final_content"]
    assert await asyncio.to_thread(_stored, two_processes["db"]) == [("user", "hello there"), ("assistant", answer)]
    assert (await chat(on_b, "what can you do?", "crash-2"))[-2]["type"] == "streaming_end"
    await on_b.close()
