"""Cuts of the thirteenth session's lean turn (issue 20) hold what users get: a turn reads and writes the cache
through the process's one backend, whichever database hop or executor thread it runs on."""

from __future__ import annotations

import asyncio
import contextvars
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.core.cache import caches

from accounts.identity import guest_identity
from chat.events import TurnFinished
from chat.models import Message
from chat.services.conversations import claim_session
from chat.services.turns import stream_reply
from chat.tests import factories
from chatbet_project.caches import default_cache

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox


async def _turn(**kwargs) -> TurnFinished:
    events = [event async for event in stream_reply(**kwargs)]
    assert isinstance(events[-1], TurnFinished), events
    return events[-1]


async def test_a_sockets_new_session_and_its_turns_build_no_cache_backend(sandbox, monkeypatch):
    """A socket hands out its session id (claimed in the cache), then its first message finds that claim, and the
    odds and fixtures of its turns are read through the cache: each database hop runs in a context of its own, where
    `django.core.cache.cache` built a new backend (~25 µs) on its first use. Through the process's one backend, none
    is built, and the claim, the memory and the answers are the same ones."""
    guest = guest_identity(uuid.uuid4().hex)
    session = uuid.uuid4()
    await _turn(session_id=uuid.uuid4(), identity=guest, content="odds for Arsenal")  # warm: the process's one
    built = []
    monkeypatch.setattr(caches, "create_connection", lambda alias: built.append(alias) or default_cache())

    async def socket_life() -> tuple[TurnFinished, TurnFinished]:
        await sync_to_async(claim_session, thread_sensitive=False)(identity=guest, session_id=session)
        return (await _turn(session_id=session, identity=guest, content="when does Arsenal play next?"),
                await _turn(session_id=session, identity=guest, content="and the odds?"))

    # as a server runs a socket: in a context of its own, where nothing has looked a cache backend up yet
    first, second = await asyncio.get_running_loop().create_task(socket_life(), context=contextvars.Context())
    assert built == []
    assert first.result.session_id == second.result.session_id == session  # the claimed session, kept
    assert "Arsenal" in second.result.content  # the follow-up read the memory the first turn wrote
    assert await Message.objects.filter(conversation_id=session).acount() == 4
