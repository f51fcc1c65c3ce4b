"""Break 4 (guest tokens multiplied the chat quota) and break 2 (login as a CPU denial of service)."""

from __future__ import annotations

import asyncio
from unittest import mock

import pytest
from channels.db import database_sync_to_async

from accounts.passwords import password_check_slot
from accounts.tests.factories import PASSWORD, UserFactory

from .conftest import asgi_request, asgi_socket

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rates(settings):
    def set_rates(**rates: str) -> None:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates}}
    return set_rates


async def _guest(client: str) -> str:
    status, _, body = await asgi_request("POST", "/api/v1/auth/generate_token", client=client)
    assert status == 200, body
    return body["token"]


async def _chat(token: str, client: str) -> int:
    status, _, _ = await asgi_request("POST", "/api/v1/chat/message", client=client, timeout=30,
                                      headers={"Authorization": f"Bearer {token}"}, body={"message": "hello"})
    return status


async def _socket_turn(socket) -> str:
    """Send one message: "answered", or the error code it got."""
    from uuid import uuid4

    from chat.tests.conftest import read_turn

    await socket.send_json_to({"type": "user_message", "content": f"hello {uuid4().hex[:6]}"})
    frames = await read_turn(socket, timeout=30)
    errors = [frame["error_code"] for frame in frames if frame["type"] == "error"]
    return errors[0] if errors else "answered"


@pytest.mark.stack
async def test_more_guest_tokens_do_not_buy_more_chat_turns_from_one_address(rates, settings):
    rates(chat="3/min", chat_ip="5/min", anon="1000/min")
    settings.WS_RATE_LIMIT_STRIKES = 100
    tokens = [await _guest("203.0.113.20") for _ in range(3)]
    answered = [await _chat(token, "203.0.113.20") for token in tokens for _ in range(2)]  # 6 tries, 3 tokens
    assert answered == [200, 200, 200, 200, 200, 429]
    # the WebSocket spends the same per-address counter: a fresh guest on a socket gets nothing more
    socket = asgi_socket(f"/ws/chat?token={await _guest('203.0.113.20')}", client="203.0.113.20")
    assert (await socket.connect())[0]
    assert (await socket.receive_json_from(timeout=10))["type"] == "connection_ack"
    try:
        assert await _socket_turn(socket) == "rate_limited"
    finally:
        await socket.disconnect()
    # another address is not affected
    assert await _chat(await _guest("203.0.113.21"), "203.0.113.21") == 200


async def test_websocket_guests_share_the_per_address_quota(rates, settings):
    rates(chat="10/min", chat_ip="4/min", anon="1000/min")
    settings.WS_RATE_LIMIT_STRIKES = 100
    sockets = [asgi_socket(f"/ws/chat?token={await _guest('203.0.113.30')}", client="203.0.113.30") for _ in range(2)]
    try:
        for socket in sockets:
            assert (await socket.connect())[0]
            await socket.receive_json_from(timeout=10)
        results = [await _socket_turn(socket) for socket in sockets for _ in range(3)]
    finally:
        for socket in sockets:
            await socket.disconnect()
    assert results.count("answered") == 4 and results[-2:] == ["rate_limited", "rate_limited"]


async def test_the_socket_chat_quota_holds_when_redis_is_down(rates, settings):
    """With nothing listening where the cache should be, each socket message is still counted, in this
    process, and the quota refuses: a security limit never fails open (the socket's counter runs on a
    thread; the REST counters have their own outage test above)."""
    from conftest import free_port

    rates(chat="2/min", chat_ip="100/min", anon="1000/min")
    settings.WS_RATE_LIMIT_STRIKES = 100
    socket = asgi_socket(f"/ws/chat?token={await _guest('203.0.113.35')}", client="203.0.113.35")
    assert (await socket.connect())[0]
    assert (await socket.receive_json_from(timeout=10))["type"] == "connection_ack"
    working = settings.CACHES
    try:  # Redis goes away once the socket is open
        settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache",
                                       "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
                                       "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}}}
        results = [await _socket_turn(socket) for _ in range(3)]
    finally:
        settings.CACHES = working  # and is back for the socket's release
        await socket.disconnect()
    assert results == ["answered", "answered", "rate_limited"]  # never failing open


async def test_guest_tokens_are_minted_at_a_tight_rate_per_address():
    from django.conf import settings

    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["guest"].split("/")[0])
    assert limit <= 20  # was 100/min: the anonymous rate
    codes = [(await asgi_request("POST", "/api/v1/auth/generate_token", client="203.0.113.40"))[0]
             for _ in range(limit + 1)]
    assert codes == [200] * limit + [429]
    assert (await asgi_request("POST", "/api/v1/auth/generate_token", client="203.0.113.41"))[0] == 200


# --- break 2: logins -----------------------------------------------------------------------------
async def test_a_login_beyond_the_concurrent_password_checks_is_refused_at_once(settings):
    settings.PASSWORD_CHECK_CONCURRENCY = 1
    user = await database_sync_to_async(UserFactory)()
    with password_check_slot():  # another login is being hashed right now
        status, headers, body = await asgi_request("POST", "/api/v1/auth/login",
                                                   body={"username": user.username, "password": PASSWORD})
    assert status == 429 and body["error_code"] == "login_busy" and headers["retry-after"] in {"1", "2", "3"}
    status, _, _ = await asgi_request("POST", "/api/v1/auth/login",
                                      body={"username": user.username, "password": PASSWORD})
    assert status == 200  # the slot is free again


async def test_login_attempts_are_counted_per_address_and_per_username_before_hashing(rates):
    rates(login="100/min", login_ip="4/min", login_user="3/hour")
    from django.contrib.auth import authenticate

    with mock.patch("accounts.services.authenticate", wraps=authenticate) as hashed:
        # many usernames from one address
        codes = [(await asgi_request("POST", "/api/v1/auth/login", client="203.0.113.50",
                                     body={"username": f"nobody{n}", "password": "x"}))[0] for n in range(6)]
        assert codes == [401, 401, 401, 401, 429, 429]
        assert hashed.call_count == 4  # refused attempts never reached the password hasher
        # one username from many addresses (each header-free: a real peer address each time)
        codes = [(await asgi_request("POST", "/api/v1/auth/login", client=f"198.51.100.{n}",
                                     body={"username": "victim", "password": "guess"}))[0] for n in range(5)]
        assert codes == [401, 401, 401, 429, 429]
        assert hashed.call_count == 7


async def test_a_login_body_that_does_not_parse_still_counts_against_the_address(rates):
    rates(login_ip="2/min")
    codes = [(await asgi_request("POST", "/api/v1/auth/login", client="203.0.113.60",
                                 headers={"Content-Type": "application/json"}, body=b"{not json"))[0]
             for _ in range(3)]
    assert codes == [400, 400, 429]


async def test_login_limits_hold_when_redis_is_down(rates, settings):
    from conftest import free_port

    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
                                   "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}}}
    rates(login="3/min")
    user = await database_sync_to_async(UserFactory)()
    wrong = {"username": user.username, "password": "wrong"}
    codes = [(await asgi_request("POST", "/api/v1/auth/login", client="203.0.113.70", body=wrong))[0]
             for _ in range(5)]
    assert codes == [401, 401, 401, 429, 429]  # counted in the process, never failing open


async def test_parallel_logins_beyond_the_slots_do_not_queue(settings):
    """Slow hashing for real: of 6 simultaneous logins with one slot, the ones that found it taken
    are refused, none waits for another's hash."""
    settings.PASSWORD_CHECK_CONCURRENCY = 1
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = await database_sync_to_async(UserFactory)()
    results = await asyncio.gather(*[asgi_request("POST", "/api/v1/auth/login", client=f"203.0.113.{80 + n}",
                                                  body={"username": user.username, "password": PASSWORD}, timeout=60)
                                     for n in range(6)])
    statuses = [status for status, _, _ in results]
    assert 200 in statuses and 429 in statuses and set(statuses) <= {200, 429}
    assert all(body["error_code"] == "login_busy" for status, _, body in results if status == 429)


def test_password_hashes_are_computed_on_low_priority_threads(settings):
    """The production hasher: same pbkdf2_sha256 format, computed on niced threads so the event loop
    answering chat sockets is scheduled first during a login flood."""
    import os
    import threading

    from django.contrib.auth.hashers import check_password, identify_hasher, make_password

    from accounts.hashers import LowPriorityPBKDF2PasswordHasher

    settings.PASSWORD_HASHERS = ["accounts.hashers.LowPriorityPBKDF2PasswordHasher",
                                 "django.contrib.auth.hashers.MD5PasswordHasher"]
    seen = {}
    original = LowPriorityPBKDF2PasswordHasher.__mro__[1].encode

    def spy(self, password, salt, iterations=None):
        seen["thread"] = threading.current_thread().name
        seen["nice"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        return original(self, password, salt, 1000)

    with mock.patch.object(LowPriorityPBKDF2PasswordHasher.__mro__[1], "encode", spy):
        encoded = make_password("a long passphrase")
        assert check_password("a long passphrase", encoded) and not check_password("wrong", encoded)
    assert encoded.startswith("pbkdf2_sha256$")
    assert isinstance(identify_hasher(encoded), LowPriorityPBKDF2PasswordHasher)
    assert seen["thread"].startswith("password-hash") and seen["thread"] != threading.current_thread().name
    assert seen["nice"] >= settings.PASSWORD_HASH_NICENESS > 0
