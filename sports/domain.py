"""The normalised sports model every other app sees (never the upstream JSON).

Frozen dataclasses, UTC datetimes, multilingual names kept as `{"en", "es", "pt_br"}` dicts.
They pickle, so the cache stores them as they are.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

LANGUAGES = ("en", "es", "pt_br")  # the upstream speaks these; so does every answer and profile

FIXTURE_STATUSES = ("pre_match", "live")
BOARD_STATUSES = ("active", "suspended")

# Market keys and the selections each one holds (see docs/architecture.md).
MARKET_SELECTIONS: dict[str, tuple[str, ...]] = {
    "1x2": ("home", "draw", "away"),
    "double_chance": ("home_or_draw", "away_or_draw", "home_or_away"),
    "over_under": ("over", "under"),
    "btts": ("yes", "no"),
    "handicap": ("home", "away"),
    "half_time_result": ("home", "draw", "away"),
}
MARKET_KEYS = tuple(MARKET_SELECTIONS)

# The markets a match of each sport can have, by the catalogue's sport alias (what the sandbox's boards hold,
# sports/providers/sandbox.py; a test keeps the two equal). Why here: a market a sport never has ("both teams to
# score" for an NBA game, the draw in tennis) is known from the sport alone, so the assistant asks which of the
# sport's markets is meant instead of pricing the match (chat/engine/sport_markets.py). A sport not listed: unknown.
SPORT_MARKETS: dict[str, tuple[str, ...]] = {
    "football": ("1x2", "double_chance", "over_under", "btts", "handicap", "half_time_result"),
    "basketball": ("1x2", "over_under", "handicap"),
    "tennis": ("1x2", "over_under", "handicap"),
    "volleyball": ("1x2", "over_under", "handicap"),
}
# Sports whose match result has no draw: their "1x2" is the winner, two ways.
NO_DRAW_SPORTS = frozenset({"basketball", "tennis", "volleyball"})
# What a sport's over/under line counts (shown through betting/labels.py's translated unit names).
SPORT_TOTAL_UNITS: dict[str, str] = {
    "football": "goals", "soccer": "goals", "basketball": "points", "tennis": "games", "volleyball": "sets"}


def localized(names: dict[str, str], language: str, default: str) -> str:
    """The name in `language`, falling back to English, then to `default`."""
    return names.get(language) or names.get("en") or default


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    names: dict[str, str] = field(default_factory=dict)

    def name_in(self, language: str) -> str:
        return localized(self.names, language, self.name)


@dataclass(frozen=True)
class Sport:
    id: str
    alias: str
    name: str
    names: dict[str, str] = field(default_factory=dict)

    def name_in(self, language: str) -> str:
        return localized(self.names, language, self.name)


@dataclass(frozen=True)
class Tournament:
    id: str
    name: str
    sport_id: str
    country: str
    names: dict[str, str] = field(default_factory=dict)
    active: bool = True

    def name_in(self, language: str) -> str:
        return localized(self.names, language, self.name)


@dataclass(frozen=True)
class Fixture:
    id: str
    sport_id: str
    tournament_id: str
    tournament_name: str
    home: Team
    away: Team
    start_time: datetime
    status: str  # "pre_match" | "live"

    @property
    def is_live(self) -> bool:
        return self.status == "live"

    @property
    def title(self) -> str:
        return f"{self.home.name} vs {self.away.name}"


@dataclass(frozen=True)
class Price:
    bet_id: str
    name: str
    odds: float
    line: str | None = None

    @property
    def implied_probability(self) -> float:
        return 1.0 / self.odds if self.odds > 0 else 0.0


@dataclass(frozen=True)
class Market:
    key: str
    selections: dict[str, Price]

    @property
    def overround(self) -> float:
        """Bookmaker margin of a complete market (e.g. 0.05 for 5 %); 0 for double chance, which overlaps."""
        if self.key == "double_chance" or not self.selections:
            return 0.0
        return sum(p.implied_probability for p in self.selections.values()) - 1.0

    def odds_map(self) -> dict[str, float]:
        return {name: price.odds for name, price in self.selections.items()}


@dataclass(frozen=True)
class OddsBoard:
    fixture_id: str
    status: str  # "active" | "suspended"
    markets: dict[str, Market]
    fetched_at: datetime
    stale: bool = False
    age_seconds: float = 0.0

    @property
    def is_suspended(self) -> bool:
        return self.status != "active"

    def only(self, market: str) -> OddsBoard:
        """The same board restricted to one market key (empty when the fixture has no such market)."""
        kept = {market: self.markets[market]} if market in self.markets else {}
        return dataclasses.replace(self, markets=kept)

    def find_price(self, bet_id: str) -> tuple[Market, str, Price] | None:
        for market in self.markets.values():
            for selection, price in market.selections.items():
                if price.bet_id == bet_id:
                    return market, selection, price
        return None

    def with_freshness(self, *, stale: bool, now: datetime | None = None) -> OddsBoard:
        now = now or datetime.now(UTC)
        age = max(0.0, (now - self.fetched_at).total_seconds())
        return dataclasses.replace(self, stale=stale, age_seconds=round(age, 3))


@dataclass(frozen=True)
class Balance:
    money: Decimal
    playable: Decimal
    withdrawable: Decimal
    bonus: Decimal
    redeemed_bonus: Decimal
    currency: str = "USD"


@dataclass(frozen=True)
class OddsChange:
    """One market of one fixture whose prices moved; what `sports_update` pushes carry."""

    fixture_id: str
    tournament_id: str
    market: str
    old_odds: dict[str, float]
    new_odds: dict[str, float]
    timestamp: datetime

    def as_wire(self) -> dict:
        return {
            "type": "sports_update",
            "fixture_id": self.fixture_id,
            "market": self.market,
            "old_odds": self.old_odds,
            "new_odds": self.new_odds,
            "timestamp": iso_utc(self.timestamp),
        }


def iso_utc(moment: datetime, *, timespec: str = "auto") -> str:
    """`2026-11-28T20:00:00Z`: the one ISO-8601 UTC formatter (REST, chat tools, both sockets' frames).

    `timespec` as for `datetime.isoformat` (the chat socket's frames use "milliseconds")."""
    return moment.astimezone(UTC).isoformat(timespec=timespec).replace("+00:00", "Z")
