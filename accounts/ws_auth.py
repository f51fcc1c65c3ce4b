"""WebSocket authentication and connection limits (Channels middleware).

Token sources, first found wins: `?token=<jwt>` query parameter, the `Sec-WebSocket-Protocol`
pair `bearer, <jwt>`, then an `access_token` cookie. No token → the anonymous identity (existing
clients connect without one). A bad, expired, tampered or `alg: none` token → accept then close
with 4401 (so browsers see the code). Too many live connections per IP or per identity → 4429.

When the client offered the `bearer` subprotocol, `scope["accept_subprotocol"]` is "bearer" and
the consumer must `accept(subprotocol=scope.get("accept_subprotocol"))`, or browsers drop the
handshake. The middleware sets `scope["identity"]` (accounts.identity.Identity), `scope["user"]`
(User, GuestUser or AnonymousUser), `scope["client_ip"]` and `scope["session_stands"]` (an async callable: whether
the handshake's token still stands, for consumers that may not import accounts).

Slots are counted in Redis when settings.REDIS_URL is set (one sorted set per subject, members
scored by their expiry and refreshed by one task per process, so a crashed process's slots expire
on their own), otherwise in the process (the local-memory cache). While Redis is unreachable each
process counts its own connections: a cap then holds per process, never not at all.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from urllib.parse import parse_qs

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http.cookie import parse_cookie
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken, TokenError

from chatbet_project.db import db_sync_to_async
from chatbet_project.proxies import quota_address

from .authentication import GuestToken, decode_token, guest_for_token, user_for_token
from .cache import ws_slots_key
from .identity import ANONYMOUS, Identity, guest_identity, identity_for_user

logger = logging.getLogger(__name__)

CLOSE_UNAUTHORIZED = 4401
CLOSE_TOO_MANY = 4429
BEARER_SUBPROTOCOL = "bearer"
TOKEN_COOKIE = "access_token"
_EMPTY_TOKENS = {"", "null", "undefined", "none"}
SLOT_TTL = 90  # seconds a Redis slot lives without a refresh
SLOT_REFRESH = 30  # seconds between refreshes of this process's live slots


class TokenRejected(Exception):
    pass


# --- extracting and checking the token ---------------------------------------------------------
def extract_token(scope) -> tuple[str | None, str | None]:
    """(raw token or None, subprotocol to accept or None)."""
    subprotocols = [p.strip() for p in scope.get("subprotocols") or []]
    lowered = [p.lower() for p in subprotocols]
    accept = None
    from_protocol = None
    if BEARER_SUBPROTOCOL in lowered:
        accept = subprotocols[lowered.index(BEARER_SUBPROTOCOL)]
        index = lowered.index(BEARER_SUBPROTOCOL)
        if index + 1 < len(subprotocols):
            from_protocol = subprotocols[index + 1]

    query = parse_qs(scope.get("query_string", b"").decode("latin1"))
    candidates = [(query.get("token") or [None])[0], from_protocol]
    headers = dict(scope.get("headers") or [])
    if cookie_header := headers.get(b"cookie"):
        candidates.append(parse_cookie(cookie_header.decode("latin1")).get(TOKEN_COOKIE))
    for candidate in candidates:
        if candidate is not None and candidate.strip().lower() not in _EMPTY_TOKENS:
            return candidate.strip(), accept
    return None, accept


def _resolve_user(token) -> tuple[Identity, object]:
    user = user_for_token(token)
    return identity_for_user(user), user


async def resolve_identity(raw: str | None) -> tuple[Identity, object]:
    """The identity and principal for a token; TokenRejected when it is not acceptable."""
    identity, user, _token = await _resolve(raw)
    return identity, user


async def _resolve(raw: str | None):
    if raw is None:
        return ANONYMOUS, AnonymousUser(), None
    try:
        token = decode_token(raw)
    except TokenError:
        raise TokenRejected()
    try:
        if isinstance(token, GuestToken):
            guest = await db_sync_to_async(guest_for_token)(token)
            return guest_identity(guest.guest_id), guest, token
        return *(await db_sync_to_async(_resolve_user)(token)), token
    except (InvalidToken, AuthenticationFailed):
        raise TokenRejected()


def _token_stands(token) -> bool:
    try:
        if isinstance(token, GuestToken):
            guest_for_token(token)  # the guest not ended (its conversations claimed by a signed-in user)
        else:
            user_for_token(token)  # the user still active, the token (or its family) not revoked
    except (InvalidToken, AuthenticationFailed):
        return False
    return True


async def token_still_valid(scope) -> bool:
    """Whether the token an open socket was authenticated with still stands: not expired, not revoked since (a user's
    logout, its family caught reusing a refresh token, a new password; a guest whose conversations a user claimed).
    The socket keeps its identity only as long as that (checked per message by the chat socket, and by the sports
    socket; anonymous sockets have no token)."""
    token = scope.get("token")
    if token is None:
        return True
    if time.time() >= float(token.payload.get("exp", 0)):
        return False
    return await db_sync_to_async(_token_stands)(token)


def _session_check(scope):
    """`scope["session_stands"]`: `token_still_valid` for this socket, for consumers of apps that may not import
    accounts (sports: `/ws/sports-updates` closes an ended session's socket as `/ws/chat` does)."""
    async def session_stands() -> bool:
        return await token_still_valid(scope)

    return session_stands


def client_ip(scope) -> str | None:
    """The socket peer, as decided by chatbet_project/proxies.py from TRUSTED_PROXIES (never a raw header), as
    per-address limits count it (an IPv6 client by its /64: `quota_address`)."""
    client = scope.get("client")
    return quota_address(client[0]) if client else None


# --- connection slots --------------------------------------------------------------------------
class LocalSlots:
    """Counts in a local-memory cache: one process. The embedded mode's store (the default cache), and the
    Redis store's stand-in while Redis is unreachable (a private cache), so a cap holds per process then."""

    def __init__(self, store=None) -> None:
        self._store = store

    @property
    def store(self):
        return cache if self._store is None else self._store

    async def acquire(self, subjects: list[tuple[str, int]], member: str) -> bool:
        store, taken = self.store, []
        for subject, limit in subjects:
            key = ws_slots_key(subject)
            store.add(key, 0, timeout=None)
            if store.incr(key) > limit:
                store.decr(key)
                for earlier in taken:
                    store.decr(earlier)
                return False
            taken.append(key)
        return True

    async def release(self, subjects: list[str], member: str) -> None:
        store = self.store
        for subject in subjects:
            key = ws_slots_key(subject)
            try:
                if store.decr(key) < 0:
                    store.set(key, 0, timeout=None)
            except ValueError:
                pass


_ACQUIRE_LUA = """
local now = tonumber(ARGV[1])
local expiry = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local member = ARGV[4]
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if redis.call('ZCARD', key) >= tonumber(ARGV[4 + i]) then
    return i
  end
end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, expiry, member)
  redis.call('EXPIRE', key, ttl)
end
return 0
"""


class RedisSlots:
    """Counts shared by every process through Redis sorted sets (member = connection id,
    score = expiry). One task per process refreshes the scores of its live connections."""

    def __init__(self, url: str):
        self.url = url
        self._clients: dict[int, tuple[asyncio.AbstractEventLoop, object]] = {}
        self._live: dict[str, set[str]] = {}  # key -> members held by this process
        self._refresher: asyncio.Task | None = None
        # While Redis is unreachable, connections are counted in this process (security limits never fail open);
        # `_counted_here` remembers which, so their release goes to the same place.
        self._here = LocalSlots(LocMemCache(f"ws-slots-fallback:{url}", {"OPTIONS": {"MAX_ENTRIES": 100_000}}))
        self._counted_here: set[str] = set()

    def _client(self):
        import redis.asyncio as aioredis

        loop = asyncio.get_running_loop()
        for loop_id, (other_loop, _client) in list(self._clients.items()):
            if other_loop.is_closed():
                del self._clients[loop_id]
        entry = self._clients.get(id(loop))
        if entry is None or entry[0] is not loop:
            client = aioredis.Redis.from_url(self.url, socket_connect_timeout=1.0, socket_timeout=1.0)
            entry = self._clients[id(loop)] = (loop, client)
        return entry[1]

    async def acquire(self, subjects: list[tuple[str, int]], member: str) -> bool:
        if not subjects:
            return True
        keys = [ws_slots_key(subject) for subject, _ in subjects]
        now = time.time()
        args = [now, now + SLOT_TTL, SLOT_TTL * 2, member, *[limit for _, limit in subjects]]
        try:
            full = await self._client().eval(_ACQUIRE_LUA, len(keys), *keys, *args)
        except Exception:  # Redis down: count in this process, so a cap holds per process instead of not at all
            logger.warning("websocket slot store unavailable; counting this process's connections", exc_info=True)
            if not await self._here.acquire(subjects, member):
                return False
            self._counted_here.add(member)
            return True
        if int(full):
            return False
        for key in keys:
            self._live.setdefault(key, set()).add(member)
        self._ensure_refresher()
        return True

    async def release(self, subjects: list[str], member: str) -> None:
        if member in self._counted_here:  # and in Redis too if the call that failed had in fact run: removed below
            self._counted_here.discard(member)
            await self._here.release(subjects, member)
        keys = [ws_slots_key(subject) for subject in subjects]
        for key in keys:
            members = self._live.get(key)
            if members is not None:
                members.discard(member)
                if not members:
                    del self._live[key]
        if not keys:
            return
        try:
            pipe = self._client().pipeline(transaction=False)
            for key in keys:
                pipe.zrem(key, member)
            await pipe.execute()
        except Exception:  # the slot expires by itself after SLOT_TTL
            logger.warning("could not release a websocket slot; it will expire", exc_info=True)

    def _ensure_refresher(self) -> None:
        loop = asyncio.get_running_loop()
        task = self._refresher
        if task is None or task.done() or task.get_loop() is not loop:
            self._refresher = loop.create_task(self._refresh_forever())

    async def _refresh_forever(self) -> None:
        while self._live:
            await asyncio.sleep(SLOT_REFRESH)
            await self.refresh()

    async def refresh(self) -> None:
        """Push the expiry of this process's live slots forward."""
        if not self._live:
            return
        expiry = time.time() + SLOT_TTL
        try:
            pipe = self._client().pipeline(transaction=False)
            for key, members in list(self._live.items()):
                pipe.zadd(key, {m: expiry for m in members}, xx=True)
                pipe.expire(key, SLOT_TTL * 2)
            await pipe.execute()
        except Exception:
            logger.warning("could not refresh websocket slots", exc_info=True)


_stores: dict[str, RedisSlots] = {}
_local = LocalSlots()


def get_slot_store() -> LocalSlots | RedisSlots:
    url = settings.REDIS_URL
    if not url:
        return _local
    if url not in _stores:
        _stores[url] = RedisSlots(url)
    return _stores[url]


def slot_subjects(*, identity: Identity, ip: str | None) -> list[tuple[str, int]]:
    """What a connection counts against: its IP (when known) and, unless anonymous, its identity."""
    subjects = []
    if ip and settings.WS_MAX_CONNECTIONS_PER_IP > 0:
        subjects.append((f"ip:{ip}", settings.WS_MAX_CONNECTIONS_PER_IP))
    if not identity.is_anonymous and settings.WS_MAX_CONNECTIONS_PER_USER > 0:
        subjects.append((identity.key, settings.WS_MAX_CONNECTIONS_PER_USER))
    return subjects


# --- the middleware ----------------------------------------------------------------------------
async def refuse(receive, send, *, code: int, subprotocol: str | None) -> None:
    """Accept then close with `code`: a refused handshake would hide the code from browsers."""
    message = await receive()
    if message.get("type") != "websocket.connect":
        return
    await send({"type": "websocket.accept", "subprotocol": subprotocol})
    await send({"type": "websocket.close", "code": code})


class JWTAuthMiddleware:
    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "websocket":
            return await self.inner(scope, receive, send)
        raw, subprotocol = extract_token(scope)
        try:
            identity, user, token = await _resolve(raw)
        except TokenRejected:
            logger.info("websocket refused: invalid token", extra={"path": scope.get("path")})
            return await refuse(receive, send, code=CLOSE_UNAUTHORIZED, subprotocol=subprotocol)

        ip = client_ip(scope)
        subjects = slot_subjects(identity=identity, ip=ip)
        member = uuid.uuid4().hex
        store = get_slot_store()
        if not await store.acquire(subjects, member):
            logger.info("websocket refused: too many connections", extra={"identity": identity.key})
            return await refuse(receive, send, code=CLOSE_TOO_MANY, subprotocol=subprotocol)
        scope = dict(scope, identity=identity, user=user, client_ip=ip, accept_subprotocol=subprotocol, token=token)
        scope["session_stands"] = _session_check(scope)
        try:
            return await self.inner(scope, receive, send)
        finally:
            await store.release([subject for subject, _ in subjects], member)


def JWTAuthMiddlewareStack(inner):  # noqa: N802 - mirrors Channels' naming
    return JWTAuthMiddleware(inner)
