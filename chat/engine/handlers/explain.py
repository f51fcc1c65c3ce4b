"""How betting works: markets, odds, implied probability."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

from ..answer import _EXPLAIN_TOPICS, _ODDS_GIVEN, EXPLAIN, suggestions, t
from ..formatting import fmt_money, fmt_odds
from ..nlu.product_questions import asks_stake_limits
from ..nlu.text import fold
from ..tool_support import MAX_STAKE, MIN_STAKE
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
    if asks_stake_limits(fold(message)):
        return stake_limits(turn), suggestions("explain", language)
    topic = next(name for name, pattern in _EXPLAIN_TOPICS if pattern.search(message))
    explanation = EXPLAIN[topic].get(language) or EXPLAIN[topic]["en"]
    return explanation, suggestions("explain", language)


def stake_limits(turn: Turn) -> str:
    """The limits a stake meets, with the numbers the code enforces (the tools' and the betting service's maximum,
    the daily limit's cooling-off), and the user's own daily limit when a linked account has one."""
    text = t("stake_limits", turn.language, min=fmt_money(MIN_STAKE), max=fmt_money(MAX_STAKE),
             hours=settings.DAILY_LIMIT_RAISE_COOLING_OFF_HOURS)
    link = turn.link()
    if link is not None and link.daily_stake_limit is not None:
        text += " " + t("stake_limit_yours", turn.language, limit=fmt_money(link.daily_stake_limit),
                        currency=link.currency)
    return text
