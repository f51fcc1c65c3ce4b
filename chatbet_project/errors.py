"""Domain errors carry a code and a status; the edges (DRF, consumers, views) translate them."""

from __future__ import annotations

import logging
import math

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import JsonResponse
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .logging import request_id_var

logger = logging.getLogger(__name__)


class ChatBetError(Exception):
    code = "bad_request"
    status = 400
    retry_after: float | None = None  # seconds; sent as Retry-After (429/503)

    def __init__(self, message: str = "", *, code: str | None = None, status: int | None = None):
        # A class docstring is the default message: fold its source indentation into plain spaces.
        super().__init__(message or " ".join((self.__class__.__doc__ or self.code).split()))
        if code:
            self.code = code
        if status:
            self.status = status


# One small class per error code (here and in each app's services): declarations, not logic, so
# their repeated shape (`duplicates`) stays: a caller catches or raises the class by name.
class NotFound(ChatBetError):
    """Not found."""

    code, status = "not_found", 404


class PermissionDenied(ChatBetError):
    """You are not allowed to do that."""

    code, status = "permission_denied", 403


class Conflict(ChatBetError):
    """Conflict."""

    code, status = "conflict", 409


class UpstreamUnavailable(ChatBetError):
    """The sports data provider is unavailable right now."""

    code, status = "upstream_unavailable", 503


def _flatten(detail, prefix: str = "") -> list[str]:
    """Turn DRF's nested error detail into readable `field: message` lines."""
    if isinstance(detail, dict):
        lines = []
        for key, value in detail.items():
            name = key if key != "non_field_errors" else ""
            lines += _flatten(value, f"{prefix}{name}: " if name else prefix)
        return lines
    if isinstance(detail, list):
        return [line for item in detail for line in _flatten(item, prefix)]
    return [f"{prefix}{detail}"]


def error_text(detail) -> str:
    """One readable line for a serializer's (possibly nested) errors: `field: message; ...`."""
    return "; ".join(_flatten(detail))


def error_body(code: str, message: str, details=None) -> dict:
    body = {"error_code": code, "message": message, "request_id": request_id_var.get()}
    if details is not None:
        body["details"] = details
    return body


BACKING_SERVICE_RETRY_AFTER = 5  # seconds


def _backing_service_down(exc: Exception) -> bool:
    """The shared cache (Redis) could not be reached: what needs it is unavailable (503), not broken (500)."""
    from django_redis.exceptions import ConnectionInterrupted
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return isinstance(exc, ConnectionInterrupted | RedisConnectionError | RedisTimeoutError)


DATABASE_BUSY_RETRY_AFTER = 1  # seconds
# PostgreSQL's serialization failure, deadlock detected, lock not available: the transaction was rolled back.
_BUSY_SQLSTATES = {"40001", "40P01", "55P03"}


def database_busy(exc: Exception) -> bool:
    """The database refused this transaction for contention with another (SQLite's lock held past its timeout, a
    PostgreSQL deadlock or lock timeout): it was rolled back and may simply be tried again (503), nothing broke."""
    from django.db import OperationalError

    if not isinstance(exc, OperationalError):
        return False
    if getattr(exc.__cause__, "sqlstate", None) in _BUSY_SQLSTATES:
        return True
    return sqlite_locked(exc)


def sqlite_locked(exc: BaseException) -> bool:
    """SQLite refused a statement for another connection's lock: "database is locked" (its busy timeout ran out),
    "database table is locked: <table>" (the shared-cache test database, at once, without waiting)."""
    from django.db import OperationalError

    return isinstance(exc, OperationalError) and "locked" in str(exc)


def database_busy_message() -> str:
    """What a client is told when `database_busy`: REST's 503 and the chat socket's error frame alike."""
    from django.utils.translation import gettext

    return gettext("The server is busy right now; try again in a moment.")


def _busy_response(exc: Exception) -> Response:
    logger.warning("database busy: the request's transaction was refused for contention, answered 503",
                   extra={"error": str(exc)[:200]})
    response = Response(error_body("database_busy", database_busy_message()), status=503)
    response["Retry-After"] = str(DATABASE_BUSY_RETRY_AFTER)
    return response


def api_exception_handler(exc, context):
    """One error shape for every API: `{"error_code", "message", "details"?, "request_id"}`."""
    if isinstance(exc, ChatBetError):
        response = Response(error_body(exc.code, str(exc)), status=exc.status)
        if exc.retry_after is not None:
            response["Retry-After"] = str(max(1, math.ceil(exc.retry_after)))
        return response
    response = exception_handler(exc, context)
    if response is None and _backing_service_down(exc):
        logger.warning("a backing service is unreachable", extra={"error": type(exc).__name__})
        response = Response(error_body("service_unavailable", "A service this answer needs is unavailable right now; "
                                       "try again shortly."), status=503)
        response["Retry-After"] = str(BACKING_SERVICE_RETRY_AFTER)
        return response
    if response is None and database_busy(exc):
        return _busy_response(exc)
    if response is None:
        logger.exception("unhandled API error", exc_info=exc)
        return Response(error_body("server_error", "Internal server error."), status=500)
    if isinstance(exc, drf_exceptions.ValidationError):
        response.data = error_body("validation_error", error_text(exc.detail), exc.detail)
    else:
        code = getattr(exc, "default_code", "error")
        detail = exc.detail if isinstance(exc, drf_exceptions.APIException) else str(exc)
        message = error_text(detail) if not isinstance(detail, str) else detail
        code = getattr(detail, "code", None) or code
        response.data = error_body(str(code), message)
    return response


def json_404(request, exception=None):
    return JsonResponse(error_body("not_found", "The requested resource was not found."), status=404)


def json_500(request):
    return JsonResponse(error_body("server_error", "Internal server error."), status=500)


def json_400(request, exception=None):
    return JsonResponse(error_body("bad_request", "Bad request."), status=400)


def json_403(request, exception=None):
    return JsonResponse(error_body("permission_denied", "Forbidden."), status=403)


class JsonNotFoundMiddleware:
    """Unknown API paths answer the JSON error shape, with DEBUG=True too (where Django would send
    its HTML debug page instead of `handler404`). Sits inside CommonMiddleware's slash redirects."""

    API_PREFIXES = ("/api/", "/health/", "/ws/")
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def _json_or(self, request, response):
        if (response.status_code == 404 and request.path.startswith(self.API_PREFIXES)
                and "json" not in response.get("Content-Type", "")):
            return json_404(request)
        return response

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        return self._json_or(request, self.get_response(request))

    async def __acall__(self, request):
        return self._json_or(request, await self.get_response(request))
