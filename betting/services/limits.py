"""Money arithmetic and the account checks every real bet passes: self-exclusion, daily limit, balance."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

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


# The daily limit's window: the last 24 hours, whatever the clock says where the user is. A calendar day would need
# the user's time zone, which every message names for itself: somewhere midnight has always just passed, so a limit
# counted "since midnight" in the zone a request chose reset whenever asked (a 10 limit took another 10 half an hour
# later by naming Asia/Tokyo). A rolling window has no boundary to choose.
LIMIT_WINDOW = timedelta(hours=24)


def check_self_exclusion(*, excluded_until: datetime | None, now: datetime, language: str) -> None:
    if excluded_until is not None and excluded_until > now:
        raise BettingRefusal("self_excluded", language)


def check_adult(*, stated_minor_at: datetime | None, language: str) -> None:
    """A user who told the assistant they are under 18 gets no real bet (chat/services/safety.py records it)."""
    if stated_minor_at is not None:
        raise BettingRefusal("minor", language)


def check_daily_limit(*, user_id: int, limit: Decimal | None, currency: str, amount: Decimal, now: datetime,
                      language: str = "en") -> None:
    """Refuse a stake that would take the last 24 hours' total (placed + in flight) over the user's own limit."""
    if limit is None:
        return
    staked = staked_since(user_id=user_id, since=now - LIMIT_WINDOW)
    if staked + amount > limit:
        raise BettingRefusal("daily_limit", language, limit=limit, currency=currency, staked=staked)


def read_balance(*, link: BettingLink) -> Balance | None:
    """The account's balance (playable amount and currency) from the upstream; None when it cannot be read now."""
    try:
        return get_balance(upstream_user_id=link.upstream_user_id, user_key=link.user_key)
    except ChatBetError:
        logger.warning("balance unavailable for user %s", link.user_id)
        return None


def playable(balance: Balance | None) -> Decimal | None:
    """The playable amount of a balance read by `read_balance`; None when it could not be read."""
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


def check_account(*, link: BettingLink, amount: Decimal, now: datetime, language: str,
                  playable: Decimal | None) -> None:
    """All account checks at proposal time (nothing locked; `confirm_slip` repeats them under lock)."""
    check_adult(stated_minor_at=link.stated_minor_at, language=language)
    check_self_exclusion(excluded_until=link.self_excluded_until, now=now, language=language)
    check_daily_limit(user_id=link.user_id, limit=link.daily_stake_limit, currency=link.currency, amount=amount,
                      now=now, language=language)
    check_balance(playable=playable, amount=amount, currency=link.currency, language=language)
