"""Break 1: a client could pose as any address by sending X-Forwarded-For (and as HTTPS with
X-Forwarded-Proto), because every documented command ran daphne with --proxy-headers."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx
import pytest
import websockets

from .conftest import BASE_DIR, asgi_request, asgi_socket, documented_daphne_command

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def anon_rate(settings):
    def set_rate(rate: str) -> None:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": rate}}
    return set_rate


def test_no_documented_command_runs_daphne_with_proxy_headers():
    sources = {"Makefile": (BASE_DIR / "Makefile").read_text(), "Dockerfile": (BASE_DIR / "Dockerfile").read_text(),
               "deploy/cluster.sh": (BASE_DIR / "deploy" / "cluster.sh").read_text(),
               "docker-compose.yml": (BASE_DIR / "docker-compose.yml").read_text(),
               "README.md": (BASE_DIR / "README.md").read_text()}
    for name, text in sources.items():
        daphne_lines = [line for line in text.splitlines() if re.search(r"daphne\W.*asgi:application", line)]
        assert daphne_lines, name
        assert not [line for line in daphne_lines if "--proxy-headers" in line], name
    assert "--proxy-headers" not in documented_daphne_command(8000)


async def test_a_client_sending_x_forwarded_for_is_still_counted_by_its_own_address(anon_rate):
    anon_rate("3/min")
    codes = [(await asgi_request("POST", "/api/v1/auth/generate_token", client="203.0.113.7",
                                 headers={"X-Forwarded-For": f"198.51.100.{n}"}))[0] for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    # another real address still gets its own allowance
    assert (await asgi_request("POST", "/api/v1/auth/generate_token", client="203.0.113.8"))[0] == 200


async def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(anon_rate, settings):
    anon_rate("2/min")
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for n in range(4):  # four clients behind the proxy: two requests each, all allowed
        for _ in range(2):
            status, _, _ = await asgi_request("POST", "/api/v1/auth/generate_token", client="10.0.0.5",
                                              headers={"X-Forwarded-For": f"198.51.100.{n}"})
            assert status == 200
    # what a client writes to the left of the proxy's entry is not believed
    for spoof in ("192.0.2.1", "192.0.2.2"):
        status, _, _ = await asgi_request("POST", "/api/v1/auth/generate_token", client="10.0.0.5",
                                          headers={"X-Forwarded-For": f"{spoof}, 198.51.100.0"})
        assert status == 429
    # a peer outside TRUSTED_PROXIES is not a proxy, whatever it sends
    codes = [(await asgi_request("POST", "/api/v1/auth/generate_token", client="203.0.113.9",
                                 headers={"X-Forwarded-For": f"198.51.100.{50 + n}"}))[0] for n in range(3)]
    assert codes == [200, 200, 429]


async def test_websocket_limit_per_address_ignores_forwarded_for(settings):
    settings.WS_MAX_CONNECTIONS_PER_IP = 2
    sockets = []
    try:
        for n in range(2):
            sockets.append(asgi_socket("/ws/sports-updates", headers={"X-Forwarded-For": f"198.51.100.{n}"}))
            connected, _ = await sockets[-1].connect()
            assert connected
        third = asgi_socket("/ws/sports-updates", headers={"X-Forwarded-For": "198.51.100.77"})
        connected, _ = await third.connect()
        assert connected  # accepted, then closed with the code (browsers only see codes after an accept)
        assert (await third.receive_output(timeout=5))["code"] == 4429
        # behind a trusted proxy, the forwarded address is the one counted
        settings.TRUSTED_PROXIES = ["127.0.0.1"]
        behind = asgi_socket("/ws/sports-updates", client="127.0.0.1", headers={"X-Forwarded-For": "198.51.100.9"})
        sockets.append(behind)
        connected, _ = await behind.connect()
        assert connected
        assert (await behind.receive_json_from(timeout=5))["type"] == "connection_status"
    finally:
        for socket in sockets:
            await socket.disconnect()


# --- daphne launched as `make run` launches it ---------------------------------------------------
async def _spoofed_posts(url: str, count: int, header: str = "X-Forwarded-For") -> list[int]:
    async with httpx.AsyncClient(base_url=url, timeout=10) as client:
        return [(await client.post("/api/v1/auth/generate_token", headers={header: f"198.51.100.{n}"})).status_code
                for n in range(count)]


async def _open_sockets(ws_url: str, count: int) -> list[int | None]:
    """Close codes (None = still open) of `count` sockets, each claiming another address."""
    opened, codes = [], []
    try:
        for n in range(count):
            socket = await websockets.connect(f"{ws_url}/ws/sports-updates",
                                              additional_headers={"X-Forwarded-For": f"198.51.100.{n}"})
            opened.append(socket)
            try:
                await asyncio.wait_for(socket.recv(), timeout=10)
                codes.append(None)
            except websockets.ConnectionClosed as closed:
                codes.append(closed.rcvd.code if closed.rcvd else None)
    finally:
        for socket in opened:
            await socket.close()
    return codes


async def test_live_daphne_as_documented_ignores_forwarded_headers(launch_documented_daphne):
    server = await asyncio.to_thread(launch_documented_daphne, THROTTLE_ANON="3/min", WS_MAX_CONNECTIONS_PER_IP="2")
    assert await _spoofed_posts(server.url, 5) == [200, 200, 200, 429, 429]
    assert await _open_sockets(server.ws_url, 3) == [None, None, 4429]


async def test_live_daphne_with_a_trusted_proxy_counts_forwarded_clients(launch_documented_daphne):
    server = await asyncio.to_thread(launch_documented_daphne, THROTTLE_ANON="3/min",
                                     WS_MAX_CONNECTIONS_PER_IP="2", TRUSTED_PROXIES="127.0.0.1")
    assert await _spoofed_posts(server.url, 5) == [200] * 5
    assert await _open_sockets(server.ws_url, 3) == [None, None, None]


async def test_live_production_daphne_redirects_to_https_whatever_x_forwarded_proto_says(launch_documented_daphne):
    server = await asyncio.to_thread(launch_documented_daphne, DJANGO_ENV="production", SECURE_SSL_REDIRECT="true",
                                     TRUSTED_PROXIES="10.0.0.1")
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as client:
        spoofed = await client.get("/api/v1/chat/intents", headers={"X-Forwarded-Proto": "https"})
    assert spoofed.status_code == 301 and spoofed.headers["location"].startswith("https://")


async def test_a_trusted_proxy_saying_https_is_believed(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    from chatbet_project.proxies import _networks, resolve_scope

    scope = {"type": "http", "client": ("10.0.0.1", 1), "headers": [(b"x-forwarded-proto", b"https"),
                                                                     (b"x-forwarded-for", b"192.0.2.4")]}
    resolved = resolve_scope(scope, _networks(("10.0.0.1",)))
    assert resolved["scheme"] == "https" and resolved["client"][0] == "192.0.2.4" and resolved["headers"] == []
    untrusted = resolve_scope(dict(scope, client=("192.0.2.99", 1)), _networks(("10.0.0.1",)))
    assert "scheme" not in untrusted and untrusted["client"][0] == "192.0.2.99" and untrusted["headers"] == []


def test_a_mistyped_trusted_proxy_refuses_to_start(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=BASE_DIR,
                            env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "chatbet_project.settings",
                                 "TRUSTED_PROXIES": "10.0.0.0/8,nginx", "HOME": str(tmp_path)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "TRUSTED_PROXIES: 'nginx'" in result.stderr
    assert Path(BASE_DIR / "chatbet_project" / "proxies.py").exists()


def _wsgi_client_of(environ: dict) -> tuple[str, str]:
    """What the Django app behind gunicorn sees: (REMOTE_ADDR, scheme), through the project's WSGI entry."""
    from chatbet_project.proxies import TrustedProxyWSGIMiddleware

    seen = {}

    def app(env, start_response):
        seen.update(addr=env["REMOTE_ADDR"], scheme=env["wsgi.url_scheme"],
                    forwarded=[key for key in env if "FORWARDED" in key or key == "HTTP_X_REAL_IP"])
        return []

    TrustedProxyWSGIMiddleware(app)({"wsgi.url_scheme": "http", **environ}, lambda *a: None)
    assert seen["forwarded"] == []  # nothing downstream can read a forwarded header
    return seen["addr"], seen["scheme"]


def test_gunicorn_http_ignores_forwarded_headers_without_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = []
    spoof = {"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "198.51.100.1", "HTTP_X_FORWARDED_PROTO": "https"}
    assert _wsgi_client_of(spoof) == ("203.0.113.7", "http")


def test_gunicorn_http_behind_nginx_counts_the_client_nginx_names(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    via_nginx = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7",
                 "HTTP_X_FORWARDED_PROTO": "https"}
    assert _wsgi_client_of(via_nginx) == ("203.0.113.7", "https")  # the client's own '6.6.6.6' is not believed
    direct = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "6.6.6.6"}
    assert _wsgi_client_of(direct) == ("203.0.113.9", "http")  # not from nginx: the header is ignored
