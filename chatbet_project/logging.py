"""Correlation ids and safe JSON logs.

A request id lives in a context variable, so every log line of a request (or of a WebSocket
event) carries it without passing it around.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from pythonjsonlogger.json import JsonFormatter

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def new_request_id(incoming: str | None = None) -> str:
    """Honour a sane incoming id, otherwise make one; never trust arbitrary header text."""
    if incoming and _VALID_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIDMiddleware:
    """Sets the correlation id for the request and returns it as `X-Request-ID`."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def _start(self, request) -> str:
        rid = new_request_id(request.headers.get("X-Request-ID"))
        request.request_id = rid
        request_id_var.set(rid)
        return rid

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        rid = self._start(request)
        response = self.get_response(request)
        response["X-Request-ID"] = rid
        return response

    async def __acall__(self, request):
        rid = self._start(request)
        response = await self.get_response(request)
        response["X-Request-ID"] = rid
        return response


class RequestIDFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


_SECRET_PATTERNS = [
    (re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+"), "[jwt]"),
    (re.compile(r"(?i)((?:token|user_?key|password|secret|api_?key|authorization)[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"),
     r"\1[redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


_SECRET_KEY_NAME = re.compile(r"(?i)^(?:.*_)?(?:token|user_?key|password|secret|api_?key|authorization)$")


def _redact_value(value: Any, key: str = "") -> Any:
    if isinstance(value, str):
        return "[redacted]" if _SECRET_KEY_NAME.match(key) else redact(value)
    if isinstance(value, dict):
        return {k: _redact_value(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_value(v, key) for v in value]
    return value


class RedactingJsonFormatter(JsonFormatter):
    """JSON log lines with tokens, keys and passwords redacted: the last line of defence.

    Redacting at the formatter (not a filter rewriting `record.msg`) covers everything that is
    written: the message, the formatted exception and stack, and every `extra` field (by value, and
    by name for fields such as `access_token`).
    """

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        return {key: _redact_value(value, str(key)) for key, value in super().process_log_record(log_data).items()}
