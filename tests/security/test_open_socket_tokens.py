"""A chat socket opened with an access token speaks as its user only while that token stands: after logout, after
the token's family was revoked for a reused refresh token (the thief's socket), or once it expired, the next
message closes the socket with 4401 and is not answered. An open socket used to keep the identity for as long as
it was kept alive, balance and real-money bets included."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from chat.tests.conftest import read_turn

from .conftest import asgi_request, asgi_socket
from .test_tokens import _login, _refresh

pytestmark = pytest.mark.django_db(transaction=True)


async def _open(access: str):
    socket = asgi_socket(f"/ws/chat?token={access}")
    connected, _ = await socket.connect()
    assert connected and (await socket.receive_json_from(timeout=10))["type"] == "connection_ack"
    await socket.send_json_to({"type": "user_message", "content": "hello"})
    assert (await read_turn(socket, timeout=30))[-2]["type"] == "streaming_end"
    return socket


async def _closed_at_next_message(socket) -> int:
    await socket.send_json_to({"type": "user_message", "content": "what's my balance?"})
    output = await socket.receive_output(timeout=10)
    return output.get("code") if output["type"] == "websocket.close" else output


async def test_logout_closes_the_sessions_open_socket_at_its_next_message():
    tokens = await _login()
    socket = await _open(tokens["access"])
    status, _, _ = await asgi_request("POST", "/api/v1/auth/logout", body={"refresh": tokens["refresh"]})
    assert status == 204
    assert await _closed_at_next_message(socket) == 4401


async def test_logout_closes_the_sessions_open_socket_when_it_asks_for_its_history():
    tokens = await _login()
    socket = await _open(tokens["access"])
    status, _, _ = await asgi_request("POST", "/api/v1/auth/logout", body={"refresh": tokens["refresh"]})
    assert status == 204
    await socket.send_json_to({"type": "history"})
    assert (await socket.receive_output(timeout=10)).get("code") == 4401


async def test_a_thiefs_open_socket_dies_with_the_family_a_reused_refresh_token_revoked():
    tokens = await _login()
    thief = await _open(tokens["access"])
    assert (await _refresh(tokens["refresh"]))[0] == 200  # the victim rotates
    assert (await _refresh(tokens["refresh"]))[0] == 401  # the thief reuses the spent token: family revoked
    assert await _closed_at_next_message(thief) == 4401


async def test_an_expired_access_token_closes_its_socket_at_the_next_message():
    tokens = await _login()
    socket = await _open(tokens["access"])
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert await _closed_at_next_message(socket) == 4401


async def test_a_guest_socket_within_its_token_lifetime_keeps_answering():
    status, _, body = await asgi_request("POST", "/api/v1/auth/generate_token")
    socket = await _open(body["token"])
    await socket.send_json_to({"type": "user_message", "content": "fixtures today"})
    assert (await read_turn(socket, timeout=30))[-2]["type"] == "streaming_end"
    await socket.disconnect()
