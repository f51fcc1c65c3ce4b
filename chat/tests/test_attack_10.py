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

from .conftest import close_quietly, read_turn, receive_close, set_throttle_rates
from .test_consumers import assert_error

pytestmark = pytest.mark.django_db(transaction=True)


async def _guest_socket(client: str = "203.0.113.10"):
    status, _, body = await asgi_request("POST", "/api/v1/auth/generate_token", client=client)
    assert status == 200, body
    socket = asgi_socket(f"/ws/chat?token={body['token']}", client=client)
    connected, _ = await socket.connect()
    assert connected
    ack = await socket.receive_json_from(timeout=10)
    return socket, ack, body["token"]


async def test_history_frames_are_read_quota_then_the_socket_is_closed(settings):
    set_throttle_rates(settings, anon="3/min")
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
    set_throttle_rates(settings, anon="4/min")
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

    set_throttle_rates(settings, user="2/min")
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


# --- claim-guest: a guest's conversations go to one user, once; the guest's socket cannot follow them -----------


async def _claim(guest_token: str, access: str) -> tuple[int, dict]:
    for _ in range(5):  # a claim refused for contention (503 database_busy) changed nothing: try again, as told
        status, _, body = await asgi_request("POST", "/api/v1/auth/claim-guest", body={"guest_token": guest_token},
                                             headers={"Authorization": f"Bearer {access}"})
        if status != 503:
            return status, body
    return status, body


async def test_two_users_claiming_one_guest_at_once_split_nothing_and_the_guest_is_ended():
    import asyncio

    from channels.db import database_sync_to_async

    from accounts.services import issue_tokens
    from accounts.tests.factories import UserFactory
    from chat.models import Conversation

    socket, ack, guest = await _guest_socket(client="203.0.113.12")
    try:
        await socket.send_json_to({"type": "user_message", "content": "hello"})
        assert (await read_turn(socket))[-2]["type"] == "streaming_end"
        users = [await database_sync_to_async(UserFactory)() for _ in range(2)]
        access = [(await database_sync_to_async(issue_tokens)(user=user))[0] for user in users]
        results = await asyncio.gather(*[_claim(guest, token) for token in access])
        assert [status for status, _ in results] == [200, 200], results
        assert sorted(body["claimed_conversations"] for _, body in results) == [0, 1]
        winner = next(user for user, (_, body) in zip(users, results, strict=True) if body["claimed_conversations"])
        claimed = Conversation.objects.filter(session_id=ack["session_id"])
        owners = await database_sync_to_async(lambda: list(claimed.values_list("owner_id", "guest_id")))()
        assert owners == [(winner.pk, None)]

        # the claimed guest is ended, like a logout: its open socket is closed at its next message, unanswered, and
        # its token reads nothing more (accounts/tests/test_claimed_guest_ends.py)
        await socket.send_json_to({"type": "user_message", "content": "still here"})
        frames, code = await receive_close(socket)
        assert code == 4401 and frames == []
        status, _, _ = await asgi_request("GET", f"/api/v1/chat/history/{ack['session_id']}",
                                          headers={"Authorization": f"Bearer {guest}"}, client="203.0.113.12")
        assert status == 401
    finally:
        await close_quietly(socket)


async def test_a_guest_token_is_no_user_token_anywhere():
    status, _, body = await asgi_request("POST", "/api/v1/auth/generate_token", client="203.0.113.13")
    guest = body["token"]
    for path, payload in (("/api/v1/auth/refresh", {"refresh": guest}), ("/api/v1/auth/logout", {"refresh": guest})):
        status, _, refused = await asgi_request("POST", path, body=payload, client="203.0.113.13")
        assert status == 401 and refused["error_code"] == "token_not_valid", (path, refused)
    status, _, refused = await asgi_request("POST", "/api/v1/auth/claim-guest", body={"guest_token": guest},
                                            headers={"Authorization": f"Bearer {guest}"}, client="203.0.113.13")
    assert status == 403 and refused["error_code"] == "guest_not_allowed"


# --- error paths: a user id no database column can hold is "not found", never a 500 ---------------------------------


@pytest.mark.parametrize("user_id", ["9" * 40, "99999999999999999999", str(2**63)])
def test_a_staff_lookup_of_an_impossible_user_id_is_404_not_500(user_id):
    from rest_framework.test import APIClient

    from accounts.tests.factories import UserFactory

    staff = APIClient()
    staff.force_authenticate(UserFactory(is_staff=True))
    response = staff.get(f"/api/v1/chat/conversations/{user_id}")
    assert response.status_code == 404 and response.json()["error_code"] == "conversations_not_found"
    biggest = staff.get(f"/api/v1/chat/conversations/{2**63 - 1}")
    assert biggest.status_code == 200 and biggest.json()["count"] == 0
