"""Database connections of HTTP requests served over ASGI, and the threads async code queries from."""

from __future__ import annotations

import functools
import threading
from concurrent.futures import ThreadPoolExecutor

from channels.db import DatabaseSyncToAsync
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.db import connections
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_random

from .errors import sqlite_locked


def close_request_connections(sender, **kwargs) -> None:
    """`request_finished` receiver: under ASGI each HTTP request runs its sync code in a thread of its
    own (asgiref's ThreadSensitiveContext) that is never reused, so a persistent connection
    (CONN_MAX_AGE) kept by it is never used again and lingers until garbage collection. Under load
    they piled up past PostgreSQL's max_connections ("too many clients already": 500s at 500 users in
    bench/load.py). Django's docs advise no persistent connections under ASGI: close them when the
    request ends. The WebSocket consumers' database threads are not requests and keep their
    persistent connections (with CONN_HEALTH_CHECKS, so a database restart is survived)."""
    if isinstance(sender, type) and issubclass(sender, ASGIHandler):
        connections.close_all()


# Every function wrapped is one whole transaction (or a statement outside any) that is safe to repeat: repeat it
# briefly when SQLite is locked instead of failing a write that a moment later would go through.
retry_when_locked = retry(retry=retry_if_exception(sqlite_locked), stop=stop_after_attempt(10),
                          wait=wait_random(0.01, 0.2), reraise=True)


# --- the database threads of async code -----------------------------------------------------------
#
# Channels' `database_sync_to_async` runs every call of a process on ONE thread (asgiref's
# thread-sensitive executor). On PostgreSQL that thread waits on each round trip while the other
# turns queue behind it: one process answered 50 turns/s at 0.65 of a core (docs/scaling.md). On
# PostgreSQL the calls below go to a pool of DB_THREADS threads instead, each with its own persistent
# connection; SQLite (one writer) keeps the one thread. Each call is a unit of work like a request:
# Channels' DatabaseSyncToAsync runs `close_old_connections()` before and after it, and with
# CONN_HEALTH_CHECKS its first query checks the kept connection, so a backend terminated or a
# database restarted since the last call costs a reconnect, not an error.

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_pool_size = 0


def database_threads() -> int:
    """Threads of the pool this process queries from in async code (0: the one thread-sensitive thread)."""
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):  # ours or Django's
        return 0
    return max(0, int(getattr(settings, "DB_THREADS", 0)))


def database_executor() -> ThreadPoolExecutor | None:
    """The pool of database threads, created at first use (None: SQLite, or DB_THREADS = 0)."""
    global _pool, _pool_size
    size = database_threads()
    if size == _pool_size and (_pool is not None or size == 0):
        return _pool
    with _lock:
        if size != _pool_size or (_pool is None and size):
            if _pool is not None:  # the setting changed (tests): the old threads close theirs and end
                _close_connections_of(_pool, _pool_size)
                _pool.shutdown(wait=False)
            _pool = ThreadPoolExecutor(size, thread_name_prefix="chatbet-db") if size else None
            _pool_size = size
    return _pool


def db_sync_to_async(func):
    """`database_sync_to_async(func)`, run on the pool of database threads when there is one."""
    one_thread = DatabaseSyncToAsync(func)
    pooled: list = [None, None]  # (executor, its wrapper): built once, not per call

    @functools.wraps(func)
    async def call(*args, **kwargs):
        executor = database_executor()
        if executor is None:
            return await one_thread(*args, **kwargs)
        if pooled[0] is not executor:
            pooled[:] = [executor, DatabaseSyncToAsync(func, thread_sensitive=False, executor=executor)]
        return await pooled[1](*args, **kwargs)

    return call


def close_database_thread_connections(timeout: float = 10.0) -> None:
    """Close the connection of every thread of the pool (tests, before the test database is dropped):
    one task per thread, held at a barrier so that no thread takes two."""
    with _lock:
        if _pool is not None:
            _close_connections_of(_pool, _pool_size, timeout)


def _close_connections_of(pool: ThreadPoolExecutor, size: int, timeout: float = 10.0) -> None:
    barrier = threading.Barrier(size)

    def close_here() -> None:
        connections.close_all()
        barrier.wait(timeout)

    for future in [pool.submit(close_here) for _ in range(size)]:
        future.result(timeout)
