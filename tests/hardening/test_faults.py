"""Faults with real services: a Redis that dies mid-conversation (a private redis-server, never the
shared one), an upstream ChatBet API answering 500s or hanging, a failing LLM provider, and database
connections killed under the server. The service reports the fault promptly, degrades instead of
hanging, loses no stored message, and recovers by itself."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from django.test import Client

from chat.models import Message
from chat.tests.conftest import close_quietly, open_chat, say

HANG_GUARD = 15  # seconds: only catches a hang, never a timing assertion


def _point_at(settings, url: str) -> None:
    settings.REDIS_URL = url
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "hardening",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}}}
    settings.CHANNEL_LAYERS = {"default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [{"address": url, "socket_timeout": None}], "capacity": 1500, "expiry": 60,
                   "prefix": "hardening"}}}
    channel_layers.backends.clear()


async def _ready() -> tuple[int, dict]:
    response = await asyncio.wait_for(sync_to_async(Client().get, thread_sensitive=False)("/health/ready"),
                                      HANG_GUARD)
    return response.status_code, response.json()


async def _stored_roles(session: str) -> list[str]:
    return await database_sync_to_async(lambda: list(
        Message.objects.filter(conversation__session_id=session).order_by("created_at").values_list("role", flat=True)
    ))()


@pytest.fixture
def counted_limits(no_throttles):
    """Rate limits on (generous): the shared counters themselves must survive the outage."""
    no_throttles.REST_FRAMEWORK = {**no_throttles.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "anon": "1000/min", "user": "1000/min", "chat": "1000/min", "login": "1000/min"}}
    return no_throttles


def _answer(frames: list[dict]) -> str:
    kinds = [f["type"] for f in frames]
    assert "error" not in kinds, frames
    assert kinds[-2:] == ["streaming_end", "typing"], kinds
    return frames[-2]["final_content"]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
async def test_redis_dying_mid_conversation_is_reported_and_survived(private_redis, settings, counted_limits):
    _point_at(settings, private_redis.url)
    status, body = await _ready()
    assert status == 200, body

    ws, ack = await open_chat()
    session = ack["session_id"]
    try:
        assert _answer(await say(ws, "hi"))

        private_redis.stop()  # mid-conversation, the socket stays open
        status, body = await _ready()
        assert status == 503 and body["status"] == "down"
        assert body["checks"]["cache"]["status"] == "down"
        assert body["checks"]["channel_layer"]["status"] == "down"
        assert body["checks"]["database"]["status"] == "ok"

        # the open socket keeps answering (memory and caches degrade; the database has the turn)
        assert _answer(await asyncio.wait_for(say(ws, "fixtures today"), HANG_GUARD))
        await ws.send_json_to({"type": "ping"})
        assert (await ws.receive_json_from(timeout=HANG_GUARD))["type"] == "pong"
        # a new socket and a REST message work too (rate counters fail open)
        fresh, fresh_ack = await open_chat()
        assert _answer(await asyncio.wait_for(say(fresh, "hello"), HANG_GUARD))
        await close_quietly(fresh)
        rest = await asyncio.wait_for(sync_to_async(_post_message)("odds please"), HANG_GUARD)
        assert rest.status_code == 200, rest.content
        assert await _stored_roles(session) == ["user", "assistant", "user", "assistant"]
        assert await _stored_roles(fresh_ack["session_id"]) == ["user", "assistant"]

        private_redis.start()  # same port: everything reconnects by itself
        status, body = await _ready()
        assert status == 200, body
        assert _answer(await say(ws, "and tomorrow?"))  # the socket that lived through it
    finally:
        await close_quietly(ws)
    again, _ = await open_chat()
    try:
        assert _answer(await say(again, "hello again"))
    finally:
        await close_quietly(again)
    assert await _stored_roles(session) == ["user", "assistant"] * 3


def _post_message(text: str):
    from rest_framework.test import APIClient

    return APIClient().post("/api/v1/chat/message", {"message": text}, format="json")
