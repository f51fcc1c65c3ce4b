"""Which pesos, asked: "si apuesto 20 mil pesos al Junior" names no country, and Colombian, Mexican, Argentine and
Chilean pesos are all pesos. A simulation asks which before it states a return in a currency, never COP on a guess
(a signed-in user whose ChatBet account holds pesos means those: the account's currency). The request is kept in the
frame (`currency_asked`, for one turn) so a reply naming the currency ("colombianos", "pesos mexicanos", "MXN", "en
dólares") continues it in that currency, answering the request's own words; any other reply is a question of its
own.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from .nlu.money import currency_named
from .nlu.text import fold
from .phrases import t
from .turn import Turn, jsonable

ASKED = "currency_asked"
PESOS = ("COP", "MXN", "ARS", "CLP")
_KEPT = ("teams", "tournament", "date_from", "date_to", "amount", "market", "selection", "line", "selection_team",
         "selection_negated", "live", "sport_id")
CHIPS = ("pesos_cop", "pesos_mxn", "pesos_ars", "pesos_clp")


def settle_from_account(turn: Turn) -> bool:
    """Pesos said with no country by a user whose account holds pesos: those (True); False when still unsaid."""
    slots = turn.slots
    if not slots.pesos_unsaid:
        return True
    link = turn.link()
    if link is not None and (link.currency or "").upper() in PESOS:
        slots.currency, slots.pesos_unsaid = link.currency.upper(), False
        return True
    return False


def ask(turn: Turn) -> tuple[str, list[str]]:
    """Which pesos, with the request kept for the reply; nothing simulated or prepared."""
    turn.intent = "clarification"
    turn.context[ASKED] = {"intent": "bet_simulation", "message": turn.ctx.message,
                           **{key: jsonable(getattr(turn.slots, key)) for key in _KEPT}}
    return t("which_pesos", turn.language), [t(chip, turn.language) for chip in CHIPS]


def continue_request(turn: Turn, asked: dict | None) -> bool:
    """The reply to "which pesos?" that names one currency: the request it interrupted, in that currency (True)."""
    if not asked:
        return False
    slots = turn.slots
    currency = currency_named(fold(turn.ctx.message)) if slots.amount is None else None
    if currency is None:
        return False
    for key in _KEPT:
        if key == "teams" and slots.teams:
            continue  # "pesos mexicanos, al América": the club this reply names
        value = asked.get(key)
        setattr(slots, key, Decimal(value) if key == "amount" and value is not None else value)
    slots.teams = list(slots.teams or [])
    slots.currency, slots.pesos_unsaid = currency, False
    turn.intent, turn.settled, turn.confidence = asked["intent"], True, max(turn.confidence, 0.9)
    # the handler reads the request's own words (a what-if, the odds given, an accumulator's legs), not the reply's
    turn.ctx = dataclasses.replace(turn.ctx, message=asked["message"])
    return True
