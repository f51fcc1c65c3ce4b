"""`/ws/sports-updates`: subscribe to fixtures or tournaments, receive `sports_update` pushes.

Transport only: frames are validated by a serializer, groups are named by `sports.events`, and
pushes are forwarded unchanged from the channel layer.
"""

from __future__ import annotations

import logging
import time
import uuid

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.db import DatabaseError

from chatbet_project import metrics
from chatbet_project.errors import error_text
from chatbet_project.parsers import JSONTooDeep, loads_json
from chatbet_project.ws import ReleaseOnExitMixin, ResilientChannelLayerMixin
from sports import events, protocol
from sports.serializers import MAX_SUBSCRIPTIONS, MAX_TOURNAMENT_SUBSCRIPTIONS, SubscriptionFrameSerializer
from sports.services.warming import ensure_background_warming, release_background_warming

logger = logging.getLogger(__name__)

CLOSE_SESSION_ENDED = 4401  # as the handshake refuses a bad token, and /ws/chat closes an ended session


class SportsUpdatesConsumer(ReleaseOnExitMixin, ResilientChannelLayerMixin, AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.client_id = uuid.uuid4().hex
        self.fixture_ids: list[str] = []
        self.tournament_ids: list[str] = []
        self.warming = False
        self.session_checked_at = time.monotonic()  # the handshake checked it
        # The token may come in the `bearer, <jwt>` subprotocol: a browser closes a socket accepted without it.
        await self.accept(subprotocol=self.scope.get("accept_subprotocol"))
        metrics.ws_opened(self, "sports")
        self.warming = ensure_background_warming()  # embedded mode: odds only move if this process warms them
        await self.send_json(protocol.connection_status(client_id=self.client_id, fixture_ids=[], tournament_ids=[]))

    async def disconnect(self, code):
        await self.release_connection()

    async def release_connection(self) -> None:
        """The gauge, the in-process warmer and the groups: released once, on every close path."""
        metrics.ws_closed(self)
        if getattr(self, "warming", False):
            self.warming = False
            release_background_warming()  # the last listener stops the in-process warmer
        groups, self.fixture_ids, self.tournament_ids = self._groups(), [], []
        for group in groups:
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception as exc:  # the group entry expires with the layer's group_expiry
                logger.warning("channel layer unavailable; group not left", extra={"error": type(exc).__name__})
                break

    def _groups(self) -> list[str]:
        return ([events.fixture_group(f) for f in getattr(self, "fixture_ids", [])]
                + [events.tournament_group(t) for t in getattr(self, "tournament_ids", [])])

    async def _session_stands(self, *, every: float = 0.0) -> bool:
        """Whether the session the socket was opened with still stands (accounts' `scope["session_stands"]`: a logout,
        a new password or a claimed guest ends it); closes the socket 4401 when not. With `every`, re-checked only
        when that many seconds passed since the last check (pushes: one lookup per interval, not per odds change)."""
        check = self.scope.get("session_stands")
        if check is None or getattr(self, "session_closed", False):
            return check is None
        now = time.monotonic()
        if every and now - getattr(self, "session_checked_at", float("-inf")) < every:
            return True
        self.session_checked_at = now
        try:
            stands = await check()
        except DatabaseError:  # the odds are public: a busy database keeps the socket until the next check
            logger.warning("sports socket: its session could not be checked", exc_info=True,
                           extra={"client_id": self.client_id})
            return True
        if stands:
            return True
        self.session_closed = True
        logger.info("sports socket closed: its session ended", extra={"client_id": self.client_id})
        await self.close(code=CLOSE_SESSION_ENDED)
        return False

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if not await self._session_stands():  # logged out, new password or expired since the handshake: unanswered
            return None
        if text_data is None:
            return await self.send_json(protocol.error("invalid_json", "Frames must be JSON text."))
        try:
            content = loads_json(text_data)
        except JSONTooDeep as exc:
            return await self.send_json(protocol.error("invalid_json", str(exc)))
        except ValueError:
            return await self.send_json(protocol.error("invalid_json", "Not valid JSON."))
        if not isinstance(content, dict):
            return await self.send_json(protocol.error("invalid_message", "A frame must be a JSON object."))
        metrics.ws_message("sports", content.get("type"))
        if content.get("type") == "ping":
            return await self.send_json(protocol.pong())
        frame = SubscriptionFrameSerializer(data=content)
        if not frame.is_valid():
            return await self.send_json(protocol.error("invalid_message", error_text(frame.errors)))
        data = frame.validated_data
        if data["type"] == "subscribe":
            await self._subscribe(data["fixture_ids"], data["tournament_ids"])
        else:
            await self._unsubscribe(data["fixture_ids"], data["tournament_ids"])

    async def _subscribe(self, fixture_ids: list[str], tournament_ids: list[str]):
        new_fixtures = [f for f in fixture_ids if f not in self.fixture_ids]
        new_tournaments = [t for t in tournament_ids if t not in self.tournament_ids]
        if len(self.fixture_ids) + len(new_fixtures) > MAX_SUBSCRIPTIONS:
            return await self.send_json(protocol.error(
                "too_many_subscriptions", f"At most {MAX_SUBSCRIPTIONS} fixtures per connection."))
        if len(self.tournament_ids) + len(new_tournaments) > MAX_TOURNAMENT_SUBSCRIPTIONS:
            return await self.send_json(protocol.error(
                "too_many_subscriptions", f"At most {MAX_TOURNAMENT_SUBSCRIPTIONS} tournaments per connection."))
        groups = ([events.fixture_group(f) for f in new_fixtures]
                  + [events.tournament_group(t) for t in new_tournaments])
        try:
            for group in groups:
                await self.channel_layer.group_add(group, self.channel_name)
        except Exception as exc:  # Redis blip: refuse this subscribe, keep the socket
            logger.warning("channel layer unavailable; subscribe refused", extra={"error": type(exc).__name__})
            return await self.send_json(protocol.error(
                "service_unavailable", "Live updates are temporarily unavailable; subscribe again shortly."))
        self.fixture_ids += new_fixtures
        self.tournament_ids += new_tournaments
        await self.send_json(protocol.subscription_status(action="subscribed", fixture_ids=self.fixture_ids,
                                                          tournament_ids=self.tournament_ids))

    async def _unsubscribe(self, fixture_ids: list[str], tournament_ids: list[str]):
        for fixture_id in fixture_ids:
            if fixture_id in self.fixture_ids:
                await self._leave(events.fixture_group(fixture_id))
                self.fixture_ids.remove(fixture_id)
        for tournament_id in tournament_ids:
            if tournament_id in self.tournament_ids:
                await self._leave(events.tournament_group(tournament_id))
                self.tournament_ids.remove(tournament_id)
        await self.send_json(protocol.subscription_status(action="unsubscribed", fixture_ids=self.fixture_ids,
                                                          tournament_ids=self.tournament_ids))

    async def _leave(self, group: str) -> None:
        try:
            await self.channel_layer.group_discard(group, self.channel_name)
        except Exception as exc:  # the group entry expires with the layer's group_expiry
            logger.warning("channel layer unavailable; group not left", extra={"error": type(exc).__name__})

    async def sports_update(self, event):
        """A `sports.update` from `sports.events`: forward the wire frame as it is, while the session stands."""
        if await self._session_stands(every=settings.WS_SESSION_RECHECK_SECONDS):
            await self.send_json(event["payload"])
