"""The chat socket's limits as a client meets them: the per-user message quota (and what happens when
its Redis counter is stuck), and the heartbeat that closes silent sockets; through the real ASGI stack."""

from __future__ import annotations

import asyncio

import pytest

from .conftest import close_quietly, open_chat, read_turn, receive_close, say
from .test_consumers import ISO_Z, assert_error

pytestmark = pytest.mark.django_db(transaction=True)

# --- quotas and heartbeat -----------------------------------------------------------------------


async def test_a_flood_gets_rate_limited_then_closed_with_4429(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                                                          "chat": "2/min"}}
    settings.WS_RATE_LIMIT_STRIKES = 3
    ws, _ = await open_chat()
    assert (await say(ws, "one", message_id="f-1"))[-2]["type"] == "streaming_end"
    assert (await say(ws, "two", message_id="f-2"))[-2]["type"] == "streaming_end"
    for i in range(2):
        await ws.send_json_to({"type": "user_message", "content": f"more {i}", "message_id": f"f-x{i}"})
        assert_error(await ws.receive_json_from(), "rate_limited")
    await ws.send_json_to({"type": "ping"})  # pings are not chat messages: still answered
    assert (await ws.receive_json_from())["type"] == "pong"
    await ws.send_json_to({"type": "user_message", "content": "last straw", "message_id": "f-last"})
    frames, code = await receive_close(ws)
    assert_error(frames[0], "rate_limited")
    assert code == 4429


class StuckRedis:
    """A "Redis" that holds the first command it gets without answering until released, then hangs up
    (the client sees a dead Redis); later connections are closed at once."""

    def __init__(self):
        import socket
        import threading

        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"
        self.got_command, self.release = threading.Event(), threading.Event()
        self.client_gave_up = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        import contextlib

        first = True
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with conn:
                if not first:
                    continue
                first = False
                conn.recv(4096)
                self.got_command.set()
                conn.settimeout(0.05)
                while not self.release.is_set():
                    with contextlib.suppress(TimeoutError):
                        if conn.recv(4096) == b"":  # the client timed out and closed
                            self.client_gave_up = True
                            break

    def close(self):
        self.release.set()
        self.listener.close()


async def test_a_stuck_redis_quota_counter_stalls_no_other_socket_and_counts_in_the_process(settings):
    """The quota counter (django-redis) runs off the event loop: while one message waits on a stuck
    Redis, another socket is served; once Redis is found dead the message is counted in this process
    (never waved through) and answered."""
    import logging

    logged: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: logged.append(record.getMessage())
    logging.getLogger("accounts.ratelimit").addHandler(handler)
    redis = StuckRedis()
    settings.WS_MAX_CONNECTIONS_PER_IP = settings.WS_MAX_CONNECTIONS_PER_USER = 0
    try:
        waiting, ack_a = await open_chat()
        other, ack_b = await open_chat("/ws/chat?user_id=u2")
        # Each socket records whose its new session is right after the ack: let both writes land first.
        from django.core.cache import cache

        from chat.cache import session_claim_key

        for ack in (ack_a, ack_b):
            for _ in range(200):
                if cache.get(session_claim_key(ack["session_id"])) is not None:
                    break
                await asyncio.sleep(0.01)
        # Redis gets stuck once both are connected, so the first command it holds is the quota counter.
        settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis.url,
                                       "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 5, "SOCKET_TIMEOUT": 5}}}
        await waiting.send_json_to({"type": "user_message", "content": "hello", "message_id": "q-1"})
        assert await asyncio.to_thread(redis.got_command.wait, 10)
        await other.send_json_to({"type": "ping", "message_id": "p-1"})
        assert (await other.receive_json_from(timeout=10))["type"] == "pong"
        assert not redis.client_gave_up  # answered while the counter was still waiting on Redis
        redis.release.set()
        frames = await read_turn(waiting)
        assert any(f["type"] == "streaming_end" for f in frames), frames
        assert any("rate-limit counter unavailable" in line for line in logged)
    finally:
        logging.getLogger("accounts.ratelimit").removeHandler(handler)
        redis.close()
        await close_quietly(waiting)
        await close_quietly(other)


async def test_quiet_sockets_are_pinged_and_silent_ones_closed(fast_heartbeat):
    ws, ack = await open_chat()
    ping = await ws.receive_json_from(timeout=5)
    assert ping["type"] == "ping" and ping["session_id"] == ack["session_id"] and ISO_Z.match(ping["timestamp"])
    frames, code = await receive_close(ws, timeout=5)
    assert all(f["type"] == "ping" for f in frames)
    assert code == 4408


async def test_a_client_that_answers_pings_stays_connected(fast_heartbeat):
    fast_heartbeat.WS_IDLE_TIMEOUT = 1.0
    ws, _ = await open_chat()
    for _ in range(16):  # well past the idle timeout in total
        frame = await ws.receive_json_from(timeout=5)
        assert frame["type"] == "ping"
        await ws.send_json_to({"type": "pong", "message_id": frame["message_id"]})
    await ws.send_json_to({"type": "ping"})
    while (frame := await ws.receive_json_from(timeout=5))["type"] == "ping":
        pass
    assert frame["type"] == "pong"
    await close_quietly(ws)
