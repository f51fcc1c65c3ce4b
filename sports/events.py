"""The only module that pushes sports events to the channel layer.

An odds change goes to `fixture.<id>` and `tournament.<id>` as a `sports.update` message whose
`payload` is the wire `sports_update` frame; `SportsUpdatesConsumer` forwards it unchanged.
"""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from sports.domain import OddsChange

logger = logging.getLogger(__name__)


def fixture_group(fixture_id: str) -> str:
    return f"fixture.{fixture_id}"


def tournament_group(tournament_id: str) -> str:
    return f"tournament.{tournament_id}"


def publish_odds_change(change: OddsChange) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    message = {"type": "sports.update", "payload": change.as_wire()}
    send = async_to_sync(layer.group_send)
    for group in (fixture_group(change.fixture_id), tournament_group(change.tournament_id)):
        try:
            send(group, message)
        except Exception:  # a push is best effort; the cache already holds the new odds
            logger.warning("could not publish odds change to %s", group, exc_info=True)
