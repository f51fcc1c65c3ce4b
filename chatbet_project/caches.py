"""The default cache as one backend instance per process, for the code on every turn's path.

`django.core.cache.cache` looks its backend up in an asgiref `Local` on every call, and each new
context (a turn's database hop) builds a backend of its own: ~5 % of a turn's CPU in the offline
engine (bench/turn_instructions.py). The backends in use share their state anyway (LocMemCache by
its LOCATION, django-redis by its connection pool, both safe across threads), so one instance serves
every thread. A test that changes `settings.CACHES` gets a new instance, as Django's own handler does.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import DEFAULT_CACHE_ALIAS, BaseCache, caches
from django.core.cache.backends.base import MEMCACHE_MAX_KEY_LENGTH
from django.core.cache.backends.locmem import LocMemCache as DjangoLocMemCache
from django.core.signals import setting_changed
from django.dispatch import receiver

_default: BaseCache | None = None


def default_cache() -> BaseCache:
    global _default
    if _default is None:
        _default = caches.create_connection(DEFAULT_CACHE_ALIAS)
    return _default


class _DefaultCache:
    """Reads like `django.core.cache.cache` (`cache.get(...)`, `cache.add(...)`, …)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(default_cache(), name)


cache = _DefaultCache()


@receiver(setting_changed)
def _forget_on_new_settings(*, setting: str, **kwargs) -> None:
    global _default
    if setting == "CACHES":
        _default = None


class LocMemCache(DjangoLocMemCache):
    """Django's local-memory cache (the embedded mode's), with its key check short-cut for a plain key.

    Every get/set/incr checks its key for what memcached would refuse (a warning only): a generator, a lazily
    compiled pattern behind a `LazyObject`, and a regex search, ~4 times a turn. A key of at most 250 printable
    ASCII characters without a space is one that check never warns about; any other key is checked by Django."""

    def validate_key(self, key: str) -> None:
        if len(key) <= MEMCACHE_MAX_KEY_LENGTH and key.isascii() and key.isprintable() and " " not in key:
            return
        super().validate_key(key)
