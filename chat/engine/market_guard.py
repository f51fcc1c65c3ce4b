"""A model's odds, simulation or bet call for a message that asks a market the sandbox does not offer (corners, cards,
scorers, an exact score, the first set): a question back, never the match winner in its place.

Why: the offline engine says so and asks which market (handlers/odds.market_not_offered, and the simulation and bet
handlers' `unsupported_market` answers); a model asked "corner odds for Betis" called `get_odds` with no market (or
the 1X2) and answered with the match winner's prices, as if that were what the user asked. Here the user's own words
decide, read by the same NLU as the offline engine: the tool result is the offline engine's question, in the user's
language, with no price in it (so the answer guard also holds back any price the model would add).
"""

from __future__ import annotations

import re

from sports.services.catalogue import sport_key

from . import sport_markets
from .answer import t
from .nlu import extract_entities
from .nlu.text import fold

# Tools whose answer would price a market: asked about instead when the message asks one we do not offer.
PRICING = {"get_odds": "odds_unsupported", "simulate_bet": "market_unsupported", "place_bet": "market_unsupported"}
# For the model, with the question the user is to read.
ASK_MARKET = ("Nothing was looked up: the user asked for a market this service does not offer. Tell the user so and "
              "ask which of the markets on offer they want (the message says it, in their language); never give the "
              "match winner (1X2) or any other market's prices in its place.")


def asked_in_market(message: str, market: str) -> bool:
    """The request is made in `market` itself: said in the request's clause, not in one before it that says why
    ("Villarreal need a win to qualify, odds for Villarreal?" asks the match's odds)."""
    folded = fold(message)
    at = folded.find(fold(market))
    return at < 0 or not re.search(r"[,;.!?]\W*\w", folded[at + len(market):])


def unoffered_market_question(ctx, *, tool: str, arguments: dict | None = None) -> dict | None:
    """The tool result saying the market asked is not offered and asking which one, when the user's message asks odds
    (or a simulation, or a bet) in a market we do not read, or in one the sport of the match called never has ("both
    teams to score" for an NBA game: `sport_markets.py`, the match found from the call's `arguments`, never priced);
    None otherwise. Only a model's calls come here (llm/toolbox.py): the offline engine answered so before calling."""
    kind = PRICING.get(tool)
    message = getattr(ctx, "message", "") or ""
    if kind is None or not message:
        return None
    entities, language, _ = extract_entities(message, now=ctx.now, timezone=getattr(ctx, "timezone", None) or "UTC",
                                      language_hint=getattr(ctx, "language", None))
    market = entities.unsupported_market
    if market and tool == "get_odds" and not asked_in_market(message, market):
        return None
    asked = _sport_question(ctx, entities, message, arguments or {}, language=language, stake=tool != "get_odds")
    if asked is not None:
        return {"error": "market_not_offered", "message": asked, "ask_user": ASK_MARKET}
    if not market:
        return None
    return {"error": "market_not_offered", "message": t(kind, language, market=market),
            "ask_user": ASK_MARKET}


def _sport_question(ctx, entities, message: str, arguments: dict, *, language: str, stake: bool) -> str | None:
    """The offline engine's question when the match the call names is of a sport that never has the market the
    message asks (an accumulator's legs are left to the tool)."""
    foreign = sport_markets.asked_in(message, market=entities.market, selection=entities.selection,
                                     unsupported=entities.unsupported_market)
    if foreign is None or arguments.get("legs"):
        return None
    args = {key: str(arguments[key]) for key in ("fixture_id", "team", "opponent", "tournament", "sport_id")
            if arguments.get(key) not in (None, "")}
    if not (args.get("fixture_id") or args.get("team")):
        args = {"team": entities.teams[0]} if entities.teams else {}
    _, sport_id, match = sport_markets.match_sport(ctx, args=args or None, language=language,
                                                   sport_id=entities.sport_id, tournament=entities.tournament)
    if not sport_id or not match or not sport_markets.missing_in(foreign, sport_key(sport_id)):
        return None
    return sport_markets.question(foreign, sport_id=sport_id, match=match, language=language, stake=stake)[0]
