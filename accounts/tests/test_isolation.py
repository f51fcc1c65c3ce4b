"""Cross-user isolation end to end: JWT identities against the chat endpoints and socket resume.
Someone else's conversation is a 404 (never a 403 that would confirm it exists)."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework.test import APIClient

from accounts.services import issue_tokens
from accounts.tests.factories import UserFactory

ORIGIN = (b"origin", b"http://localhost:4200")


def _client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_tokens(user=user)[0]}")
    return client


@pytest.mark.stack
@pytest.mark.django_db
def test_a_second_user_gets_404_for_someone_elses_conversation_over_rest():
    alice, bob = UserFactory(), UserFactory()
    staff = UserFactory(is_staff=True)
    as_alice, as_bob = _client_for(alice), _client_for(bob)
    sent = as_alice.post("/api/v1/chat/message", {"message": "hello", "session_id": None, "user_id": "web"},
                         format="json")
    assert sent.status_code == 200, sent.json()
    session = sent.json()["session_id"]

    assert as_bob.get(f"/api/v1/chat/history/{session}").status_code == 404
    assert as_bob.delete(f"/api/v1/chat/history/{session}").status_code == 404
    assert as_bob.get(f"/api/v1/chat/conversations/{alice.pk}").status_code == 404
    assert APIClient().get(f"/api/v1/chat/history/{session}").status_code == 404  # anonymous too
    from chat.models import Conversation

    assert Conversation.objects.filter(session_id=session, owner=alice).exists()  # still there, still hers
    assert _client_for(staff).get(f"/api/v1/chat/conversations/{alice.pk}").status_code == 200


async def _open(path: str) -> tuple[WebsocketCommunicator, dict]:
    from chatbet_project.asgi import application

    ws = WebsocketCommunicator(application, path, headers=[ORIGIN])
    connected, _ = await ws.connect(timeout=10)
    assert connected
    ack = await ws.receive_json_from(timeout=10)
    assert ack["type"] == "connection_ack"
    return ws, ack


@pytest.fixture
def _close_thread_connections():
    yield
    from asgiref.sync import async_to_sync, sync_to_async
    from django.db import connections

    async_to_sync(sync_to_async(connections.close_all, thread_sensitive=True))()


@pytest.mark.django_db(transaction=True)
async def test_a_second_user_cannot_resume_someone_elses_session_over_websocket(_close_thread_connections):
    from chat.models import Conversation

    alice, bob = await database_sync_to_async(UserFactory)(), await database_sync_to_async(UserFactory)()
    alice_token = await database_sync_to_async(lambda: issue_tokens(user=alice)[0])()
    bob_token = await database_sync_to_async(lambda: issue_tokens(user=bob)[0])()
    session = str((await database_sync_to_async(Conversation.objects.create)(owner=alice)).session_id)

    intruder, ack = await _open(f"/ws/chat?user_id=shared&token={bob_token}&session_id={session}")
    assert ack["session_id"] != session
    await intruder.disconnect()

    owner, ack = await _open(f"/ws/chat?user_id=shared&token={alice_token}&session_id={session}")
    assert ack["session_id"] == session
    await owner.disconnect()
