"""Helpers for the chat socket tests: connect through the real ASGI stack, read whole turns."""

from __future__ import annotations

import contextlib

import pytest
from channels.testing import WebsocketCommunicator

BROWSER_ORIGIN = (b"origin", b"http://localhost:4200")
TURN_TIMEOUT = 10  # seconds: generous for a loaded CI machine; the offline engine answers in ms


def set_throttle_rates(settings, **rates: str) -> None:
    """Override some of DRF's throttle rates (the socket's quotas read the same settings) for one test."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates}}


async def open_chat(path: str = "/ws/chat?user_id=u1", *, headers=None) -> tuple[WebsocketCommunicator, dict]:
    """Connect like a browser client and return the socket and its `connection_ack`."""
    from chatbet_project.asgi import application

    ws = WebsocketCommunicator(application, path, headers=[BROWSER_ORIGIN, *(headers or [])])
    connected, code = await ws.connect(timeout=TURN_TIMEOUT)
    assert connected, f"connection refused with {code}"
    ack = await ws.receive_json_from(timeout=TURN_TIMEOUT)
    assert ack["type"] == "connection_ack"
    return ws, ack


async def read_turn(ws: WebsocketCommunicator, *, timeout: float = TURN_TIMEOUT) -> list[dict]:
    """Every frame of one turn, up to and including `typing: false` (or a lone notice/error)."""
    frames: list[dict] = []
    while True:
        frame = await ws.receive_json_from(timeout=timeout)
        frames.append(frame)
        if frame["type"] == "typing" and frame["is_typing"] is False:
            return frames
        if frame["type"] in ("notice", "error") and not any(f["type"] == "typing" for f in frames):
            return frames


async def receive_close(ws: WebsocketCommunicator, *, timeout: float = TURN_TIMEOUT) -> tuple[list[dict], int]:
    """Frames sent before the server closed the socket, and the close code."""
    import json

    frames = []
    while True:
        output = await ws.receive_output(timeout=timeout)
        if output["type"] == "websocket.close":
            return frames, output.get("code", 1000)
        frames.append(json.loads(output["text"]))


async def say(ws: WebsocketCommunicator, content: str, **extra) -> list[dict]:
    await ws.send_json_to({"type": "user_message", "content": content, "user_id": "web-client", **extra})
    return await read_turn(ws)


async def close_quietly(ws: WebsocketCommunicator) -> None:
    with contextlib.suppress(Exception):
        await ws.disconnect(timeout=TURN_TIMEOUT)


@pytest.fixture(autouse=True)
def _close_async_db_connections():
    """Async tests query through asgiref's shared worker thread and, on PostgreSQL, through the pool of
    database threads (chatbet_project/db.py); close their connections afterwards so PostgreSQL can drop
    the test database (CONN_MAX_AGE keeps them open otherwise)."""
    yield
    from asgiref.sync import SyncToAsync
    from django.db import connections

    from chatbet_project.db import close_database_thread_connections

    SyncToAsync.single_thread_executor.submit(connections.close_all).result(timeout=10)
    close_database_thread_connections()


@pytest.fixture
def fast_heartbeat(settings):
    settings.WS_HEARTBEAT_INTERVAL = 0.1
    settings.WS_IDLE_TIMEOUT = 0.5
    return settings


LLM_PROVIDERS = ["gemini", "openai_compatible", "langchain:gemini", "langchain:openai"]


@pytest.fixture(params=LLM_PROVIDERS)
def llm_provider(request) -> str:
    """Which fake model server `llm` starts: every provider, or the ones a module names by overriding this fixture."""
    return request.param


@pytest.fixture
def llm(llm_provider, settings):
    """A started fake model server (`fake_llm_servers.FakeLLM`) with the settings pointing the engine at it; the
    process's engine is built afresh against it (the registry caches one engine per process)."""
    from chat.engine.registry import get_engine

    from .fake_llm_servers import FakeLLM

    with FakeLLM(llm_provider, settings) as fake:
        get_engine.cache_clear()
        yield fake
    get_engine.cache_clear()
