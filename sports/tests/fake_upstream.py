"""A fake ChatBet upstream on a real socket: the sandbox's contract JSON plus injectable faults."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from sports.providers.sandbox import SandboxUpstream


@dataclass
class Fault:
    path: str                  # exact path, or "*" for any
    status: int | None = None  # answer this status with a JSON error body
    body: str | None = None    # answer 200 with this raw body
    delay: float = 0.0         # sleep before answering
    times: int = 1             # how many requests it applies to


@dataclass
class Seen:
    method: str
    path: str
    query: dict
    token: str | None
    body: object


class FakeUpstream:
    def __init__(self, *, seed: int = 2026):
        self.upstream = SandboxUpstream(seed=seed)
        self.faults: list[Fault] = []
        self.requests: list[Seen] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def _handle(self, method: str):
                parts = urlsplit(self.path)
                query = dict(parse_qsl(parts.query))
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                with fake.lock:
                    fake.requests.append(Seen(method, parts.path, query, self.headers.get("token"), body))
                    fault = next((f for f in fake.faults if f.path in ("*", parts.path) and f.times > 0), None)
                    if fault:
                        fault.times -= 1
                if fault and fault.delay:
                    time.sleep(fault.delay)
                if fault and fault.status:
                    return self._send(fault.status, json.dumps({"detail": "injected"}).encode())
                if fault and fault.body is not None:
                    return self._send(200, fault.body.encode())
                status, payload = fake.upstream.dispatch(method, parts.path, query, body, dict(self.headers))
                self._send(status, json.dumps(payload).encode())

            def _send(self, status: int, data: bytes):
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client timed out and went away
                    pass

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeUpstream:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def inject(self, path: str, **kwargs) -> Fault:
        fault = Fault(path=path, **kwargs)
        with self.lock:
            self.faults.append(fault)
        return fault

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)

