"""A guest turn racing the claim of its guest leaves nothing on the ended guest.

A guest's turn is authenticated (its guest not ended yet), then a signed-in user claims the guest (the claim commits),
then the turn stores its conversation. Before, that conversation stayed on the ended guest: refused to the guest,
unclaimable (a repeated claim moves nothing), invisible to the account the guest became. Now whichever of the two
comes last moves it: the turn re-reads, after its write, whether its guest was claimed, and the claim moves the
guest's conversations once more after it commits. The interleavings are forced (a hook at the turn's write runs the
claim in another thread, with its own database connection), never timed. Through the real ASGI application (the
turn) and the REST claim.
"""

from __future__ import annotations

import threading

import pytest
from channels.db import database_sync_to_async
from django.db import connection, connections
from rest_framework.test import APIClient

from accounts.services import issue_tokens
from accounts.tests.factories import UserFactory
from chat.services import conversations, turn_rows
from chat.tests.conftest import close_quietly, open_chat, read_turn
from tests.security.conftest import asgi_request

pytestmark = pytest.mark.django_db(transaction=True)
PEER = "203.0.113.42"
WAIT = 30  # seconds an event may take before the test fails (never slept: each is set by the other side)


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def _guest() -> str:
    status, _, body = await asgi_request("POST", "/api/v1/auth/generate_token", client=PEER)
    assert status == 200, body
    return body["token"]


async def _signed_in() -> str:
    user = await database_sync_to_async(UserFactory)()
    access, _refresh = await database_sync_to_async(issue_tokens)(user=user)
    return access


class Claim(threading.Thread):
    """The REST claim of `guest` by `access`, in its own thread (so on its own database connection)."""

    def __init__(self, *, access: str, guest: str):
        super().__init__(daemon=True)
        self.access, self.guest, self.response = access, guest, None

    def run(self) -> None:
        try:
            client = APIClient(REMOTE_ADDR=PEER)
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {self.access}")
            self.response = client.post("/api/v1/auth/claim-guest", {"guest_token": self.guest}, format="json")
        finally:
            connections.close_all()

    def finish(self) -> dict:
        self.join(WAIT)
        assert not self.is_alive(), "the claim did not finish"
        assert self.response is not None and self.response.status_code == 200, self.response
        return self.response.json()


def _claim_before(monkeypatch, target, name: str, *, access: str, guest: str) -> list[Claim]:
    """Patch `target.name` so the first call runs the whole claim (committed) just before the real one: the turn
    was authenticated before the claim, and writes after it."""
    real, claims = getattr(target, name), []

    def claim_first(*args, **kwargs):
        if not claims:
            claims.append(Claim(access=access, guest=guest))
            claims[0].start()
            claims[0].finish()
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, claim_first)
    return claims


async def _conversations(token: str) -> list[str]:
    status, _, body = await asgi_request("GET", "/api/v1/chat/conversations", headers=_bearer(token), client=PEER)
    assert status == 200, body
    return [c["session_id"] for c in body["results"]]


async def _nothing_left_on(guest: str) -> None:
    from chat.models import Conversation

    sub = await database_sync_to_async(_guest_id)(guest)
    assert not await database_sync_to_async(Conversation.objects.filter(guest_id=sub).exists)()


def _guest_id(token: str) -> str:
    from accounts.authentication import GuestToken

    return GuestToken(token)["sub"]


@pytest.mark.stack
async def test_a_guests_first_message_stored_after_the_claim_commits_is_the_accounts(monkeypatch):
    guest, access = await _guest(), await _signed_in()
    claims = _claim_before(monkeypatch, turn_rows, "insert_conversation", access=access, guest=guest)
    status, _, answer = await asgi_request("POST", "/api/v1/chat/message", body={"message": "who plays tonight?"},
                                           headers=_bearer(guest), client=PEER)
    assert status == 200, answer  # authenticated before the claim: this one turn is answered
    assert claims and claims[0].response.json() == {"claimed_conversations": 0}  # nothing stored yet then
    assert await _conversations(access) == [answer["session_id"]]
    await _nothing_left_on(guest)
    again = APIClient(REMOTE_ADDR=PEER)
    again.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    retried = await database_sync_to_async(again.post)("/api/v1/auth/claim-guest", {"guest_token": guest},
                                                       format="json")
    assert retried.json() == {"claimed_conversations": 0}
    status, _, refused = await asgi_request("POST", "/api/v1/chat/message", body={"message": "and tomorrow?"},
                                            headers=_bearer(guest), client=PEER)
    assert status == 401, refused


@pytest.mark.stack
async def test_a_guest_socket_message_racing_the_claim_lands_in_the_account(monkeypatch):
    guest, access = await _guest(), await _signed_in()
    _claim_before(monkeypatch, turn_rows, "insert_conversation", access=access, guest=guest)
    socket, ack = await open_chat(f"/ws/chat?token={guest}")
    try:
        await socket.send_json_to({"type": "user_message", "content": "any football on saturday?"})
        frames = await read_turn(socket)
        assert any(frame["type"] == "streaming_end" for frame in frames), frames
    finally:
        await close_quietly(socket)
    assert await _conversations(access) == [ack["session_id"]]
    await _nothing_left_on(guest)


@pytest.mark.stack
async def test_a_guest_adopting_an_ownerless_conversation_as_the_claim_commits_hands_it_to_the_account(monkeypatch):
    status, _, first = await asgi_request("POST", "/api/v1/chat/message", body={"message": "hello"}, client=PEER)
    assert status == 200, first  # no token: an ownerless conversation
    guest, access = await _guest(), await _signed_in()
    _claim_before(monkeypatch, turn_rows, "adopt_ownerless", access=access, guest=guest)
    status, _, answer = await asgi_request(
        "POST", "/api/v1/chat/message", body={"message": "what are the odds today?", "session_id": first["session_id"]},
        headers=_bearer(guest), client=PEER)
    assert status == 200 and answer["session_id"] == first["session_id"], answer
    assert await _conversations(access) == [first["session_id"]]
    await _nothing_left_on(guest)


@pytest.mark.stack
async def test_a_guest_conversation_stored_while_the_claim_is_still_open_is_moved_when_it_commits(monkeypatch):
    """The other order: the claim has moved the guest's conversations but not committed yet when the turn stores a
    new one and re-reads the guest (not ended for it yet); the claim, once committed, moves it. Only PostgreSQL lets a
    second writer in while the claim's transaction is open (SQLite serialises them: the turn would wait for the
    commit, then see the guest ended — the first test's order)."""
    if connection.vendor != "postgresql":
        pytest.skip("two concurrent writers need PostgreSQL (the stack pass); on SQLite the first test's order holds")
    guest, access = await _guest(), await _signed_in()
    moved, checked = threading.Event(), threading.Event()
    real_transfer, real_insert, real_question = (conversations.transfer_guest_conversations,
                                                 turn_rows.insert_conversation, turn_rows.insert_question)
    claims: list[Claim] = []

    def transfer_then_hold(**kwargs):
        count = real_transfer(**kwargs)
        if not moved.is_set():  # inside the claim's transaction: hold it open until the turn has re-read
            moved.set()
            assert checked.wait(WAIT)
        return count

    def insert_after_the_move(**kwargs):
        claims.append(Claim(access=access, guest=guest))
        claims[0].start()
        assert moved.wait(WAIT)
        return real_insert(**kwargs)

    def question_then_commit(**kwargs):
        checked.set()  # the turn has stored its conversation and checked its guest: the claim may commit
        claims[0].finish()
        return real_question(**kwargs)

    monkeypatch.setattr(conversations, "transfer_guest_conversations", transfer_then_hold)
    monkeypatch.setattr(turn_rows, "insert_conversation", insert_after_the_move)
    monkeypatch.setattr(turn_rows, "insert_question", question_then_commit)
    status, _, answer = await asgi_request("POST", "/api/v1/chat/message", body={"message": "who plays tonight?"},
                                           headers=_bearer(guest), client=PEER)
    assert status == 200, answer
    assert claims[0].response.json() == {"claimed_conversations": 1}
    assert await _conversations(access) == [answer["session_id"]]
    await _nothing_left_on(guest)


@pytest.mark.django_db
def test_a_claim_inside_a_callers_transaction_moves_again_only_after_it_commits(django_capture_on_commit_callbacks):
    """Inside an outer transaction the claim's second move waits for the commit (before it, no racing turn could see
    the guest ended): a guest conversation stored after the claim but before the commit still reaches the account."""
    from django.db import transaction

    from accounts.services import claim_guest
    from chat.models import Conversation
    from chat.tests.factories import ConversationFactory

    user, guest = UserFactory(), "guest-in-an-outer-transaction"
    ConversationFactory(guest_id=guest)
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        assert claim_guest(user=user, guest_id=guest) == 1
        late = ConversationFactory(guest_id=guest)  # a turn's write the claim's first move did not see
    assert len(callbacks) == 1 and Conversation.objects.get(pk=late.pk).guest_id == guest
    callbacks[0]()
    assert not Conversation.objects.filter(guest_id=guest).exists()
    assert Conversation.objects.filter(owner=user).count() == 2
