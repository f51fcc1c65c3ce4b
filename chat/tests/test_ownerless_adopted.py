"""A conversation started without a token belongs to whoever holds its id, until a signed-in user or a guest speaks
in it: from then on it is theirs. Left ownerless, the user's balance and real-money slips in it were readable by
anyone holding the id (an anonymous client's history), and that holder could take over their socket."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts.services import issue_guest_token
from betting.tests import factories
from chat.tests.conftest import close_quietly, open_chat, say

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox
linked_user = factories.linked_user


def _ownerless_session(anonymous: APIClient) -> str:
    started = anonymous.post("/api/v1/chat/message", {"message": "hello"}, format="json")
    assert started.status_code == 200
    return started.json()["session_id"]


def test_a_users_balance_and_slip_in_an_ownerless_conversation_are_theirs_alone(sandbox, linked_user):
    anonymous, user = APIClient(), APIClient()
    user.force_authenticate(linked_user)
    session = _ownerless_session(anonymous)
    for message in ("what's my balance?", "bet 10 on Arsenal to win"):
        answer = user.post("/api/v1/chat/message", {"message": message, "session_id": session}, format="json")
        assert answer.status_code == 200 and answer.json()["session_id"] == session  # the user carries on in it
    assert answer.json()["bet_slip"]["state"] == "proposed"

    assert anonymous.get(f"/api/v1/chat/history/{session}").status_code == 404
    mine = user.get(f"/api/v1/chat/history/{session}").json()["messages"]
    assert [m["role"] for m in mine] == ["user", "assistant"] * 3 and "1000.00" in mine[3]["content"]
    again = anonymous.post("/api/v1/chat/message", {"message": "yes, place it", "session_id": session}, format="json")
    assert again.json()["session_id"] != session  # the holder of the id starts a conversation of their own
    assert user.get("/api/v1/bets/slips?state=proposed").json()[0]["id"] == answer.json()["bet_slip"]["id"]


async def test_a_guest_who_speaks_in_an_ownerless_session_keeps_it_from_the_id_holder(sandbox):
    first, ack = await open_chat("/ws/chat")
    session = ack["session_id"]
    try:
        await say(first, "hello")
    finally:
        await close_quietly(first)
    guest, resumed = await open_chat(f"/ws/chat/{session}?token={issue_guest_token()}")
    try:
        assert resumed["session_id"] == session
        await say(guest, "show me the odds for Arsenal")
        intruder, other = await open_chat(f"/ws/chat/{session}")  # the anonymous holder of the id comes back
        try:
            assert other["session_id"] != session  # a session of its own: no takeover of the guest's socket
            await intruder.send_json_to({"type": "history"})
            assert (await intruder.receive_json_from(timeout=10))["messages"] == []
        finally:
            await close_quietly(intruder)
        assert await guest.receive_nothing(timeout=0.2)  # not replaced
    finally:
        await close_quietly(guest)
