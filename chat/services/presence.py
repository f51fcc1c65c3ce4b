"""Who is connected to this process, and the one heartbeat that watches them all.

Every chat socket registers here. One sweeper task per event loop (not one per socket: idle
memory matters at thousands of connections) pings connections that have been quiet for
`WS_HEARTBEAT_INTERVAL` seconds and closes those silent for `WS_IDLE_TIMEOUT` seconds. The same
registry gives `/ws/status` its per-process numbers. State is per process; across processes the
channel layer (session groups) is the only shared thing.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import weakref
from collections import Counter
from typing import Protocol

from django.conf import settings

logger = logging.getLogger(__name__)


class Watched(Protocol):
    """What the sweeper needs from a connection."""

    session_key: str
    last_seen: float  # time.monotonic() of the last client frame
    busy: bool  # a turn is being answered: the socket is not idle

    async def heartbeat_ping(self) -> None: ...
    async def close_idle(self) -> None: ...


_connections: weakref.WeakSet = weakref.WeakSet()
_loops: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # connection → its event loop
_sessions: Counter[str] = Counter()
_sweepers: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}
_started = time.time()
_totals = {"connections": 0, "messages": 0, "takeovers": 0, "idle_closed": 0, "rate_limited": 0}
# Messages per second over the last minute: 60 (second, count) slots.
_slot_second = [0] * 60
_slot_count = [0] * 60


def register(connection: Watched) -> None:
    loop = asyncio.get_running_loop()
    _connections.add(connection)
    _loops[connection] = loop
    _sessions[connection.session_key] += 1
    _totals["connections"] += 1
    for old_loop in [old for old in _sweepers if old.is_closed()]:  # loops of finished tests/servers
        del _sweepers[old_loop]
    sweeper = _sweepers.get(loop)
    if sweeper is None or sweeper.done():
        _sweepers[loop] = loop.create_task(_sweep(loop), name="chat-heartbeat-sweeper")


def unregister(connection: Watched) -> None:
    if connection not in _connections:
        return
    _connections.discard(connection)
    _loops.pop(connection, None)
    key = connection.session_key
    _sessions[key] -= 1
    if _sessions[key] <= 0:
        del _sessions[key]


def record_message() -> None:
    second = int(time.time())
    slot = second % 60
    if _slot_second[slot] != second:
        _slot_second[slot], _slot_count[slot] = second, 0
    _slot_count[slot] += 1
    _totals["messages"] += 1


def record(event: str) -> None:
    """Count an operator-visible event: `takeovers`, `idle_closed`, `rate_limited`."""
    _totals[event] = _totals.get(event, 0) + 1


def messages_last_minute() -> int:
    now = int(time.time())
    return sum(count for second, count in zip(_slot_second, _slot_count, strict=True) if now - second < 60)


def snapshot() -> dict:
    """This process's numbers for `/ws/status` (safe to call from a worker thread)."""
    return {
        "instance": f"{socket.gethostname()}:{os.getpid()}",
        "connections": len(_connections),
        "sessions": len(_sessions),
        "messages_per_minute": messages_last_minute(),
        "uptime_seconds": round(time.time() - _started, 1),
        "totals": dict(_totals),
        "heartbeat": {"interval_seconds": settings.WS_HEARTBEAT_INTERVAL,
                      "idle_timeout_seconds": settings.WS_IDLE_TIMEOUT},
    }


async def _sweep(loop: asyncio.AbstractEventLoop) -> None:
    """Ping quiet sockets, close silent ones; ends itself when its loop has no sockets left."""
    while True:
        await asyncio.sleep(max(settings.WS_HEARTBEAT_INTERVAL, 0.05))
        mine = [conn for conn in list(_connections) if _loops.get(conn) is loop]
        if not mine:
            _sweepers.pop(loop, None)
            return
        now = time.monotonic()
        for index, conn in enumerate(mine):
            if index and not index % 200:
                await asyncio.sleep(0)  # thousands of pings in one go must not stall the turns in flight
            if conn.busy:
                continue
            quiet = now - conn.last_seen
            try:
                if quiet >= settings.WS_IDLE_TIMEOUT:
                    unregister(conn)
                    record("idle_closed")
                    await conn.close_idle()
                elif quiet >= settings.WS_HEARTBEAT_INTERVAL:
                    await conn.heartbeat_ping()
            except Exception:  # one broken socket must not stop the heartbeat of the others
                logger.exception("heartbeat failed for a connection")
