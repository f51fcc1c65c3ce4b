"""Sports cache: the one module that owns keys, TTLs, stale copies, single-flight and counters.

`read_through(key, kind=..., fetch=...)`:
- fresh value in the cache → returned (a *hit*);
- miss → one caller per key fetches (an in-process lock per key, plus a `cache.add` lock that
  holds across processes on Redis); the others wait for its value;
- the fetch fails with `UpstreamUnavailable` → the last good value (kept much longer under a
  `:stale` key) is returned marked stale with its age; with none, the error propagates.
Counters (hits, misses, stale serves, upstream calls, per data kind) live in the cache too, so
every process adds to the same numbers.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from cachetools import TTLCache
from django.conf import settings
from django.utils.translation import pgettext_lazy

from chatbet_project import metrics
from chatbet_project.caches import cache
from chatbet_project.errors import UpstreamUnavailable

logger = logging.getLogger(__name__)

T = TypeVar("T")
VERSION = "v1"
KINDS = ("sports", "tournaments", "fixtures", "odds", "balance")
METRICS = ("hits", "misses", "stale", "upstream_calls", "upstream_errors")
LOCK_SECONDS = 15       # longest an upstream fetch may hold the single-flight lock
WAIT_POLL_SECONDS = 0.01


# --- keys -------------------------------------------------------------------------------------------
# One named function per key on purpose (greppable, one place per key's format): `duplicates` sees
# their shared shape, not shared logic.

def sports_key() -> str:
    return f"sports:sports:{VERSION}"


def tournaments_key(sport_id: str) -> str:
    return f"sports:tournaments:{VERSION}:{sport_id}"


def fixtures_key(sport_id: str) -> str:
    """The fixture index of one sport (pre-match and live)."""
    return f"sports:fixtures:{VERSION}:{sport_id}"


def fixture_key(fixture_id: str) -> str:
    return f"sports:fixture:{VERSION}:{fixture_id}"


def odds_key(fixture_id: str) -> str:
    return f"sports:odds:{VERSION}:{fixture_id}"


def odds_published_key(fixture_id: str) -> str:
    """The last odds pushed to subscribers for a fixture (change detection compares against it)."""
    return f"sports:odds_published:{VERSION}:{fixture_id}"


def balance_key(upstream_user_id: str) -> str:
    return f"sports:balance:{VERSION}:{upstream_user_id}"


def sandbox_wallet_key(upstream_user_id: str) -> str:
    return f"sports:sandbox_wallet:{VERSION}:{upstream_user_id}"


def sandbox_bet_key(upstream_user_id: str, idempotency_key: str) -> str:
    """The sandbox's record of a bet placed under an idempotency key (what a repeat or a lookup returns)."""
    return f"sports:sandbox_bet:{VERSION}:{upstream_user_id}:{idempotency_key}"


def sandbox_basket_key(upstream_user_id: str) -> str:
    """The sandbox's per-user combo basket (`add-bet-to-combo` ... `place-combo-bet` without legs)."""
    return f"sports:sandbox_basket:{VERSION}:{upstream_user_id}"


def sandbox_user_lock_key(upstream_user_id: str) -> str:
    """Held (`cache_lock`) while the sandbox changes one user's wallet or basket, in any process."""
    return f"sports:sandbox_user_lock:{VERSION}:{upstream_user_id}"


def sandbox_bet_seq_key(seed: int) -> str:
    """The sandbox's bet counter (bet ids), one for every process serving the same seed."""
    return f"sports:sandbox_bet_seq:{VERSION}:{seed}"


def upstream_token_key() -> str:
    return f"sports:upstream_token:{VERSION}"


def stale_key(key: str) -> str:
    return f"{key}:stale"


def lock_key(key: str) -> str:
    return f"{key}:lock"


def version_key(key: str) -> str:
    """When the fresh value under `key` was fetched; lets a process reuse its own decoded copy."""
    return f"{key}:ver"


def task_lock_key(name: str) -> str:
    return f"sports:task_lock:{VERSION}:{name}"


def warm_status_key(job: str) -> str:
    """The last run of a warming job: when, how long, what it did (operators' health page)."""
    return f"sports:warm_status:{VERSION}:{job}"


def stat_key(kind: str, metric: str) -> str:
    return f"sports:stats:{VERSION}:{kind}:{metric}"


def ttl(kind: str) -> int:
    return int(settings.SPORTS_TTL[kind])


# --- counters ---------------------------------------------------------------------------------------

FLUSH_SECONDS = 1.0
_pending: dict[str, int] = {}
_pending_lock = threading.Lock()
_last_flush = [time.monotonic()]


def count(kind: str, metric: str, n: int = 1) -> None:
    """Add to a shared counter. Counts gather in-process and reach the cache with the first count
    a second or more after the last flush (and at the end of each warming job, and on `stats()`),
    so a cache hit costs one cache read, not a read plus a counter round trip."""
    metrics.observe_cache(kind, metric, n)  # per-process Prometheus counters (the cache ones are shared)
    key = stat_key(kind, metric)
    with _pending_lock:
        _pending[key] = _pending.get(key, 0) + n
        due = time.monotonic() - _last_flush[0] >= FLUSH_SECONDS
    if due:
        flush_counts()


def flush_counts() -> None:
    with _pending_lock:
        pending = dict(_pending)
        _pending.clear()
        _last_flush[0] = time.monotonic()
    for key, n in pending.items():
        try:
            try:
                cache.incr(key, n)
            except ValueError:  # first count of this metric
                if not cache.add(key, n, timeout=None):
                    cache.incr(key, n)
        except Exception:  # counters must never break a read
            logger.warning("could not count %s", key, exc_info=True)


def stats() -> dict[str, dict[str, float]]:
    """Per data kind: hits, misses, stale serves, upstream calls and errors, hit rate."""
    flush_counts()
    keys = [stat_key(kind, metric) for kind in KINDS for metric in METRICS]
    values = cache.get_many(keys)
    result: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        row: dict[str, float] = {metric: int(values.get(stat_key(kind, metric), 0)) for metric in METRICS}
        reads = row["hits"] + row["misses"]
        row["hit_rate"] = round(row["hits"] / reads, 4) if reads else 0.0
        result[kind] = row
    total_hits = sum(r["hits"] for r in result.values())
    total_reads = total_hits + sum(r["misses"] for r in result.values())
    result["total"] = {metric: sum(result[k][metric] for k in KINDS) for metric in METRICS}
    result["total"]["hit_rate"] = round(total_hits / total_reads, 4) if total_reads else 0.0
    return result


def reset_stats() -> None:
    with _pending_lock:
        _pending.clear()
    cache.delete_many([stat_key(kind, metric) for kind in KINDS for metric in METRICS])


# --- read-through -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cached(Generic[T]):
    value: T
    fetched_at: float  # epoch seconds
    stale: bool = False

    @property
    def age_seconds(self) -> float:
        return max(0.0, time.time() - self.fetched_at)


_local_locks: dict[str, threading.Lock] = {}
_local_locks_guard = threading.Lock()


def _local_lock(key: str) -> threading.Lock:
    with _local_locks_guard:
        lock = _local_locks.get(key)
        if lock is None:
            if len(_local_locks) > 10_000:
                _local_locks.clear()
            lock = _local_locks[key] = threading.Lock()
        return lock


@contextlib.contextmanager
def cache_lock(key: str, *, seconds: int = LOCK_SECONDS) -> Iterator[bool]:
    """A lock across processes (`cache.add`); yields whether we hold it. Released only by its owner."""
    token = uuid.uuid4().hex
    held = cache.add(key, token, timeout=seconds)
    try:
        yield held
    finally:
        if held and cache.get(key) == token:
            cache.delete(key)


def store(key: str, value: Any, *, kind: str, timeout: int | None = None) -> Cached:
    """Write a fresh value and its long-lived stale copy."""
    entry = Cached(value=value, fetched_at=time.time())
    seconds = ttl(kind) if timeout is None else timeout
    cache.set_many({key: entry, version_key(key): entry.fetched_at}, timeout=seconds)
    cache.set(stale_key(key), entry, timeout=ttl("stale"))
    forget_memo(key)  # this process sees its own refresh at once
    return entry


def peek(key: str) -> Cached | None:
    """The fresh entry if any, without counting."""
    return cache.get(key)


def peek_stale(key: str) -> Cached | None:
    return cache.get(key) or cache.get(stale_key(key))


def _fetch_and_store(key: str, *, kind: str, fetch: Callable[[], T], timeout: int | Callable[[T], int] | None
                     ) -> Cached[T]:
    count(kind, "upstream_calls")
    try:
        value = fetch()
    except UpstreamUnavailable:
        count(kind, "upstream_errors")
        raise
    seconds = timeout(value) if callable(timeout) else timeout
    return store(key, value, kind=kind, timeout=seconds)


def _serve_stale(key: str, *, kind: str, error: UpstreamUnavailable) -> Cached:
    entry = cache.get(stale_key(key))
    if entry is None:
        raise error
    count(kind, "stale")
    logger.warning("serving stale %s (%s)", kind, error)
    return Cached(value=entry.value, fetched_at=entry.fetched_at, stale=True)


def read_through(key: str, *, kind: str, fetch: Callable[[], T], timeout: int | Callable[[T], int] | None = None
                 ) -> Cached[T]:
    """The cached value, fetching it once on a miss; stale on upstream failure. See the module doc."""
    entry = cache.get(key)
    if entry is not None:
        count(kind, "hits")
        return entry
    count(kind, "misses")
    with _local_lock(key):
        entry = cache.get(key)  # filled while we waited for a thread of this process
        if entry is not None:
            return entry
        deadline = time.monotonic() + LOCK_SECONDS
        while True:
            with cache_lock(lock_key(key)) as held:
                if held:
                    entry = cache.get(key)  # filled by another process just before we locked
                    if entry is not None:
                        return entry
                    try:
                        return _fetch_and_store(key, kind=kind, fetch=fetch, timeout=timeout)
                    except UpstreamUnavailable as exc:
                        return _serve_stale(key, kind=kind, error=exc)
            # Another process is fetching: wait for its value rather than calling the upstream too.
            while time.monotonic() < deadline:
                time.sleep(WAIT_POLL_SECONDS)
                entry = cache.get(key)
                if entry is not None:
                    return entry
                if cache.get(lock_key(key)) is None:
                    break  # it gave up (failure): try to take the lock ourselves
            else:
                stale = cache.get(stale_key(key))
                if stale is not None:
                    count(kind, "stale")
                    return Cached(value=stale.value, fetched_at=stale.fetched_at, stale=True)
                raise UpstreamUnavailable(pgettext_lazy("sports error",
                                                        "The sports data provider is busy; try again shortly."))


# Decoded values with when this process last saw their version key current; bounded, and an entry nobody
# reads for an hour goes (a memo, never a source of truth: the shared cache is). Within
# SPORTS_MEMO_RECHECK_SECONDS of that check a read trusts the copy without a cache round trip, which
# bounds how late this process sees another one's refresh (warming, odds pushed). The window is measured on
# both clocks: the monotonic one (a wall clock set back never stretches it) and the wall one (the clock the
# shared cache expires entries by, so a clock moved past a TTL, as the tests' frozen clock is, rechecks too).
_memo: TTLCache = TTLCache(maxsize=1000, ttl=3600)
_memo_lock = threading.Lock()


_NO_VERSION = object()


def _checked_now() -> tuple[float, float]:
    return time.monotonic(), time.time()


def _trusted(checked: tuple[float, float]) -> bool:
    """Whether a copy checked at `checked` (`_checked_now()`) is still within the recheck window."""
    window = settings.SPORTS_MEMO_RECHECK_SECONDS
    mono, wall = _checked_now()
    return 0 <= mono - checked[0] < window and 0 <= wall - checked[1] < window


def memo_is_fresh(key: str) -> bool:
    """Whether a read of `key` would be answered from this process's copy without checking its version."""
    with _memo_lock:
        memo = _memo.get(key)
    return memo is not None and _trusted(memo[1])


def forget_memo(key: str | None = None) -> None:
    """Drop this process's copy of `key` (every copy without one): the next read checks the shared cache."""
    with _memo_lock:
        if key is None:
            _memo.clear()
        else:
            _memo.pop(key, None)


def read_through_memo(key: str, *, kind: str, fetch: Callable[[], T], timeout: int | Callable[[T], int] | None = None,
                      version: Any = _NO_VERSION) -> Cached[T]:
    """`read_through` for values read far more often than they change (fixture indexes, catalogue, odds boards).

    The process keeps the decoded value and only reads the tiny version key to check it is still
    the current one (at most every SPORTS_MEMO_RECHECK_SECONDS), instead of unpickling hundreds of
    fixtures from the cache on every request. Same counters, same stale behaviour (stale copies are
    never memoised). `version` may be passed when the caller fetched several version keys in one `get_many`.
    The value is shared by every reader of this process: callers must not mutate it (copy what they hand on).
    """
    with _memo_lock:
        memo = _memo.get(key)
    if memo is not None:
        entry, checked = memo
        if version is _NO_VERSION and _trusted(checked):
            count(kind, "hits")
            return entry
        if version is _NO_VERSION:
            version = cache.get(version_key(key))
        if version == entry.fetched_at:
            with _memo_lock:
                _memo[key] = (entry, _checked_now())
            count(kind, "hits")
            return entry
    entry = read_through(key, kind=kind, fetch=fetch, timeout=timeout)
    if not entry.stale:
        with _memo_lock:
            _memo[key] = (entry, _checked_now())
    return entry


def refresh(key: str, *, kind: str, fetch: Callable[[], T], timeout: int | Callable[[T], int] | None = None
            ) -> Cached[T] | None:
    """Fetch and store regardless of what is cached (warming); None when the upstream failed."""
    try:
        return _fetch_and_store(key, kind=kind, fetch=fetch, timeout=timeout)
    except UpstreamUnavailable as exc:
        logger.warning("could not refresh %s: %s", key, exc)
        return None


def invalidate(key: str) -> None:
    cache.delete_many([key, version_key(key)])
    forget_memo(key)
