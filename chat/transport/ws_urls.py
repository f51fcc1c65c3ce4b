"""HTTP routes about the chat sockets, mounted at `/ws/` (no trailing slash, as the protocol lists them)."""

from django.urls import path

from . import ws_apis

urlpatterns = [
    path("status", ws_apis.ws_status, name="ws-status"),
    path("ping", ws_apis.ws_ping, name="ws-ping"),
    path("test", ws_apis.ws_test, name="ws-test"),
]
