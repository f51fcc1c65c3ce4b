"""Per-address limits count an IPv6 client by its /64: one subscriber's network, whose host picks any of its
2^64 addresses at will (privacy addresses), so counting each address let one client mint guest tokens, open
sockets and spend chat and login quota without end. An IPv4-mapped IPv6 address is its IPv4 address."""

from __future__ import annotations

import pytest
from django.conf import settings

from .conftest import asgi_request, asgi_socket

pytestmark = pytest.mark.django_db(transaction=True)


async def _mint(client: str) -> int:
    return (await asgi_request("POST", "/api/v1/auth/generate_token", client=client))[0]


async def test_guest_tokens_from_one_ipv6_network_share_the_per_address_rate():
    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["guest"].split("/")[0])
    codes = [await _mint(f"2001:db8:1:2::{host + 1:x}") for host in range(limit + 1)]  # a new address each time
    assert codes == [200] * limit + [429]
    assert await _mint("2001:db8:1:3::1") == 200  # the next network is another client


async def test_an_ipv4_mapped_address_is_counted_as_its_ipv4_address():
    limit = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["guest"].split("/")[0])
    codes = [await _mint("198.51.100.9" if n % 2 else "::ffff:198.51.100.9") for n in range(limit + 1)]
    assert codes == [200] * limit + [429]


async def test_sockets_from_one_ipv6_network_share_the_per_address_cap(settings):
    settings.WS_MAX_CONNECTIONS_PER_IP = 2
    sockets = [asgi_socket("/ws/chat", client=f"2001:db8:5:6:{host}::1") for host in range(1, 4)]
    try:
        results = []
        for socket in sockets:
            connected, _ = await socket.connect()
            first = await socket.receive_output(timeout=10)
            results.append(first["type"] == "websocket.send" and connected)
            if first["type"] == "websocket.close":
                results[-1] = first["code"]
    finally:
        for socket in sockets:
            await socket.disconnect()
    assert results == [True, True, 4429]
