"""`/ws/sports-updates` through the real ASGI application."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.layers import InMemoryChannelLayer
from channels.testing import WebsocketCommunicator

from chatbet_project.asgi import application
from sports.services import fixtures, warming

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = [(b"origin", b"http://localhost:4200")]


async def _connect(path="/ws/sports-updates"):
    ws = WebsocketCommunicator(application, path, headers=ORIGIN)
    connected, _ = await ws.connect()
    assert connected
    status = await ws.receive_json_from()
    assert status["type"] == "connection_status" and status["status"] == "connected"
    return ws


@pytest.mark.stack
async def test_subscribe_then_receive_a_pushed_odds_change(sandbox):
    fixture = await sync_to_async(lambda: next(f for f in fixtures.find_fixtures() if f.sport_id == "1"
                                               and not f.is_live))()
    await sync_to_async(warming.warm_odds)()  # the baseline the next change is measured against
    ws = await _connect()
    await ws.send_json_to({"type": "subscribe", "fixture_ids": [fixture.id]})
    ack = await ws.receive_json_from()
    assert ack["type"] == "subscription_status" and ack["subscriptions"]["fixture_ids"] == [fixture.id]
    sandbox.advance(600)
    await sync_to_async(warming.warm_odds)()
    update = await ws.receive_json_from(timeout=2)
    assert set(update) == {"type", "fixture_id", "market", "old_odds", "new_odds", "timestamp"}
    assert update["type"] == "sports_update" and update["fixture_id"] == fixture.id
    assert update["old_odds"] != update["new_odds"] and update["timestamp"].endswith("Z")
    await ws.disconnect()


@pytest.mark.stack
async def test_tournament_subscription_and_unsubscribe(sandbox):
    fixture = await sync_to_async(lambda: next(f for f in fixtures.find_fixtures() if not f.is_live))()
    await sync_to_async(warming.warm_odds)()
    ws = await _connect("/ws/sports-updates/")
    await ws.send_json_to({"type": "subscribe", "tournament_id": fixture.tournament_id})
    assert (await ws.receive_json_from())["subscriptions"]["tournament_ids"] == [fixture.tournament_id]
    await ws.send_json_to({"type": "unsubscribe", "tournament_id": fixture.tournament_id})
    assert (await ws.receive_json_from())["subscriptions"]["tournament_ids"] == []
    sandbox.advance(600)
    await sync_to_async(warming.warm_odds)()
    assert await ws.receive_nothing(timeout=0.2)
    await ws.disconnect()


@pytest.mark.parametrize(("frame", "code"), [
    ("not json", "invalid_json"),
    ('{"type": "subscribe"}', "invalid_message"),
    ('{"type": "dance"}', "invalid_message"),
    ('{"type": "subscribe", "fixture_ids": ["../etc"]}', "invalid_message"),
    ("[1, 2]", "invalid_message"),
])
async def test_bad_frames_get_an_error_frame_and_the_socket_stays_open(sandbox, frame, code):
    ws = await _connect()
    await ws.send_to(text_data=frame)
    error = await ws.receive_json_from()
    assert set(error) == {"type", "error_code", "error_message", "content", "data", "timestamp"}
    assert error["type"] == "error" and error["error_code"] == code
    assert error["error_message"] == error["content"] == error["data"]
    await ws.send_json_to({"type": "ping"})
    assert (await ws.receive_json_from())["type"] == "pong"
    await ws.disconnect()


async def test_embedded_mode_warms_in_process_while_someone_listens(sandbox, settings):
    import asyncio

    from django.core.cache import cache

    from sports import cache as sports_cache

    settings.SPORTS_INPROCESS_WARMING = True
    fixture = await sync_to_async(lambda: next(f for f in fixtures.find_fixtures() if not f.is_live))()
    ws = await _connect()
    try:
        for _ in range(100):  # the first round publishes the baseline odds of the next 48 h
            if await sync_to_async(cache.get)(sports_cache.odds_published_key(fixture.id)):
                break
            await asyncio.sleep(0.05)
        assert await sync_to_async(cache.get)(sports_cache.odds_published_key(fixture.id))
    finally:
        await warming.stop_background_warming()
        await ws.disconnect()


async def test_a_token_in_the_bearer_subprotocol_is_accepted_with_that_subprotocol(sandbox):
    """Browsers pass the JWT as `Sec-WebSocket-Protocol: bearer, <jwt>` and close a socket that is
    accepted without echoing `bearer`."""
    from accounts.authentication import GuestToken

    ws = WebsocketCommunicator(application, "/ws/sports-updates", headers=ORIGIN,
                               subprotocols=["bearer", str(GuestToken.for_guest())])
    connected, subprotocol = await ws.connect()
    assert connected and subprotocol == "bearer"
    assert (await ws.receive_json_from())["type"] == "connection_status"
    await ws.disconnect()


async def test_tournament_subscriptions_are_capped_per_connection(sandbox):
    from sports.serializers import MAX_TOURNAMENT_SUBSCRIPTIONS

    ws = await _connect()
    ids = [str(9000 + i) for i in range(MAX_TOURNAMENT_SUBSCRIPTIONS + 1)]
    await ws.send_json_to({"type": "subscribe", "tournament_ids": ids[:MAX_TOURNAMENT_SUBSCRIPTIONS]})
    assert len((await ws.receive_json_from())["subscriptions"]["tournament_ids"]) == MAX_TOURNAMENT_SUBSCRIPTIONS
    await ws.send_json_to({"type": "subscribe", "tournament_id": ids[-1]})
    error = await ws.receive_json_from()
    assert error["type"] == "error" and error["error_code"] == "too_many_subscriptions"
    await ws.disconnect()


class LayerThatGoesDown(InMemoryChannelLayer):
    """An in-memory layer that fails like a stopped Redis once `down` is set."""

    down = False

    async def group_discard(self, group, channel):
        if LayerThatGoesDown.down:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        return await super().group_discard(group, channel)


async def test_a_disconnect_survives_a_channel_layer_that_is_down(sandbox, settings, caplog):
    from channels.layers import channel_layers

    settings.CHANNEL_LAYERS = {"default": {"BACKEND": f"{__name__}.LayerThatGoesDown"}}
    channel_layers.backends.clear()
    ws = await _connect()
    await ws.send_json_to({"type": "subscribe", "fixture_ids": ["1", "2"]})
    await ws.receive_json_from()
    LayerThatGoesDown.down = True
    try:
        await ws.disconnect()  # ConnectionError escaped disconnect() before
    finally:
        LayerThatGoesDown.down = False
    assert "channel layer unavailable; group not left" in caplog.text


async def test_the_in_process_warmer_stops_after_the_last_listener_leaves(sandbox, settings):
    settings.SPORTS_INPROCESS_WARMING = True
    first, second = await _connect(), await _connect()
    try:
        assert warming.background_warming_running()
        await first.disconnect()
        assert warming.background_warming_running()  # someone still listens
        await second.disconnect()
        assert not warming.background_warming_running()
    finally:
        await warming.stop_background_warming()


async def test_a_subscribe_while_redis_is_down_gets_an_error_frame_and_the_socket_lives(sandbox, settings):
    """A Redis blip used to crash the socket twice over: the layer's receive loop and `group_add`."""
    from channels.layers import channel_layers

    from conftest import free_port

    dead = f"redis://127.0.0.1:{free_port()}/0"
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer",
                                           "CONFIG": {"hosts": [{"address": dead, "socket_timeout": None}]}}}
    channel_layers.backends.clear()
    ws = await _connect()
    await ws.send_json_to({"type": "subscribe", "fixture_ids": ["1"]})
    error = await ws.receive_json_from(timeout=5)
    assert error["type"] == "error" and error["error_code"] == "service_unavailable"
    assert error["error_message"] == error["content"] == error["data"]
    await ws.send_json_to({"type": "ping"})
    assert (await ws.receive_json_from(timeout=5))["type"] == "pong"
    await ws.disconnect()


async def test_a_bad_item_in_a_list_is_named_in_readable_words(sandbox):
    ws = await _connect()
    await ws.send_json_to({"type": "subscribe", "fixture_ids": [None]})
    error = await ws.receive_json_from()
    assert error["error_code"] == "invalid_message"
    assert error["data"].startswith("fixture_ids: ") and "null" in error["data"], error["data"]
    await ws.disconnect()
