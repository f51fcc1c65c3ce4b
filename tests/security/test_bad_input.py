"""Break 6: deeply nested JSON and huge bodies were a 500 (REST) or a 1011 close (sockets), and a
crashed socket left its presence and gauge counters behind."""

from __future__ import annotations

from unittest import mock

import pytest

from chat.services import presence
from chatbet_project import metrics

from .conftest import asgi_request, asgi_socket

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = {"Origin": "http://localhost:8000"}


def nested(depth: int) -> str:
    return '{"message": ' + "[" * depth + "1" + "]" * depth + "}"


@pytest.mark.parametrize("depth", [40, 1000, 100_000])
@pytest.mark.parametrize("path", ["/api/v1/chat/message", "/api/v1/auth/login", "/api/v1/auth/register"])
async def test_deeply_nested_json_is_a_400_with_the_error_body(path, depth):
    status, _, body = await asgi_request("POST", path, headers={"Content-Type": "application/json"},
                                         body=nested(depth).encode())
    assert status == 400, body
    assert body["error_code"] in ("parse_error", "validation_error") and "nested deeper" in body["message"]


@pytest.mark.parametrize("megabytes", [3, 10])
@pytest.mark.parametrize("path", ["/api/v1/chat/message", "/api/v1/auth/login"])
async def test_huge_bodies_are_a_413_before_they_are_read(path, megabytes):
    body = b'{"message": "' + b"a" * (megabytes * 1024 * 1024) + b'"}'
    status, headers, content = await asgi_request("POST", path, headers={"Content-Type": "application/json"},
                                                  body=body)
    assert status == 413 and content["error_code"] == "payload_too_large"
    # the same without a Content-Length (a chunked upload) is counted as it arrives
    status, _, content = await asgi_request("POST", path, headers={"Content-Type": "application/json"},
                                            body=body, declare_length=False)
    assert status == 413 and content["error_code"] == "payload_too_large"


async def test_a_body_just_under_the_limit_is_still_read(settings):
    settings.MAX_REQUEST_BODY_BYTES = 4096
    status, _, body = await asgi_request("POST", "/api/v1/chat/message",
                                         body={"message": "hello", "context": {"note": "x" * 3000}}, timeout=30)
    assert status == 200, body
    status, _, _ = await asgi_request("POST", "/api/v1/chat/message", body={"message": "x" * 5000})
    assert status == 413


@pytest.mark.parametrize("path, first", [("/ws/chat", "connection_ack"), ("/ws/sports-updates", "connection_status")])
async def test_sockets_answer_deep_json_with_an_error_frame_and_stay_open(path, first):
    socket = asgi_socket(path, headers=ORIGIN)
    assert (await socket.connect())[0]
    try:
        assert (await socket.receive_json_from(timeout=10))["type"] == first
        for depth in (40, 1000, 100_000):
            await socket.send_to(text_data='{"type": "ping", "x": ' + "[" * depth + "]" * depth + "}")
            frame = await socket.receive_json_from(timeout=10)
            assert frame["type"] == "error" and frame["error_code"] == "invalid_json", frame
        await socket.send_json_to({"type": "ping"})
        assert (await socket.receive_json_from(timeout=10))["type"] == "pong"
    finally:
        await socket.disconnect()


def _open_gauge(endpoint: str) -> float:
    return metrics.WS_CONNECTIONS_ACTIVE.labels(endpoint=endpoint)._value.get()


async def test_a_socket_that_crashes_releases_its_presence_and_gauge():
    before_connections = presence.snapshot()["connections"]
    before_gauge = _open_gauge("chat")
    socket = asgi_socket("/ws/chat", headers=ORIGIN)
    assert (await socket.connect())[0]
    await socket.receive_json_from(timeout=10)
    assert presence.snapshot()["connections"] == before_connections + 1
    assert _open_gauge("chat") == before_gauge + 1
    with mock.patch("chat.transport.consumers.ChatConsumer._on_user_message", side_effect=RuntimeError("boom")):
        await socket.send_json_to({"type": "user_message", "content": "hello"})
        with pytest.raises(RuntimeError):  # the consumer died: the socket is gone (1011 under daphne)
            await socket.receive_output(timeout=10)
    assert presence.snapshot()["connections"] == before_connections
    assert _open_gauge("chat") == before_gauge


async def test_a_sports_socket_that_crashes_releases_its_gauge():
    before = _open_gauge("sports")
    socket = asgi_socket("/ws/sports-updates", headers=ORIGIN)
    assert (await socket.connect())[0]
    await socket.receive_json_from(timeout=10)
    assert _open_gauge("sports") == before + 1
    with mock.patch("sports.consumers.SportsUpdatesConsumer._subscribe", side_effect=RuntimeError("boom")):
        await socket.send_json_to({"type": "subscribe", "fixture_ids": ["1"]})
        with pytest.raises(RuntimeError):
            await socket.receive_output(timeout=10)
    assert _open_gauge("sports") == before
