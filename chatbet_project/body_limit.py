"""Request bodies over MAX_REQUEST_BODY_BYTES are answered 413 before the application reads them.

Django's ASGI handler spools the whole body before any view (or throttle) runs, so a 10 MB POST
used to cost its full read and then a 500 from `RequestDataTooBig`, and the login throttle, which
reads the body for the username, never counted it. Here the declared `Content-Length` is refused
at once, and a body without one (chunked) is counted as it arrives and refused when it passes the
limit. WebSocket frames have their own limit (daphne's `--websocket-max-message-size`, and the
consumers' own checks).
"""

from __future__ import annotations

import json

from django.conf import settings

from .logging import new_request_id


def _too_large_response(limit: int) -> tuple[dict, dict]:
    body = json.dumps({"error_code": "payload_too_large",
                       "message": f"The request body is larger than {limit} bytes.",
                       "request_id": new_request_id(None)}).encode()
    start = {"type": "http.response.start", "status": 413,
             "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                         (b"connection", b"close")]}
    return start, {"type": "http.response.body", "body": body}


class BodySizeLimitMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = settings.MAX_REQUEST_BODY_BYTES
        declared = dict(scope.get("headers") or []).get(b"content-length")
        try:
            too_large = declared is not None and int(declared) > limit
        except ValueError:
            too_large = False  # daphne rejects a malformed Content-Length itself
        if too_large:
            return await self._refuse(send, limit)
        # No (or a small) declared length: count what arrives.
        received = 0
        started = False

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            return await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await self._refuse(send, limit)

    @staticmethod
    async def _refuse(send, limit: int) -> None:
        start, body = _too_large_response(limit)
        await send(start)
        await send(body)


class _BodyTooLarge(Exception):
    pass
