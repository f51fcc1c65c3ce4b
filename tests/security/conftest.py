"""Helpers of the security suite: requests through the real ASGI application with a chosen peer
address, and daphne launched with the command the Makefile documents."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from channels.testing import HttpCommunicator, WebsocketCommunicator

BASE_DIR = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent


def asgi_app():
    from chatbet_project.asgi import application

    return application


async def asgi_request(method: str, path: str, *, client: str = "203.0.113.7", headers: dict | None = None,
                       body: bytes | dict | None = None, timeout: float = 10,
                       declare_length: bool = True) -> tuple[int, dict, dict | bytes]:
    """One request through `chatbet_project.asgi.application` from the socket peer `client`."""
    raw_headers = [(k.lower().encode(), v.encode()) for k, v in {"Host": "testserver", **(headers or {})}.items()]
    if isinstance(body, dict):
        body = json.dumps(body).encode()
        raw_headers.append((b"content-type", b"application/json"))
    body = body or b""
    if declare_length and not any(name == b"content-length" for name, _ in raw_headers):
        raw_headers.append((b"content-length", str(len(body)).encode()))
    communicator = HttpCommunicator(asgi_app(), method, path, body=body, headers=raw_headers)
    communicator.scope["client"] = (client, 40000)  # read when the application starts, at the first await
    communicator.scope["server"] = ("testserver", 80)
    response = await communicator.get_response(timeout=timeout)
    response_headers = {k.decode().lower(): v.decode() for k, v in response["headers"]}
    content = response["body"]
    if response_headers.get("content-type", "").startswith("application/json") and content:
        content = json.loads(content)
    return response["status"], response_headers, content


def asgi_socket(path: str, *, client: str = "203.0.113.7", headers: dict | None = None,
                subprotocols: list[str] | None = None) -> WebsocketCommunicator:
    """A WebSocket to the real application from the socket peer `client` (call `connect()` on it)."""
    raw_headers = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    communicator = WebsocketCommunicator(asgi_app(), path, headers=raw_headers, subprotocols=subprotocols)
    communicator.scope["client"] = (client, 40001)
    return communicator


def documented_daphne_command(port: int) -> list[str]:
    """The daphne command of `make run`, with its Make variables filled in (bound to loopback)."""
    makefile = (BASE_DIR / "Makefile").read_text()
    line = next(line.strip() for line in makefile.splitlines() if re.match(r"\s+\$\(BIN\)/daphne ", line))
    line = line.replace("$(BIN)", str(BIN)).replace("$(HOST)", "127.0.0.1").replace("$(PORT)", str(port))
    return line.split()


class LiveServer:
    def __init__(self, url: str, proc: subprocess.Popen, log: Path):
        self.url, self.proc, self.log = url, proc, log
        self.ws_url = url.replace("http://", "ws://")


@pytest.fixture
def launch_documented_daphne(tmp_path):
    """Start daphne exactly as `make run` does, with extra environment; stopped after the test."""
    from conftest import free_port

    started: list[LiveServer] = []

    def launch(**extra_env: str) -> LiveServer:
        port = free_port()
        env = {k: v for k, v in os.environ.items()
               if k not in {"REDIS_URL", "DATABASE_URL", "CELERY_BROKER_URL", "TRUSTED_PROXIES", "DJANGO_ENV"}}
        env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "LOG_LEVEL": "WARNING",
                    "SECRET_KEY": "security-suite-" + os.urandom(24).hex(), **extra_env})
        log_path = tmp_path / f"daphne-{port}.log"
        log = open(log_path, "wb")  # noqa: SIM115 - the child keeps its own handle
        proc = subprocess.Popen(documented_daphne_command(port), cwd=BASE_DIR, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
        log.close()
        server = LiveServer(f"http://127.0.0.1:{port}", proc, log_path)
        started.append(server)
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{server.url}/health/live", timeout=1):  # noqa: S310 - local
                    return server
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"daphne did not start:\n{log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)

    yield launch
    for server in started:
        server.proc.terminate()
        try:
            server.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait(timeout=10)
