"""Rate-limit counters in the shared cache, used by the DRF throttles and the WebSocket consumer.

Kept free of DRF views/services imports: DRF imports the throttles while it starts.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from django.core.cache import cache
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


def login_ident(*, login: str, request) -> str:
    """Who a login attempt is counted against: (username or email, client IP).

    One builder for the API login and the admin login form, so both spend the same counter and an
    attacker gets no extra attempts by switching forms. The login is hashed (never stored in clear).
    """
    digest = hashlib.sha256(str(login).strip().lower().encode()).hexdigest()[:32]
    # REMOTE_ADDR: the ASGI layer already decided it from TRUSTED_PROXIES (chatbet_project/proxies.py).
    return f"{digest}|{BaseThrottle().get_ident(request)}"


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
    except Exception as exc:  # the shared cache (Redis) is down: fail open, never turn an outage into errors
        logger.warning("rate-limit counter unavailable, request allowed", extra={"scope": scope,
                                                                               "error": type(exc).__name__})
        return True, 0.0
    if count > num_requests:
        return False, max((window + 1) * duration - now, 0.001)
    return True, 0.0


def consume_chat_quota(*, identity_key: str) -> tuple[bool, float]:
    """One chat message against THROTTLE_CHAT (default 50/min) for this identity.

    Pass `Identity.key` for users and guests; for anonymous clients pass something per client
    (e.g. `f"anon:{client_ip}"`), or every anonymous client shares one quota.
    """
    rate = scope_rate("chat")
    if rate is None:
        return True, 0.0
    return consume_rate(scope="chat", ident=identity_key, num_requests=rate[0], duration=rate[1])


def retry_after_header(wait: float) -> str:
    return str(max(1, math.ceil(wait)))
