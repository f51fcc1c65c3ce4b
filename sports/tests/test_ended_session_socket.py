"""`/ws/sports-updates` opened with a user's token closes (4401) once that session ended (a logout, a new password),
as `/ws/chat` does: at the client's next frame, and at the next push (re-checked at most every
WS_SESSION_RECHECK_SECONDS), instead of streaming on to whoever still holds the socket. Through the real ASGI app."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework.test import APIClient

from accounts.services import issue_tokens
from accounts.tests.factories import UserFactory
from chatbet_project.asgi import application
from sports.services import fixtures, warming

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = [(b"origin", b"http://localhost:4200")]


async def _signed_in() -> tuple[object, str, str]:
    user = await sync_to_async(UserFactory)()
    access, refresh = await sync_to_async(issue_tokens)(user=user)
    return user, access, refresh


async def _subscribed(token: str, fixture_id: str) -> WebsocketCommunicator:
    ws = WebsocketCommunicator(application, f"/ws/sports-updates?token={token}", headers=ORIGIN)
    connected, _ = await ws.connect()
    assert connected
    assert (await ws.receive_json_from())["status"] == "connected"
    await ws.send_json_to({"type": "subscribe", "fixture_ids": [fixture_id]})
    assert (await ws.receive_json_from())["subscriptions"]["fixture_ids"] == [fixture_id]
    return ws


async def _next_output(ws: WebsocketCommunicator) -> dict:
    return await ws.receive_output(timeout=3)


def _logout(access: str, refresh: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client.post("/api/v1/auth/logout", {"refresh": refresh}, format="json").status_code


def _new_password(user) -> None:
    user.set_password("An0ther-Long-Passphrase")
    user.save()


async def _upcoming_fixture() -> str:
    fixture = await sync_to_async(lambda: next(f for f in fixtures.find_fixtures() if f.sport_id == "1"
                                               and not f.is_live))()
    await sync_to_async(warming.warm_odds)()  # the baseline the next change is measured against
    return fixture.id


async def test_after_a_password_change_the_next_frame_closes_the_socket_unanswered(sandbox):
    fixture_id = await _upcoming_fixture()
    user, access, _refresh = await _signed_in()
    ws = await _subscribed(access, fixture_id)
    await ws.send_json_to({"type": "ping"})
    assert (await ws.receive_json_from())["type"] == "pong"  # the session stands: answered
    await sync_to_async(_new_password)(user)
    await ws.send_json_to({"type": "ping"})
    assert await _next_output(ws) == {"type": "websocket.close", "code": 4401}  # no pong first
    await ws.disconnect()


@pytest.mark.stack
async def test_after_a_logout_a_push_closes_the_socket_and_another_users_socket_gets_it(sandbox, settings):
    settings.WS_SESSION_RECHECK_SECONDS = 0  # every push re-checks (production: at most every 30 s)
    fixture_id = await _upcoming_fixture()
    _user, access, refresh = await _signed_in()
    _other, other_access, _other_refresh = await _signed_in()
    ended, standing = await _subscribed(access, fixture_id), await _subscribed(other_access, fixture_id)
    assert await sync_to_async(_logout)(access, refresh) == 204
    sandbox.advance(600)
    await sync_to_async(warming.warm_odds)()
    assert await _next_output(ended) == {"type": "websocket.close", "code": 4401}  # the update not sent
    update = await standing.receive_json_from(timeout=3)
    assert update["type"] == "sports_update" and update["fixture_id"] == fixture_id
    await ended.disconnect()
    await standing.disconnect()


async def test_pushes_recheck_the_session_at_most_every_interval(sandbox, settings):
    """A socket whose session ended a moment after its last check gets pushes until the interval is up: one lookup
    per socket per interval, not per push (a busy fixture pushes many)."""
    settings.WS_SESSION_RECHECK_SECONDS = 3600
    fixture_id = await _upcoming_fixture()
    user, access, _refresh = await _signed_in()
    ws = await _subscribed(access, fixture_id)  # checked at the handshake and at the subscribe
    await sync_to_async(_new_password)(user)
    sandbox.advance(600)
    await sync_to_async(warming.warm_odds)()
    assert (await ws.receive_json_from(timeout=3))["type"] == "sports_update"
    await ws.send_json_to({"type": "ping"})  # a client frame is always checked
    assert await _next_output(ws) == {"type": "websocket.close", "code": 4401}
    await ws.disconnect()


async def test_a_database_that_cannot_check_the_session_keeps_the_public_odds_socket(sandbox, monkeypatch):
    """The odds are public: a session check the database cannot answer leaves the socket open (logged), as an
    anonymous one would be; the next frame is answered, not a 1011 crash."""
    from django.db import OperationalError

    from accounts import ws_auth

    fixture_id = await _upcoming_fixture()
    _user, access, _refresh = await _signed_in()
    ws = await _subscribed(access, fixture_id)

    def busy(token):
        raise OperationalError("database is locked")

    monkeypatch.setattr(ws_auth, "_token_stands", busy)
    await ws.send_json_to({"type": "ping"})
    assert (await ws.receive_json_from())["type"] == "pong"
    await ws.disconnect()
