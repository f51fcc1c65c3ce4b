"""Validation of query parameters and WebSocket frames, and the output shapes of the sports API."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rest_framework import serializers

from sports.domain import MARKET_KEYS, iso_utc
from sports.services.catalogue import find_sport, list_sports
from sports.services.fixtures import DAY_MAX, DAY_MIN

ID_PATTERN = r"^[A-Za-z0-9_-]{1,40}$"
MAX_SUBSCRIPTIONS = 200             # fixtures per sports-updates connection
MAX_TOURNAMENT_SUBSCRIPTIONS = 50   # tournaments per connection (each one is a channel-layer group)


# --- query parameters ---------------------------------------------------------------------------------

class SportParamField(serializers.CharField):
    """A sport by id or by the alias `/sports/` lists (`1` or `football`); anything else is a 400
    that names the valid values, never a silently empty list."""

    def to_internal_value(self, data) -> str:
        text = super().to_internal_value(data)
        sport = find_sport(text=text)
        if sport is None:
            valid = ", ".join(f"{s.id} or {s.alias}" for s in list_sports())
            raise serializers.ValidationError(f"unknown sport {text!r}; expected one of: {valid}")
        return sport.id


class TournamentQuerySerializer(serializers.Serializer):
    sport = SportParamField(required=False, max_length=40, help_text="sport id or alias, e.g. 1 or football")
    country = serializers.CharField(required=False, max_length=60, help_text="e.g. Spain, colombia")
    active = serializers.BooleanField(required=False, allow_null=True, default=None,
                                      help_text="only tournaments with (true) or without (false) upcoming fixtures")

    def to_service_kwargs(self) -> dict:
        data = self.validated_data
        return {"sport_id": data.get("sport"), "country": data.get("country"), "active": data.get("active")}


class FixtureQuerySerializer(serializers.Serializer):
    date = serializers.CharField(required=False, max_length=10, help_text="YYYY-MM-DD, today or tomorrow")
    tz = serializers.CharField(required=False, max_length=64, default="UTC",
                               help_text="IANA time zone the date is meant in (default UTC)")
    team = serializers.CharField(required=False, max_length=80, help_text="team id or name, fuzzy: 'barça'")
    tournament = serializers.CharField(required=False, max_length=80, help_text="tournament id or name")
    live = serializers.BooleanField(required=False, allow_null=True, default=None)
    sport = SportParamField(required=False, max_length=40, help_text="sport id or alias, e.g. 1 or football")

    def validate_tz(self, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise serializers.ValidationError(f"unknown time zone {value!r}")
        return value

    def validate_date(self, value: str) -> str:
        value = value.strip().lower()
        if value in {"today", "tomorrow"}:
            return value
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise serializers.ValidationError("expected YYYY-MM-DD, today or tomorrow")
        if not DAY_MIN <= day <= DAY_MAX:
            raise serializers.ValidationError(f"expected a date between {DAY_MIN} and {DAY_MAX}")
        return value

    def to_service_kwargs(self) -> dict:
        """Only renames: the day's UTC window is the fixtures service's business (`day_window`)."""
        data = self.validated_data
        return {"team": data.get("team"), "tournament": data.get("tournament"), "live": data.get("live"),
                "sport_id": data.get("sport"), "day": data.get("date") or None, "tz": data.get("tz") or "UTC"}


class OddsQuerySerializer(serializers.Serializer):
    match_id = serializers.RegexField(ID_PATTERN, help_text="the fixture id")
    market = serializers.ChoiceField(choices=MARKET_KEYS, required=False)


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(min_length=2, max_length=80, help_text="free text: 'man utd', 'barça', 'real'")
    limit = serializers.IntegerField(required=False, min_value=1, max_value=50, default=10)


# --- WebSocket frames -------------------------------------------------------------------------------

class SubscriptionFrameSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["subscribe", "unsubscribe"])
    fixture_ids = serializers.ListField(child=serializers.RegexField(ID_PATTERN), required=False,
                                        max_length=MAX_SUBSCRIPTIONS, default=list)
    tournament_id = serializers.RegexField(ID_PATTERN, required=False)
    tournament_ids = serializers.ListField(child=serializers.RegexField(ID_PATTERN), required=False,
                                           max_length=MAX_TOURNAMENT_SUBSCRIPTIONS, default=list)

    def validate(self, attrs):
        if not attrs.get("fixture_ids") and not attrs.get("tournament_id") and not attrs.get("tournament_ids"):
            raise serializers.ValidationError("give fixture_ids or tournament_id")
        single = [attrs["tournament_id"]] if attrs.get("tournament_id") else []
        attrs["tournament_ids"] = list(dict.fromkeys([*attrs.get("tournament_ids", []), *single]))
        attrs["fixture_ids"] = [str(f) for f in dict.fromkeys(attrs.get("fixture_ids", []))]
        return attrs


# --- output -------------------------------------------------------------------------------------------
# The classes describe the shapes (OpenAPI); `to_representation` builds the dicts directly because
# DRF's generic nested serialisation costs milliseconds per odds board, and these are the hot reads.

def team_data(team) -> dict:
    return {"id": team.id, "name": team.name, "names": dict(team.names)}


def fixture_data(fixture) -> dict:
    return {"id": fixture.id, "sport_id": fixture.sport_id, "tournament_id": fixture.tournament_id,
            "tournament_name": fixture.tournament_name, "home": team_data(fixture.home),
            "away": team_data(fixture.away), "start_time": iso_utc(fixture.start_time), "status": fixture.status}


def price_data(price) -> dict:
    return {"bet_id": price.bet_id, "name": price.name, "odds": price.odds, "line": price.line,
            "implied_probability": round(price.implied_probability, 4)}


def board_data(board) -> dict:
    return {"fixture_id": board.fixture_id, "status": board.status,
            "markets": {key: {"key": market.key, "selections": {name: price_data(p)
                                                                  for name, p in market.selections.items()},
                              "overround": round(market.overround, 4)} for key, market in board.markets.items()},
            "fetched_at": iso_utc(board.fetched_at), "stale": board.stale, "age_seconds": board.age_seconds}


class NamesField(serializers.DictField):
    child = serializers.CharField()


class SportSerializer(serializers.Serializer):
    id = serializers.CharField()
    alias = serializers.CharField()
    name = serializers.CharField()
    names = NamesField()

    def to_representation(self, sport) -> dict:
        return {"id": sport.id, "alias": sport.alias, "name": sport.name, "names": dict(sport.names)}


class TournamentSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    sport_id = serializers.CharField()
    country = serializers.CharField()
    names = NamesField()
    active = serializers.BooleanField()

    def to_representation(self, t) -> dict:
        return {"id": t.id, "name": t.name, "sport_id": t.sport_id, "country": t.country, "names": dict(t.names),
                "active": t.active}


class TeamSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    names = NamesField()


class FixtureSerializer(serializers.Serializer):
    id = serializers.CharField()
    sport_id = serializers.CharField()
    tournament_id = serializers.CharField()
    tournament_name = serializers.CharField()
    home = TeamSerializer()
    away = TeamSerializer()
    start_time = serializers.DateTimeField()
    status = serializers.CharField(help_text="pre_match | live")

    def to_representation(self, fixture) -> dict:
        return fixture_data(fixture)


class PriceSerializer(serializers.Serializer):
    bet_id = serializers.CharField()
    name = serializers.CharField()
    odds = serializers.FloatField()
    line = serializers.CharField(allow_null=True)
    implied_probability = serializers.SerializerMethodField()

    def get_implied_probability(self, price) -> float:
        return round(price.implied_probability, 4)


class MarketSerializer(serializers.Serializer):
    key = serializers.CharField()
    selections = serializers.DictField(child=PriceSerializer())
    overround = serializers.SerializerMethodField()

    def get_overround(self, market) -> float:
        return round(market.overround, 4)


class OddsBoardSerializer(serializers.Serializer):
    fixture_id = serializers.CharField()
    status = serializers.CharField(help_text="active | suspended (prices shown but not bettable)")
    markets = serializers.DictField(child=MarketSerializer())
    fetched_at = serializers.DateTimeField()
    stale = serializers.BooleanField(help_text="true when the upstream failed and this is the last good copy")
    age_seconds = serializers.FloatField(help_text="seconds since these odds were fetched upstream")

    def to_representation(self, board) -> dict:
        return board_data(board)


class OddsResponseSerializer(OddsBoardSerializer):
    fixture = FixtureSerializer(required=False)


class SearchResultSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="team | tournament")
    id = serializers.CharField()
    name = serializers.CharField()
    names = NamesField()
    score = serializers.FloatField(help_text="0–100")
    sport_id = serializers.CharField(allow_null=True)


class CacheKindStatsSerializer(serializers.Serializer):
    hits = serializers.IntegerField()
    misses = serializers.IntegerField()
    stale = serializers.IntegerField()
    upstream_calls = serializers.IntegerField()
    upstream_errors = serializers.IntegerField()
    hit_rate = serializers.FloatField()


class CacheStatsSerializer(serializers.Serializer):
    provider = serializers.CharField()
    kinds = serializers.DictField(child=CacheKindStatsSerializer())
    ttl = serializers.DictField(child=serializers.IntegerField())
