"""WebSocket routes of the chat app (no trailing slash needed, as existing clients connect)."""

from django.urls import re_path

from .consumers import ChatConsumer

websocket_urlpatterns = [
    re_path(r"^ws/chat/?$", ChatConsumer.as_asgi()),
    re_path(r"^ws/chat/(?P<session_id>[0-9a-fA-F-]+)/?$", ChatConsumer.as_asgi()),
]
