"""Odds boards, read through the cache (30 s pre-match, 10 s live) with stale fallback.

A board is decoded once per process and its version rechecked at most every SPORTS_MEMO_RECHECK_SECONDS
(`sports.cache.read_through_memo`), so an odds change stored by another process is served within that window;
each read hands out its own copy of the board's dicts, so a caller changing one never changes the memo.
"""

from __future__ import annotations

import dataclasses

from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from chatbet_project.errors import ChatBetError
from sports import cache as sports_cache
from sports.domain import MARKET_KEYS, Fixture, Market, OddsBoard
from sports.providers import get_provider
from sports.services.fixtures import get_fixture


def validate_market(market: str | None) -> str | None:
    if market is None or market == "":
        return None
    key = market.strip().lower()
    if key not in MARKET_KEYS:
        raise ChatBetError(format_lazy(pgettext_lazy("sports error",
                                                     "market: unknown market {market!r}; expected one of {choices}."),
                                       market=market, choices=", ".join(MARKET_KEYS)), code="invalid_market")
    return key


def _odds_ttl(fixture: Fixture) -> int:
    return sports_cache.ttl("live_odds") if fixture.is_live else sports_cache.ttl("odds")


def fetch_odds(*, fixture: Fixture) -> OddsBoard:
    """Straight from the provider (warming and cache misses)."""
    return get_provider().odds(fixture_id=fixture.id, sport_id=fixture.sport_id, tournament_id=fixture.tournament_id)


def _with_freshness(entry: sports_cache.Cached, market: str | None = None) -> OddsBoard:
    """The board of `entry` (one market of it), its dicts copied: the entry is this process's shared memo."""
    markets = entry.value.markets
    kept = markets if market is None else {market: markets[market]} if market in markets else {}
    return dataclasses.replace(entry.value, stale=entry.stale, age_seconds=round(entry.age_seconds, 3),
                               markets={key: Market(key=m.key, selections=dict(m.selections))
                                        for key, m in kept.items()})


def get_odds(*, fixture_id: str, market: str | None = None) -> OddsBoard:
    """The fixture's board (or one market of it), with `stale`/`age_seconds` saying how fresh it is.

    Raises `NotFound` for an unknown fixture, `ChatBetError` (invalid_market) for an unknown
    market key, `UpstreamUnavailable` when the upstream is down and nothing was cached before.
    """
    market = validate_market(market)
    fixture_id = str(fixture_id)
    seen: dict[str, Fixture] = {}

    def fetch() -> OddsBoard:
        seen["fixture"] = fixture = get_fixture(fixture_id=fixture_id)
        return fetch_odds(fixture=fixture)

    def timeout(_board: OddsBoard) -> int:
        return _odds_ttl(seen["fixture"])

    entry = sports_cache.read_through_memo(sports_cache.odds_key(fixture_id), kind="odds", fetch=fetch,
                                           timeout=timeout)
    return _with_freshness(entry, market)


def refresh_odds(*, fixture: Fixture) -> OddsBoard | None:
    """Re-fetch a board regardless of the cache (warming); None if the upstream failed."""
    entry = sports_cache.refresh(sports_cache.odds_key(fixture.id), kind="odds",
                                 fetch=lambda: fetch_odds(fixture=fixture), timeout=lambda _b: _odds_ttl(fixture))
    return _with_freshness(entry) if entry else None
