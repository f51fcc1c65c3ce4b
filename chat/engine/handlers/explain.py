"""How betting works: markets, odds, implied probability."""

from __future__ import annotations

from decimal import Decimal

from ..answer import _EXPLAIN_TOPICS, _ODDS_GIVEN, EXPLAIN, suggestions, t
from ..formatting import fmt_money, fmt_odds
from ..turn import Turn


def explain(turn: Turn) -> tuple[str, list[str]]:
    language = turn.language
    message = turn.ctx.message
    given = _ODDS_GIVEN.search(message)
    if given:
        result = turn.tool("implied_probability_and_margin", odds=[given.group(1).replace(",", ".")])
        if "error" not in result:
            odds = result["odds"][0]
            text = t("odds_given", language, odds=fmt_odds(odds), prob=result["implied_probability"][0],
                     returns=fmt_money(Decimal("10") * Decimal(str(odds))))
            return text, suggestions("explain", language)
    topic = next(name for name, pattern in _EXPLAIN_TOPICS if pattern.search(message))
    explanation = EXPLAIN[topic].get(language) or EXPLAIN[topic]["en"]
    return explanation, suggestions("explain", language)
