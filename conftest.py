"""Fixtures shared by every app's tests."""

from __future__ import annotations

import contextlib
import os
import socket
from datetime import UTC, datetime

import pytest
from channels.layers import channel_layers
from django.core.cache import caches


def redis_available(url: str = "redis://127.0.0.1:6379/0") -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def frozen_provider(settings, path: str = "sports.providers.sandbox.SandboxProvider"):
    """Serve sports data from `path` (a sandbox or a subclass), rebuilt for this test, its clock frozen at
    the real now so odds hold still; the configured provider comes back afterwards."""
    from sports.providers import get_provider

    settings.SPORTS_PROVIDER = path
    settings.SANDBOX_LATENCY_MS = 0
    get_provider.cache_clear()
    provider = get_provider()
    provider.freeze(datetime.now(UTC))
    try:
        yield provider
    finally:
        get_provider.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_state(settings):
    """Each test starts with an empty cache, a fresh channel layer and fast password hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for cache in caches.all():
        cache.clear()
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


def flushed_test_redis_url(worker_id: str) -> str:
    """This xdist worker's own Redis database, emptied; skips (with the reason) when Redis is absent.

    Each worker gets its own database number so parallel workers never flush each other;
    `TEST_REDIS_SERVER` (host:port) lets two checkouts test side by side on separate Redis servers.
    """
    base = os.environ.get("TEST_REDIS_BASE_DB", "8")
    server = os.environ.get("TEST_REDIS_SERVER", "127.0.0.1:6379")
    index = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
    url = f"redis://{server}/{int(base) + index}"
    if not redis_available(url):
        pytest.skip(f"Redis is not reachable at {url}")
    import redis

    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def redis_url(worker_id):
    """A real Redis database reserved for this test worker."""
    return flushed_test_redis_url(worker_id)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture(scope="session", autouse=True)
def _release_stray_db_connections(django_db_setup, django_db_blocker):
    """Connections left open by worker threads of async tests would block dropping the PostgreSQL test DB."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")
