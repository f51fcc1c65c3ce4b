"""Bet simulation and placement. Placing is for confirmed requests of authenticated users only;
the callers (chat tools, accounts) check that, these functions check the arithmetic and inputs."""

from __future__ import annotations

import hashlib
import logging
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from chatbet_project.errors import ChatBetError, UpstreamUnavailable
from sports import cache as sports_cache
from sports.domain import Balance, Fixture, Price
from sports.providers import get_provider

logger = logging.getLogger(__name__)
CENT = Decimal("0.01")
MAX_STAKE = Decimal("100000")


def _amount(amount: Decimal | float | str) -> Decimal:
    try:
        value = Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise ChatBetError(format_lazy(pgettext_lazy("sports error", "amount: {amount!r} is not a number."),
                                       amount=amount), code="invalid_amount")
    if value <= 0:
        raise ChatBetError(pgettext_lazy("sports error", "amount: must be greater than zero."), code="invalid_amount")
    if value > MAX_STAKE:
        raise ChatBetError(format_lazy(pgettext_lazy("sports error", "amount: must be at most {max}."), max=MAX_STAKE),
                           code="invalid_amount")
    return value


def _local_combo(legs: list[tuple[Fixture, Price]], amount: Decimal) -> tuple[Decimal, Decimal]:
    odds = Decimal(1)
    for _fixture, price in legs:
        odds *= Decimal(str(price.odds))
    odds = odds.quantize(CENT, rounding=ROUND_HALF_UP)
    return odds, (amount * odds - amount).quantize(CENT, rounding=ROUND_HALF_UP)


def calculate_combo(*, legs: list[tuple[Fixture, Price]], amount: Decimal) -> dict:
    """Combined odds and profit of an accumulator: `{"odds", "profit", "status", "possible_win",
    "implied_probability"}`. Upstream figures when it answers, the same arithmetic locally
    (status "estimated") when it does not."""
    amount = _amount(amount)
    if len(legs) < 2:
        raise ChatBetError(pgettext_lazy("sports error", "legs: a combo needs at least two selections."),
                           code="invalid_combo")
    fixture_ids = [fixture.id for fixture, _ in legs]
    if len(set(fixture_ids)) != len(fixture_ids):
        raise ChatBetError(pgettext_lazy("sports error",
                                         "legs: two selections from the same fixture cannot be combined."),
                           code="invalid_combo")
    try:
        result = get_provider().combo_calculation(legs=legs, amount=amount)
    except UpstreamUnavailable:
        logger.warning("combo calculation upstream unavailable; computing locally")
        odds, profit = _local_combo(legs, amount)
        result = {"odds": odds, "profit": profit, "status": "estimated"}
    odds = Decimal(str(result["odds"]))
    return {"odds": odds, "profit": Decimal(str(result["profit"])), "status": result["status"],
            "possible_win": (amount * odds).quantize(CENT, rounding=ROUND_HALF_UP),
            "implied_probability": round(1 / float(odds), 4) if odds > 0 else 0.0}


def validate_user(*, user_key: str) -> str:
    """The upstream user id for a ChatBet user key; `ChatBetError(invalid_user_key)` if not valid."""
    if not user_key or not user_key.strip():
        raise ChatBetError(pgettext_lazy("sports error", "userKey: is required."), code="invalid_user_key")
    user_id = get_provider().validate_user(user_key=user_key.strip())
    if not user_id:
        raise ChatBetError(pgettext_lazy("sports error", "userKey: is not a valid ChatBet user key."),
                           code="invalid_user_key")
    return user_id


def _balance_key(upstream_user_id: str, user_key: str) -> str:
    # The key pairs the id with a digest of the user key, so a wrong key never reads a cached balance.
    digest = hashlib.sha256(f"{upstream_user_id}:{user_key}".encode()).hexdigest()[:16]
    return sports_cache.balance_key(f"{upstream_user_id}:{digest}")


def get_balance(*, upstream_user_id: str, user_key: str) -> Balance:
    entry = sports_cache.read_through(
        _balance_key(upstream_user_id, user_key), kind="balance",
        fetch=lambda: get_provider().balance(upstream_user_id=upstream_user_id, user_key=user_key))
    return entry.value


def place_bet(*, user_key: str, upstream_user_id: str, fixture: Fixture, price: Price, amount: Decimal,
              idempotency_key: str | None = None) -> dict:
    """Place a real single bet upstream → `{"bet_id", "message", "possible_win", "amount", "odds"}`.

    Errors: `ChatBetError` codes invalid_amount, odds_changed (409), insufficient_balance,
    invalid_user (403), bet_rejected; `UpstreamUnavailable` (never retried on a read timeout,
    so a bet is never placed twice).
    """
    amount = _amount(amount)
    result = get_provider().place_bet(user_key=user_key, upstream_user_id=upstream_user_id, fixture=fixture,
                                      price=price, amount=amount, idempotency_key=idempotency_key)
    sports_cache.invalidate(_balance_key(upstream_user_id, user_key))
    logger.info("bet placed", extra={"fixture_id": fixture.id, "bet_id": result.get("bet_id")})
    return result


def place_combo_bet(*, user_key: str, upstream_user_id: str, legs: list[tuple[Fixture, Price]], amount: Decimal,
                    odds: Decimal, idempotency_key: str | None = None) -> dict:
    """Place a real accumulator upstream as one bet (`POST /place-combo-bet`) at the combined `odds` →
    `{"bet_id", "message", "possible_win", "amount", "odds"}`. Same errors and the same never-resend rule as
    `place_bet`; two legs on one fixture are refused before the call (`invalid_combo`)."""
    amount = _amount(amount)
    fixture_ids = [fixture.id for fixture, _ in legs]
    if len(legs) < 2 or len(set(fixture_ids)) != len(fixture_ids):
        raise ChatBetError("legs: a combo needs two or more selections from different fixtures.",
                           code="invalid_combo")
    result = get_provider().place_combo_bet(user_key=user_key, upstream_user_id=upstream_user_id, legs=legs,
                                            amount=amount, odds=Decimal(str(odds)), idempotency_key=idempotency_key)
    sports_cache.invalidate(_balance_key(upstream_user_id, user_key))
    logger.info("combo bet placed", extra={"fixtures": fixture_ids, "bet_id": result.get("bet_id")})
    return result


def find_bet(*, user_key: str, upstream_user_id: str, idempotency_key: str) -> dict | None:
    """The upstream's bet placed under `idempotency_key` (`{"bet_id", "possible_win"}`), None when it has
    none; raises `ChatBetError` when it cannot say (the caller tries again later, never re-places)."""
    return get_provider().find_bet(user_key=user_key, upstream_user_id=upstream_user_id,
                                   idempotency_key=idempotency_key)
