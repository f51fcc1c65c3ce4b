"""Real bets: claim the confirmed bet, check the daily limit, place it upstream, record the outcome.

Why a claim first: the confirmed bet lives in the conversation memory until the answer is saved, so two
confirmations close together ("yes" over REST and over the socket, or "yes" then "confirm") both see it.
The first to insert its `BetPlacement(status=PENDING, claim_key=...)` row wins (unique per user); the
other is refused before it can reach the upstream. The daily-limit check runs in the same transaction,
with the user's profile row locked (PostgreSQL; SQLite serialises writers), so two different bets cannot
both slip under the limit either.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import IntegrityError, transaction

from accounts.models import Profile
from chat.models import BetPlacement
from chat.selectors import conversation_exists, staked_since
from chatbet_project.errors import ChatBetError, Conflict
from sports.services.betting import place_bet

if TYPE_CHECKING:
    from accounts.selectors import BettingLink
    from sports.domain import Fixture, Price

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")


class BetAlreadyClaimed(Conflict):
    """That bet was already confirmed from another message; it is placed only once."""

    code = "already_confirmed"


class DailyLimitExceeded(ChatBetError):
    code, status = "daily_limit", 409


class SelfExcluded(ChatBetError):
    """Your account is self-excluded from betting; I can't place bets for you."""

    code, status = "self_excluded", 403


class BetOutcomeUnknown(ChatBetError):
    """The upstream neither accepted nor refused the bet (timeout, unreadable reply): it may be placed."""

    code, status = "bet_outcome_unknown", 502

    def __init__(self, message: str = "") -> None:
        super().__init__(message or (
            "The betting service did not give a clear answer (it timed out or its reply was unreadable), so I "
            "can't tell whether your bet was placed. It may have been: check your bets in your ChatBet account "
            "before placing it again. Until then it counts against your daily limit."))


@dataclass(frozen=True)
class PlacedBet:
    """A bet the upstream accepted. `recorded` is False when we could not write that down afterwards:
    the bet still stands (the row stays PENDING and keeps counting against the daily limit)."""

    placement_id: int
    upstream_bet_id: str
    possible_win: Decimal
    recorded: bool


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


def limit_error(*, limit: Decimal, currency: str, staked: Decimal) -> DailyLimitExceeded:
    return DailyLimitExceeded(f"That would exceed your daily stake limit of {limit} {currency} "
                              f"(already staked today: {staked}).")


def check_daily_limit(*, link: BettingLink, amount: Decimal, now: datetime, tz: str) -> None:
    """Advisory check when a bet is only shown (nothing locked); `place_confirmed_bet` re-checks under lock."""
    if link.daily_stake_limit is None:
        return
    staked = staked_since(user_id=link.user_id, since=day_start(now=now, tz=tz))
    if staked + amount > link.daily_stake_limit:
        raise limit_error(limit=link.daily_stake_limit, currency=link.currency, staked=staked)


def _claim(*, link: BettingLink, claim_key: str, conversation_id, fixture: Fixture, price: Price, market: str,
           selection: str, amount: Decimal, now: datetime, tz: str) -> BetPlacement:
    """Insert the PENDING claim, then (profile row locked) re-check self-exclusion and the daily limit.

    The INSERT comes first so that on SQLite the transaction is a writer from its first statement
    (a deferred reader upgrading later would fail at once instead of waiting its turn); on PostgreSQL
    a second claim of the same bet waits on the unique index and then fails, and a different bet of
    the same user waits on the profile lock and then sees the first one's stake."""
    try:
        with transaction.atomic():
            placement = BetPlacement.objects.create(
                user_id=link.user_id, conversation_id=conversation_id, fixture_id=fixture.id,
                fixture_label=fixture.title, market=market, selection=selection, bet_id=price.bet_id,
                odds=Decimal(str(price.odds)), stake=amount, currency=link.currency,
                possible_win=money(amount * Decimal(str(price.odds))), status=BetPlacement.Status.PENDING,
                claim_key=claim_key,
            )
            profile = (Profile.objects.select_for_update().filter(user_id=link.user_id)
                       .values("daily_stake_limit", "self_excluded_until").first()) or {}
            excluded_until = profile.get("self_excluded_until")
            if excluded_until is not None and excluded_until > now:
                raise SelfExcluded()
            limit = profile.get("daily_stake_limit")
            if limit is not None:
                staked = staked_since(user_id=link.user_id, since=day_start(now=now, tz=tz),
                                      excluding=placement.pk)
                if staked + amount > limit:
                    raise limit_error(limit=limit, currency=link.currency, staked=staked)
            return placement
    except IntegrityError:  # another confirmation of this same bet claimed it first
        raise BetAlreadyClaimed() from None


def place_confirmed_bet(*, link: BettingLink, claim_key: str, session_id, fixture: Fixture, price: Price,
                        market: str, selection: str, amount: Decimal, now: datetime, tz: str) -> PlacedBet:
    """Place a bet the user explicitly confirmed, at most once per `claim_key`.

    Raises BetAlreadyClaimed, DailyLimitExceeded, SelfExcluded before anything reaches the upstream. A clear
    refusal from the upstream (a `ChatBetError` with a 4xx status: odds changed, balance, rejected) marks the
    claim FAILED and is re-raised. Anything else (a read timeout, an unreadable reply, a 5xx) may mean the bet
    WAS placed: the claim stays PENDING, so it keeps counting against the daily limit and cannot be confirmed
    again, and `BetOutcomeUnknown` is raised. Once the upstream accepted the bet this never raises: a failure
    to record it is logged and reported as `recorded=False`."""
    conversation_id = session_id if conversation_exists(session_id=session_id) else None
    placement = _claim(link=link, claim_key=claim_key, conversation_id=conversation_id, fixture=fixture,
                       price=price, market=market, selection=selection, amount=amount, now=now, tz=tz)
    try:
        receipt = place_bet(user_key=link.user_key, upstream_user_id=link.upstream_user_id, fixture=fixture,
                            price=price, amount=amount)
    except ChatBetError as exc:
        if not 400 <= exc.status < 500:
            logger.error("bet claim %s: upstream outcome unknown (%s); left pending", placement.pk, exc.code)
            raise BetOutcomeUnknown() from exc
        try:
            with transaction.atomic():
                BetPlacement.objects.filter(pk=placement.pk).update(status=BetPlacement.Status.FAILED)
        except Exception:
            logger.warning("could not mark bet claim %s failed", placement.pk, exc_info=True)
        raise
    except Exception as exc:
        logger.exception("bet claim %s: upstream outcome unknown; left pending", placement.pk)
        raise BetOutcomeUnknown() from exc
    upstream_bet_id = str(receipt.get("bet_id") or receipt.get("betId") or "")
    possible_win = money(receipt.get("possible_win") or receipt.get("possibleWin") or placement.possible_win)
    try:
        with transaction.atomic():  # a failure here must not break a caller's transaction (the audit write)
            recorded = BetPlacement.objects.filter(pk=placement.pk).update(
                status=BetPlacement.Status.PLACED, upstream_bet_id=upstream_bet_id[:100], possible_win=possible_win,
            ) == 1
    except Exception:
        logger.exception("could not record bet claim %s as placed", placement.pk)
        recorded = False
    if not recorded:
        logger.error("bet %s was placed upstream but is not recorded (claim %s)", upstream_bet_id, placement.pk)
    return PlacedBet(placement_id=placement.pk, upstream_bet_id=upstream_bet_id, possible_win=possible_win,
                     recorded=recorded)
