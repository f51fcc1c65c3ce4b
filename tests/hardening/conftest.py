"""Fixtures for the hardening suite: lifted rate limits, a private Redis server, async DB cleanup."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest


@pytest.fixture
def no_throttles(settings):
    """Fuzzing and fault scenarios send many requests from one address; throttles are tested elsewhere."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"anon": "", "user": "", "chat": "", "login": ""}}
    settings.WS_MAX_CONNECTIONS_PER_IP = 0
    settings.WS_MAX_CONNECTIONS_PER_USER = 0
    settings.SPORTS_INPROCESS_WARMING = False
    return settings


@pytest.fixture(autouse=True)
def _close_async_db_connections():
    """Async tests query through asgiref's shared worker thread and, on PostgreSQL, through the pool of
    database threads (chatbet_project/db.py); close their connections afterwards so PostgreSQL can drop
    the test database (CONN_MAX_AGE keeps them open otherwise) and no test inherits a connection another
    one killed. The engine also queries from a thread pool, whose connections are closed after use only
    with CONN_MAX_AGE 0."""
    from asgiref.sync import SyncToAsync
    from django.db import connections

    from chatbet_project.db import close_database_thread_connections

    db_settings = connections.settings["default"]
    kept = db_settings.get("CONN_MAX_AGE", 0)
    db_settings["CONN_MAX_AGE"] = 0
    yield
    db_settings["CONN_MAX_AGE"] = kept
    SyncToAsync.single_thread_executor.submit(connections.close_all).result(timeout=10)
    close_database_thread_connections()


class PrivateRedis:
    """A throw-away redis-server on a free loopback port (no persistence): the shared Redis others use
    is never stopped."""

    def __init__(self) -> None:
        from conftest import free_port

        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> PrivateRedis:
        self.proc = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None


@pytest.fixture
def private_redis():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server binary is not installed")
    server = PrivateRedis().start()
    yield server
    server.stop()
