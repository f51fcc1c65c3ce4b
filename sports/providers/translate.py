"""Upstream ChatBet JSON → our domain model. The only place that knows upstream field names.

Both providers go through here: the sandbox builds upstream-shaped JSON and the HTTP client
receives it, so the quirks (the `totalResults` first element, year-less `startTime`, camelCase
mixed with snake_case, `null` markets, statuses other than "Active") are handled once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from chatbet_project.errors import ChatBetError, NotFound
from sports.domain import LANGUAGES, Balance, Fixture, Market, OddsBoard, Price, Sport, Team, Tournament


class MalformedUpstream(ValueError):
    """The upstream answered 200 with a body that does not follow the contract."""


# Upstream tournaments carry no country; these are the ones we know.
KNOWN_COUNTRIES = {
    "laliga": "Spain", "premier league": "England", "serie a": "Italy", "bundesliga": "Germany",
    "ligue 1": "France", "uefa champions league": "Europe", "liga betplay": "Colombia",
    "brasileirao": "Brazil", "brasileirao serie a": "Brazil", "nba": "USA", "atp tour": "International",
}

# upstream market name → (our key, {upstream selection: our selection})
_THREE_WAY = {"homeTeam": "home", "tie": "draw", "awayTeam": "away"}
MARKET_MAP: dict[str, tuple[str, dict[str, str]]] = {
    "result": ("1x2", _THREE_WAY),
    "double_chance": ("double_chance", {"homeTeam_or_draw": "home_or_draw", "awayTeam_or_draw": "away_or_draw",
                                        "homeTeam_or_awayTeam": "home_or_away"}),
    "over_under": ("over_under", {"over": "over", "under": "under"}),
    "both_teams_to_score": ("btts", {"yes": "yes", "no": "no"}),
    "handicap": ("handicap", {"homeTeam": "home", "awayTeam": "away"}),
    "half_time_result": ("half_time_result", _THREE_WAY),
}
LINE_MARKETS = {"over_under", "handicap"}
# our market key → upstream name (used by the sandbox and by the betting payloads)
UPSTREAM_MARKET = {ours: upstream for upstream, (ours, _) in MARKET_MAP.items()}
UPSTREAM_SELECTION = {ours: {v: k for k, v in sel.items()} for _, (ours, sel) in MARKET_MAP.items()}


def _fold_ascii(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower().strip()


def _str_id(value: Any, *, what: str) -> str:
    """Ids come as numbers, strings, or (in sports-fixtures) per-language dicts."""
    if isinstance(value, dict):
        value = value.get("en") or next(iter(value.values()), None)
    if value is None or value == "":
        raise MalformedUpstream(f"missing {what}")
    return str(value)


def _names(value: Any, *, fallback: str = "") -> dict[str, str]:
    """A per-language dict from `{"en","es","pt_br"}` or a plain string."""
    if isinstance(value, dict):
        names = {lang: str(value[lang]) for lang in LANGUAGES if value.get(lang)}
        if not names and value:
            names = {"en": str(next(iter(value.values())))}
        return names
    if value:
        return {"en": str(value)}
    return {"en": fallback} if fallback else {}


def _primary(names: dict[str, str]) -> str:
    return names.get("en") or next(iter(names.values()), "")


def _require_list(raw: Any, *, what: str) -> list:
    if not isinstance(raw, list):
        raise MalformedUpstream(f"{what}: expected a list, got {type(raw).__name__}")
    return raw


# --- time ---------------------------------------------------------------------------------------------

_YEARLESS = re.compile(r"^(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_start_time(value: Any, *, now: datetime) -> datetime:
    """An aware UTC datetime from an ISO string, or from `MM-DD HH:MM` with no year.

    A year-less time takes the year that puts it nearest to `now`, looking forward: it is the
    next occurrence unless that is more than ~300 days ahead while last year's is within a day
    (a live fixture that started just before midnight on 31 December).
    """
    if not isinstance(value, str) or not value.strip():
        raise MalformedUpstream(f"bad startTime {value!r}")
    text = value.strip()
    if match := _YEARLESS.match(text):
        month, day, hour, minute = (int(g) for g in match.groups()[:4])
        candidates = []
        for year in (now.year - 1, now.year, now.year + 1):
            try:
                candidates.append(datetime(year, month, day, hour, minute, tzinfo=UTC))
            except ValueError:  # 29 February in a non-leap year
                continue
        if not candidates:
            raise MalformedUpstream(f"bad startTime {value!r}")
        recent = now - timedelta(days=1)
        future = [c for c in candidates if c >= recent]
        return min(future) if future else max(candidates)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise MalformedUpstream(f"bad startTime {value!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


# --- catalogue ----------------------------------------------------------------------------------------

def parse_sports(raw: Any) -> list[Sport]:
    sports = []
    for item in _require_list(raw, what="sports"):
        names = {lang: item[f"name_{lang}"] for lang in LANGUAGES if item.get(f"name_{lang}")}
        name = item.get("name") or names.get("en", "")
        sports.append(Sport(id=_str_id(item.get("id"), what="sport id"), alias=str(item.get("alias") or "").lower(),
                            name=name, names=names or {"en": name}))
    return sports


def parse_tournaments(raw_by_language: dict[str, Any], *, sport_id: str, active_ids: Iterable[str] | None,
                      countries: dict[str, str] | None = None) -> list[Tournament]:
    """Merge the per-language answers of `/sports/tournaments` into multilingual tournaments."""
    names: dict[str, dict[str, str]] = {}
    order: list[str] = []
    for language, raw in raw_by_language.items():
        for item in _require_list(raw, what="tournaments"):
            tid = _str_id(item.get("tournament_id", item.get("tournamentId", item.get("id"))), what="tournament id")
            if tid not in names:
                names[tid] = {}
                order.append(tid)
            name = item.get("tournament_name") or item.get("name")
            if name:
                names[tid][language] = str(name)
    active = set(active_ids) if active_ids is not None else None
    result = []
    for tid in order:
        tname = _primary(names[tid])
        country = (countries or {}).get(tid) or KNOWN_COUNTRIES.get(_fold_ascii(tname), "")
        result.append(Tournament(id=tid, name=tname, sport_id=sport_id, country=country, names=names[tid],
                                 active=True if active is None else tid in active))
    return result


def parse_all_tournaments(raw: Any) -> list[Tournament]:
    """`/sports/all-tournaments`: sports with their tournaments (one language)."""
    result = []
    for sport in _require_list(raw, what="all-tournaments"):
        sport_id = _str_id(sport.get("id"), what="sport id")
        for item in sport.get("tournaments") or []:
            name = str(item.get("name") or "")
            result.append(Tournament(id=_str_id(item.get("tournamentId", item.get("tournament_id")),
                                                what="tournament id"),
                                     name=name, sport_id=sport_id, country=KNOWN_COUNTRIES.get(_fold_ascii(name), ""),
                                     names={"en": name}, active=True))
    return result


def parse_fixtures(raw: Any, *, status: str, now: datetime) -> list[Fixture]:
    """`/sports/fixtures`: a list whose first element is `{"totalResults": N}`, then fixtures."""
    items = _require_list(raw, what="fixtures")
    if items and isinstance(items[0], dict) and "totalResults" in items[0]:
        items = items[1:]
    fixtures = []
    for item in items:
        tournament = item.get("tournament") or {}
        home, away = item.get("homeCompetitor") or {}, item.get("awayCompetitor") or {}
        fixtures.append(Fixture(
            id=_str_id(item.get("id"), what="fixture id"),
            sport_id=_str_id(item.get("sportId", item.get("sport_id")), what="sportId"),
            tournament_id=_str_id(tournament.get("id"), what="tournament id"),
            tournament_name=str(tournament.get("name") or ""),
            home=Team(id=_str_id(home.get("id"), what="home id"), name=str(home.get("name") or ""),
                      names={"en": str(home.get("name") or "")}),
            away=Team(id=_str_id(away.get("id"), what="away id"), name=str(away.get("name") or ""),
                      names={"en": str(away.get("name") or "")}),
            start_time=parse_start_time(item.get("startTime"), now=now),
            status=status,
        ))
    return fixtures


def parse_sport_fixtures(raw: Any, *, sport_id: str, status: str, now: datetime) -> list[Fixture]:
    """`/sports/sports-fixtures`: multilingual names, ids possibly per language, `startTime` without a year."""
    items = _require_list(raw, what="sports-fixtures")
    if items and isinstance(items[0], dict) and "totalResults" in items[0]:
        items = items[1:]
    fixtures = []
    for item in items:
        t_names = _names(item.get("tournament_name"))
        home_names = _names(item.get("homeCompetitorName") or (item.get("home_team_data") or {}).get("name"))
        away_names = _names(item.get("awayCompetitorName") or (item.get("away_team_data") or {}).get("name"))
        fixtures.append(Fixture(
            id=_str_id(item.get("id"), what="fixture id"),
            sport_id=str(item.get("sportId") or item.get("sport_id") or sport_id),
            tournament_id=_str_id(item.get("tournament_id", item.get("tournamentId")), what="tournament id"),
            tournament_name=_primary(t_names),
            home=Team(id=_str_id(item.get("homeCompetitorId"), what="homeCompetitorId"), name=_primary(home_names),
                      names=home_names),
            away=Team(id=_str_id(item.get("awayCompetitorId"), what="awayCompetitorId"), name=_primary(away_names),
                      names=away_names),
            start_time=parse_start_time(item.get("startTime"), now=now),
            status=status,
        ))
    return fixtures


# --- odds ---------------------------------------------------------------------------------------------

def _odds_value(value: Any) -> float:
    try:
        odds = float(value)
    except (TypeError, ValueError):
        raise MalformedUpstream(f"bad odds {value!r}")
    if odds <= 1.0:
        raise MalformedUpstream(f"odds must be above 1.0, got {odds}")
    return round(odds, 3)


def parse_odds(raw: Any, *, fixture_id: str, fetched_at: datetime) -> OddsBoard:
    if not isinstance(raw, dict):
        raise MalformedUpstream(f"odds: expected an object, got {type(raw).__name__}")
    status = "active" if str(raw.get("status") or "").lower() == "active" else "suspended"
    markets: dict[str, Market] = {}
    for upstream_name, (key, selection_map) in MARKET_MAP.items():
        block = raw.get(upstream_name)
        if not isinstance(block, dict):
            continue  # null or missing: the fixture does not offer it
        selections = {}
        for upstream_sel, ours in selection_map.items():
            item = block.get(upstream_sel)
            if not isinstance(item, dict) or item.get("odds") is None:
                continue
            bet_id = item.get("betId", item.get("bet_id"))
            if bet_id in (None, ""):
                raise MalformedUpstream(f"{upstream_name}.{upstream_sel} has no betId")
            line = str(item["name"]) if key in LINE_MARKETS and item.get("name") is not None else None
            selections[ours] = Price(bet_id=str(bet_id), name=str(item.get("name") or ours),
                                     odds=_odds_value(item["odds"]), line=line)
        if len(selections) >= 2:
            markets[key] = Market(key=key, selections=selections)
    return OddsBoard(fixture_id=str(fixture_id), status=status, markets=markets, fetched_at=fetched_at)


# --- account and betting ------------------------------------------------------------------------------

def _decimal(value: Any, *, what: str) -> Decimal:
    try:
        return Decimal(str(value if value is not None else 0)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise MalformedUpstream(f"bad {what} {value!r}")


def parse_balance(raw: Any, *, currency: str = "USD") -> Balance:
    if not isinstance(raw, dict):
        raise MalformedUpstream("balance: expected an object")
    return Balance(money=_decimal(raw.get("money"), what="money"),
                   playable=_decimal(raw.get("playableBalance"), what="playableBalance"),
                   withdrawable=_decimal(raw.get("withdrawableBalance"), what="withdrawableBalance"),
                   bonus=_decimal(raw.get("bonusBalance"), what="bonusBalance"),
                   redeemed_bonus=_decimal(raw.get("redeemedBonus"), what="redeemedBonus"),
                   currency=str(raw.get("currency") or currency))


def parse_user(raw: Any) -> str | None:
    """`validate_user`: the upstream user id, or None when the key is not valid."""
    if not isinstance(raw, dict):
        raise MalformedUpstream("validate_user: expected an object")
    if not raw.get("status") or raw.get("userId") in (None, ""):
        return None
    return str(raw["userId"])


def _bet_leg(fixture: Fixture, price: Price) -> dict:
    return {"betId": price.bet_id, "fixtureId": fixture.id, "odd": f"{price.odds:.2f}", "sportId": fixture.sport_id,
            "tournamentId": fixture.tournament_id}


def _user(user_key: str, upstream_user_id: str) -> dict:
    return {"userKey": user_key, "id": str(upstream_user_id)}


def bet_payload(*, user_key: str, upstream_user_id: str, fixture: Fixture, price: Price, amount: Decimal,
                idempotency_key: str | None = None) -> dict:
    payload = {"user": _user(user_key, upstream_user_id),
               "betInfo": {"amount": str(amount), "betId": [_bet_leg(fixture, price)], "source": "chatbet"}}
    if idempotency_key:  # one key per slip: a repeat of the same request never makes a second bet
        payload["betInfo"]["idempotencyKey"] = idempotency_key
    return payload


def combo_bet_payload(*, user_key: str, upstream_user_id: str, legs: list[tuple[Fixture, Price]] | None,
                      amount: Decimal, odds: Decimal, idempotency_key: str | None = None) -> dict:
    """`POST /place-combo-bet`: every leg, the stake and the combined odds the user accepted, in one request;
    `legs=None` leaves `betId` out, which places the user's combo basket."""
    payload = {"user": _user(user_key, upstream_user_id),
               "betInfo": {"amount": str(amount), "odd": f"{odds:.2f}", "source": "chatbet"}}
    if legs is not None:
        payload["betInfo"]["betId"] = [_bet_leg(fixture, price) for fixture, price in legs]
    if idempotency_key:
        payload["betInfo"]["idempotencyKey"] = idempotency_key
    return payload


def combo_selection_payload(*, user_key: str, upstream_user_id: str, fixture: Fixture, price: Price) -> dict:
    """`POST /add-bet-to-combo`: one selection, shaped like a leg of `/place-bet`."""
    return {"user": _user(user_key, upstream_user_id), "betInfo": _bet_leg(fixture, price)}


def combo_user_payload(*, user_key: str, upstream_user_id: str, bet_id: str | None = None) -> dict:
    """`POST /remove-bet-from-combo` (with `bet_id`) and `POST /clear-combo` (without)."""
    payload: dict[str, Any] = {"user": _user(user_key, upstream_user_id)}
    if bet_id is not None:
        payload["betId"] = bet_id
    return payload


def parse_combo_basket(raw: Any) -> dict:
    """Every combo-basket answer → `{"legs": [{"bet_id", "fixture_id", "sport_id", "tournament_id", "odds",
    "current_odds", "status"}], "odds", "status", "possible_win", "profit", "replaced", "removed"}`.

    `odds` is the combination of the prices taken; a leg's `status` is open, moved, suspended or closed, the
    basket's ok (placeable), too_few or changed; `possible_win`/`profit` only when an amount was asked about."""
    if not isinstance(raw, dict) or not isinstance(raw.get("betsInfo"), list):
        raise MalformedUpstream("combo basket: no betsInfo list in the answer")
    legs = []
    for item in raw["betsInfo"]:
        if not isinstance(item, dict):
            raise MalformedUpstream("combo basket: a leg is not an object")
        current = item.get("currentOdd")
        legs.append({"bet_id": _str_id(item.get("betId"), what="betId"),
                     "fixture_id": _str_id(item.get("fixtureId"), what="fixtureId"),
                     "sport_id": str(item.get("sportId") or ""), "tournament_id": str(item.get("tournamentId") or ""),
                     "odds": _decimal(item.get("odd"), what="odd"),
                     "current_odds": None if current is None else _decimal(current, what="currentOdd"),
                     "status": str(item.get("status") or "")})

    def optional(name: str) -> Decimal | None:
        return None if raw.get(name) is None else _decimal(raw[name], what=name)

    return {"legs": legs, "odds": _decimal(raw.get("odd"), what="odd"), "status": str(raw.get("status") or ""),
            "possible_win": optional("possibleWin"), "profit": optional("profit"),
            "replaced": raw.get("replacedBetId"), "removed": raw.get("removedBetId")}


def parse_combo_bet(raw: Any, *, amount: Decimal, odds: Decimal) -> dict:
    """`POST /place-combo-bet` → `{"bet_id", "message", "possible_win", "amount", "odds"}`."""
    if not isinstance(raw, dict) or not raw.get("betId"):
        raise MalformedUpstream("place-combo-bet: no betId in the answer")
    possible = raw.get("possibleWin")
    placed_odds = _decimal(raw.get("odd") if raw.get("odd") is not None else odds, what="odd")
    return {"bet_id": str(raw["betId"]), "message": str(raw.get("message") or ""),
            "possible_win": _decimal(possible if possible is not None else amount * placed_odds, what="possibleWin"),
            "amount": amount, "odds": placed_odds}


def parse_found_bet(raw: Any) -> dict | None:
    """`GET /bet-by-key`: `{"found": true, "betId", "possibleWin"}` or `{"found": false}`."""
    if not isinstance(raw, dict) or "found" not in raw:
        raise MalformedUpstream("bet-by-key: no 'found' in the answer")
    if not raw["found"]:
        return None
    return {"bet_id": str(raw.get("betId") or ""), "possible_win": raw.get("possibleWin")}


def parse_bet(raw: Any, *, amount: Decimal, price: Price) -> dict:
    if not isinstance(raw, dict) or not raw.get("betId"):
        raise MalformedUpstream("place-bet: no betId in the answer")
    possible = raw.get("possibleWin")
    possible_win = _decimal(possible if possible is not None else amount * Decimal(str(price.odds)), what="possibleWin")
    return {"bet_id": str(raw["betId"]), "message": str(raw.get("message") or ""), "possible_win": possible_win,
            "amount": amount, "odds": price.odds}


def combo_payload(*, legs: list[tuple[Fixture, Price]], amount: Decimal) -> dict:
    return {"betsInfo": [{"betId": price.bet_id, "fixtureId": fixture.id, "sportId": fixture.sport_id,
                          "tournamentId": fixture.tournament_id, "odd": price.odds} for fixture, price in legs],
            "amount": float(amount)}


def parse_combo(raw: Any) -> dict:
    if not isinstance(raw, dict):
        raise MalformedUpstream("combo-bet-calculation: expected an object")
    return {"odds": _decimal(raw.get("odd"), what="odd"), "profit": _decimal(raw.get("profit"), what="profit"),
            "status": str(raw.get("status") or "")}


def raise_for_bet(status: int, body: dict) -> None:
    """Map a refused bet (status, upstream body) to a domain error."""
    if status == 200:
        return
    message = str(body.get("message") or body.get("detail") or "The bet was refused.")
    if status == 404:
        raise NotFound(message)
    if status == 409:
        raise ChatBetError(message, code="odds_changed", status=409)
    if status in (401, 403):
        raise ChatBetError(message, code="invalid_user", status=403)
    if "balance" in message.lower():
        raise ChatBetError(message, code="insufficient_balance", status=400)
    raise ChatBetError(message, code="bet_rejected", status=400)
