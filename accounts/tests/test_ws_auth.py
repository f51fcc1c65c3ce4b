"""WebSocket authentication and connection limits, through the same stack as chatbet_project.asgi
(origin check → JWT middleware → URLRouter) with a tiny probe consumer, plus the real application."""

from datetime import timedelta

import jwt
import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import override_settings
from django.urls import path
from django.utils import timezone
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.authentication import GuestToken
from accounts.cache import ws_slots_key
from accounts.tests.factories import UserFactory
from accounts.ws_auth import CLOSE_TOO_MANY, CLOSE_UNAUTHORIZED, JWTAuthMiddlewareStack, RedisSlots
from chatbet_project.ws_origin import ConfiguredOriginValidator

ORIGIN = (b"origin", b"http://localhost:4200")
pytestmark = pytest.mark.django_db(transaction=True)  # Channels touches the DB connection on every event


@pytest.fixture(autouse=True)
async def _close_thread_connections():
    """Channels runs ORM calls on a shared worker thread; close its connection so the test DB can be dropped."""
    yield
    from asgiref.sync import sync_to_async
    from django.db import connections

    await sync_to_async(connections.close_all, thread_sensitive=True)()


class ProbeConsumer(AsyncJsonWebsocketConsumer):
    """Reports what the middleware put in the scope."""

    async def connect(self):
        await self.accept(subprotocol=self.scope.get("accept_subprotocol"))
        identity = self.scope["identity"]
        await self.send_json({"key": identity.key, "language": identity.language,
                              "user_authenticated": self.scope["user"].is_authenticated,
                              "client_ip": self.scope["client_ip"]})


application = ConfiguredOriginValidator(JWTAuthMiddlewareStack(URLRouter([path("ws/probe", ProbeConsumer.as_asgi())])))


def probe(query: str = "", *, ip: str | None = "10.0.0.1", headers=(), subprotocols=None) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, f"/ws/probe{query}", headers=[ORIGIN, *headers],
                                         subprotocols=subprotocols)
    if ip:
        communicator.scope["client"] = (ip, 50000)
    return communicator


async def connect_ok(communicator) -> dict:
    connected, _ = await communicator.connect()
    assert connected
    return await communicator.receive_json_from()


async def assert_closed_with(communicator, code: int) -> None:
    connected, _ = await communicator.connect()
    assert connected  # accepted first, so browsers can read the close code
    assert await communicator.receive_output() == {"type": "websocket.close", "code": code}


def user_token(user) -> str:
    return str(AccessToken.for_user(user))


# --- who is connecting -------------------------------------------------------------------------
async def test_no_token_is_the_anonymous_identity():
    ws = probe()
    frame = await connect_ok(ws)
    assert frame == {"key": "anon", "language": "en", "user_authenticated": False, "client_ip": "10.0.0.1"}
    await ws.disconnect()


@pytest.mark.parametrize("empty", ["", "null", "undefined"])
async def test_empty_token_values_are_anonymous(empty):
    ws = probe(f"?token={empty}")
    assert (await connect_ok(ws))["key"] == "anon"
    await ws.disconnect()


async def test_guest_token_gives_the_guest_identity():
    token = GuestToken.for_guest("ab" * 16)
    ws = probe(f"?token={token}")
    assert (await connect_ok(ws))["key"] == "guest:" + "ab" * 16
    await ws.disconnect()


@pytest.mark.stack
async def test_user_token_in_query_gives_the_user_and_their_language():
    from channels.db import database_sync_to_async

    user = await database_sync_to_async(lambda: UserFactory(profile__language="es"))()
    ws = probe(f"?token={user_token(user)}")
    frame = await connect_ok(ws)
    assert frame["key"] == f"user:{user.pk}" and frame["language"] == "es" and frame["user_authenticated"]
    await ws.disconnect()


async def test_bearer_subprotocol_is_read_and_echoed():
    from channels.db import database_sync_to_async

    user = await database_sync_to_async(UserFactory)()
    ws = probe(subprotocols=["bearer", user_token(user)])
    connected, subprotocol = await ws.connect()
    assert connected and subprotocol == "bearer"  # never the token itself
    assert (await ws.receive_json_from())["key"] == f"user:{user.pk}"
    await ws.disconnect()


async def test_access_token_cookie_is_read():
    from channels.db import database_sync_to_async

    user = await database_sync_to_async(UserFactory)()
    ws = probe(headers=[(b"cookie", f"theme=dark; access_token={user_token(user)}".encode())])
    assert (await connect_ok(ws))["key"] == f"user:{user.pk}"
    await ws.disconnect()


# --- refused tokens ----------------------------------------------------------------------------
def _tampered() -> str:
    token = str(GuestToken.for_guest())
    head, body, sig = token.split(".")
    forged_body = jwt.utils.base64url_encode(b'{"token_type":"guest","guest":true,"sub":"x","exp":9999999999,'
                                             b'"jti":"j"}').decode()
    return f"{head}.{forged_body}.{sig}"


def _alg_none() -> str:
    return jwt.encode({"token_type": "access", "user_id": "1", "exp": 9999999999, "jti": "j"}, None,
                      algorithm="none")


def _other_key() -> str:
    return jwt.encode({"token_type": "guest", "guest": True, "sub": "x", "exp": 9999999999, "jti": "j"},
                      "not-our-secret-key-but-long-enough-for-hs256", algorithm="HS256")


def _expired() -> str:
    token = GuestToken.for_guest()
    token.set_exp(from_time=timezone.now() - timedelta(hours=3), lifetime=timedelta(hours=1))
    return str(token)


@pytest.mark.parametrize("make", [_tampered, _alg_none, _other_key, _expired, lambda: "garbage"],
                         ids=["tampered", "alg-none", "other-key", "expired", "garbage"])
async def test_bad_tokens_are_refused_with_4401(make):
    await assert_closed_with(probe(f"?token={make()}"), CLOSE_UNAUTHORIZED)


async def test_bad_token_in_subprotocol_still_completes_the_handshake_then_4401():
    ws = probe(subprotocols=["bearer", "garbage"])
    connected, subprotocol = await ws.connect()
    assert connected and subprotocol == "bearer"
    assert await ws.receive_output() == {"type": "websocket.close", "code": CLOSE_UNAUTHORIZED}


async def test_refresh_token_and_deleted_user_are_refused():
    from channels.db import database_sync_to_async

    user = await database_sync_to_async(UserFactory)()
    refresh = await database_sync_to_async(lambda: str(RefreshToken.for_user(user)))()
    await assert_closed_with(probe(f"?token={refresh}"), CLOSE_UNAUTHORIZED)
    access = user_token(user)
    await database_sync_to_async(user.delete)()
    await assert_closed_with(probe(f"?token={access}"), CLOSE_UNAUTHORIZED)


# --- connection limits -------------------------------------------------------------------------
async def _fill(n: int, make):
    sockets = []
    for i in range(n):
        ws = make(i)
        await connect_ok(ws)
        sockets.append(ws)
    return sockets


@override_settings(WS_MAX_CONNECTIONS_PER_IP=5)
async def test_sixth_connection_from_one_ip_is_refused_and_a_slot_frees_on_disconnect():
    sockets = await _fill(5, lambda i: probe())
    await assert_closed_with(probe(), CLOSE_TOO_MANY)
    assert (await connect_ok(probe(ip="10.0.0.2")))["key"] == "anon"  # another address is not affected
    await sockets[0].disconnect()
    again = probe()
    await connect_ok(again)
    for ws in [*sockets[1:], again]:
        await ws.disconnect()


@override_settings(WS_MAX_CONNECTIONS_PER_IP=100, WS_MAX_CONNECTIONS_PER_USER=5)
async def test_sixth_connection_of_one_guest_from_anywhere_is_refused():
    token = GuestToken.for_guest()
    sockets = await _fill(5, lambda i: probe(f"?token={token}", ip=f"10.1.0.{i}"))
    await assert_closed_with(probe(f"?token={token}", ip="10.1.0.99"), CLOSE_TOO_MANY)
    other_guest = probe(f"?token={GuestToken.for_guest()}", ip="10.1.0.99")
    await connect_ok(other_guest)
    for ws in [*sockets, other_guest]:
        await ws.disconnect()


@override_settings(WS_MAX_CONNECTIONS_PER_IP=2)
async def test_a_refused_connection_does_not_hold_a_slot():
    sockets = await _fill(2, lambda i: probe())
    for _ in range(3):
        await assert_closed_with(probe(), CLOSE_TOO_MANY)
    await sockets[0].disconnect()
    replacement = probe()
    await connect_ok(replacement)
    for ws in [sockets[1], replacement]:
        await ws.disconnect()


@pytest.mark.redis
async def test_redis_backed_limit_is_shared_and_released(redis_url):
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(redis_url)
    key = ws_slots_key("ip:10.9.0.1")
    with override_settings(REDIS_URL=redis_url, WS_MAX_CONNECTIONS_PER_IP=5):
        sockets = await _fill(5, lambda i: probe(ip="10.9.0.1"))
        assert await client.zcard(key) == 5
        await assert_closed_with(probe(ip="10.9.0.1"), CLOSE_TOO_MANY)
        await sockets[0].disconnect()
        assert await client.zcard(key) == 4
        again = probe(ip="10.9.0.1")
        await connect_ok(again)
        for ws in [*sockets[1:], again]:
            await ws.disconnect()
        assert await client.zcard(key) == 0
    await client.aclose()


@pytest.mark.redis
async def test_redis_slots_are_counted_across_processes_and_crashed_ones_expire(redis_url):
    import time

    import redis.asyncio as aioredis

    process_a, process_b = RedisSlots(redis_url), RedisSlots(redis_url)  # two processes' stores
    subjects = [("user:7", 3)]
    assert await process_a.acquire(subjects, "a1") and await process_a.acquire(subjects, "a2")
    assert await process_b.acquire(subjects, "b1")
    assert not await process_b.acquire(subjects, "b2")
    await process_a.release(["user:7"], "a1")
    assert await process_b.acquire(subjects, "b2")

    client = aioredis.Redis.from_url(redis_url)
    key = ws_slots_key("user:8")
    await client.zadd(key, {f"crashed{i}": time.time() - 1 for i in range(3)})  # expired, never released
    assert await process_a.acquire([("user:8", 3)], "fresh")
    await process_a.refresh()  # keeps live slots alive; does not resurrect others' dead ones
    assert await client.zcard(key) == 1
    await client.aclose()


async def test_with_redis_unreachable_the_connection_cap_holds_per_process():
    """A security limit never fails open: while the slot store's Redis is down, each process counts its own sockets
    (a client could otherwise open any number), and a closed socket frees its slot."""
    import socket

    with socket.socket() as unused:  # a port nothing listens on: every Redis call is refused at once
        unused.bind(("127.0.0.1", 0))
        dead = f"redis://127.0.0.1:{unused.getsockname()[1]}/0"
    with override_settings(REDIS_URL=dead, WS_MAX_CONNECTIONS_PER_IP=2):
        sockets = await _fill(2, lambda i: probe(ip="10.9.9.1"))
        await assert_closed_with(probe(ip="10.9.9.1"), CLOSE_TOO_MANY)
        await connect_ok(other := probe(ip="10.9.9.2"))  # another address has its own cap
        await sockets[0].disconnect()
        await connect_ok(again := probe(ip="10.9.9.1"))
        for ws in [sockets[1], other, again]:
            await ws.disconnect()


# --- through the real application --------------------------------------------------------------
async def test_real_application_refuses_bad_tokens_and_admits_tokenless_clients():
    from chatbet_project.asgi import application as real_application

    bad = WebsocketCommunicator(real_application, "/ws/chat?token=garbage", headers=[ORIGIN])
    connected, _ = await bad.connect()
    assert connected
    assert await bad.receive_output() == {"type": "websocket.close", "code": CLOSE_UNAUTHORIZED}

    anonymous = WebsocketCommunicator(real_application, "/ws/chat?user_id=u1", headers=[ORIGIN])
    connected, _ = await anonymous.connect()
    assert connected
    assert (await anonymous.receive_json_from())["type"] == "connection_ack"
    await anonymous.disconnect()
