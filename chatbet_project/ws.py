"""Shared pieces of the websocket consumers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

LAYER_RETRY_MAX_SECONDS = 10.0


def resilient_receive(receive: Callable[[], Awaitable[dict]]) -> Callable[[], Awaitable[dict]]:
    """`receive` retried with backoff while it raises (the channel layer's store is unreachable)."""

    async def retrying_receive() -> dict:
        delay = 0.5
        while True:
            try:
                return await receive()
            except Exception as exc:
                logger.warning("channel layer receive failed; retrying",
                               extra={"error": type(exc).__name__, "retry_in": delay})
                await asyncio.sleep(delay)
                delay = min(delay * 2, LAYER_RETRY_MAX_SECONDS)

    return retrying_receive


class ResilientChannelLayerMixin:
    """Keeps a consumer alive while its channel layer (Redis) is unreachable.

    Channels' dispatch loop dies with the first exception of `channel_layer.receive` (e.g. Redis
    stopped), taking the socket down with it: the layer only carries pushes and control messages,
    so wait and retry instead, and keep answering the client meanwhile. Put it before the
    Channels consumer class in the bases.
    """

    @property
    def channel_receive(self):
        return self._channel_receive

    @channel_receive.setter
    def channel_receive(self, receive) -> None:
        self._channel_receive = resilient_receive(receive)


class ReleaseOnExitMixin:
    """Runs `release_connection()` however the consumer ends: a normal disconnect, a handler that
    raised (the socket closes 1011 without a `websocket.disconnect` reaching the consumer) or a
    cancelled task. Without it a crash left presence and gauge counters counting a dead socket.
    `release_connection` must be idempotent: it also runs after a normal disconnect already released.
    Put it before the Channels consumer class in the bases."""

    async def __call__(self, scope, receive, send):
        try:
            return await super().__call__(scope, receive, send)
        finally:
            try:
                await self.release_connection()
            except Exception:
                logger.exception("releasing a websocket's resources failed")

    async def release_connection(self) -> None:
        raise NotImplementedError
