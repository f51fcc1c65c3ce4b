"""Attack pass 10 on confirmations: one slip confirmed over two transports at once places one bet.

The web chat's card confirms with `POST /api/v1/bets/slips/{id}/confirm` while the same user may type "yes,
place it" on the socket; a double click sends the REST confirm twice. Whatever arrives first, from whichever
transport, exactly one confirmation reaches the bookmaker and the stake is charged once (the slip's row lock and
its `proposed` check are the claim); the others are told the slip is no longer waiting, or (the database busy
with the winner: SQLite's lock, a PostgreSQL deadlock) to try again in a moment: 503 `database_busy` with
Retry-After, where a 500 "Internal server error" used to say nothing of what happened to the bet.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from channels.db import database_sync_to_async

from accounts.services import issue_tokens
from accounts.tests.factories import UserFactory
from betting.models import BetSlip
from betting.services.slips import reconcile_slip
from betting.tests import factories
from betting.tests.factories import bets_sent, link_user
from chat.tests.conftest import _close_async_db_connections, close_quietly, read_turn  # noqa: F401 - autouse
from tests.security.conftest import asgi_request, asgi_socket

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox


async def _balance(auth: dict) -> Decimal:
    status, _, body = await asgi_request("GET", "/api/v1/auth/balance", headers=auth)
    assert status == 200, body
    return Decimal(str(body["playable"]))


async def _proposed_over_the_socket(access: str):
    socket = asgi_socket(f"/ws/chat?token={access}")
    assert (await socket.connect())[0]
    await socket.receive_json_from(timeout=10)
    await socket.send_json_to({"type": "user_message", "content": "bet 10 on Arsenal to win"})
    end = (await read_turn(socket, timeout=30))[-2]
    assert end["type"] == "streaming_end" and end["bet_slip"]["state"] == "proposed", end
    return socket, end["bet_slip"]


@pytest.mark.stack
async def test_rest_confirms_and_a_socket_yes_at_once_place_one_bet(sandbox):
    user = await database_sync_to_async(lambda: link_user(UserFactory()))()
    access, _ = await database_sync_to_async(issue_tokens)(user=user)
    auth = {"Authorization": f"Bearer {access}"}
    socket, slip = await _proposed_over_the_socket(access)
    try:
        before = await _balance(auth)

        async def rest_confirm():
            return await asgi_request("POST", f"/api/v1/bets/slips/{slip['id']}/confirm", headers=auth, body={},
                                      timeout=60)

        async def socket_yes():
            await socket.send_json_to({"type": "user_message", "content": "yes, place it"})
            return await read_turn(socket, timeout=60)

        results = await asyncio.gather(socket_yes(), *[rest_confirm() for _ in range(4)])
        turn, confirms = results[0], results[1:]
        statuses = sorted(status for status, _, _ in confirms)
        assert all(status in (200, 409, 503) for status in statuses), confirms
        for status, headers, body in confirms:
            if status == 409:
                assert body["error_code"] == "already_confirmed" and body["details"]["slip"]["id"] == slip["id"]
            if status == 503:
                assert body["error_code"] == "database_busy" and int(headers["retry-after"]) >= 1
        # the socket's answer, whichever won; or, when its transaction lost the race for the slip's row (SQLite's
        # table lock), the same "busy, try again" REST gives, never "something went wrong"
        assert turn[-2]["type"] == "streaming_end" if len(turn) > 1 else turn[0]["error_code"] == "database_busy", turn

        assert await database_sync_to_async(bets_sent)() == 1
        stored = await database_sync_to_async(BetSlip.objects.get)(pk=slip["id"])
        if stored.state == BetSlip.State.PLACING:  # placed, but its record lost the lock (SQLite): the reconciler's
            assert await database_sync_to_async(reconcile_slip)(slip_id=slip["id"]) == BetSlip.State.PLACED
            stored = await database_sync_to_async(BetSlip.objects.get)(pk=slip["id"])
        assert stored.state == BetSlip.State.PLACED and stored.stake == Decimal("10.00")
        assert await database_sync_to_async(bets_sent)() == 1  # asked about by its key, never sent again
        assert await _balance(auth) == before - Decimal("10.00")
    finally:
        await close_quietly(socket)


async def test_a_guest_socket_never_gets_a_slip_and_cannot_confirm_one_over_rest(sandbox):
    status, _, body = await asgi_request("POST", "/api/v1/auth/generate_token")
    guest = body["token"]
    socket = asgi_socket(f"/ws/chat?token={guest}")
    assert (await socket.connect())[0]
    await socket.receive_json_from(timeout=10)
    try:
        await socket.send_json_to({"type": "user_message", "content": "bet 10 on Arsenal to win"})
        end = (await read_turn(socket, timeout=30))[-2]
        assert "bet_slip" not in end
        await socket.send_json_to({"type": "user_message", "content": "yes, place it"})
        assert "bet_slip" not in (await read_turn(socket, timeout=30))[-2]
        owner = await database_sync_to_async(lambda: link_user(UserFactory()))()
        access, _ = await database_sync_to_async(issue_tokens)(user=owner)
        other_socket, slip = await _proposed_over_the_socket(access)
        await close_quietly(other_socket)
        status, _, refused = await asgi_request("POST", f"/api/v1/bets/slips/{slip['id']}/confirm",
                                                headers={"Authorization": f"Bearer {guest}"}, body={})
        assert status == 403 and refused["error_code"] == "guest_not_allowed"
        assert await database_sync_to_async(bets_sent)() == 0
    finally:
        await close_quietly(socket)


class _Deadlock(Exception):
    sqlstate = "40P01"  # what psycopg reports for PostgreSQL's "deadlock detected"


def _busy_sqlite():
    from django.db import OperationalError

    return OperationalError("database table is locked: betting_betslip")


def _busy_postgresql():
    from django.db import OperationalError

    error = OperationalError("deadlock detected")
    error.__cause__ = _Deadlock()
    return error


@pytest.mark.parametrize("busy", [_busy_sqlite, _busy_postgresql])
@pytest.mark.parametrize(("language", "words"), [("en", "try again in a moment"), ("es", "inténtalo de nuevo"),
                                                 ("pt-BR", "tente de novo")])
def test_a_confirmation_refused_for_contention_is_503_try_again_never_a_500(busy, language, words, monkeypatch):
    from rest_framework.test import APIClient

    from betting.services import slips

    user = link_user(UserFactory())
    api = APIClient()
    api.force_authenticate(user)

    def contended(**kwargs):
        raise busy()

    monkeypatch.setattr(slips, "confirm_slip", contended)
    response = api.post("/api/v1/bets/slips/a18a7fb7-7646-4d41-a46e-0f6671e55caa/confirm", {}, format="json",
                        HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 503, response.content
    assert response.json()["error_code"] == "database_busy" and words in response.json()["message"]
    assert response["Retry-After"] == "1"


def test_any_other_database_error_is_still_a_500():
    from django.db import OperationalError

    from chatbet_project.errors import database_busy

    assert not database_busy(OperationalError("no such table: betting_betslip"))
    assert not database_busy(ValueError("locked"))
