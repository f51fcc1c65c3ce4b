"""The built-in web chat at `/`: one template; the page talks to the same API and WebSocket as any client."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe
from django.views.i18n import JavaScriptCatalog


def content_security_policy(request: HttpRequest) -> str:
    """Scripts, styles and sockets only from this origin: a message that slipped through as HTML
    still could not run code or load anything."""
    host = request.get_host()
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        f"connect-src 'self' ws://{host} wss://{host}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


@require_safe
def chat_page(request: HttpRequest) -> HttpResponse:
    """The single-page chat. Thin: the page's behaviour lives in `chat/static/chat/`."""
    response = render(request, "chat/index.html", {
        "web_config": {"api_base": "/api/v1", "ws_chat": "/ws/chat", "ws_sports": "/ws/sports-updates"},
    })
    response["Content-Security-Policy"] = content_security_policy(request)
    response["Referrer-Policy"] = "same-origin"
    return response


urlpatterns: list = [
    path("", chat_page, name="web-chat"),
    # The page's strings in the request's language (LocaleMiddleware), from locale/*/LC_MESSAGES/djangojs.po;
    # `packages` keeps the admin's JavaScript strings out (the project's LOCALE_PATHS are always read).
    path("jsi18n/", JavaScriptCatalog.as_view(domain="djangojs", packages=["chat"]), name="web-jsi18n"),
]
