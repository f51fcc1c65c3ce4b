"""The assistant's tools: plain functions over sports services and account selectors.

The offline engine and the LLM providers run them through the registry (`chat.engine.tool_registry`: `TOOLS`, what
the model is declared, and `run_tool`, the one entry point, which checks the arguments and the caller); a few are
called directly for what is not a model tool (the user's bets, a no to a waiting slip).

Real money: `place_bet` is a thin adapter over `betting.services.slips`. It proposes a slip (a single or an
accumulator; shown to the user, remembered as `pending_bet`), and confirms that one slip only when the user
explicitly confirmed it in this turn's own words; the betting rules (limits, price, placed at most once) live there.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from accounts.services import get_balance
from betting.errors import BettingRefusal, PriceMoved
from betting.labels import label_in, selection_label
from betting.selectors import get_slip, list_bets
from betting.serializers import slip_payload
from betting.services import slips
from betting.services.fixture_choice import TERMS_MISSING, FixtureAmbiguous
from betting.services.limits import money
from chatbet_project.errors import ChatBetError, NotFound
from sports.domain import iso_utc
from sports.services.betting import calculate_combo
from sports.services.catalogue import list_tournaments

from .bet_choice import ambiguous_frame, ask_for_terms, ask_which_club, club_choices, stated_of
from .nlu.stance import find_confirmation
from .nlu.text import fold, tokenize
from .tool_support import (
    RISK_LEVELS,
    ToolError,
    find_fixture,
    fixture_dict,
    fixture_services,
    identity_of,
    lang_of,
    leg_offers,
    link_for,
    market_dict,
    now_of,
    odds_services,
    parse_when,
    plays,
    price_for,
    resolve_team,
    team_fixtures,
    to_decimal,
    tz_of,
)

if TYPE_CHECKING:
    from sports.domain import Fixture, OddsBoard


logger = logging.getLogger(__name__)


def find_fixtures_tool(*, ctx, team: str | None = None, tournament: str | None = None,
                       date_from: str | None = None, date_to: str | None = None, live: bool | None = None,
                       sport_id: str | None = None, limit: int = 5) -> dict:
    language, tz = lang_of(ctx), tz_of(ctx)
    start = parse_when(date_from, tz=tz)
    end = parse_when(date_to, tz=tz, end=True)
    if start is None and not live:
        start = now_of(ctx) - timedelta(hours=3)  # include matches that just kicked off
    limit = max(1, min(int(limit or 5), 20))
    team_name = resolve_team(team) if team else None
    sport_id = str(sport_id) if sport_id not in (None, "") else None
    matching = fixture_services().find_fixtures(
        team=team_name, tournament=tournament, date_from=start, date_to=end, live=live, sport_id=sport_id
    )
    fixtures = matching[:limit]
    result = {
        "query": {"team": team_name, "tournament": tournament, "date_from": iso_utc(start) if start else None,
                  "date_to": iso_utc(end) if end else None, "live": live, "sport_id": sport_id},
        "fixtures": [fixture_dict(f, language) for f in fixtures],
        "count": len(fixtures),
        "total": len(matching),  # how many match the query: say "showing 5 of 23", never cut silently
    }
    if not fixtures and tournament and not fixture_services().is_known_tournament(tournament=tournament):
        # A tournament we do not cover ("League Two"): say so and name the ones we have, not other matches.
        result["unknown_tournament"] = tournament
        result["tournaments"] = list_tournaments_tool(ctx=ctx, sport_id=sport_id)["tournaments"][:15]
        return result
    if not fixtures:
        # Nothing there: offer the nearest ones instead (same team/tournament at any date, else anything soon).
        soon = now_of(ctx) - timedelta(hours=3)
        nearest = []
        if team_name or tournament or sport_id:
            nearest = fixture_services().find_fixtures(team=team_name, tournament=tournament, date_from=soon,
                                                        sport_id=sport_id, limit=3)
        if not nearest:
            nearest = fixture_services().find_fixtures(date_from=soon, limit=3)
        result["alternatives"] = [fixture_dict(f, language) for f in nearest]
    return result


def get_odds_tool(*, ctx, fixture_id: str | None = None, team: str | None = None, opponent: str | None = None,
                  market: str | None = None, tournament: str | None = None, sport_id: str | None = None) -> dict:
    fixture = find_fixture(ctx=ctx, fixture_id=fixture_id, team=team, opponent=opponent, tournament=tournament,
                           sport_id=sport_id)
    board: OddsBoard = odds_services().get_odds(fixture_id=fixture.id, market=market or None)
    return {
        "fixture": fixture_dict(fixture, lang_of(ctx)),
        "status": board.status,
        "stale": board.stale,
        "age_seconds": board.age_seconds,
        "markets": {key: market_dict(m) for key, m in board.markets.items()},
    }


def _win_probabilities(board: OddsBoard) -> dict[str, float] | None:
    """Margin-free 1X2 probabilities (each implied probability divided by the book's total)."""
    market = board.markets.get("1x2")
    if market is None or not market.selections:
        return None
    implied = {k: 1.0 / p.odds for k, p in market.selections.items() if p.odds > 0}
    total = sum(implied.values())
    return {k: round(100 * v / total, 1) for k, v in implied.items()} if total else None


def compare_teams_tool(*, ctx, team_a: str, team_b: str) -> dict:
    language = lang_of(ctx)
    names = [resolve_team(team_a), resolve_team(team_b)]
    sides = []
    for name in names:
        upcoming = team_fixtures(name, ctx=ctx, limit=3)
        strength = None
        if upcoming:
            try:
                probs = _win_probabilities(odds_services().get_odds(fixture_id=upcoming[0].id))
            except ChatBetError:
                probs = None
            if probs:
                side = "home" if _plays_side(upcoming[0], name) == "home" else "away"
                strength = {"fixture_id": upcoming[0].id, "win_probability": probs.get(side)}
        sides.append({"name": name, "upcoming": [fixture_dict(f, language) for f in upcoming],
                      "next_match_strength": strength})
    head_to_head = None
    for fixture in team_fixtures(names[0], ctx=ctx, limit=30):
        if plays(fixture, names[1]):
            board = odds_services().get_odds(fixture_id=fixture.id)
            probs = _win_probabilities(board)
            head_to_head = {"fixture": fixture_dict(fixture, language),
                            "odds": market_dict(board.markets["1x2"]) if "1x2" in board.markets else None,
                            "win_probabilities": probs}
            break
    return {"team_a": sides[0], "team_b": sides[1], "head_to_head": head_to_head}


def _plays_side(fixture: Fixture, team: str) -> str | None:
    key = team.casefold()
    for side, competitor in (("home", fixture.home), ("away", fixture.away)):
        if key in {n.casefold() for n in (competitor.name, *competitor.names.values())}:
            return side
    return None


def implied_probability_tool(*, ctx, odds: list | None = None, fixture_id: str | None = None,
                             market: str | None = None) -> dict:
    if odds:
        values = [float(to_decimal(o, name="odds")) for o in odds]
        if any(v < 1.01 for v in values):
            raise ToolError(pgettext_lazy("tool error", "odds: decimal odds must be at least 1.01."),
                            code="invalid_argument")
        implied = [100.0 / v for v in values]
        total = sum(implied)
        result = {
            "odds": [round(v, 2) for v in values],
            "implied_probability": [round(p, 1) for p in implied],
        }
        if len(values) > 1:
            result["margin_percent"] = round(total - 100.0, 1)
            result["fair_odds"] = [round(total / p, 2) for p in implied]
        return result
    if not fixture_id:
        raise ToolError(pgettext_lazy("tool error", "odds or fixture_id: give decimal odds or a fixture."),
                        code="invalid_argument")
    board = odds_services().get_odds(fixture_id=str(fixture_id), market=market or "1x2")
    if not board.markets:
        raise NotFound(format_lazy(pgettext_lazy("tool error", "market: no {market} odds for fixture {fixture}."),
                                   market=market or "1x2", fixture=fixture_id))
    key, mk = next(iter(board.markets.items()))
    return {"fixture_id": str(fixture_id), "market": key, **market_dict(mk)}


def simulate_bet_tool(*, ctx, stake, odds: float | None = None, fixture_id: str | None = None,
                      market: str = "1x2", selection: str | None = None, line: float | None = None,
                      legs: list | None = None) -> dict:
    """What a stake would return at real prices. `line`: the line the user named (over/under, handicap), per leg in
    `legs`; another line on offer is refused (`check_line`, as for a real bet), never simulated in its place."""
    amount = to_decimal(stake, name="stake")
    language = lang_of(ctx)
    if legs:
        resolved, shown = [], []
        for leg in legs[:10]:
            fixture = find_fixture(ctx=ctx, fixture_id=leg.get("fixture_id"), team=leg.get("team"))
            board = odds_services().get_odds(fixture_id=fixture.id)
            leg_market = leg.get("market") or "1x2"
            price = price_for(board, leg_market, leg.get("selection") or "home")
            slips.check_line(fixture=fixture, price=price, market=leg_market, selection=leg.get("selection") or "home",
                             line=leg.get("line"), language=language)
            resolved.append((fixture, price))
            shown.append({"fixture": fixture_dict(fixture, language), "market": leg_market,
                          "selection": leg.get("selection") or "home", "odds": round(price.odds, 2),
                          "label": selection_label(leg.get("selection") or "home", fixture, line=price.line,
                                                   language=language, market=leg_market)})
        combo = calculate_combo(legs=resolved, amount=amount)
        combo_odds = Decimal(str(combo["odds"]))
        returns = money(amount * combo_odds)
        return {"type": "accumulator", "stake": float(money(amount)), "legs": shown,
                "odds": round(float(combo_odds), 2), "returns": float(returns),
                "profit": float(money(returns - amount)),
                "implied_probability": round(100 / float(combo_odds), 1)}
    fixture = None
    said, line = line, None  # the line the user named; `line` becomes the one priced
    if odds is None:
        if not (fixture_id or ctx_fixture(ctx)) or not selection:
            raise ToolError(pgettext_lazy("tool error", "odds or fixture_id+selection: say which price to use."),
                            code="invalid_argument")
        fixture = find_fixture(ctx=ctx, fixture_id=fixture_id or ctx_fixture(ctx))
        price = price_for(odds_services().get_odds(fixture_id=fixture.id), market, selection)
        slips.check_line(fixture=fixture, price=price, market=market, selection=selection, line=said,
                         language=language)
        odds_value = Decimal(str(price.odds))
        line = price.line
    else:
        odds_value = to_decimal(odds, name="odds")
    returns = money(amount * odds_value)
    result = {"type": "single", "stake": float(money(amount)), "odds": round(float(odds_value), 2),
              "returns": float(returns), "profit": float(money(returns - amount)),
              "implied_probability": round(100 / float(odds_value), 1)}
    if fixture is not None:
        result.update({"fixture": fixture_dict(fixture, language), "market": market, "selection": selection,
                       "label": selection_label(selection, fixture, line=line, language=language, market=market)})
    return result


def ctx_fixture(ctx) -> str | None:
    memory = getattr(ctx, "memory", None)
    return memory.context.get("fixture_id") if memory is not None else None


def recommend_bets_tool(*, ctx, stake=None, risk_level: str = "medium", team: str | None = None,
                        opponent: str | None = None, tournament: str | None = None, date_from: str | None = None,
                        date_to: str | None = None, sport_id: str | None = None, limit: int = 3) -> dict:
    """Picks from real prices: short favourites for low risk, longer odds for high risk; only the sport asked, and
    only the match asked when `opponent` names it (never the team's other matches)."""
    risk = risk_level if risk_level in RISK_LEVELS else "medium"
    amount = to_decimal(stake, name="stake") if stake not in (None, "") else Decimal("10")
    tz = tz_of(ctx)
    language = lang_of(ctx)
    start = parse_when(date_from, tz=tz) or now_of(ctx)
    end = parse_when(date_to, tz=tz, end=True) or start + timedelta(days=7)
    fixtures = fixture_services().find_fixtures(
        team=resolve_team(team) if team else None, tournament=tournament, date_from=start, date_to=end,
        live=False, sport_id=str(sport_id) if sport_id not in (None, "") else None, limit=15,
    )
    if team and opponent:
        opponent_name = resolve_team(opponent)
        fixtures = [fixture for fixture in fixtures if plays(fixture, opponent_name)]
    bands = {"low": (1.15, 1.75), "medium": (1.75, 2.6), "high": (2.6, 8.0)}
    low, high = bands[risk]
    candidates = []
    for fixture in fixtures:
        try:
            board = odds_services().get_odds(fixture_id=fixture.id)
        except ChatBetError:
            continue
        if board.is_suspended:
            continue
        for market_key in ("1x2", "over_under", "btts"):
            mk = board.markets.get(market_key)
            if mk is None:
                continue
            margin = mk.overround
            for selection, price in mk.selections.items():
                if not (low <= price.odds < high):
                    continue
                implied = 1.0 / price.odds
                fair = implied / (1.0 + margin) if margin > 0 else implied
                candidates.append((fixture, market_key, selection, price, implied, fair, margin))
    if risk == "low":
        candidates.sort(key=lambda c: (-c[5], c[6]))  # most likely first, then the fairest book
    elif risk == "high":
        candidates.sort(key=lambda c: (c[6], -c[3].odds))  # lowest margin (best value), then longer odds
    else:
        candidates.sort(key=lambda c: (c[6], abs(c[3].odds - 2.1)))
    picks, used = [], set()
    for fixture, market_key, selection, price, implied, fair, margin in candidates:
        seen = (fixture.id, market_key) if team and opponent else fixture.id  # one match: one pick per market
        if seen in used:
            continue
        used.add(seen)
        returns = money(amount * Decimal(str(price.odds)))
        picks.append({
            "fixture": fixture_dict(fixture, language), "market": market_key, "selection": selection,
            "label": selection_label(selection, fixture, line=price.line, language=language, market=market_key),
            "odds": round(price.odds, 2), "implied_probability": round(100 * implied, 1),
            "fair_probability": round(100 * fair, 1), "margin_percent": round(100 * margin, 1),
            "stake": float(money(amount)), "returns": float(returns), "profit": float(money(returns - amount)),
        })
        if len(picks) >= max(1, min(int(limit or 3), 5)):
            break
    return {"risk_level": risk, "stake": float(money(amount)), "picks": picks,
            "window": {"date_from": iso_utc(start), "date_to": iso_utc(end)}}


def get_balance_tool(*, ctx) -> dict:
    link_for(ctx)

    balance = get_balance(identity=identity_of(ctx))
    return {"currency": balance.currency, "money": float(balance.money), "playable": float(balance.playable),
            "withdrawable": float(balance.withdrawable), "bonus": float(balance.bonus)}


def list_tournaments_tool(*, ctx, sport_id: str | None = None, country: str | None = None,
                          date_from: str | None = None, date_to: str | None = None) -> dict:
    """The active tournaments; with a window ("which leagues play on sunday?"), only those with a match in it."""
    items = list_tournaments(sport_id=sport_id or None, country=country or None, active=True)
    if date_from or date_to:
        tz = tz_of(ctx)
        start, end = parse_when(date_from, tz=tz), parse_when(date_to, tz=tz, end=True)
        playing = {str(f.tournament_id) for f in fixture_services().find_fixtures(
            date_from=start, date_to=end, sport_id=str(sport_id) if sport_id else None)}
        items = [item for item in items if str(item.id) in playing]
    language = lang_of(ctx)
    return {"tournaments": [{"id": t.id, "name": t.name_in(language), "country": t.country, "sport_id": t.sport_id}
                            for t in items[:40]], "count": len(items)}


# An explicit "place it" in the user's own words (matched on the NLU's folded text: no accents, lower case).
# Casual agreement alone ("ok", "sure", "yes", "sí, dale", "sim") is not enough to spend real money.
_EXPLICIT_CONFIRM = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|ok|okay|si|sim|claro|fechou|fechado|bora|beleza)\W+)?"
    r"(?:(?:i )?confirm(?:ed)?(?: (?:it|that|the bet|this bet|my bet))?"
    r"|(?:please )?place (?:it|the bet|that bet|this bet|my bet)(?: now)?"
    r"|confirm(?:o|ado|ar)(?: (?:la apuesta|a aposta))?"
    r"|(?:apuesta|apuestalo|apuestala|haz la apuesta|coloca la apuesta)"
    r"|(?:pode apostar|pode fazer a aposta|aposta|confirma a aposta|pode confirmar(?: a aposta)?|confirma ai))"
    r"(?:\W+(?:please|por favor|pls|porfa))?[^\w?]*$"
)


def is_explicit_confirmation(text: str) -> bool:
    """An explicit confirmation phrase ("yes, place it", "confirm", "confirmo", "sí, apuesta") that the
    NLU also reads as a yes (`entities.confirmation is True`): never a bare "ok"/"sure", never a
    sentence that changes or negates the bet, never a question ("confirm?", "¿apuesta?")."""
    if not text or len(text) > 60 or "?" in text or "¿" in text:
        return False

    folded = fold(text.strip())
    return bool(_EXPLICIT_CONFIRM.match(folded)) and find_confirmation(folded, tokenize(folded)) is True


def _bet_signature(bet: dict) -> tuple:
    legs = bet.get("legs") or []
    if len(legs) > 1:  # an accumulator: every leg, in order, and the stake
        return (tuple((str(leg.get("fixture_id")), leg.get("market"), leg.get("selection")) for leg in legs),
                str(money(bet.get("stake", 0))))
    return (str(bet.get("fixture_id")), bet.get("market"), bet.get("selection"), str(money(bet.get("stake", 0))))


def slip_dict(slip, fixtures: dict[str, Fixture], *, language: str) -> dict:
    """A slip as the chat shows it and remembers it (`pending_bet`): exactly what will be charged. `legs` lists
    its selections (one for a single); for an accumulator `odds` are the combined odds."""
    legs = [{"fixture_id": leg.fixture_id, "fixture": fixture_dict(fixtures[leg.fixture_id], language),
             "market": leg.market, "selection": leg.selection, "line": leg.line or None,
             "label": label_in(leg, language=language),
             "odds": round(float(leg.odds), 2)} for leg in slip.legs.all()]
    return {
        "slip_id": str(slip.pk), "token": slip.idempotency_key, "state": slip.state,
        "fixture_id": slip.fixture_id, "fixture": legs[0]["fixture"], "market": slip.market,
        "selection": slip.selection, "line": slip.line or None, "label": label_in(slip, language=language),
        "bet_id": slip.bet_id,
        "odds": round(float(slip.odds), 2), "stake": str(slip.stake), "currency": slip.currency,
        "possible_win": float(slip.possible_win), "created_at": iso_utc(slip.created_at),
        "expires_at": iso_utc(slip.expires_at), "legs": legs,
    }


def place_bet_tool(*, ctx, stake, fixture_id: str | None = None, market: str = "1x2", selection: str | None = None,
                   team: str | None = None, line: float | None = None, legs: list | None = None,
                   tournament: str | None = None) -> dict:
    """Propose a slip (a single, or an accumulator of `legs`, one per match) and ask for confirmation; the next
    turn's explicit yes confirms that one slip (`betting.services.slips.confirm_slip` re-checks everything under
    lock and places it at most once). `line`: the line the user named (over/under, handicap), per leg
    in `legs`; a different line on offer is refused, never substituted."""
    link = link_for(ctx)
    now, tz, language = now_of(ctx), tz_of(ctx), lang_of(ctx)
    amount = to_decimal(stake, name="stake")
    if amount.as_tuple().exponent < -2:  # never round a real-money stake behind the user's back
        raise ToolError(format_lazy(pgettext_lazy("tool error", "stake: at most 2 decimals, not {amount}."),
                                    amount=amount), code="invalid_argument")
    amount = money(amount)
    offers = leg_offers(ctx, fixture_id=fixture_id or (None if team else ctx_fixture(ctx)), market=market,
                        selection=selection, team=team, line=line, legs=legs, language=language,
                        tournament=tournament)
    fixtures = {offer.fixture.id: offer.fixture for offer in offers}
    memory = getattr(ctx, "memory", None)
    pending = memory.context.get("pending_bet") if memory is not None else None
    message = str(getattr(ctx, "message", "") or "")
    asked = {"legs": [{"fixture_id": o.fixture.id, "market": o.market, "selection": o.selection} for o in offers],
             "stake": str(amount)}
    if len(offers) == 1:
        asked.update(asked["legs"][0])
    if (pending and pending.get("slip_id") and pending.get("token")  # a pending bet without its slip is shown again
            and _bet_signature(pending) == _bet_signature(asked) and is_explicit_confirmation(message)):
        confirmation = {"message": message[:500], "explicit": True, "pending_bet": pending}
        try:
            placed = slips.confirm_slip(user_id=link.user_id, slip_id=pending["slip_id"], link=link,
                                        token=pending["token"], confirmation=confirmation, language=language,
                                        now=now, tz=tz)
        except PriceMoved as moved:
            if moved.new_slip is None:
                show_slip(ctx, get_slip(user_id=link.user_id, slip_id=pending["slip_id"]))
                raise
            bet = slip_dict(moved.new_slip, fixtures, language=language)
            ctx.metadata["pending_bet"] = bet
            show_slip(ctx, moved.new_slip)
            return {"status": "confirmation_required", "price_moved": {"old": moved.params["old"],
                                                                      "new": moved.params["new"]},
                    "message": str(moved), "bet": bet}
        except BettingRefusal:
            show_slip(ctx, get_slip(user_id=link.user_id, slip_id=pending["slip_id"]))  # where it stands now
            raise
        ctx.metadata["pending_bet"] = None
        show_slip(ctx, placed.slip)
        return {"status": "placed", "bet": {**slip_dict(placed.slip, fixtures, language=language),
                                            "possible_win": float(placed.possible_win)},
                "upstream_bet_id": placed.upstream_bet_id, "recorded": placed.recorded}
    shown = pending if pending and _bet_signature(pending) == _bet_signature(asked) else None  # shown again
    stated = stated_of(ctx, shown=shown, combo=len(offers) > 1)  # what the user's words said (betting's rule)
    clubs = club_choices(ctx, stated) if len(offers) > 1 and "bet_stated" not in ctx.metadata else None
    if clubs:  # "combo: 10 on Madrid to win and ...": which club, never the model's pick
        return ask_which_club(ctx, clubs, stated)
    try:
        slip = slips.propose_combo_slip(
            link=link, legs=offers, stake=amount, language=language, conversation_id=getattr(ctx, "session_id", None),
            proposed_by=getattr(ctx, "engine", "") or "offline", now=now, tz=tz,
            request={**asked, "message": message[:500]}, stated=stated)
    except FixtureAmbiguous as refusal:  # "the second one" next turn continues this bet on the one picked
        ambiguous_frame(ctx, refusal, stated, language=language)
        raise
    except BettingRefusal as refusal:
        if refusal.code not in TERMS_MISSING:
            raise
        return ask_for_terms(ctx, refusal, stated)  # the answer ("20 dollars", "to win") continues this bet
    bet = slip_dict(slip, fixtures, language=language)
    ctx.metadata["pending_bet"] = bet  # the turn stores it for the next turn only
    show_slip(ctx, slip)
    return {"status": "confirmation_required", "bet": bet}


def show_slip(ctx, slip) -> None:
    """Hand the slip this turn proposed or moved to the client (`bet_slip` of the answer: the web chat's slip
    card, with Confirm / Cancel while it is proposed). The idempotency key is not in it."""
    if slip is not None:
        ctx.metadata["bet_slip"] = slip_payload(slip)


def list_my_bets(*, ctx, limit: int = 10) -> dict:
    """The caller's bets that reached the bookmaker (placed or being reconciled), newest first. Not a model
    tool (the contract's tool list is fixed): the offline engine answers "my bets" with it."""
    link = link_for(ctx)
    rows = list_bets(user_id=link.user_id, limit=max(1, min(int(limit or 10), 50)))
    language = lang_of(ctx)  # the asker's language, whatever the slip was proposed in
    return {"bets": [{"slip_id": str(s.pk), "state": s.state, "fixture": s.fixture_label or s.fixture_id,
                      "label": label_in(s, language=language),
                      "market": s.market, "selection": s.selection, "odds": float(s.odds), "stake": str(s.stake),
                      "currency": s.currency, "possible_win": float(s.possible_win),
                      "placed_at": iso_utc(s.decided_at or s.created_at), "reference": s.upstream_bet_id}
                     for s in rows], "count": len(rows)}


def cancel_waiting_slips(*, ctx, pending: dict | None = None, reason: str = "cancelled") -> bool:
    """The user's no, or a responsible-gambling turn (`reason` "safety"): every slip still waiting in this
    conversation stops waiting (`slips.withdraw_waiting`: a "cancel" only ever stops money); the card shows the one
    the chat remembered (`pending`), else the newest. Returns whether any was waiting."""
    identity = identity_of(ctx)
    ctx.metadata["pending_bet"] = None
    if identity is None or not identity.is_authenticated:
        return False
    stopped = slips.withdraw_waiting(user_id=identity.user_id, conversation_id=getattr(ctx, "session_id", None),
                                     reason=reason, now=now_of(ctx))
    remembered = (pending or {}).get("slip_id")
    show_slip(ctx, next((slip for slip in stopped if str(slip.pk) == remembered), stopped[0] if stopped else None))
    return bool(stopped)
