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
