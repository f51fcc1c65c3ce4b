"""Database connections of HTTP requests served over ASGI."""

from __future__ import annotations

from django.core.handlers.asgi import ASGIHandler
from django.db import connections


def close_request_connections(sender, **kwargs) -> None:
    """`request_finished` receiver: under ASGI each HTTP request runs its sync code in a thread of its
    own (asgiref's ThreadSensitiveContext) that is never reused, so a persistent connection
    (CONN_MAX_AGE) kept by it is never used again and lingers until garbage collection. Under load
    they piled up past PostgreSQL's max_connections ("too many clients already": 500s at 500 users in
    bench/load.py). Django's docs advise no persistent connections under ASGI: close them when the
    request ends. The WebSocket consumers' long-lived database thread is not a request and keeps its
    persistent connection (with CONN_HEALTH_CHECKS, so a database restart is survived)."""
    if isinstance(sender, type) and issubclass(sender, ASGIHandler):
        connections.close_all()
