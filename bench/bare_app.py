"""The floor `ws_load.py` compares against: a bare Channels JSON consumer, same settings, no middleware.

It acknowledges a connection with one frame and answers any frame with five, like a chat turn
without the work. Served by daphne as `bench.bare_app:application`.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
django.setup()

from channels.generic.websocket import AsyncJsonWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import re_path  # noqa: E402


class BareConsumer(AsyncJsonWebsocketConsumer):
    frame_types = ("frame",) * 5

    async def connect(self):
        await self.accept()
        await self.send_json({"type": "connection_ack"})

    async def receive_json(self, content, **kwargs):
        for index, frame_type in enumerate(self.frame_types):
            await self.send_json({"type": frame_type, "index": index, "content": "x" * 40})


class BareChatConsumer(BareConsumer):
    """The same five frames under the chat's frame names (four chunks, then the end), so `ws_load.py` can drive it
    with the chat's open-loop steps: the bare reply at the same rates as the turns it is compared with."""

    frame_types = ("streaming_response",) * 4 + ("streaming_end",)


application = ProtocolTypeRouter({"websocket": URLRouter([re_path(r"^ws/bare/?$", BareConsumer.as_asgi()),
                                                          re_path(r"^ws/bare-chat/?$", BareChatConsumer.as_asgi())])})
