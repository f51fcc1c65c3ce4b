"""Prometheus metrics: the names and labels an operator's dashboards rely on appear after real traffic."""

from __future__ import annotations

import re

import pytest
from prometheus_client import REGISTRY

from chatbet_project import metrics

pytestmark = pytest.mark.django_db


def value(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def scrape(client, **headers) -> str:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def test_http_requests_are_counted_by_route_name_not_raw_path(client):
    before = value("chatbet_http_requests_total", method="GET", route="health-live", status="200")
    client.get("/health/live")
    client.get("/api/v1/chat/history/0b8f4c52-8f3a-4c38-9a0e-2b1f5c7d9e10")
    client.get("/no/such/page/123")
    body = scrape(client)
    assert value("chatbet_http_requests_total", method="GET", route="health-live", status="200") == before + 1
    assert 'route="chat-history"' in body
    assert "0b8f4c52" not in body and "/no/such/page" not in body
    assert 'route="unmatched",status="404"' in body
    assert re.search(r'chatbet_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="health-live"\}',
                     body)


def test_regex_routes_are_labelled_by_their_name_not_their_regex(client):
    for path in ("/api/v1/sports/fixtures", "/api/v1/sports/tournaments/", "/api/v1/sports/fixtures/12345",
                 "/api/v1/sports/odds?match_id=12345"):
        client.get(path)
    routes = set(re.findall(r'chatbet_http_requests_total\{[^}]*route="([^"]*)"', scrape(client)))
    assert {"sports:fixtures", "sports:tournaments", "sports:fixture", "sports:odds"} <= routes
    assert not [r for r in routes if any(mark in r for mark in ("^", "$", "(?P", "/?", "<"))], routes


async def test_the_middleware_counts_requests_served_over_asgi(async_client):
    before = value("chatbet_http_requests_total", method="GET", route="health-live", status="200")
    response = await async_client.get("/health/live")
    assert response.status_code == 200
    assert value("chatbet_http_requests_total", method="GET", route="health-live", status="200") == before + 1


def test_the_metrics_endpoint_is_open_in_development_and_guarded_in_production(client, settings, admin_user):
    assert client.get("/metrics").status_code == 200
    settings.PRODUCTION = True
    settings.METRICS_TOKEN = "scrape-secret"
    denied = client.get("/metrics")
    assert denied.status_code == 401 and denied.json()["error_code"] == "metrics_forbidden"
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert "chatbet_http_requests_total" in scrape(client, HTTP_AUTHORIZATION="Bearer scrape-secret")
    client.force_login(admin_user)
    assert client.get("/metrics").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_rest_chat_turn_counts_by_intent_and_engine_with_its_latency(api_client):
    answers = value("chatbet_chat_answer_seconds_count", engine="offline")
    response = api_client.post("/api/v1/chat/message", {"message": "hello"}, format="json")
    assert response.status_code == 200, response.content
    intent = response.json().get("detected_intent") or response.json().get("intent")
    assert value("chatbet_chat_turns_total", intent=intent, engine="offline") >= 1
    assert value("chatbet_chat_answer_seconds_count", engine="offline") == answers + 1


@pytest.mark.django_db(transaction=True)
async def test_a_streamed_turn_records_its_first_chunk_latency():
    from accounts.identity import ANONYMOUS
    from chat.events import TurnFinished
    from chat.services.turns import stream_reply

    first_chunks = value("chatbet_chat_first_chunk_seconds_count")
    events = [event async for event in stream_reply(session_id=None, identity=ANONYMOUS, content="hello")]
    assert isinstance(events[-1], TurnFinished)
    assert value("chatbet_chat_first_chunk_seconds_count") == first_chunks + 1
    assert value("chatbet_chat_turns_total", intent=events[-1].result.detected_intent, engine="offline") >= 1


@pytest.mark.django_db(transaction=True)
async def test_websocket_connections_and_frames():
    from chat.tests.conftest import open_chat

    opened = value("chatbet_ws_connections_total", endpoint="chat")
    active = value("chatbet_ws_connections_active", endpoint="chat")
    pings = value("chatbet_ws_messages_total", endpoint="chat", type="ping")
    ws, _ = await open_chat("/ws/chat")
    assert value("chatbet_ws_connections_active", endpoint="chat") == active + 1
    await ws.send_json_to({"type": "ping"})
    await ws.receive_json_from(timeout=5)
    await ws.send_json_to({"type": "made-up"})
    await ws.receive_json_from(timeout=5)
    await ws.disconnect()
    assert value("chatbet_ws_connections_total", endpoint="chat") == opened + 1
    assert value("chatbet_ws_connections_active", endpoint="chat") == active
    assert value("chatbet_ws_messages_total", endpoint="chat", type="ping") == pings + 1
    assert value("chatbet_ws_messages_total", endpoint="chat", type="other") >= 1


@pytest.mark.django_db(transaction=True)
async def test_sports_update_sockets_are_counted_too():
    from channels.testing import WebsocketCommunicator

    from chatbet_project.asgi import application

    active = value("chatbet_ws_connections_active", endpoint="sports")
    pings = value("chatbet_ws_messages_total", endpoint="sports", type="ping")
    ws = WebsocketCommunicator(application, "/ws/sports-updates", headers=[(b"origin", b"http://localhost:4200")])
    assert (await ws.connect(timeout=10))[0]
    await ws.receive_json_from(timeout=10)  # connection_status
    assert value("chatbet_ws_connections_active", endpoint="sports") == active + 1
    await ws.send_json_to({"type": "ping"})
    await ws.receive_json_from(timeout=5)
    await ws.disconnect()
    assert value("chatbet_ws_messages_total", endpoint="sports", type="ping") == pings + 1
    assert value("chatbet_ws_connections_active", endpoint="sports") == active


def test_sports_cache_reads_are_labelled_by_kind_and_result():
    from sports import cache

    misses = value("chatbet_cache_reads_total", kind="odds", result="miss")
    hits = value("chatbet_cache_reads_total", kind="odds", result="hit")
    for _ in range(3):
        cache.read_through(cache.odds_key("metrics-test"), kind="odds", fetch=lambda: {"prices": 1})
    assert value("chatbet_cache_reads_total", kind="odds", result="miss") == misses + 1
    assert value("chatbet_cache_reads_total", kind="odds", result="hit") == hits + 2


def test_upstream_calls_errors_and_breaker_state_against_a_fake_upstream():
    from chatbet_project.errors import UpstreamUnavailable
    from sports.providers.http import ChatBetHTTPProvider
    from sports.tests.fake_upstream import FakeUpstream

    server = FakeUpstream().start()
    provider = ChatBetHTTPProvider(base_url=server.url, timeout=0.3, retries=0, backoff=0.001, backoff_max=0.01,
                                   fail_max=2, reset_timeout=30)
    try:
        calls = value("chatbet_upstream_calls_total", group="catalogue")
        errors = value("chatbet_upstream_errors_total", group="catalogue")
        assert provider.sports()
        server.inject("/sports", status=500, times=2)
        for _ in range(2):
            with pytest.raises(UpstreamUnavailable):
                provider.sports()
        assert value("chatbet_upstream_calls_total", group="catalogue") == calls + 3
        assert value("chatbet_upstream_errors_total", group="catalogue") == errors + 2
        assert value("chatbet_upstream_breaker_state", group="catalogue") == 2  # open
    finally:
        provider.close()
        server.stop()


def test_celery_task_runs_and_failures():
    from chatbet_project.celery import app

    @app.task(name="chatbet.tests.metrics_ok")
    def ok():
        return 1

    @app.task(name="chatbet.tests.metrics_boom")
    def boom():
        raise ValueError("boom")

    ok.apply()
    boom.apply()
    assert value("chatbet_celery_tasks_total", task="chatbet.tests.metrics_ok", state="succeeded") >= 1
    assert value("chatbet_celery_tasks_total", task="chatbet.tests.metrics_boom", state="failed") >= 1
    assert value("chatbet_celery_task_duration_seconds_count", task="chatbet.tests.metrics_ok") >= 1


@pytest.mark.django_db(transaction=True)
async def test_llm_tokens_are_counted_per_provider(settings):
    from chat.tests.fake_llm_servers import FakeLLM, Text, run_turn, turn_context

    with FakeLLM("gemini", settings) as fake:
        engine = fake.engine()
        before = value("chatbet_llm_tokens_total", provider=engine.name)
        fake.queue(Text("Hello!"))
        _, answer = await run_turn(engine, turn_context(message="hi"))
    assert value("chatbet_llm_tokens_total", provider=engine.name) == before + answer.token_count > before


def test_every_documented_metric_is_registered():
    body = metrics.generate_latest(REGISTRY).decode()
    for name in ("chatbet_http_requests_total", "chatbet_http_request_duration_seconds",
                 "chatbet_ws_connections_active", "chatbet_ws_messages_total", "chatbet_chat_turns_total",
                 "chatbet_chat_first_chunk_seconds", "chatbet_chat_answer_seconds", "chatbet_llm_tokens_total",
                 "chatbet_cache_reads_total", "chatbet_upstream_calls_total", "chatbet_upstream_errors_total",
                 "chatbet_upstream_breaker_state", "chatbet_bets_total", "chatbet_celery_tasks_total"):
        assert f"# TYPE {name.removesuffix('_total')}" in body or f"# TYPE {name}" in body, name


def test_multiprocess_mode_sums_the_processes_of_a_host(tmp_path):
    """With PROMETHEUS_MULTIPROC_DIR, one process's /metrics shows what every process counted."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import django, os, sys; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'chatbet_project.settings');"
        "django.setup(); from django.test import Client; c = Client(); c.get('/health/live');"
        "sys.stdout.write(c.get('/metrics').content.decode() if sys.argv[1] == 'read' else '')"
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "DJANGO_ENV": "development"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", script, "write"], env=env, cwd=root, check=True, timeout=60)
    out = subprocess.run([sys.executable, "-c", script, "read"], env=env, cwd=root, check=True, timeout=60,
                         capture_output=True, text=True).stdout
    assert 'chatbet_http_requests_total{method="GET",route="health-live",status="200"} 2.0' in out


def test_odd_frame_types_count_as_other_and_never_raise():
    before = value("chatbet_ws_messages_total", endpoint="chat", type="other")
    for odd in ([], {"a": 1}, None, 3, "x" * 500):
        metrics.ws_message("chat", odd)
    assert value("chatbet_ws_messages_total", endpoint="chat", type="other") == before + 5
