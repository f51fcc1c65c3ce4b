"""Operator endpoints of the chat sockets: `/ws/status`, `/ws/ping`, `/ws/test`.

The numbers are this process's (`chat/services/presence.py`); with several server processes each
answers for itself and says which instance it is.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    permission_classes,
    renderer_classes,
    throttle_classes,
)
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.renderers import StaticHTMLRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from chat.services import presence
from chat.transport import protocol

STATUS_TOKEN_AUTH = "ws-status-token"


class StatusTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <WS_STATUS_TOKEN>` for monitoring tools that hold no user account."""

    def authenticate(self, request):
        expected = settings.WS_STATUS_TOKEN
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if expected and scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), expected):
            return AnonymousUser(), STATUS_TOKEN_AUTH
        return None  # not ours: let JWT / session authentication have a look


class StatusTokenScheme(OpenApiAuthenticationExtension):
    target_class = StatusTokenAuthentication
    name = "wsStatusToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "The operator token WS_STATUS_TOKEN."}


class CanSeeSocketStatus(BasePermission):
    """Open in development; in production only staff or the holder of WS_STATUS_TOKEN."""

    message = "Staff or the WS status token is required."

    def has_permission(self, request, view) -> bool:
        if not settings.PRODUCTION:
            return True
        return request.auth == STATUS_TOKEN_AUTH or bool(getattr(request.user, "is_staff", False))


_status_schema = inline_serializer("WsStatus", {
    "status": serializers.CharField(),
    "instance": serializers.CharField(help_text="host:pid of the process that answered"),
    "connections": serializers.IntegerField(help_text="open chat sockets on this process"),
    "sessions": serializers.IntegerField(help_text="distinct chat sessions among them"),
    "messages_per_minute": serializers.IntegerField(help_text="user messages received in the last 60 s"),
    "uptime_seconds": serializers.FloatField(),
    "totals": serializers.DictField(child=serializers.IntegerField()),
    "heartbeat": serializers.DictField(child=serializers.FloatField()),
    "channel_layer": serializers.CharField(),
    "timestamp": serializers.CharField(),
})
_ping_schema = inline_serializer("WsPing", {"status": serializers.CharField(), "message": serializers.CharField(),
                                            "timestamp": serializers.CharField()})


@extend_schema(tags=["websocket"], summary="Chat socket stats of this process",
               description="Open in development. In production: staff (JWT or admin session) or "
                           "`Authorization: Bearer <WS_STATUS_TOKEN>`.",
               responses={200: _status_schema, 401: OpenApiResponse(description="invalid credentials"),
                          403: OpenApiResponse(description="not staff and no status token")})
@never_cache
@api_view(["GET"])
@authentication_classes([StatusTokenAuthentication, *api_settings.DEFAULT_AUTHENTICATION_CLASSES,
                         SessionAuthentication])
@permission_classes([CanSeeSocketStatus])
@throttle_classes([])
def ws_status(request):
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    return Response({"status": "ok", **presence.snapshot(),
                     "channel_layer": type(layer).__name__ if layer is not None else "none",
                     "timestamp": protocol.iso_z()})


@extend_schema(tags=["websocket"], summary="Ping the socket server over HTTP", responses=_ping_schema)
@never_cache
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([])
def ws_ping(request):
    return Response({"status": "ok", "message": "pong", "timestamp": protocol.iso_z()})


@extend_schema(tags=["websocket"], summary="A small browser page to try the chat socket",
               responses={(200, "text/html"): OpenApiTypes.STR})
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
@renderer_classes([StaticHTMLRenderer])
def ws_test(request):
    return Response(render_to_string("chat/ws_test.html", {"max_chars": settings.CHAT_MAX_MESSAGE_CHARS}))
