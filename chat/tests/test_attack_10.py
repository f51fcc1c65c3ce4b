"""Attack pass 10 on the chat socket: frames that are not chat messages must not multiply a quota.

A `history` frame reads up to CHAT_HISTORY_LIMIT messages from the database, exactly what
`GET /api/v1/chat/history/<id>` answers; the REST read was throttled (THROTTLE_ANON per address for guests and
anonymous clients, THROTTLE_USER per user) but the socket answered every frame, so one socket read the
database hundreds of times a second. History frames now spend the same counters as the REST reads, and a client
that keeps asking past them is cut off with 4429 like a chat flood.
"""

from __future__ import annotations

import pytest

from tests.security.conftest import asgi_request, asgi_socket

from .conftest import close_quietly, read_turn, receive_close
from .test_consumers import assert_error

pytestmark = pytest.mark.django_db(transaction=True)


def _rates(settings, **rates: str) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates}}


async def _guest_socket(client: str = "203.0.113.10"):
    status, _, body = await asgi_request("POST", "/api/v1/auth/generate_token", client=client)
    assert status == 200, body
    socket = asgi_socket(f"/ws/chat?token={body['token']}", client=client)
    connected, _ = await socket.connect()
    assert connected
    ack = await socket.receive_json_from(timeout=10)
    return socket, ack, body["token"]


async def test_history_frames_are_read_quota_then_the_socket_is_closed(settings):
    _rates(settings, anon="3/min")
    settings.WS_RATE_LIMIT_STRIKES = 2
    socket, ack, _token = await _guest_socket()
    try:
        for _ in range(2):  # the token mint spent one read of this address: two left
            await socket.send_json_to({"type": "history"})
            assert (await socket.receive_json_from(timeout=10))["type"] == "history"
        await socket.send_json_to({"type": "history"})
        refused = await socket.receive_json_from(timeout=10)
        assert_error(refused, "rate_limited")
        assert "try again in" in refused["data"]
        await socket.send_json_to({"type": "ping"})  # a ping costs nothing: still answered
        assert (await socket.receive_json_from(timeout=10))["type"] == "pong"
        await socket.send_json_to({"type": "history"})
        frames, code = await receive_close(socket)
        assert_error(frames[0], "rate_limited")
        assert code == 4429
    finally:
        await close_quietly(socket)


async def test_a_socket_and_rest_share_one_read_quota(settings):
    _rates(settings, anon="4/min")
    socket, ack, token = await _guest_socket()
    try:
        await socket.send_json_to({"type": "user_message", "content": "hello"})
        assert (await read_turn(socket))[-2]["type"] == "streaming_end"
        auth = {"Authorization": f"Bearer {token}"}
        for _ in range(2):
            status, _, _ = await asgi_request("GET", f"/api/v1/chat/history/{ack['session_id']}", headers=auth,
                                              client="203.0.113.10")
            assert status == 200
        await socket.send_json_to({"type": "history"})  # the 4th read of this address this minute (the mint was one)
        assert (await socket.receive_json_from(timeout=10))["type"] == "history"
        status, _, body = await asgi_request("GET", f"/api/v1/chat/history/{ack['session_id']}", headers=auth,
                                             client="203.0.113.10")
        assert status == 429, body
        await socket.send_json_to({"type": "history"})
        assert_error(await socket.receive_json_from(timeout=10), "rate_limited")
    finally:
        await close_quietly(socket)


async def test_a_user_socket_spends_the_users_read_quota(settings):
    from channels.db import database_sync_to_async

    from accounts.services import issue_tokens
    from accounts.tests.factories import UserFactory

    _rates(settings, user="2/min")
    user = await database_sync_to_async(UserFactory)()
    access, _refresh = await database_sync_to_async(issue_tokens)(user=user)
    socket = asgi_socket(f"/ws/chat?token={access}", client="203.0.113.11")
    assert (await socket.connect())[0]
    await socket.receive_json_from(timeout=10)
    try:
        for _ in range(2):
            await socket.send_json_to({"type": "history"})
            assert (await socket.receive_json_from(timeout=10))["type"] == "history"
        await socket.send_json_to({"type": "history"})
        assert_error(await socket.receive_json_from(timeout=10), "rate_limited")
        await socket.send_json_to({"type": "user_message", "content": "hello"})  # chat has its own quota
        assert (await read_turn(socket))[-2]["type"] == "streaming_end"
    finally:
        await close_quietly(socket)
