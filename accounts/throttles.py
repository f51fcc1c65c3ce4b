"""DRF throttles counted in the shared cache (so limits hold across processes), rates from settings.

Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] at request time: `anon` per IP for
clients without a user (anonymous and guests), `user` per user, `chat` per identity (chat
messages; also used by the WebSocket consumer through `services.consume_chat_quota`) plus
`chat_ip` per IP, `guest` guest tokens per IP, and `login` / `login_ip` / `login_user` for login
attempts. An empty rate disables that limit.
"""

from __future__ import annotations

from rest_framework.throttling import BaseThrottle

from .identity import identity_from_request
from .ratelimit import client_ip, consume_chat_quota, consume_login_attempt, consume_rate, scope_rate


class SharedRateThrottle(BaseThrottle):
    scope = ""

    def get_cache_ident(self, request, view) -> str | None:
        """Who is counted; None skips this throttle for the request."""
        raise NotImplementedError

    def consume(self, ident: str) -> tuple[bool, float]:
        rate = scope_rate(self.scope)
        if rate is None:
            return True, 0.0
        return consume_rate(scope=self.scope, ident=ident, num_requests=rate[0], duration=rate[1])

    def allow_request(self, request, view) -> bool:
        self._wait = None
        ident = self.get_cache_ident(request, view)
        if ident is None:
            return True
        allowed, wait = self.consume(ident)
        if not allowed:
            self._wait = wait
        return allowed

    def wait(self) -> float | None:
        return self._wait


class AnonThrottle(SharedRateThrottle):
    """Clients without a user account (no token, or a guest token): per IP."""

    scope = "anon"

    def get_cache_ident(self, request, view) -> str | None:
        if identity_from_request(request).is_authenticated:
            return None
        return client_ip(request)


class UserThrottle(SharedRateThrottle):
    """Registered users: per user, wherever they connect from."""

    scope = "user"

    def get_cache_ident(self, request, view) -> str | None:
        identity = identity_from_request(request)
        return identity.key if identity.is_authenticated else None


class ChatThrottle(SharedRateThrottle):
    """Chat messages: per user or guest (per IP for anonymous clients) and per IP on top.
    Same counters as the WebSocket."""

    scope = "chat"

    def allow_request(self, request, view) -> bool:
        identity = identity_from_request(request)
        ip = client_ip(request)
        allowed, wait = consume_chat_quota(identity_key=identity.key if not identity.is_anonymous else f"anon:{ip}",
                                           ip=ip)
        self._wait = None if allowed else wait
        return allowed


class GuestMintThrottle(SharedRateThrottle):
    """Guest tokens per IP (THROTTLE_GUEST): tighter than anonymous reads, since each is an identity."""

    scope = "guest"

    def get_cache_ident(self, request, view) -> str | None:
        return client_ip(request)


class LoginThrottle(SharedRateThrottle):
    """Login attempts per (login, IP), per IP and per login, counted before any password is hashed
    (accounts.ratelimit.consume_login_attempt). A body that does not parse still counts per IP."""

    scope = "login"

    def allow_request(self, request, view) -> bool:
        from rest_framework.exceptions import ParseError

        try:
            data = request.data if isinstance(request.data, dict) else {}
        except ParseError:  # still an attempt from this address; within the limit, the client is told why
            allowed, wait = consume_login_attempt(login="", request=request)
            if allowed:
                raise
            self._wait = wait
            return False
        login = data.get("username") or data.get("email") or data.get("login") or ""
        allowed, wait = consume_login_attempt(login=str(login), request=request)
        self._wait = None if allowed else wait
        return allowed
