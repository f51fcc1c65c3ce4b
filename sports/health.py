"""Readiness check of the ChatBet data provider, with the cache counters operators look at."""

from sports import cache as sports_cache
from sports.providers import get_provider


def check_provider() -> dict:
    result = dict(get_provider().health())
    try:
        result["cache"] = {"total": sports_cache.stats()["total"]}
    except Exception as exc:  # the cache has its own check; never fail the provider check for it
        result["cache"] = {"error": type(exc).__name__}
    return result
