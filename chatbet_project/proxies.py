"""The client's address and scheme, believed from forwarded headers only when a trusted proxy sent them.

daphne runs without `--proxy-headers`: that flag makes daphne take the *leftmost* `X-Forwarded-For`
entry, which is whatever the client wrote (even behind nginx, which appends to the client's value),
and it cannot be limited to a proxy's address. Every per-IP limit would be one header away from
being bypassed. This ASGI middleware is the one place that reads forwarded headers, for HTTP and
WebSocket alike, under one setting: `TRUSTED_PROXIES` (addresses or networks, empty by default).

- The socket peer is not a trusted proxy (the default): `X-Forwarded-*` headers are dropped and
  the peer address is the client.
- The peer is a trusted proxy: the client is the rightmost `X-Forwarded-For` address that is not
  itself a trusted proxy (entries to its left were written by the client and are not believed),
  and `X-Forwarded-Proto` gives the scheme (so the HTTPS redirect and secure cookies see https).

Django and DRF then read `REMOTE_ADDR` / `request.scheme` from the rewritten scope; nothing else
parses forwarded headers. `TrustedProxyWSGIMiddleware` applies the same rule to the WSGI environ
(gunicorn serves plain HTTP in the cluster, `chatbet_project/wsgi.py`).
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED_HEADERS = {b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host", b"x-forwarded-port",
                     b"x-real-ip", b"forwarded"}


def parse_trusted_proxies(values: Iterable[str]) -> tuple[Network, ...]:
    """`["10.0.0.0/8", "127.0.0.1"]` → networks; a value that is not an address or network refuses to start."""
    networks = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {value!r} is not an IP address or network "
                                       "(e.g. 10.0.0.0/8 or 172.18.0.1).")
    return tuple(networks)


@lru_cache(maxsize=8)
def _networks(values: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_trusted_proxies(values)


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def quota_address(address: str | None) -> str | None:
    """The client as per-address limits count it: an IPv4 address as it is (an IPv4-mapped IPv6 address as its
    IPv4 address), an IPv6 address as its /64, the network one subscriber is given and whose host may use any of
    its 2^64 addresses (privacy addresses rotate on their own); counted one by one, every address would be a
    fresh quota. Anything that is not an address is returned unchanged."""
    parsed = _address(address or "")
    if parsed is None:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_from_forwarded(*, peer: str | None, forwarded_for: list[str], networks: tuple[Network, ...]) -> str | None:
    """The client address: the peer, unless it is a trusted proxy; then the rightmost untrusted hop."""
    if not _trusted(_address(peer or ""), networks):
        return peer
    client = peer
    for hop in reversed(forwarded_for):
        address = _address(hop)
        if address is None:  # garbage in the chain: stop at the last hop we could believe
            break
        client = str(address)
        if not _trusted(address, networks):
            break
    return client


def resolve_scope(scope: dict, networks: tuple[Network, ...]) -> dict:
    """A copy of the scope with `client` and `scheme` decided, and the forwarded headers removed."""
    headers = scope.get("headers") or []
    forwarded_for: list[str] = []
    proto: str | None = None
    kept = []
    for name, value in headers:
        lowered = name.lower()
        if lowered in FORWARDED_HEADERS:
            if lowered == b"x-forwarded-for":
                forwarded_for += [hop for hop in value.decode("latin1").split(",") if hop.strip()]
            elif lowered == b"x-forwarded-proto":
                proto = value.decode("latin1").split(",")[-1].strip().lower()
            continue
        kept.append((name, value))
    if len(kept) == len(headers):
        return scope
    client = scope.get("client")
    peer = client[0] if client else None
    new_scope = dict(scope, headers=kept)
    if networks and _trusted(_address(peer or ""), networks):
        address = client_from_forwarded(peer=peer, forwarded_for=forwarded_for, networks=networks)
        new_scope["client"] = (address, 0) if address else client
        if proto in ("http", "https"):
            secure = proto == "https"
            new_scope["scheme"] = ("wss" if secure else "ws") if scope["type"] == "websocket" else proto
    return new_scope


class TrustedProxyMiddleware:
    """Outermost ASGI layer: decides `scope["client"]` and `scope["scheme"]` (see the module docstring)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            scope = resolve_scope(scope, _networks(tuple(settings.TRUSTED_PROXIES)))
        return await self.app(scope, receive, send)


_WSGI_FORWARDED = tuple("HTTP_" + name.decode().upper().replace("-", "_") for name in FORWARDED_HEADERS)


class TrustedProxyWSGIMiddleware:
    """The same rule for WSGI: `REMOTE_ADDR` and `wsgi.url_scheme` decided here, forwarded headers dropped."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        forwarded_for = [hop for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        proto = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
        for key in _WSGI_FORWARDED:
            environ.pop(key, None)
        networks = _networks(tuple(settings.TRUSTED_PROXIES))
        peer = environ.get("REMOTE_ADDR")
        if networks and _trusted(_address(peer or ""), networks):
            environ["REMOTE_ADDR"] = client_from_forwarded(peer=peer, forwarded_for=forwarded_for,
                                                           networks=networks) or peer
            if proto in ("http", "https"):
                environ["wsgi.url_scheme"] = proto
        return self.app(environ, start_response)
