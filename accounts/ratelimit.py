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
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.settings import api_settings as drf_settings
from rest_framework.throttling import BaseThrottle

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
    """REMOTE_ADDR: the ASGI layer already decided it from TRUSTED_PROXIES (chatbet_project/proxies.py)."""
    return BaseThrottle().get_ident(request)


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
    """Count one hit on each (scope, ident); refused if any is over its rate (every one is counted)."""
    allowed, wait = True, 0.0
    for scope, ident in checks:
        rate = scope_rate(scope)
        if rate is None:
            continue
        ok, scope_wait = consume_rate(scope=scope, ident=ident, num_requests=rate[0], duration=rate[1])
        if not ok:
            allowed, wait = False, max(wait, scope_wait)
    return allowed, wait


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
    return isinstance(caches["default"], LocMemCache)


def consume_rate(*, scope: str, ident: str, num_requests: int, duration: int) -> tuple[bool, float]:
    """Count one hit in a fixed window shared by every process (the default cache).

    `cache.incr` and `cache.add` are atomic on Redis and on the local-memory cache, so concurrent
    processes never lose counts. Returns (allowed, seconds until the window resets).
    """
    now = time.time()
    window = int(now // duration)
    key = rate_key(scope, ident, window)
    try:
        try:
            count = cache.incr(key)  # one round trip on the hot path
        except ValueError:  # first hit of this window
            if cache.add(key, 1, timeout=duration + 1):
                count = 1
            else:  # another process created it meanwhile
                count = cache.incr(key)
    except Exception as exc:  # the shared cache (Redis) is down: count in this process instead
        logger.warning("rate-limit counter unavailable, counting in this process",
                       extra={"scope": scope, "error": type(exc).__name__})
        count = _consume_locally(key, duration)
    if count > num_requests:
        return False, max((window + 1) * duration - now, 0.001)
    return True, 0.0


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


def retry_after_header(wait: float) -> str:
    return str(max(1, math.ceil(wait)))
