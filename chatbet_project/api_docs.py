"""API documentation pages besides the OpenAPI ones: the WebSocket protocol, which OpenAPI cannot
describe, served from `docs/websocket-protocol.md` so the running server and the repo say the same."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

WEBSOCKET_PROTOCOL_DOC = settings.BASE_DIR / "docs" / "websocket-protocol.md"
# The docs pages may load only from this server. ReDoc's bundle hard-codes an image from its CDN (the
# "API docs by Redocly" badge) that no setting removes: the browser blocks it under this policy.
SAME_ORIGIN_ONLY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                    "img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'")


def same_origin_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`view` with a Content-Security-Policy that keeps the browser from loading anything elsewhere."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = SAME_ORIGIN_ONLY
        return response

    return wrapped


@require_GET
def websocket_protocol(request: HttpRequest) -> HttpResponse:
    """The protocol as Markdown text (plain text, so browsers show it instead of downloading it)."""
    try:
        text = WEBSOCKET_PROTOCOL_DOC.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Http404("docs/websocket-protocol.md is missing from this installation")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
