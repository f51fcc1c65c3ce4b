"""Rate-limit counters in the shared cache, used by the DRF throttles and the WebSocket consumer.

Kept free of DRF views/services imports: DRF imports the throttles while it starts.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time

from cachetools import TLRUCache
from django.core.cache.backends.locmem import LocMemCache
from redis.commands.core import Script
from rest_framework.settings import api_settings as drf_settings
from rest_framework.throttling import BaseThrottle

from chatbet_project.caches import default_cache
from chatbet_project.proxies import quota_address

from .cache import rate_key

logger = logging.getLogger(__name__)


# --- rate limits -------------------------------------------------------------------------------
def parse_rate(rate: str | None) -> tuple[int, int] | None:
    """"50/min" → (50, 60); None means unlimited."""
    if not rate:
        return None
    num, period = rate.split("/")
    return int(num), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]


def scope_rate(scope: str) -> tuple[int, int] | None:
    """Rates are read at call time (DRF's throttles freeze them at import)."""
    return parse_rate(drf_settings.DEFAULT_THROTTLE_RATES.get(scope))


def client_ip(request) -> str:
    """The address per-IP limits count: REMOTE_ADDR, which the ASGI layer already decided from TRUSTED_PROXIES,
    an IPv6 client by its /64 (`chatbet_project.proxies.quota_address`)."""
    return quota_address(BaseThrottle().get_ident(request))


def _login_digest(login: str) -> str:
    return hashlib.sha256(str(login).strip().lower().encode()).hexdigest()[:32]


def login_ident(*, login: str, request) -> str:
    """Who a login attempt is counted against: (username or email, client IP). The login is hashed."""
    return f"{_login_digest(login)}|{client_ip(request)}"


def consume_login_attempt(*, login: str, request) -> tuple[bool, float]:
    """One login attempt, counted before any password is hashed, against three limits: per
    (login, IP) `login`, per IP `login_ip` (many accounts from one address) and per login
    `login_user` (one account from many addresses). One builder for the API login and the admin
    form, so both spend the same counters. Returns (allowed, seconds to wait)."""
    ip = client_ip(request)
    return consume_all([("login", login_ident(login=login, request=request)), ("login_ip", ip),
                        ("login_user", _login_digest(login))])


def consume_all(checks: list[tuple[str, str]]) -> tuple[bool, float]:
    """Count one hit on each (scope, ident); refused if any is over its rate (every one is counted).
    On Redis every counter moves in one round trip (`_count_hits`)."""
    limits = [(scope, ident, *rate) for scope, ident in checks if (rate := scope_rate(scope)) is not None]
    return _consume(limits)


# Used only while the shared cache is unreachable: each process then counts on its own, so a limit
# holds per process instead of not at all (security limits never fail open).
_local_counts: TLRUCache = TLRUCache(maxsize=100_000, ttu=lambda _key, value, now: now + value[1])
_local_lock = threading.Lock()


def _consume_locally(key: str, duration: int) -> int:
    with _local_lock:
        entry = _local_counts.get(key)
        count = (entry[0] if entry else 0) + 1
        _local_counts[key] = (count, duration + 1)
        return count


def counters_are_local() -> bool:
    """Whether the counters live in this process (the embedded mode's local-memory cache): counting is
    then a dictionary update, with no network call an async caller must keep off its event loop."""
    return isinstance(default_cache(), LocMemCache)


def consume_rate(*, scope: str, ident: str, num_requests: int, duration: int) -> tuple[bool, float]:
    """Count one hit in a fixed window shared by every process (the default cache).
    Returns (allowed, seconds until the window resets)."""
    return _consume([(scope, ident, num_requests, duration)])


# INCR every counter of a request and give a new one its window's lifetime, in one script: one round
# trip however many limits a request spends (the chat quota's two counters were two EVALs of
# django-redis's incr, the login's three were three), and atomic, so no process ever sees a counter
# without its expiry. KEYS: the counters; ARGV: each counter's lifetime in seconds, in the same order.
_COUNT_HITS = Script(None, b"""
local counts = {}
for i, key in ipairs(KEYS) do
    counts[i] = redis.call('INCR', key)
    if counts[i] == 1 then redis.call('EXPIRE', key, ARGV[i]) end
end
return counts
""")


def _count_hits(keys: list[str], lifetimes: list[int]) -> list[int]:
    """Each counter after this hit, in the shared cache (one Redis round trip under django-redis) or the
    local-memory cache (embedded mode). The default cache's one backend of this process (`chatbet_project.caches`):
    `caches["default"]` is an asgiref `Local` lookup (~10 µs), twice a chat message."""
    backend = default_cache()
    client = getattr(backend, "client", None)
    if hasattr(client, "get_client"):  # django-redis: its raw client runs the script
        return [int(count) for count in _COUNT_HITS(keys=[backend.make_key(key) for key in keys], args=lifetimes,
                                                    client=client.get_client(write=True))]
    counts = []
    for key, lifetime in zip(keys, lifetimes, strict=True):  # `incr` and `add` are atomic in this process
        try:
            counts.append(backend.incr(key))
        except ValueError:  # first hit of this window
            counts.append(1 if backend.add(key, 1, timeout=lifetime) else backend.incr(key))
    return counts


def _consume(limits: list[tuple[str, str, int, int]]) -> tuple[bool, float]:
    """One hit on each (scope, ident, num_requests, duration) fixed window, shared by every process.
    With the shared cache unreachable each process counts on its own: never failing open."""
    if not limits:
        return True, 0.0
    now = time.time()
    windows = [int(now // duration) for _scope, _ident, _num, duration in limits]
    keys = [rate_key(scope, ident, window) for (scope, ident, _num, _duration), window in zip(limits, windows,
                                                                                            strict=True)]
    lifetimes = [duration + 1 for *_rest, duration in limits]
    try:
        counts = _count_hits(keys, lifetimes)
    except Exception as exc:  # the shared cache (Redis) is down: count in this process instead
        logger.warning("rate-limit counter unavailable, counting in this process",
                       extra={"scope": limits[0][0], "error": type(exc).__name__})
        counts = [_consume_locally(key, lifetime - 1) for key, lifetime in zip(keys, lifetimes, strict=True)]
    wait = 0.0
    for (_scope, _ident, num_requests, duration), window, count in zip(limits, windows, counts, strict=True):
        if count > num_requests:
            wait = max(wait, (window + 1) * duration - now, 0.001)
    return wait == 0.0, wait


def consume_chat_quota(*, identity_key: str, ip: str | None = None) -> tuple[bool, float]:
    """One chat message against THROTTLE_CHAT (default 50/min) for this identity and against
    THROTTLE_CHAT_IP (default 100/min) for the client address, REST and WebSocket alike: guest
    tokens are free to mint, so the per-identity quota alone multiplies with every token.

    Pass `Identity.key` for users and guests; for anonymous clients pass something per client
    (e.g. `f"anon:{client_ip}"`), or every anonymous client shares one quota.
    """
    checks = [("chat", identity_key)]
    if ip:
        checks.append(("chat_ip", ip))
    return consume_all(checks)


def consume_read_quota(*, identity_key: str | None, ip: str | None) -> tuple[bool, float]:
    """One read (a socket's `history` frame) against the counters REST reads spend: THROTTLE_USER per user
    (`identity_key` "user:<id>", as `UserThrottle` counts), else THROTTLE_ANON per client address (guests and
    anonymous clients, as `AnonThrottle`; with no address, per `identity_key`). A client then reads as much over the
    socket as over REST, together."""
    if identity_key and identity_key.startswith("user:"):
        return consume_all([("user", identity_key)])
    # no address (a unix socket with no configured proxy): the caller's own key, never uncounted
    return consume_all([("anon", ip or identity_key or "no-address")])


def retry_after_header(wait: float) -> str:
    return str(max(1, math.ceil(wait)))
