"""Origin check for WebSockets: the browser origins CORS allows, or a concrete host in ALLOWED_HOSTS.

A "*" in ALLOWED_HOSTS is ignored here: the socket authenticates with the `access_token` cookie too,
so accepting any Origin would let any site open a socket as the visitor (cross-site WebSocket hijacking).

A handshake without an `Origin` header is not a browser (browsers always send one), so it cannot
be a cross-site hijack; it is allowed so CLI clients and load drivers can connect.
"""

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import is_same_domain


def origin_allowed(origin: str | None) -> bool:
    if not origin:
        return True
    if origin in settings.CORS_ALLOWED_ORIGINS:
        return True
    host = urlsplit(origin).hostname
    if not host:
        return False
    return any(pattern != "*" and is_same_domain(host, pattern) for pattern in settings.ALLOWED_HOSTS)


class ConfiguredOriginValidator:
    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":
            origin = dict(scope.get("headers", [])).get(b"origin")
            if not origin_allowed(origin.decode("latin1") if origin else None):
                return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)
