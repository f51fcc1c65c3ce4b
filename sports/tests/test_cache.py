"""Read-through caching: hits, stale copies on failure, one upstream call per concurrent miss."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.cache import cache

from chatbet_project.errors import UpstreamUnavailable
from sports import cache as sports_cache


def _fetcher(calls: list, value="v", delay=0.0):
    def fetch():
        calls.append(1)
        if delay:
            time.sleep(delay)
        return value
    return fetch


@pytest.mark.stack
def test_second_read_is_a_hit_and_counted():
    calls = []
    first = sports_cache.read_through("t:k", kind="odds", fetch=_fetcher(calls))
    second = sports_cache.read_through("t:k", kind="odds", fetch=_fetcher(calls))
    assert first.value == second.value == "v" and not second.stale
    assert len(calls) == 1
    stats = sports_cache.stats()["odds"]
    assert (stats["hits"], stats["misses"], stats["upstream_calls"], stats["hit_rate"]) == (1, 1, 1, 0.5)


@pytest.mark.stack
def test_upstream_failure_serves_the_last_good_value_marked_stale():
    sports_cache.read_through("t:k", kind="odds", fetch=lambda: "good")
    cache.delete("t:k")  # the fresh copy expired; the stale copy lives on

    def down():
        raise UpstreamUnavailable("down")

    entry = sports_cache.read_through("t:k", kind="odds", fetch=down)
    assert (entry.value, entry.stale) == ("good", True)
    assert entry.age_seconds >= 0
    assert sports_cache.stats()["odds"]["stale"] == 1
    with pytest.raises(UpstreamUnavailable):
        sports_cache.read_through("t:other", kind="odds", fetch=down)


def _concurrent_reads(n: int, fetch) -> list:
    results, barrier = [], threading.Barrier(n)

    def read():
        barrier.wait()
        results.append(sports_cache.read_through("t:hot", kind="fixtures", fetch=fetch).value)

    threads = [threading.Thread(target=read) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.stack
def test_concurrent_misses_make_one_upstream_call():
    calls = []
    results = _concurrent_reads(12, _fetcher(calls, delay=0.05))
    assert results == ["v"] * 12
    assert len(calls) == 1


@pytest.mark.redis
def test_single_flight_holds_across_processes_with_redis(settings, redis_url):
    """Another process holds the Redis lock: we wait for its value instead of calling upstream."""
    from django.core.cache import caches

    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}}
    redis_cache = caches.create_connection("default")  # the override already rebuilt `cache` on Redis
    assert redis_cache.add(sports_cache.lock_key("t:x"), "other-process", 5)

    def other_process_finishes():
        time.sleep(0.1)
        redis_cache.set("t:x", sports_cache.Cached(value="theirs", fetched_at=time.time()))

    threading.Thread(target=other_process_finishes).start()
    calls = []
    entry = sports_cache.read_through("t:x", kind="odds", fetch=_fetcher(calls, value="ours"))
    assert entry.value == "theirs" and calls == []


@pytest.mark.stack
def test_cache_lock_is_exclusive_and_released_by_its_owner():
    with sports_cache.cache_lock("t:lock") as first:
        with sports_cache.cache_lock("t:lock") as second:
            assert first and not second
    with sports_cache.cache_lock("t:lock") as again:
        assert again
