"""Money arithmetic and the account checks every real bet passes: self-exclusion, daily limit, balance."""

from __future__ import annotations

import logging
from datetime import datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from betting.errors import BettingRefusal
from betting.selectors import staked_since
from chatbet_project.errors import ChatBetError
from sports.services.betting import get_balance

if TYPE_CHECKING:
    from accounts.selectors import BettingLink
    from sports.domain import Balance

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")


def money(value) -> Decimal:
    """An amount rounded to the cent, half up (stakes, possible wins)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def day_start(*, now: datetime, tz: str) -> datetime:
    """The start of the user's current day in their time zone (the daily limit's window).

    The limit is a calendar day as the user lives it — midnight where they are, not UTC midnight
    (which would reset it mid-afternoon in Bogotá). An unknown zone falls back to UTC."""
    try:
        zone = ZoneInfo(tz or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    local = now.astimezone(zone)
    return datetime.combine(local.date(), time.min, tzinfo=zone)


def check_self_exclusion(*, excluded_until: datetime | None, now: datetime, language: str) -> None:
    if excluded_until is not None and excluded_until > now:
        raise BettingRefusal("self_excluded", language)


def check_adult(*, stated_minor_at: datetime | None, language: str) -> None:
    """A user who told the assistant they are under 18 gets no real bet (chat/services/safety.py records it)."""
    if stated_minor_at is not None:
        raise BettingRefusal("minor", language)


def check_daily_limit(*, user_id: int, limit: Decimal | None, currency: str, amount: Decimal, now: datetime,
                      tz: str, language: str = "en") -> None:
    """Refuse a stake that would take today's total (placed + in flight) over the user's own limit."""
    if limit is None:
        return
    staked = staked_since(user_id=user_id, since=day_start(now=now, tz=tz))
    if staked + amount > limit:
        raise BettingRefusal("daily_limit", language, limit=limit, currency=currency, staked=staked)


def read_balance(*, link: BettingLink) -> Balance | None:
    """The account's balance (playable amount and currency) from the upstream; None when it cannot be read now."""
    try:
        return get_balance(upstream_user_id=link.upstream_user_id, user_key=link.user_key)
    except ChatBetError:
        logger.warning("balance unavailable for user %s", link.user_id)
        return None


def playable_balance(*, link: BettingLink) -> Decimal | None:
    """The account's playable balance from the upstream; None when it cannot be read right now."""
    balance = read_balance(link=link)
    return None if balance is None else Decimal(str(balance.playable))


def check_currency(*, account_currency: str | None, currency: str, language: str) -> None:
    """The stake is in the ChatBet account's own currency (the bookmaker charges it in that, whatever a slip
    shows): a slip in another (the profile's currency field says something else) is refused, naming both.
    `account_currency` None: the account could not be read now (the balance rule's exception, below)."""
    if account_currency and account_currency.upper() != currency.upper():
        raise BettingRefusal("currency_mismatch", language, asked=currency.upper(), currency=account_currency.upper())


def check_balance(*, playable: Decimal | None, amount: Decimal, currency: str, language: str) -> None:
    """A stake above the playable balance is never offered nor sent. An unreadable balance is not a
    refusal here: the upstream itself refuses an uncovered bet when it is placed."""
    if playable is not None and amount > playable:
        raise BettingRefusal("insufficient_balance", language, playable=money(playable), stake=money(amount),
                             currency=currency)


def check_account(*, link: BettingLink, amount: Decimal, now: datetime, tz: str, language: str,
                  playable: Decimal | None) -> None:
    """All account checks at proposal time (nothing locked; `confirm_slip` repeats them under lock)."""
    check_adult(stated_minor_at=link.stated_minor_at, language=language)
    check_self_exclusion(excluded_until=link.self_excluded_until, now=now, language=language)
    check_daily_limit(user_id=link.user_id, limit=link.daily_stake_limit, currency=link.currency, amount=amount,
                      now=now, tz=tz, language=language)
    check_balance(playable=playable, amount=amount, currency=link.currency, language=language)
