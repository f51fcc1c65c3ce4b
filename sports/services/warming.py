"""Cache warming: tournaments hourly, fixtures every 10 minutes, odds of the next 48 h every 20 s.

Idempotent and safe to run twice at once: each job holds a cache lock (across processes on
Redis) and a concurrent run returns `{"skipped": True}`. Odds warming compares every board with
the last one *published* for that fixture (not with whatever a reader cached meanwhile), so each
move is pushed exactly once, through `sports.events.publish_odds_change`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import cache

from chatbet_project.errors import NotFound
from sports import cache as sports_cache
from sports import events
from sports.domain import Fixture, OddsBoard, OddsChange
from sports.providers import get_provider
from sports.services import catalogue
from sports.services.catalogue import refresh_sport_index
from sports.services.fixtures import find_fixtures
from sports.services.odds import refresh_odds

logger = logging.getLogger(__name__)
ODDS_WORKERS = 4
JOBS = ("tournaments", "fixtures", "odds")


def lock_seconds(job: str) -> int:
    """How long a job's lock lives: at least the Celery time limit, so a slow run that is still going
    is never joined by a second one when its lock expires (odds used 60 s under a 100 s soft limit)."""
    base = {"tournaments": 300, "fixtures": 300, "odds": 60}[job]
    return max(base, int(settings.CELERY_TASK_SOFT_TIME_LIMIT or 0), int(settings.CELERY_TASK_TIME_LIMIT or 0))


def _record(job: str, started: float, summary: dict) -> dict:
    """Remember the last real run of a job (skipped runs are not recorded)."""
    status = {"at": datetime.now(UTC), "seconds": round(time.monotonic() - started, 3), "summary": summary}
    cache.set(sports_cache.warm_status_key(job), status, timeout=7 * 86400)
    sports_cache.flush_counts()  # a worker may idle after this run: publish its counts now
    return summary


def last_runs() -> dict[str, dict | None]:
    """`{job: {"at", "seconds", "summary"} | None}` for the three warming jobs."""
    found = cache.get_many([sports_cache.warm_status_key(job) for job in JOBS])
    return {job: found.get(sports_cache.warm_status_key(job)) for job in JOBS}


def warm_tournaments() -> dict:
    lock = sports_cache.task_lock_key("tournaments")
    with sports_cache.cache_lock(lock, seconds=lock_seconds("tournaments")) as held:
        if not held:
            return {"skipped": True}
        started = time.monotonic()
        provider = get_provider()
        sports = sports_cache.refresh(sports_cache.sports_key(), kind="sports", fetch=provider.sports,
                                      timeout=sports_cache.ttl("tournaments"))
        sport_list = sports.value if sports else catalogue.list_sports()
        count = 0
        for sport in sport_list:
            entry = sports_cache.refresh(sports_cache.tournaments_key(sport.id), kind="tournaments",
                                         fetch=lambda sid=sport.id: provider.tournaments(sport_id=sid))
            count += len(entry.value) if entry else 0
        return _record("tournaments", started, {"skipped": False, "sports": len(sport_list), "tournaments": count})


def warm_fixtures() -> dict:
    with sports_cache.cache_lock(sports_cache.task_lock_key("fixtures"), seconds=lock_seconds("fixtures")) as held:
        if not held:
            return {"skipped": True}
        started = time.monotonic()
        total, failed = 0, 0
        for sport in catalogue.list_sports():
            fixtures = refresh_sport_index(sport_id=sport.id)
            if fixtures is None:
                failed += 1
            else:
                total += len(fixtures)
        return _record("fixtures", started, {"skipped": False, "fixtures": total, "failed_sports": failed})


def _snapshot(board: OddsBoard) -> dict[str, dict[str, float]]:
    return {key: market.odds_map() for key, market in board.markets.items()}


def diff_boards(*, fixture: Fixture, old: dict[str, dict[str, float]], new: OddsBoard, now: datetime
                ) -> list[OddsChange]:
    """One change per market whose prices differ from the previous snapshot."""
    changes = []
    for key, market in new.markets.items():
        new_odds = market.odds_map()
        old_odds = old.get(key)
        if old_odds is not None and old_odds != new_odds:
            changes.append(OddsChange(fixture_id=fixture.id, tournament_id=fixture.tournament_id, market=key,
                                      old_odds=old_odds, new_odds=new_odds, timestamp=now))
    return changes


def _warm_one(fixture: Fixture) -> tuple[bool, list[OddsChange]]:
    try:
        board = refresh_odds(fixture=fixture)
    except NotFound:  # over since the fixture index was cached: nothing left to warm or push
        return True, []
    if board is None:
        return False, []
    published_key = sports_cache.odds_published_key(fixture.id)
    previous = cache.get(published_key)
    now = datetime.now(UTC)
    changes = diff_boards(fixture=fixture, old=previous, new=board, now=now) if previous is not None else []
    cache.set(published_key, _snapshot(board), timeout=sports_cache.ttl("fixtures"))
    return True, changes


def warm_odds(*, hours: int = 48) -> dict:
    """Refresh the odds of live fixtures and those starting within `hours`; push what moved."""
    with sports_cache.cache_lock(sports_cache.task_lock_key("odds"), seconds=lock_seconds("odds")) as held:
        if not held:
            return {"skipped": True}
        started = time.monotonic()
        now = datetime.now(UTC)
        fixtures = find_fixtures(date_to=now + timedelta(hours=hours))
        with ThreadPoolExecutor(max_workers=ODDS_WORKERS) as pool:
            results = list(pool.map(_warm_one, fixtures))
        changes = [change for ok, found in results if ok for change in found]
        for change in changes:
            events.publish_odds_change(change)
        failed = sum(1 for ok, _ in results if not ok)
        if changes or failed:
            logger.info("odds warmed", extra={"fixtures": len(fixtures), "changes": len(changes), "failed": failed})
        return _record("odds", started, {"skipped": False, "fixtures": len(fixtures), "changes": len(changes),
                                         "failed": failed})


def warm_all(*, hours: int = 48) -> dict:
    return {"tournaments": warm_tournaments(), "fixtures": warm_fixtures(), "odds": warm_odds(hours=hours)}


# --- in-process warming (embedded mode) ---------------------------------------------------------------
# Without a broker nothing runs Celery beat, and the local-memory cache and in-memory channel layer
# are per process: so the server process warms itself while someone listens to sports updates.

_background: dict[int, asyncio.Task] = {}
_listeners: dict[int, int] = {}  # sports-updates sockets per loop that asked for warming


async def _warm_forever(*, odds_every: float, fixtures_every: float, tournaments_every: float) -> None:
    last_fixtures = last_tournaments = 0.0
    loop = asyncio.get_running_loop()
    while True:
        now = loop.time()
        try:
            if now - last_tournaments >= tournaments_every:
                await sync_to_async(warm_tournaments, thread_sensitive=False)()
                last_tournaments = now
            if now - last_fixtures >= fixtures_every:
                await sync_to_async(warm_fixtures, thread_sensitive=False)()
                last_fixtures = now
            await sync_to_async(warm_odds, thread_sensitive=False)()
        except Exception:  # keep warming; the next round may succeed
            logger.exception("in-process warming failed")
        await asyncio.sleep(odds_every)


def ensure_background_warming() -> bool:
    """One more listener: start the in-process warmer on the running event loop once (when settings
    ask for it). True if this listener is counted: pair it with `release_background_warming()`."""
    if not settings.SPORTS_INPROCESS_WARMING:
        return False
    loop = asyncio.get_running_loop()
    task = _background.get(id(loop))
    if task is not None and not task.done():
        _listeners[id(loop)] = _listeners.get(id(loop), 0) + 1
        return True
    _background.clear()  # tasks of closed loops
    _listeners.clear()
    _listeners[id(loop)] = 1
    _background[id(loop)] = loop.create_task(_warm_forever(odds_every=20.0, fixtures_every=600.0,
                                                           tournaments_every=3600.0))
    return True


def release_background_warming() -> None:
    """One listener left: after the last one the warmer stops (nobody is told about odds moves)."""
    loop_id = id(asyncio.get_running_loop())
    left = _listeners.get(loop_id, 0) - 1
    if left > 0:
        _listeners[loop_id] = left
        return
    _listeners.pop(loop_id, None)
    task = _background.pop(loop_id, None)
    if task is not None:
        task.cancel()


def background_warming_running() -> bool:
    """Whether the running loop has a live in-process warmer."""
    task = _background.get(id(asyncio.get_running_loop()))
    return task is not None and not task.done()


async def stop_background_warming() -> None:
    """Cancel the in-process warmer of the running loop (tests, shutdown)."""
    _listeners.pop(id(asyncio.get_running_loop()), None)
    task = _background.pop(id(asyncio.get_running_loop()), None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
