"""A slip's legs: the selections offered for it, what they cost right now, and how a slip sums them up.

A single has one leg; an accumulator two or more, one per fixture, at the combined odds the upstream's combo
calculation gives (`POST /combo-bet-calculation`). Only `betting.services.slips` writes slips; this module
prices and describes legs for it (reads of the sports services, no database writes).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from betting.errors import BettingRefusal
from betting.labels import line_wording, selection_label
from betting.models import COMBO_MARKET, BetSlip
from betting.services.limits import money
from chatbet_project.errors import ChatBetError
from sports.services.betting import calculate_combo
from sports.services.fixtures import get_fixture
from sports.services.odds import get_odds

if TYPE_CHECKING:
    from sports.domain import Fixture, Price


@dataclass(frozen=True)
class LegOffer:
    """One selection offered for a slip: its fixture, its price now, and how it reads to the user."""

    fixture: Fixture
    price: Price
    market: str
    selection: str
    label: str = ""


@dataclass(frozen=True)
class Quote:
    """What a slip costs right now: each leg's current price and the odds of the whole (the combined odds the
    upstream calculates for an accumulator, the one price for a single)."""

    legs: list[tuple[Fixture, Price]]
    odds: Decimal
    line_moved: bool = False  # a leg's line is no longer the one shown ("over 2.5" is now "over 3.5")

    @property
    def bet_id(self) -> str:
        return "+".join(price.bet_id for _, price in self.legs)[:100]


def check_distinct(*, legs: list[LegOffer], language: str) -> None:
    """One leg per fixture: two selections on one match are refused with a sentence naming it."""
    if not legs:
        raise BettingRefusal("combo_needs_legs", language)
    seen: set[str] = set()
    for leg in legs:
        if leg.fixture.id in seen:
            raise BettingRefusal("same_fixture_twice", language, match=leg.fixture.title)
        seen.add(leg.fixture.id)


def combo_odds(*, legs: list[tuple[Fixture, Price]], stake: Decimal, language: str) -> Decimal:
    """The upstream's combined odds for these legs; a local estimate is never offered for real money."""
    try:
        combo = calculate_combo(legs=legs, amount=money(stake))
    except ChatBetError as exc:
        raise BettingRefusal("combo_unavailable", language) from exc
    if combo["status"] != "ok" or combo["odds"] <= 1:
        raise BettingRefusal("combo_unavailable", language)
    return Decimal(str(combo["odds"]))


def summarize(*, legs: list[LegOffer]) -> dict:
    """The slip's own fixture/market/selection fields: the leg itself for a single, the legs joined for a combo
    (what the audit trail and "my bets" show)."""
    if len(legs) == 1:
        leg = legs[0]
        return {"fixture_id": leg.fixture.id, "fixture_label": leg.fixture.title[:200],
                "tournament_id": leg.fixture.tournament_id or "", "sport_id": leg.fixture.sport_id or "",
                "start_time": leg.fixture.start_time, "market": leg.market, "selection": leg.selection,
                "line": str(leg.price.line or "")[:20], "label": leg.label[:200], "bet_id": leg.price.bet_id}
    sports = {leg.fixture.sport_id for leg in legs}
    return {"fixture_id": "+".join(leg.fixture.id for leg in legs)[:64],
            "fixture_label": " + ".join(leg.fixture.title for leg in legs)[:200], "tournament_id": "",
            "sport_id": (sports.pop() or "") if len(sports) == 1 else "",
            "start_time": min(leg.fixture.start_time for leg in legs), "market": COMBO_MARKET,
            "selection": COMBO_MARKET, "line": "", "label": " + ".join(leg.label for leg in legs)[:200],
            "bet_id": "+".join(leg.price.bet_id for leg in legs)[:100]}


def check_line(*, fixture: Fixture, price: Price, market: str, selection: str, line, language: str) -> None:
    """The line the user named ("over 3.5", "Arsenal -1") must be the one on offer: never swapped for another, nor
    dropped on a market that has none (a "line" on a match result says the caller means some other bet)."""
    if line is None:
        return
    if price.line in (None, ""):
        raise BettingRefusal("line_not_applicable", language, line=f"{float(line):g}",
                             label=" ".join(selection_label(selection, fixture, language=language,
                                                            market=market).split()))
    if float(price.line) == float(line):
        return
    label, number = line_wording(market, selection, fixture, language=language)
    raise BettingRefusal("line_not_offered", language, asked=number(line), offered=number(price.line), label=label)


def leg_key(fixture_id: str, market: str, selection: str, bet_id: str, odds) -> tuple:
    """What makes two legs the same bet (the same slip shown again is not a new slip)."""
    return (str(fixture_id), market, selection, bet_id, Decimal(str(odds)).quantize(Decimal("0.001")))


def offer_leg(*, fixture_id: str, market: str, selection: str, language: str,
              line: float | None = None) -> LegOffer:
    """A leg at today's price from plain ids; refusals when the match is suspended, does not offer it, or offers
    another line than the one the user named (`line`, see `check_line`)."""
    fixture = get_fixture(fixture_id=str(fixture_id))
    board = get_odds(fixture_id=fixture.id)
    if board.is_suspended:
        raise BettingRefusal("odds_suspended", language)
    offered = board.markets.get(market)
    price = offered.selections.get(selection) if offered is not None else None
    if price is None:
        raise BettingRefusal("selection_not_offered", language, market=market, selection=selection)
    check_line(fixture=fixture, price=price, market=market, selection=selection, line=line, language=language)
    return LegOffer(fixture=fixture, price=price, market=market, selection=selection,
                    label=selection_label(selection, fixture, line=price.line, language=language, market=market))


def current_quote(*, slip: BetSlip, language: str) -> Quote:
    """Each leg's price right now (from the sports cache / upstream) and the slip's odds at those prices."""
    rows = list(slip.legs.all()) or [slip]  # a slip always has its legs; the slip itself is its only leg otherwise
    legs = []
    for row in rows:
        fixture = get_fixture(fixture_id=row.fixture_id)
        board = get_odds(fixture_id=row.fixture_id)
        market = board.markets.get(row.market)
        price = market.selections.get(row.selection) if market is not None else None
        if board.is_suspended or price is None:
            raise BettingRefusal("odds_suspended", language)
        legs.append((fixture, price))
    moved = any(str(price.line or "") != (row.line or "") for (_, price), row in zip(legs, rows, strict=True))
    if len(legs) == 1:
        return Quote(legs=legs, odds=Decimal(str(legs[0][1].odds)), line_moved=moved)
    return Quote(legs=legs, odds=combo_odds(legs=legs, stake=slip.stake, language=language), line_moved=moved)
