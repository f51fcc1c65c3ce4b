from django.urls import re_path

from sports.consumers import SportsUpdatesConsumer

websocket_urlpatterns: list = [
    re_path(r"^ws/sports-updates/?$", SportsUpdatesConsumer.as_asgi()),
]
