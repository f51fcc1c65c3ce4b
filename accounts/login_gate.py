"""The password-check bound applied in the ASGI stack, before Django, to every form that hashes a
password: the API login and registration, and the admin login.

Measured (bench/login_flood.py with the server's threads sampled): a refused login that went
through Django cost the event loop two thread starts (asgiref's per-request ThreadSensitiveContext
starts a worker thread for the sync view and another to join it), each waiting for a CPU and the
GIL; at ~120 refusals a second the loop spent most of its time there and chat turns waited behind
it. Peeking at the free slots before Django still let ~50 a second through (every request that
arrived while the last hash was finishing its response). So the gate takes the slot itself
(`accounts.passwords.password_check_slot`, re-entrant) once the body has arrived and holds it until
the response is sent (not until Django's cleanup ends: a retry right after a 401 finds it free).
At most PASSWORD_CHECK_CONCURRENCY such requests are inside Django; every other one gets 429
`login_busy` with `Retry-After` here, without a thread. The service's own `password_check_slot()`
runs inside the held slot; outside ASGI (gunicorn's WSGI workers, the tests' Django client,
commands) it takes the slot itself. Nothing is counted here: a refused request tests no password.
"""

from __future__ import annotations

import json
import math
from contextlib import ExitStack
from functools import lru_cache
from io import BytesIO

from corsheaders.middleware import CorsMiddleware
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from chatbet_project.logging import new_request_id

from .passwords import PasswordChecksBusy, password_check_slot

# URL names of the forms that hash a password; the admin answers in text, the API in JSON.
GATED_API_FORMS = ("auth-login", "auth-register")
GATED_ADMIN_FORMS = ("admin:login",)
_cors = CorsMiddleware(lambda request: None)  # its header logic only: the same CORS answer as Django's


@lru_cache(maxsize=512)
def _gated_form(path_info: str) -> bool | None:
    """None if the path is no password form, else whether it is the admin's (resolved by URL name, so
    the URLconf stays the one place that knows the paths; cached per path)."""
    try:
        name = resolve(path_info).view_name
    except Resolver404:
        return None
    if name in GATED_API_FORMS:
        return False
    return True if name in GATED_ADMIN_FORMS else None


def _path_info(scope: dict) -> str:
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


def _cors_headers(scope: dict) -> list[tuple[bytes, bytes]]:
    """The CORS headers django-cors-headers would add to an API answer (none without an Origin)."""
    if not any(name == b"origin" for name, _ in scope.get("headers") or []):
        return []
    response = HttpResponse()
    _cors.add_response_headers(ASGIRequest(scope, BytesIO()), response)
    return [(name.encode("latin-1"), value.encode("latin-1")) for name, value in response.items()
            if name.lower() != "content-type"]


def busy_response(scope: dict, *, admin: bool) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """The 429 of a busy password check: the API's error shape (with the CORS headers of every API
    answer, so a browser app can read it and its Retry-After), or the admin's plain sentence."""
    error = PasswordChecksBusy()
    request_id = new_request_id(None)
    if admin:
        body, content_type, extra = str(error).encode(), b"text/plain; charset=utf-8", []
    else:
        body = json.dumps({"error_code": error.code, "message": str(error), "request_id": request_id}).encode()
        content_type, extra = b"application/json", _cors_headers(scope)
    return error.status, [(b"content-type", content_type),
                          (b"retry-after", str(max(1, math.ceil(error.retry_after))).encode()),
                          (b"x-request-id", request_id.encode()), (b"content-length", str(len(body)).encode()),
                          *extra], body


async def _read_body(receive) -> list[dict] | None:
    """Every message of the request body (a slow sender must not hold a slot), or None if the client
    left. The body's size is already bounded by chatbet_project.body_limit, outside this gate."""
    messages = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        messages.append(message)
        if not message.get("more_body", False):
            return messages


class PasswordCheckGate:
    """ASGI middleware for HTTP: a POST to a password form holds a password-check slot for the whole
    request, or is answered 429 at once when every slot is taken."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "POST":
            return await self.app(scope, receive, send)
        admin = _gated_form(_path_info(scope))
        if admin is None:
            return await self.app(scope, receive, send)
        body = await _read_body(receive)
        if body is None:
            return None

        async def replay():
            return body.pop(0) if body else await receive()

        with ExitStack() as stack:
            try:
                slot = stack.enter_context(password_check_slot())
            except PasswordChecksBusy:
                status, headers, content = busy_response(scope, admin=admin)
                await send({"type": "http.response.start", "status": status, "headers": headers})
                await send({"type": "http.response.body", "body": content})
                return None

            async def send_then_release(message):
                await send(message)
                if message["type"] == "http.response.body" and not message.get("more_body", False):
                    slot.release()  # the answer is out: the next attempt must not find the slot taken

            return await self.app(scope, replay, send_then_release)
