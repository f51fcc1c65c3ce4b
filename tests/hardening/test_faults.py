"""Faults with real services: a Redis that dies mid-conversation (a private redis-server, never the
shared one), an upstream ChatBet API answering 500s or hanging, a failing LLM provider, and database
connections killed under the server. The service reports the fault promptly, degrades instead of
hanging, loses no stored message, and recovers by itself."""

from __future__ import annotations

import asyncio
import time

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from django.test import Client

from chat.models import Message
from chat.tests.conftest import close_quietly, open_chat, say

HANG_GUARD = 15  # seconds: only catches a hang, never a timing assertion


def _point_at(settings, url: str) -> None:
    settings.REDIS_URL = url
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "hardening",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}}}
    settings.CHANNEL_LAYERS = {"default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [{"address": url, "socket_timeout": None}], "capacity": 1500, "expiry": 60,
                   "prefix": "hardening"}}}
    channel_layers.backends.clear()


async def _ready() -> tuple[int, dict]:
    response = await asyncio.wait_for(sync_to_async(Client().get, thread_sensitive=False)("/health/ready"),
                                      HANG_GUARD)
    return response.status_code, response.json()


async def _stored_roles(session: str) -> list[str]:
    return await database_sync_to_async(lambda: list(
        Message.objects.filter(conversation__session_id=session).order_by("created_at").values_list("role", flat=True)
    ))()


@pytest.fixture
def counted_limits(no_throttles):
    """Rate limits on (generous): the shared counters themselves must survive the outage."""
    no_throttles.REST_FRAMEWORK = {**no_throttles.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "anon": "1000/min", "user": "1000/min", "chat": "1000/min", "login": "1000/min"}}
    return no_throttles


def _answer(frames: list[dict]) -> str:
    kinds = [f["type"] for f in frames]
    assert "error" not in kinds, frames
    assert kinds[-2:] == ["streaming_end", "typing"], kinds
    return frames[-2]["final_content"]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
async def test_redis_dying_mid_conversation_is_reported_and_survived(private_redis, settings, counted_limits):
    _point_at(settings, private_redis.url)
    status, body = await _ready()
    assert status == 200, body

    ws, ack = await open_chat()
    session = ack["session_id"]
    try:
        assert _answer(await say(ws, "hi"))

        private_redis.stop()  # mid-conversation, the socket stays open
        status, body = await _ready()
        assert status == 503 and body["status"] == "down"
        assert body["checks"]["cache"]["status"] == "down"
        assert body["checks"]["channel_layer"]["status"] == "down"
        assert body["checks"]["database"]["status"] == "ok"

        # the open socket keeps answering (memory and caches degrade; the database has the turn)
        assert _answer(await asyncio.wait_for(say(ws, "fixtures today"), HANG_GUARD))
        await ws.send_json_to({"type": "ping"})
        assert (await ws.receive_json_from(timeout=HANG_GUARD))["type"] == "pong"
        # a new socket and a REST message work too (rate counters and connection caps count per process)
        fresh, fresh_ack = await open_chat()
        assert _answer(await asyncio.wait_for(say(fresh, "hello"), HANG_GUARD))
        await close_quietly(fresh)
        rest = await asyncio.wait_for(sync_to_async(_post_message)("odds please"), HANG_GUARD)
        assert rest.status_code == 200, rest.content
        assert await _stored_roles(session) == ["user", "assistant", "user", "assistant"]
        assert await _stored_roles(fresh_ack["session_id"]) == ["user", "assistant"]

        private_redis.start()  # same port: everything reconnects by itself
        status, body = await _ready()
        assert status == 200, body
        assert _answer(await say(ws, "and tomorrow?"))  # the socket that lived through it
    finally:
        await close_quietly(ws)
    again, _ = await open_chat()
    try:
        assert _answer(await say(again, "hello again"))
    finally:
        await close_quietly(again)
    assert await _stored_roles(session) == ["user", "assistant"] * 3


def _post_message(text: str):
    from rest_framework.test import APIClient

    return APIClient().post("/api/v1/chat/message", {"message": text}, format="json")


# --- upstream ChatBet API failing ---------------------------------------------------------------------

@pytest.fixture
def http_upstream(settings, no_throttles):
    """The real HTTP provider against the sports team's fake upstream (a real socket), with fast
    timeouts and a small breaker so a fault scenario takes well under a second."""
    from sports.providers import get_provider
    from sports.tests.fake_upstream import FakeUpstream

    server = FakeUpstream().start()
    settings.SPORTS_PROVIDER = "sports.providers.http.ChatBetHTTPProvider"
    settings.CHATBET_API_BASE_URL = server.url
    settings.CHATBET_API_TIMEOUT = 0.3
    settings.CHATBET_API_RETRIES = 1
    settings.CHATBET_API_BACKOFF = 0.001
    settings.CHATBET_BREAKER_FAIL_MAX = 3
    settings.CHATBET_BREAKER_RESET_SECONDS = 0.5
    get_provider.cache_clear()
    yield server
    get_provider.cache_clear()
    server.stop()


@pytest.mark.django_db
@pytest.mark.parametrize("fault", [{"status": 500}, {"delay": 0.5}], ids=["http-500", "timeout"])
def test_failing_upstream_serves_stale_odds_opens_then_closes_the_breaker(http_upstream, client, fault):

    from sports import cache as sports_cache
    from sports.providers import get_provider

    fixture = client.get("/api/v1/sports/fixtures/").json()["results"][0]
    fresh = client.get(f"/api/v1/sports/odds/?match_id={fixture['id']}")
    assert fresh.status_code == 200 and fresh.json()["stale"] is False

    sports_cache.invalidate(sports_cache.odds_key(fixture["id"]))  # the short-lived copy expired
    http_upstream.inject("*", times=10_000, **fault)
    for _ in range(3):
        stale = client.get(f"/api/v1/sports/odds/?match_id={fixture['id']}")
        assert stale.status_code == 200, stale.content
        assert stale.json()["stale"] is True and stale.json()["markets"] == fresh.json()["markets"]
    assert "open" in get_provider().breaker_states().values()
    calls = len(http_upstream.requests)
    assert client.get(f"/api/v1/sports/odds/?match_id={fixture['id']}").json()["stale"] is True
    assert len(http_upstream.requests) == calls  # open breaker: the upstream is not even asked
    health = client.get("/health/").json()["checks"]["chatbet_provider"]
    assert health["status"] in ("degraded", "down")
    assert client.get("/health/ready").status_code == 200  # optional dependency: still ready

    http_upstream.faults.clear()  # the upstream comes back
    time.sleep(0.6)  # the breaker's cool-down; the next call is its trial
    recovered = client.get(f"/api/v1/sports/odds/?match_id={fixture['id']}")
    assert recovered.json()["stale"] is False
    assert get_provider().breaker_states()["odds"] == "closed"
    # every other breaker closes on its own next (trial) call, e.g. the health probe's
    assert client.get("/health/").json()["checks"]["chatbet_provider"]["status"] == "ok"
    client.get("/api/v1/sports/fixtures/")
    assert set(get_provider().breaker_states().values()) == {"closed"}, get_provider().breaker_states()


@pytest.mark.django_db(transaction=True)
async def test_chat_answers_from_stale_data_while_the_upstream_is_down(http_upstream):
    ws, _ = await open_chat()
    try:
        assert _answer(await say(ws, "fixtures today"))  # warms the caches
        http_upstream.inject("*", status=500, times=10_000)
        answer = _answer(await asyncio.wait_for(say(ws, "what are the odds for the first match?"), HANG_GUARD))
        assert answer
        assert _answer(await say(ws, "fixtures today"))
    finally:
        await close_quietly(ws)


# --- LLM provider failing ------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failure", ["error", "hang", "malformed"])
async def test_a_failing_llm_falls_back_to_the_offline_engine(settings, no_throttles, failure):
    from chat.engine.registry import get_engine
    from chat.tests.fake_llm_servers import Error, FakeLLM, Hang, Malformed

    reply = {"error": Error(503), "hang": Hang(3.0), "malformed": Malformed()}[failure]
    with FakeLLM("gemini", settings) as fake:
        settings.LLM_RETRIES = 0
        settings.LLM_TIMEOUT = 0.5
        settings.LLM_CACHE_TTL = 0
        get_engine.cache_clear()
        try:
            fake.queue(reply)
            ws, ack = await open_chat()
            try:
                answer = _answer(await asyncio.wait_for(say(ws, "fixtures today"), HANG_GUARD))
            finally:
                await close_quietly(ws)
        finally:
            get_engine.cache_clear()
    stored = await database_sync_to_async(lambda: Message.objects.filter(
        conversation__session_id=ack["session_id"], role=Message.Role.ASSISTANT
    ).values_list("engine", "content").get())()
    assert stored == ("fallback:offline", answer)


# --- database connections killed ----------------------------------------------------------------------

def _kill_backends_of_this_database() -> list[int]:
    """Terminate every other backend connected to this (test) database, as a PostgreSQL restart would."""
    import psycopg
    from django.db import connection

    params = {k: v for k, v in connection.get_connection_params().items()
              if k not in {"cursor_factory", "context", "pool"}}
    with psycopg.connect(**params, autocommit=True) as killer:
        rows = killer.execute("SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall()
        pids = [pid for pid, _ in rows]
        for _ in range(100):  # termination is asynchronous: wait until they are really gone (the restart is over)
            if not killer.execute("SELECT 1 FROM pg_stat_activity WHERE pid = ANY(%s)", [pids]).fetchone():
                break
            time.sleep(0.02)
    return pids


@pytest.fixture
def persistent_connections():
    """Connections kept between uses, as the server keeps them (the suite's fixture turns that off)."""
    from django.db import connections

    db_settings = connections.settings["default"]
    db_settings["CONN_MAX_AGE"] = 60
    yield
    db_settings["CONN_MAX_AGE"] = 0


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
def test_killed_database_connections_are_replaced_on_the_next_request(no_throttles, persistent_connections,
                                                                      api_client):
    """What a PostgreSQL restart does to a running server: its open connections are terminated.
    (The shared cluster is never restarted: only this test database's backends are killed.)
    CONN_HEALTH_CHECKS notices at the next request and reconnects instead of failing it."""
    from django.db import close_old_connections, connection

    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend needs PostgreSQL (run with DATABASE_URL)")
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert api_client.post("/api/v1/chat/message", {"message": "hi"}, format="json").status_code == 200
    old_pid = connection.connection.info.backend_pid  # kept open across requests
    assert old_pid in _kill_backends_of_this_database()
    # A server runs close_old_connections() when each request starts (that re-arms the health check);
    # Django's test client switches that off during its requests, so do here what the server does.
    close_old_connections()
    ready = api_client.get("/health/ready")
    assert ready.status_code == 200, ready.json()["checks"]["database"]
    sent = api_client.post("/api/v1/chat/message", {"message": "fixtures today"}, format="json")
    assert sent.status_code == 200, sent.content
    assert connection.connection.info.backend_pid != old_pid


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
def test_the_health_check_asks_postgresql_only_when_the_connection_has_something_to_say(
        no_throttles, persistent_connections, api_client, monkeypatch):
    """A quiet kept connection is used without Django's `SELECT 1` (one round trip less per request,
    issue 20); one whose backend was terminated has the server's goodbye waiting on its socket, so
    the real check runs, fails, and the turn goes through on a new connection."""
    from django.db import close_old_connections, connection
    from django.db.backends.postgresql.base import DatabaseWrapper as DjangoPostgreSQL

    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend needs PostgreSQL (run with DATABASE_URL)")
    asked: list[bool] = []
    real_check = DjangoPostgreSQL.is_usable

    def counted_check(self) -> bool:
        asked.append(real_check(self))
        return asked[-1]

    monkeypatch.setattr(DjangoPostgreSQL, "is_usable", counted_check)
    assert api_client.post("/api/v1/chat/message", {"message": "hi"}, format="json").status_code == 200
    kept_pid = connection.connection.info.backend_pid
    close_old_connections()  # what the server does as each request starts (the test client does not)
    sent = api_client.post("/api/v1/chat/message", {"message": "fixtures today"}, format="json")
    assert sent.status_code == 200, sent.content
    assert asked == [] and connection.connection.info.backend_pid == kept_pid  # no SELECT 1, same session

    assert kept_pid in _kill_backends_of_this_database()
    close_old_connections()
    sent = api_client.post("/api/v1/chat/message", {"message": "odds for Arsenal"}, format="json")
    assert sent.status_code == 200, sent.content
    assert asked == [False]  # the terminated session was checked for real, then replaced
    assert connection.connection.info.backend_pid != kept_pid


# The open-socket side of a database restart is the `postgres_connections_killed` scenario of
# bench/faults.py, against a live daphne: under pytest-asyncio the consumers' database thread is
# asgiref's shared executor of the test process, whose connection handling differs from the server's.


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
async def test_the_database_threads_reconnect_after_their_backends_are_killed(no_throttles, persistent_connections,
                                                                              settings):
    """The chat's pool of database threads (chatbet_project/db.py) keeps a connection per thread; a
    PostgreSQL restart kills them all. Each thread's next unit of work notices (close_old_connections +
    CONN_HEALTH_CHECKS, as Django does per request) and reconnects: no error reaches a turn."""
    import threading

    from django.db import connection

    from chatbet_project.db import db_sync_to_async

    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend needs PostgreSQL (run with DATABASE_URL)")
    settings.DB_THREADS = 2
    together = threading.Barrier(2, timeout=10)  # both threads of the pool, one call each

    def backend_pid() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        together.wait()
        return pid

    before = set(await asyncio.gather(*(db_sync_to_async(backend_pid)() for _ in range(2))))
    assert len(before) == 2
    killed = await sync_to_async(_kill_backends_of_this_database, thread_sensitive=False)()
    assert before <= set(killed)
    after = set(await asyncio.gather(*(db_sync_to_async(backend_pid)() for _ in range(2))))
    assert len(after) == 2 and after.isdisjoint(before)

    killed = await sync_to_async(_kill_backends_of_this_database, thread_sensitive=False)()
    ws, ack = await open_chat()  # a whole turn over the socket after the second restart
    try:
        answer = _answer(await asyncio.wait_for(say(ws, "fixtures today"), HANG_GUARD))
    finally:
        await close_quietly(ws)
    assert answer.strip()
    assert await _stored_roles(ack["session_id"]) == ["user", "assistant"]
