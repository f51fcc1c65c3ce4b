"""What the assistant's tools share: the tool record, argument helpers, the caller's language, zone,
clock and betting link, and the fixture reads behind a 30-second in-process memo (`clear_memo`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from cachetools import TTLCache
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from accounts.selectors import get_betting_link
from betting.labels import selection_label
from betting.services import slips
from chatbet_project.errors import ChatBetError, NotFound
from sports.domain import iso_utc
from sports.providers import get_provider
from sports.services import fixtures, odds
from sports.services.catalogue import match_team

if TYPE_CHECKING:
    from sports.domain import Fixture, OddsBoard, Price

MAX_STAKE = Decimal("100000")
MIN_STAKE = Decimal("0.01")  # a stake is a positive amount in cents (`formatting.stake_problem`)
RISK_LEVELS = ("low", "medium", "high")

class ToolError(ChatBetError):
    """The tool could not do that."""

    code = "tool_error"


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    parameters: dict  # JSON schema (object)
    func: Callable[..., dict]
    requires_auth: bool = False
    requires_confirmation: bool = False

    def declaration(self) -> dict:
        """The function declaration LLM providers send to the model."""
        return {"name": self.name, "description": self.description, "parameters": self.parameters}


# --- small helpers -----------------------------------------------------------------------------


def to_decimal(value, *, name: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ToolError(format_lazy(pgettext_lazy("tool error", "{name}: must be a number, not {value!r}."), name=name,
                                     value=value), code="invalid_argument")
    if not amount.is_finite() or amount <= 0:
        raise ToolError(format_lazy(pgettext_lazy("tool error", "{name}: must be greater than 0."), name=name),
                        code="invalid_argument")
    if amount > MAX_STAKE:
        raise ToolError(format_lazy(pgettext_lazy("tool error", "{name}: at most {max}."), name=name, max=MAX_STAKE),
                        code="invalid_argument")
    return amount


def parse_when(value, *, tz: str, end: bool = False) -> datetime | None:
    """An ISO date or datetime argument; a bare date means the start (or the end) of that local day."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        text = str(value).strip().replace("Z", "+00:00")
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            raise ToolError(format_lazy(pgettext_lazy("tool error", "date: {value!r} is not an ISO date (YYYY-MM-DD)."),
                                         value=value), code="invalid_argument")
        if len(text) <= 10:
            dt = dt + timedelta(days=1) - timedelta(microseconds=1) if end else dt
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=ZoneInfo(tz))
    return dt.astimezone(UTC)


def fixture_dict(fixture: Fixture, language: str = "en") -> dict:
    return {
        "id": fixture.id,
        "home": fixture.home.name_in(language),
        "away": fixture.away.name_in(language),
        "tournament": fixture.tournament_name,
        "tournament_id": fixture.tournament_id,
        "sport_id": fixture.sport_id,
        "start_time": iso_utc(fixture.start_time),
        "status": fixture.status,
    }


def market_dict(market) -> dict:
    selections = {}
    for key, price in market.selections.items():
        selections[key] = {
            "odds": round(float(price.odds), 2),
            "name": price.name,
            "line": price.line,
            "implied_probability": round(100.0 / price.odds, 1) if price.odds > 0 else None,
            "bet_id": price.bet_id,
        }
    margin = market.overround
    return {"selections": selections, "margin_percent": round(margin * 100, 1) if margin else None}


def lang_of(ctx) -> str:
    return getattr(ctx, "language", "en") or "en"


def tz_of(ctx) -> str:
    return getattr(ctx, "timezone", "UTC") or "UTC"


def now_of(ctx) -> datetime:
    return getattr(ctx, "now", None) or datetime.now(UTC)


class _FixtureReader:
    """`find_fixtures` / `get_fixture` through a 30-second in-process memo.

    The sports cache hands back whole fixture indexes (unpickled on every read, ~20 ms per sport); a
    turn asks several times and a busy process asks the same questions over and over (measured: 45
    → 140 turns/s in bench/chat_pipeline.py). The fixture list itself is cached for hours upstream,
    so half a minute of process-local reuse costs little freshness (a kick-off shows as live up to
    30 s late). Odds are never memoised here: they always come from the sports cache.
    """

    def find_fixtures(self, **kwargs):
        key = ("find", *sorted((k, _memo_arg(v)) for k, v in kwargs.items()))
        return memoized(key, lambda: fixtures.find_fixtures(**kwargs))

    def get_fixture(self, *, fixture_id: str):
        return memoized(("get", fixture_id), lambda: fixtures.get_fixture(fixture_id=fixture_id))

    def is_known_tournament(self, *, tournament: str) -> bool:
        return fixtures.is_known_tournament(tournament=tournament)


MEMO_SECONDS = 30.0
MEMO_MAX_ENTRIES = 1000
_MEMO: TTLCache = TTLCache(maxsize=MEMO_MAX_ENTRIES, ttl=MEMO_SECONDS)  # least recently used go first
_MEMO_LOCK = threading.Lock()  # turns run tools in several threads; TTLCache is not thread-safe
_MISSING = object()
_READER = _FixtureReader()


def _memo_arg(value):
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0).isoformat()  # minute resolution: "now" keys repeat
    return value


def memoized(key: tuple, fetch: Callable[[], Any]):
    key = (id(get_provider()), *key)  # a rebuilt provider (settings change, tests) never sees old entries
    with _MEMO_LOCK:
        hit = _MEMO.get(key, _MISSING)
    if hit is not _MISSING:
        return hit
    value = fetch()
    with _MEMO_LOCK:
        _MEMO[key] = value
    return value


def clear_memo() -> None:
    """Forget memoised fixtures (tests that rebuild the provider call this)."""
    with _MEMO_LOCK:
        _MEMO.clear()


def fixture_services():
    return _READER


def odds_services():
    return odds


def resolve_team(name: str) -> str:
    """The catalogue's name for what the user typed (fuzzy), or the text itself when nothing matches."""
    try:
        matches = memoized(("team", name.casefold()), lambda: match_team(text=name, limit=1))
    except ChatBetError:
        return name
    if matches and matches[0][1] >= 70:
        return matches[0][0].name
    return name


def team_fixtures(team: str, *, ctx, limit: int = 5, date_from=None, date_to=None, tournament: str | None = None,
                  sport_id: str | None = None) -> list[Fixture]:
    filters = {k: v for k, v in (("tournament", tournament), ("sport_id", sport_id)) if v}
    return fixture_services().find_fixtures(
        team=team, date_from=date_from or (now_of(ctx) - timedelta(hours=3)), date_to=date_to, limit=limit, **filters
    )


def plays(fixture: Fixture, team: str) -> bool:
    key = team.casefold()
    return any(key == n.casefold() for side in (fixture.home, fixture.away)
               for n in (side.name, *side.names.values()))


def find_fixture(*, ctx, fixture_id: str | None = None, team: str | None = None,
                 opponent: str | None = None, tournament: str | None = None, sport_id: str | None = None) -> Fixture:
    """One fixture by id, or the next one of `team` (against `opponent` when given; in `tournament` and of
    `sport_id` when the user said them: "Leverkusen in the Champions League" is never their league match)."""
    services = fixture_services()
    if fixture_id:
        return services.get_fixture(fixture_id=str(fixture_id))
    if not team:
        raise ToolError(pgettext_lazy("tool error", "fixture_id or team: give one to choose the match."),
                        code="invalid_argument")
    team_name = resolve_team(team)
    fixtures = team_fixtures(team_name, ctx=ctx, limit=30 if opponent else 1, tournament=tournament,
                             sport_id=str(sport_id) if sport_id not in (None, "") else None)
    if opponent:
        opponent_name = resolve_team(opponent)
        fixtures = [f for f in fixtures if plays(f, opponent_name)]
    if not fixtures:
        if opponent:
            raise NotFound(format_lazy(pgettext_lazy("tool error", "No upcoming match found for {team} against "
                                                                   "{opponent}."), team=team_name, opponent=opponent))
        if tournament:
            raise NotFound(format_lazy(pgettext_lazy("tool error", "No upcoming match found for {team} in "
                                                                   "{tournament}."), team=team_name,
                                       tournament=tournament))
        raise NotFound(format_lazy(pgettext_lazy("tool error", "No upcoming match found for {team}."), team=team_name))
    return fixtures[0]


# --- the tools ---------------------------------------------------------------------------------



def identity_of(ctx):
    return getattr(ctx, "identity", None)


def link_for(ctx):
    """The caller's betting link; errors a user understands when there is none."""
    identity = identity_of(ctx)
    if identity is None or not identity.is_authenticated:
        raise ToolError(pgettext_lazy("tool error", "Log in and link your ChatBet account to do that."),
                        code="login_required", status=401)

    link = get_betting_link(user_id=identity.user_id)
    if link is None:
        raise ToolError(pgettext_lazy("tool error", "Link your ChatBet account (your userKey) to do that."),
                        code="no_chatbet_account",
                        status=409)
    return link


def price_for(board: OddsBoard, market: str, selection: str) -> Price:
    """The board's price for that selection; a sentence naming what is offered when it is not."""
    mk = board.markets.get(market)
    if mk is None:
        raise NotFound(format_lazy(pgettext_lazy("tool error", "market: {market} is not offered for this match."),
                                   market=market), code="market_unavailable")
    price = mk.selections.get(selection)
    if price is None:
        raise NotFound(format_lazy(pgettext_lazy("tool error", "selection: {selection} is not offered in {market} "
                                                               "({choices})."),
                                   selection=selection, market=market, choices=", ".join(mk.selections)),
                       code="selection_unavailable")
    return price


def leg_offers(ctx, *, fixture_id, market, selection, team, line, legs: list | None, language: str,
               tournament: str | None = None) -> list:
    """The selections asked for at today's prices: one for a single, one per leg for an accumulator. A line the
    user named must be the one on offer (`check_line`)."""
    asked = legs or [{"fixture_id": fixture_id, "team": team, "market": market, "selection": selection, "line": line,
                      "tournament": tournament}]
    if len(asked) > 10:  # never drop a leg behind the user's back
        raise ToolError(pgettext_lazy("tool error", "legs: at most 10 selections in one accumulator."),
                        code="invalid_argument")
    offers = []
    for leg in asked:
        if not leg.get("selection"):
            raise ToolError(pgettext_lazy("tool error", "selection: say what to bet on (home, draw, away, over, "
                                                        "yes...)."), code="invalid_argument")
        fixture = find_fixture(ctx=ctx, fixture_id=leg.get("fixture_id"), team=leg.get("team"),
                               tournament=leg.get("tournament"))
        board = odds_services().get_odds(fixture_id=fixture.id)
        if board.is_suspended:
            raise ToolError(pgettext_lazy("tool error", "Betting on this match is suspended right now."),
                            code="odds_suspended", status=409)
        leg_market = leg.get("market") or "1x2"
        price = price_for(board, leg_market, leg["selection"])
        slips.check_line(fixture=fixture, price=price, market=leg_market, selection=leg["selection"],
                         line=leg.get("line"), language=language)
        offers.append(slips.LegOffer(fixture=fixture, price=price, market=leg_market, selection=leg["selection"],
                                     label=selection_label(leg["selection"], fixture, line=price.line,
                                                           language=language, market=leg_market)))
    return offers


def summarize(name: str, result: dict) -> str:
    """A one-line summary of a tool result for `tool_calls` (stored and shown to operators)."""
    if "error" in result:
        return f"error: {result['error']}"
    if name == "find_fixtures":
        return f"{result.get('count', 0)} fixtures"
    if name == "get_odds":
        return f"odds for {result['fixture']['home']} vs {result['fixture']['away']}"
    if name == "recommend_bets":
        return f"{len(result.get('picks', []))} picks ({result.get('risk_level')})"
    if name == "place_bet":
        return result.get("status", "")
    if name == "simulate_bet":
        return f"{result.get('type')} returns {result.get('returns')}"
    return "ok"
