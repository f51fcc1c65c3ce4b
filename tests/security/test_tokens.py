"""Break 3 (refresh tokens forked under parallel refreshes) and the access-token denylist after logout."""

from __future__ import annotations

import asyncio

import pytest
from channels.db import database_sync_to_async

from accounts.tests.factories import PASSWORD, UserFactory

from .conftest import asgi_request, asgi_socket

pytestmark = pytest.mark.django_db(transaction=True)


async def _login() -> dict:
    user = await database_sync_to_async(UserFactory)()
    status, _, body = await asgi_request("POST", "/api/v1/auth/login",
                                         body={"username": user.username, "password": PASSWORD})
    assert status == 200, body
    return body


async def _refresh(refresh: str) -> tuple[int, dict]:
    status, _, body = await asgi_request("POST", "/api/v1/auth/refresh", body={"refresh": refresh}, timeout=60)
    return status, body


async def _me(access: str) -> int:
    return (await asgi_request("GET", "/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"}))[0]


@pytest.mark.stack
async def test_twenty_parallel_refreshes_of_one_token_make_one_winner_and_no_fork():
    tokens = await _login()
    results = await asyncio.gather(*[_refresh(tokens["refresh"]) for _ in range(20)])
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] + [401] * 19, statuses
    assert all(body["error_code"] == "token_not_valid" for status, body in results if status == 401)
    # the losers presented a spent token: two parties hold it, so the whole family is revoked,
    # the winner's fresh pair and the original access token included
    winner = next(body for status, body in results if status == 200)
    assert (await _refresh(winner["refresh"]))[0] == 401
    assert await _me(winner["access"]) == 401
    assert await _me(tokens["access"]) == 401


@pytest.mark.stack
async def test_reusing_a_rotated_refresh_token_revokes_the_family():
    tokens = await _login()
    status, rotated = await _refresh(tokens["refresh"])
    assert status == 200 and await _me(rotated["access"]) == 200
    status, again = await _refresh(rotated["refresh"])  # normal use keeps working
    assert status == 200
    assert (await _refresh(tokens["refresh"]))[0] == 401  # the thief replays the first token
    assert (await _refresh(again["refresh"]))[0] == 401  # ... and the legitimate holder is logged out too
    assert await _me(again["access"]) == 401
    other = await _login()  # another login (another family) is untouched
    assert await _me(other["access"]) == 200


async def test_an_access_token_is_refused_after_logout_over_rest_and_websocket():
    tokens = await _login()
    assert await _me(tokens["access"]) == 200
    status, _, _ = await asgi_request("POST", "/api/v1/auth/logout", body={"refresh": tokens["refresh"]},
                                      headers={"Authorization": f"Bearer {tokens['access']}"})
    assert status == 204
    assert await _me(tokens["access"]) == 401
    socket = asgi_socket(f"/ws/chat?token={tokens['access']}")
    connected, _ = await socket.connect()
    assert connected and (await socket.receive_output(timeout=5))["code"] == 4401
    assert (await _refresh(tokens["refresh"]))[0] == 401


async def test_logout_without_the_access_token_still_ends_every_token_of_the_session():
    tokens = await _login()
    status, rotated = await _refresh(tokens["refresh"])
    assert status == 200
    status, _, _ = await asgi_request("POST", "/api/v1/auth/logout", body={"refresh": rotated["refresh"]})
    assert status == 204
    assert await _me(rotated["access"]) == 401  # same family (the `fam` claim), no header needed
    assert await _me(tokens["access"]) == 401
    # logging out twice is refused like any spent token
    assert (await asgi_request("POST", "/api/v1/auth/logout", body={"refresh": rotated["refresh"]}))[0] == 401


async def test_a_forged_refresh_token_cannot_revoke_someone_elses_family():
    import jwt
    from django.conf import settings

    tokens = await _login()
    claims = jwt.decode(tokens["refresh"], options={"verify_signature": False})
    forged = jwt.encode(claims, settings.SECRET_KEY + "-not", algorithm="HS256")
    assert (await _refresh(forged))[0] == 401
    assert (await _refresh(tokens["refresh"]))[0] == 200
