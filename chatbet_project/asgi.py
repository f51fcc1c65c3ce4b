"""ASGI entry point: proxy headers → Django for HTTP (body limit, busy password checks), Channels for
WebSockets (origin → auth → routes)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import WebsocketDenier  # noqa: E402
from django.core.signals import request_finished  # noqa: E402
from django.urls import re_path  # noqa: E402

from accounts.login_gate import PasswordCheckGate  # noqa: E402
from accounts.ws_auth import JWTAuthMiddlewareStack  # noqa: E402
from chat.transport.routing import websocket_urlpatterns as chat_ws  # noqa: E402
from chatbet_project.body_limit import BodySizeLimitMiddleware  # noqa: E402
from chatbet_project.db import close_request_connections  # noqa: E402
from chatbet_project.proxies import TrustedProxyMiddleware  # noqa: E402
from chatbet_project.ws_origin import ConfiguredOriginValidator  # noqa: E402
from sports.routing import websocket_urlpatterns as sports_ws  # noqa: E402

# HTTP requests' per-request threads must not keep connections (see chatbet_project/db.py).
request_finished.connect(close_request_connections, dispatch_uid="chatbet-close-request-connections")

# Outermost: the client address and scheme (TRUSTED_PROXIES), then bodies over the limit get 413 unread.
application = TrustedProxyMiddleware(ProtocolTypeRouter(
    {
        # A password form while every password-check slot is busy: 429 before Django (accounts/login_gate.py).
        "http": BodySizeLimitMiddleware(PasswordCheckGate(django_asgi_app)),
        "websocket": ConfiguredOriginValidator(JWTAuthMiddlewareStack(URLRouter(
            # An unknown path is refused at the handshake, not a "No route found" error and a traceback.
            chat_ws + sports_ws + [re_path(r"", WebsocketDenier.as_asgi())]
        ))),
    }
))
