"""A guest token whose conversations a signed-in user claimed is ended, like a logout: the guest chatted, then logged
in, and the chat moved to the account. Before, the guest token went on working (REST and sockets), so a second tab or
whoever held it kept chatting as that guest, and what it said then could be claimed again, by anyone holding it.
Through the real ASGI application."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from accounts.services import issue_tokens
from accounts.tests.factories import UserFactory
from chat.tests.conftest import BROWSER_ORIGIN, close_quietly, open_chat, read_turn, receive_close
from chatbet_project.asgi import application
from tests.security.conftest import asgi_request

pytestmark = pytest.mark.django_db(transaction=True)
PEER = "203.0.113.41"


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def _guest() -> str:
    status, _, body = await asgi_request("POST", "/api/v1/auth/generate_token", client=PEER)
    assert status == 200, body
    return body["token"]


async def _chat(token: str, message: str) -> tuple[int, dict]:
    status, _, body = await asgi_request("POST", "/api/v1/chat/message", body={"message": message},
                                         headers=_bearer(token), client=PEER)
    return status, body


async def _claim(access: str, guest: str) -> tuple[int, dict]:
    status, _, body = await asgi_request("POST", "/api/v1/auth/claim-guest", body={"guest_token": guest},
                                         headers=_bearer(access), client=PEER)
    return status, body


async def _signed_in() -> str:
    user = await database_sync_to_async(UserFactory)()
    access, _refresh = await database_sync_to_async(issue_tokens)(user=user)
    return access


@pytest.mark.stack
async def test_a_claimed_guest_token_chats_no_more_and_leaves_nothing_to_claim():
    guest, access = await _guest(), await _signed_in()
    status, first = await _chat(guest, "which matches are on tomorrow?")
    assert status == 200, first
    assert await _claim(access, guest) == (200, {"claimed_conversations": 1})

    status, refused = await _chat(guest, "and the odds for the first one?")
    assert status == 401 and "revoked" in refused["message"], refused  # as a logged-out token is told
    status, _, refused = await asgi_request("GET", "/api/v1/chat/conversations", headers=_bearer(guest), client=PEER)
    assert status == 401, refused

    status, _, mine = await asgi_request("GET", "/api/v1/chat/conversations", headers=_bearer(access), client=PEER)
    assert status == 200 and [c["session_id"] for c in mine["results"]] == [first["session_id"]], mine
    # a retried claim (the answer was lost) moves nothing more and fails nothing
    assert await _claim(access, guest) == (200, {"claimed_conversations": 0})


async def test_someone_else_holding_the_claimed_token_claims_nothing():
    guest, owner, other = await _guest(), await _signed_in(), await _signed_in()
    assert (await _chat(guest, "who plays this weekend?"))[0] == 200
    assert await _claim(owner, guest) == (200, {"claimed_conversations": 1})
    await _chat(guest, "and who plays on monday?")  # refused: nothing new is the guest's
    assert await _claim(other, guest) == (200, {"claimed_conversations": 0})
    status, _, theirs = await asgi_request("GET", "/api/v1/chat/conversations", headers=_bearer(other), client=PEER)
    assert status == 200 and theirs["results"] == [], theirs


async def test_another_guest_keeps_chatting_after_one_is_claimed():
    claimed, other, access = await _guest(), await _guest(), await _signed_in()
    assert (await _chat(claimed, "hello"))[0] == 200
    assert (await _claim(access, claimed))[0] == 200
    status, body = await _chat(other, "hello there")
    assert status == 200, body


async def test_a_claimed_guests_open_chat_socket_closes_at_its_next_message_and_cannot_reopen():
    guest, access = await _guest(), await _signed_in()
    socket, _ack = await open_chat(f"/ws/chat?token={guest}")
    try:
        await socket.send_json_to({"type": "user_message", "content": "what's on today?"})
        assert (await read_turn(socket))[-2]["type"] == "streaming_end"
        assert await _claim(access, guest) == (200, {"claimed_conversations": 1})
        await socket.send_json_to({"type": "user_message", "content": "and tomorrow?"})
        frames, code = await receive_close(socket)
        assert code == 4401 and frames == []  # unanswered
    finally:
        await close_quietly(socket)
    again = WebsocketCommunicator(application, f"/ws/chat?token={guest}", headers=[BROWSER_ORIGIN])
    connected, _ = await again.connect(timeout=10)
    assert connected  # accepted, then closed with the code a browser can read
    assert (await again.receive_output(timeout=10)) == {"type": "websocket.close", "code": 4401}
    await close_quietly(again)
