"""The bet slip's state machine: the only code that creates a slip or moves it between states.

    proposed ──confirm──> confirmed ──checks pass──> placing ──upstream──> placed | refused | outcome_unknown
       │                     └──checks fail──> refused              outcome_unknown ──reconcile──> placed | refused
       └──cancel / expire / superseded / price moved──> cancelled | expired

Each move happens in one transaction that locks the slip row first (`select_for_update`; on SQLite a
write to the row takes the database's write lock before the read) and appends the move's audit entry
in the same transaction. A slip leaves `proposed` once, so however many confirmations arrive, from
however many processes, exactly one of them reaches `placing` and the upstream. The upstream call
itself runs outside any transaction, with the slip's idempotency key; when its reply is lost the slip
stays `outcome_unknown` for `reconcile_slip` (a Celery task) and is never sent again blind.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from accounts.selectors import account_daily_limit, account_restrictions, get_betting_link
from accounts.services import follow_account_currency
from betting.errors import BettingRefusal, PriceMoved
from betting.labels import selection_label
from betting.models import LEGACY_UNKNOWN, BetAuditEntry, BetSlip, BetSlipLeg
from betting.selectors import waiting_slips
from betting.services.fixture_choice import Stated, check_stated, check_terms
from betting.services.legs import (
    LegOffer,
    Quote,
    check_distinct,
    check_line,
    combo_odds,
    current_quote,
    leg_key,
    offer_leg,
    summarize,
)
from betting.services.limits import (
    check_account,
    check_adult,
    check_balance,
    check_currency,
    check_daily_limit,
    check_self_exclusion,
    money,
    playable,
    read_balance,
)
from chatbet_project import metrics
from chatbet_project.db import retry_when_locked
from chatbet_project.errors import ChatBetError
from chatbet_project.i18n import PerLanguage
from sports.services.betting import find_bet, place_bet, place_combo_bet
from sports.services.fixtures import get_fixture

if TYPE_CHECKING:
    from accounts.selectors import BettingLink
    from sports.domain import Balance, Fixture, Price

logger = logging.getLogger(__name__)

PROPOSAL_TTL = timedelta(minutes=10)
State = BetSlip.State

# Who may move a slip where: the user confirms or cancels a proposed slip; the service (system) places it;
# expiry and reconciliation are background jobs.
TRANSITIONS: dict[str, dict[str, str]] = {
    State.PROPOSED: {State.CONFIRMED: "user", State.CANCELLED: "user", State.EXPIRED: "system"},
    State.CONFIRMED: {State.PLACING: "system", State.REFUSED: "system"},
    State.PLACING: {State.PLACED: "system", State.REFUSED: "system", State.OUTCOME_UNKNOWN: "system"},
    State.OUTCOME_UNKNOWN: {State.PLACED: "reconciler", State.REFUSED: "reconciler"},
}
FINAL_STATES = (State.PLACED, State.REFUSED, State.EXPIRED, State.CANCELLED)
UPSTREAM_REASONS = {
    "insufficient_balance": PerLanguage(pgettext_lazy("bookmaker refusal reason", "insufficient balance")),
    "odds_changed": PerLanguage(pgettext_lazy("bookmaker refusal reason", "the odds changed")),
    "invalid_user": PerLanguage(pgettext_lazy("bookmaker refusal reason", "the account was not accepted")),
    "not_found": PerLanguage(pgettext_lazy("bookmaker refusal reason", "the match is no longer open")),
}


class IllegalTransition(Exception):
    """A programming error: a move the state machine does not allow."""


@dataclass(frozen=True)
class PlacedSlip:
    """A slip the upstream accepted. `recorded` is False when writing that down failed afterwards: the bet
    still stands (the slip stays `placing`, counts against the daily limit, and the reconciler settles it)."""

    slip: BetSlip
    upstream_bet_id: str
    possible_win: Decimal
    recorded: bool


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _audit(slip: BetSlip, *, status: str, from_state: str = "", actor: str, confirmation: dict | None = None,
           upstream: dict | None = None, request: dict | None = None) -> BetAuditEntry:
    entry = BetAuditEntry.objects.create(
        kind=BetAuditEntry.Kind.PLACEMENT, status=status, slip_id=slip.pk, from_state=from_state, actor=actor,
        user_id=slip.user_id, identity_key=f"user:{slip.user_id}", session_id=slip.conversation_id,
        fixture_id=slip.fixture_id[:64], fixture_label=slip.fixture_label[:200], market=slip.market[:40],
        selection=slip.selection[:40], stake=slip.stake, odds=slip.odds, currency=slip.currency,
        request=_jsonable(request or {}), confirmation=_jsonable(confirmation or {}),
        upstream=_jsonable(upstream or {}),
    )
    transaction.on_commit(lambda: metrics.BETS.labels(kind=BetAuditEntry.Kind.PLACEMENT, status=status).inc())
    return entry


def record_refusal(*, user_id: int | None, identity_key: str, session_id, error: ChatBetError,
                   request: dict | None = None, bet: dict | None = None) -> None:
    """Append a `rejected` entry for a real bet refused before any slip existed (never raises)."""
    bet = bet or {}
    try:
        retry_when_locked(BetAuditEntry.objects.create)(
            kind=BetAuditEntry.Kind.PLACEMENT, status=BetAuditEntry.Status.REJECTED, user_id=user_id,
            identity_key=identity_key[:80], session_id=session_id, fixture_id=str(bet.get("fixture_id") or "")[:64],
            market=str(bet.get("market") or "")[:40], selection=str(bet.get("selection") or "")[:40],
            stake=bet.get("stake"), currency=str(bet.get("currency") or "")[:3], request=_jsonable(request or {}),
            upstream={"error": error.code, "message": str(error)},
        )
        metrics.BETS.labels(kind=BetAuditEntry.Kind.PLACEMENT, status=BetAuditEntry.Status.REJECTED).inc()
    except Exception:
        logger.warning("could not write the bet refusal to the audit trail", exc_info=True)


def _move(slip: BetSlip, to: str, *, now: datetime, actor: str | None = None, confirmation: dict | None = None,
          upstream: dict | None = None, **fields) -> BetSlip:
    """Move a slip the caller has locked (inside its transaction) and append the audit entry."""
    allowed = TRANSITIONS.get(slip.state, {})
    if to not in allowed:
        raise IllegalTransition(f"slip {slip.pk}: {slip.state} -> {to} is not allowed")
    from_state = slip.state
    slip.state = to
    slip.updated_at = now
    if to in FINAL_STATES:
        slip.decided_at = now
    for name, value in fields.items():
        setattr(slip, name, value)
    slip.save()
    _audit(slip, status=to, from_state=from_state, actor=actor or allowed[to], confirmation=confirmation,
           upstream=upstream)
    logger.info("slip %s: %s -> %s", slip.pk, from_state, to)
    return slip


def _locked(slip_id) -> BetSlip:
    """The slip row, locked until the surrounding transaction ends.

    The UPDATE comes first so that on SQLite the transaction holds the write lock from its first statement
    (a deferred reader upgrading later would fail instead of waiting its turn); on PostgreSQL it takes the
    same row lock `select_for_update` then reads under."""
    BetSlip.objects.filter(pk=slip_id).update(updated_at=F("updated_at"))
    return BetSlip.objects.select_for_update().get(pk=slip_id)


def _not_pending(slip: BetSlip, language: str) -> BettingRefusal:
    if slip.state == State.CANCELLED:
        return BettingRefusal("slip_cancelled", language)
    if slip.state == State.EXPIRED:
        return BettingRefusal("slip_withdrawn" if slip.reason_code == "withdrawn" else "slip_expired", language)
    return BettingRefusal("already_confirmed", language)


# --- propose -------------------------------------------------------------------------------------


def propose_slip(*, link: BettingLink, fixture: Fixture, price: Price, market: str, selection: str, stake: Decimal,
                 label: str = "", language: str = "en", conversation_id=None, proposed_by: str = "",
                 model_name: str = "", now: datetime | None = None, tz: str = "UTC", request: dict | None = None,
                 line: float | None = None, stated: Stated | None = None) -> BetSlip:
    """Offer a single bet for confirmation, after the account checks (self-exclusion, daily limit, playable
    balance). The stake is in the account's currency (`link.currency`); callers ask the user when they named
    another. `line`: the line the user named, refused when the book offers another (`check_line`).
    `stated`: what the user said about the match (teams, day); a match their words did not determine is refused
    (`fixture_choice.check_stated`: another day, another team, or one of several matches).
    Earlier proposed slips of the same conversation expire: one slip at a time waits for a yes."""
    _check_stated(link=link, legs=[(fixture, market, selection)], stake=stake, stated=stated, now=now, tz=tz,
                  language=language, conversation_id=conversation_id, request=request)
    check_line(fixture=fixture, price=price, market=market, selection=selection, line=line, language=language)
    leg = LegOffer(fixture=fixture, price=price, market=market, selection=selection, label=label)
    return _propose(link=link, legs=[leg], odds=Decimal(str(price.odds)), stake=stake, language=language,
                    conversation_id=conversation_id, proposed_by=proposed_by, model_name=model_name, now=now, tz=tz,
                    request=request)


def propose_combo_slip(*, link: BettingLink, legs: list[LegOffer], stake: Decimal, language: str = "en",
                       conversation_id=None, proposed_by: str = "", model_name: str = "",
                       now: datetime | None = None, tz: str = "UTC", request: dict | None = None,
                       stated: Stated | None = None) -> BetSlip:
    """Offer an accumulator (2+ legs, one per fixture) as one slip at the combined odds the upstream calculates
    (`POST /combo-bet-calculation`); the same account checks and the same one-slip-waiting rule as a single.

    Refuses `same_fixture_twice` (two legs on one match) and `combo_unavailable` (no upstream figure). Each leg's
    line was checked when it was offered (`legs.offer_leg`); each leg's match against `stated` as for a single."""
    if len(legs) == 1:
        leg = legs[0]
        return propose_slip(link=link, fixture=leg.fixture, price=leg.price, market=leg.market,
                            selection=leg.selection, stake=stake, label=leg.label, language=language,
                            conversation_id=conversation_id, proposed_by=proposed_by, model_name=model_name, now=now,
                            tz=tz, request=request, stated=stated)
    check_distinct(legs=legs, language=language)
    _check_stated(link=link, legs=[(leg.fixture, leg.market, leg.selection) for leg in legs], stake=stake,
                  stated=stated, now=now, tz=tz, language=language, conversation_id=conversation_id, request=request)
    odds = combo_odds(legs=[(leg.fixture, leg.price) for leg in legs], stake=stake, language=language)
    return _propose(link=link, legs=legs, odds=odds, stake=stake, language=language, conversation_id=conversation_id,
                    proposed_by=proposed_by, model_name=model_name, now=now, tz=tz, request=request)


def _check_stated(*, link: BettingLink, legs: list[tuple[Fixture, str, str]], stake: Decimal, stated: Stated | None,
                  now: datetime | None, tz: str, language: str, conversation_id, request: dict | None) -> None:
    """The slip must be the bet the user's words described: each match one they determined, and the stake,
    currency, market and selection they said (`fixture_choice`). A refusal is on the audit trail too."""
    if stated is None:
        return
    fixture = legs[0][0]
    try:  # who may not bet at all is told so, never asked about the bet
        check_adult(stated_minor_at=link.stated_minor_at, language=language)
        check_self_exclusion(excluded_until=link.self_excluded_until, now=now or timezone.now(), language=language)
        for fixture, _, _ in legs:
            check_stated(fixture=fixture, stated=stated, now=now or timezone.now(), tz=tz, language=language)
        check_terms(stake=money(stake), account_currency=link.currency, legs=legs, stated=stated, language=language)
    except BettingRefusal as refusal:
        record_refusal(user_id=link.user_id, identity_key=f"user:{link.user_id}", session_id=conversation_id,
                       error=refusal, request=request, bet={"fixture_id": fixture.id, "stake": money(stake),
                                                            "currency": link.currency})
        raise


def _propose(*, link: BettingLink, legs: list[LegOffer], odds: Decimal, stake: Decimal, language: str,
             conversation_id, proposed_by: str, model_name: str, now: datetime | None, tz: str,
             request: dict | None) -> BetSlip:
    """The one way a slip comes to exist, single or combo: account checks, supersede, slip + legs + audit."""
    now = now or timezone.now()
    amount = money(stake)
    fields = summarize(legs=legs)
    balance = read_balance(link=link)
    try:
        check_currency(account_currency=balance and balance.currency, currency=link.currency, language=language)
        check_account(link=link, amount=amount, now=now, language=language,
                      playable=playable(balance))
    except BettingRefusal as refusal:
        if refusal.code == "currency_mismatch" and balance is not None:  # the answer ("20 dollars") is then taken
            follow_account_currency(user_id=link.user_id, currency=balance.currency)
        record_refusal(user_id=link.user_id, identity_key=f"user:{link.user_id}", session_id=conversation_id,
                       error=refusal, request=request, bet={"fixture_id": fields["fixture_id"],
                                                            "market": fields["market"],
                                                            "selection": fields["selection"], "stake": amount,
                                                            "currency": link.currency})
        raise
    same = {"fixture_id": fields["fixture_id"], "market": fields["market"], "selection": fields["selection"],
            "stake": amount, "odds": odds, "bet_id": fields["bet_id"], "currency": link.currency}
    same_legs = [leg_key(leg.fixture.id, leg.market, leg.selection, leg.price.bet_id, leg.price.odds)
                 for leg in legs]
    with transaction.atomic():
        if conversation_id is not None:
            earlier = BetSlip.objects.filter(user_id=link.user_id, conversation_id=conversation_id,
                                             state=State.PROPOSED).values_list("pk", flat=True)
            for slip_id in list(earlier):
                old = _locked(slip_id)
                if old.state != State.PROPOSED:
                    continue
                if now <= old.expires_at and all(getattr(old, k) == v for k, v in same.items()) and [
                        leg_key(*row) for row in old.legs.values_list("fixture_id", "market", "selection", "bet_id",
                                                                       "odds")] == same_legs:
                    return old  # the very same bet shown again: the same slip, still waiting
                _move(old, State.EXPIRED, now=now, reason_code="superseded",
                      reason="a newer slip was proposed in the conversation")
        slip = BetSlip.objects.create(
            user_id=link.user_id, conversation_id=conversation_id, state=State.PROPOSED, **fields, odds=odds,
            stake=amount, currency=link.currency, possible_win=money(amount * odds), language=language,
            proposed_by=proposed_by, model_name=model_name[:80], created_at=now, updated_at=now,
            expires_at=now + PROPOSAL_TTL,
        )
        BetSlipLeg.objects.bulk_create([
            BetSlipLeg(slip=slip, position=position, fixture_id=leg.fixture.id,
                       fixture_label=leg.fixture.title[:200], tournament_id=leg.fixture.tournament_id or "",
                       sport_id=leg.fixture.sport_id or "", start_time=leg.fixture.start_time, market=leg.market,
                       selection=leg.selection, line=str(leg.price.line or "")[:20], label=leg.label[:200],
                       bet_id=leg.price.bet_id, odds=Decimal(str(leg.price.odds)))
            for position, leg in enumerate(legs)])
        _audit(slip, status=State.PROPOSED, actor="user", request=request)
    return slip


def propose_slip_for(*, user_id: int, stake: Decimal, fixture_id: str | None = None, market: str | None = None,
                     selection: str | None = None, legs: list[dict] | None = None, currency: str | None = None,
                     language: str | None = None, conversation_id=None, proposed_by: str = "api",
                     now: datetime | None = None, tz: str = "UTC", line: float | None = None) -> BetSlip:
    """`propose_slip` / `propose_combo_slip` from plain ids (REST, web chat card): the account, fixtures and
    current prices looked up here. `legs` (`[{"fixture_id", "market", "selection", "line"?}, ...]`) makes an
    accumulator; otherwise `fixture_id`, `market`, `selection` (and the optional `line`) name the single bet.

    A stake named in another currency than the account's is refused with a question, never relabelled."""
    link = get_betting_link(user_id=user_id)
    language = language or (link.language if link else "en") or "en"
    if link is None:
        raise BettingRefusal("real_bets_need_account", language)
    if currency and currency.upper() != link.currency.upper():
        raise BettingRefusal("currency_mismatch", language, asked=currency.upper(), currency=link.currency)
    asked = legs if legs else [{"fixture_id": fixture_id, "market": market, "selection": selection, "line": line}]
    seen: set[str] = set()
    for leg in asked:  # before any price lookup: a clear sentence naming the match
        if str(leg["fixture_id"]) in seen:
            raise BettingRefusal("same_fixture_twice", language, match=get_fixture(fixture_id=leg["fixture_id"]).title)
        seen.add(str(leg["fixture_id"]))
    offers = [offer_leg(fixture_id=leg["fixture_id"], market=leg["market"], selection=leg["selection"],
                         line=leg.get("line"), language=language) for leg in asked]
    return propose_combo_slip(link=link, legs=offers, stake=stake, language=language, conversation_id=conversation_id,
                              proposed_by=proposed_by, now=now, tz=tz,
                              request={"legs": [{"fixture_id": o.fixture.id, "market": o.market,
                                                 "selection": o.selection} for o in offers],
                                       "stake": str(stake), "currency": currency})


# --- confirm and place ---------------------------------------------------------------------------


def _reoffer(slip: BetSlip, quote: Quote, *, link: BettingLink, language: str, now: datetime, tz: str) -> BetSlip:
    """The same slip (legs, stake, labels) offered again at the current prices, after its price moved."""
    rows = list(slip.legs.all()) or [slip]
    legs = [LegOffer(fixture=fixture, price=price, market=row.market, selection=row.selection,
                     label=row.label if str(price.line or "") == (row.line or "") else
                     selection_label(row.selection, fixture, line=price.line, language=language, market=row.market))
            for (fixture, price), row in zip(quote.legs, rows, strict=True)]
    return propose_combo_slip(link=link, legs=legs, stake=slip.stake, language=language,
                              conversation_id=slip.conversation_id, proposed_by=slip.proposed_by,
                              model_name=slip.model_name, now=now, tz=tz)


def confirm_slip(*, user_id: int, slip_id, link: BettingLink, token: str | None = None,
                 confirmation: dict | None = None, language: str = "en", now: datetime | None = None,
                 tz: str = "UTC") -> PlacedSlip:
    """The user's explicit yes to one proposed slip: re-check everything under lock, then place it once.

    Raises `BettingRefusal` (already_confirmed, slip_expired, slip_withdrawn, slip_cancelled, daily_limit,
    self_excluded, insufficient_balance, odds_suspended, bet_rejected, bet_outcome_unknown, not_found) or `PriceMoved`
    (the old slip expired; `new_slip` is the fresh offer at the new price, when it could be made)."""
    now = now or timezone.now()
    slip = BetSlip.objects.filter(pk=slip_id, user_id=user_id).first()
    if slip is None or (token is not None and token != slip.idempotency_key):
        raise BettingRefusal("not_found", language)
    if slip.state != State.PROPOSED:
        raise _refused_confirmation(slip, _not_pending(slip, language), confirmation)
    quote = current_quote(slip=slip, language=language)
    balance = read_balance(link=link)
    outcome = _claim(slip_id=slip.pk, quote=quote, balance=balance, account=link.upstream_user_id,
                     confirmation=confirmation, language=language, now=now)
    if isinstance(outcome, BettingRefusal):
        if outcome.code in ("already_confirmed", "slip_expired", "slip_withdrawn", "slip_cancelled"):
            raise _refused_confirmation(slip, outcome, confirmation)
        if isinstance(outcome, PriceMoved):
            try:
                outcome.new_slip = _reoffer(slip, quote, link=link, language=language, now=now, tz=tz)
            except BettingRefusal:
                outcome.new_slip = None
        raise outcome
    return _place(outcome, quote=quote, link=link, language=language, now=now)


def _refused_confirmation(slip: BetSlip, refusal: BettingRefusal, confirmation: dict | None) -> BettingRefusal:
    """A confirmation of a slip that is no longer waiting changes nothing; the attempt is still on the trail."""
    record_refusal(user_id=slip.user_id, identity_key=f"user:{slip.user_id}", session_id=slip.conversation_id,
                   error=refusal, request={"slip_id": str(slip.pk), "confirmation": confirmation or {}},
                   bet={"fixture_id": slip.fixture_id, "market": slip.market, "selection": slip.selection,
                        "stake": slip.stake, "currency": slip.currency})
    return refusal


@retry_when_locked  # one whole transaction, before anything was sent: repeated, it claims or finds the slip moved
def _claim(*, slip_id, quote: Quote, balance: Balance | None, account: str, confirmation: dict | None,
           language: str, now: datetime) -> BetSlip | BettingRefusal:
    """proposed -> confirmed -> placing (or -> expired / refused), in one locked transaction.

    Returns the slip now `placing` (from here on its stake counts against the daily limit), or the refusal to
    raise once the transaction (with the refusal's own transition and audit entry) has committed. The lock and the
    `proposed` check above are the claim: one confirmation moves the slip on, any other finds it moved."""
    with transaction.atomic():
        slip = _locked(slip_id)
        if slip.state != State.PROPOSED:
            return _not_pending(slip, language)
        if now > slip.expires_at:
            _move(slip, State.EXPIRED, now=now, reason_code="expired", reason="not confirmed in time",
                  confirmation=confirmation)
            return BettingRefusal("slip_expired", language)
        current = quote.odds  # a combo's combined odds: the rule applies to what the user is paid
        if current < slip.odds or quote.line_moved:  # only at the shown odds or better, on the lines shown
            _move(slip, State.EXPIRED, now=now, reason_code="price_moved", confirmation=confirmation,
                  reason=f"odds {slip.odds} -> {current}" + (" (a line changed)" if quote.line_moved else ""))
            return PriceMoved(language, old=f"{slip.odds:.2f}", new=f"{current:.2f}")
        _move(slip, State.CONFIRMED, now=now, confirmed_at=now, chatbet_account=account, confirmation=confirmation)
        limit = account_daily_limit(user_id=slip.user_id, now=now, lock=True)  # any login's to the account
        excluded_until, minor_at = account_restrictions(user_id=slip.user_id)  # the ChatBet account's, any login's
        try:
            check_adult(stated_minor_at=minor_at, language=language)
            check_self_exclusion(excluded_until=excluded_until, now=now, language=language)
            check_daily_limit(user_id=slip.user_id, limit=limit, currency=slip.currency,
                              amount=slip.stake, now=now, language=language)
            check_currency(account_currency=balance and balance.currency, currency=slip.currency, language=language)
            check_balance(playable=playable(balance), amount=slip.stake, currency=slip.currency, language=language)
        except BettingRefusal as refusal:
            _move(slip, State.REFUSED, now=now, reason_code=refusal.code, reason=str(refusal)[:300],
                  upstream={"error": refusal.code, "message": str(refusal)})
            return refusal
        return _move(slip, State.PLACING, now=now, placed_odds=current, possible_win=money(slip.stake * current))


# What the upstream answered must be recorded: a moment's lock is waited out, not left to the reconciler.
@retry_when_locked
def _finish(slip_id, to: str, *, now: datetime, upstream: dict | None = None, **fields) -> BetSlip:
    with transaction.atomic():
        return _move(_locked(slip_id), to, now=now, upstream=upstream, **fields)


def _place(slip: BetSlip, *, quote: Quote, link: BettingLink, language: str, now: datetime) -> PlacedSlip:
    """Send the `placing` slip upstream once (one request, a single or the whole combo), then record placed /
    refused / outcome_unknown."""
    try:
        if len(quote.legs) > 1:
            receipt = place_combo_bet(user_key=link.user_key, upstream_user_id=link.upstream_user_id,
                                      legs=quote.legs, amount=slip.stake, odds=quote.odds,
                                      idempotency_key=slip.idempotency_key)
        else:
            (fixture, price), = quote.legs
            receipt = place_bet(user_key=link.user_key, upstream_user_id=link.upstream_user_id, fixture=fixture,
                                price=price, amount=slip.stake, idempotency_key=slip.idempotency_key)
    except ChatBetError as exc:
        if not 400 <= exc.status < 500:
            return _unknown(slip, now=now, language=language, error=exc)
        detail = UPSTREAM_REASONS.get(exc.code, {}).get(language) or UPSTREAM_REASONS.get(exc.code, {}).get("en") \
            or exc.code
        try:
            _finish(slip.pk, State.REFUSED, now=now, upstream={"error": exc.code, "message": str(exc)},
                    reason_code=exc.code, reason=str(exc)[:300])
        except Exception:
            logger.exception("could not record slip %s as refused", slip.pk)
        raise BettingRefusal("bet_rejected", language, detail=detail) from exc
    except Exception as exc:
        return _unknown(slip, now=now, language=language, error=exc)
    upstream_bet_id = str(receipt.get("bet_id") or receipt.get("betId") or "")[:100]
    possible_win = money(receipt.get("possible_win") or receipt.get("possibleWin") or slip.possible_win)
    try:
        slip = _finish(slip.pk, State.PLACED, now=now, upstream=_jsonable(receipt), upstream_bet_id=upstream_bet_id,
                       possible_win=possible_win)
        recorded = True
    except Exception:
        logger.exception("bet %s was placed upstream but slip %s is not recorded (left placing for the reconciler)",
                         upstream_bet_id, slip.pk)
        recorded = False
    return PlacedSlip(slip=slip, upstream_bet_id=upstream_bet_id, possible_win=possible_win, recorded=recorded)


def _unknown(slip: BetSlip, *, now: datetime, language: str, error: Exception):
    """The upstream neither accepted nor refused (timeout, 5xx, unreadable): the bet may stand. The slip
    waits in `outcome_unknown` (still counting against the daily limit) for the reconciler."""
    logger.error("slip %s: upstream outcome unknown (%s); left for reconciliation", slip.pk,
                 getattr(error, "code", type(error).__name__))
    try:
        _finish(slip.pk, State.OUTCOME_UNKNOWN, now=now, upstream={"error": "bet_outcome_unknown",
                                                                   "detail": str(error)[:300]},
                reason_code="bet_outcome_unknown", reason=str(error)[:300])
    except Exception:
        logger.exception("could not record slip %s as outcome_unknown (still placing)", slip.pk)
    raise BettingRefusal("bet_outcome_unknown", language) from error


# --- cancel, expire, reconcile ---------------------------------------------------------------------


def cancel_slip(*, user_id: int, slip_id, language: str = "en", now: datetime | None = None) -> BetSlip:
    """The user's no: a proposed slip is cancelled; anything further along cannot be."""
    now = now or timezone.now()
    if not BetSlip.objects.filter(pk=slip_id, user_id=user_id).exists():
        raise BettingRefusal("not_found", language)
    with transaction.atomic():
        slip = _locked(slip_id)
        if slip.state != State.PROPOSED:
            refusal = _not_pending(slip, language)
        else:
            return _move(slip, State.CANCELLED, now=now, reason_code="cancelled", reason="cancelled by the user")
    raise refusal


# Why the slips still waiting in a conversation stop waiting (`withdraw_waiting`): (state, reason_code, reason, actor).
WITHDRAWALS: dict[str, tuple[str, str, str, str]] = {
    "moved_on": (State.EXPIRED, "withdrawn", "the conversation moved on before it was confirmed", "system"),
    "turn_failed": (State.EXPIRED, "withdrawn", "the answer to the next message failed; it is no longer shown",
                    "system"),
    "cancelled": (State.CANCELLED, "cancelled", "cancelled by the user", "user"),
    "safety": (State.CANCELLED, "safety", "a responsible-gambling turn of the conversation", "system"),
}


def withdraw_waiting(*, user_id: int, conversation_id, reason: str, except_slip=None,
                     now: datetime | None = None) -> list[BetSlip]:
    """Stop every slip of this user still waiting for a yes in this conversation (but `except_slip`, the one the
    turn shows now), so no later "yes" or card button places a bet the chat no longer offers: the conversation
    moved on (`moved_on`), its next answer failed (`turn_failed`: expired, reason `withdrawn`), the user said
    "cancel" (`cancelled`) or a responsible-gambling turn stops it (`safety`: cancelled). Each move is locked and
    audited like any other; a slip already further along is left as it is. Returns the slips moved, newest first."""
    state, reason_code, why, actor = WITHDRAWALS[reason]
    now = now or timezone.now()
    moved = []
    for slip_id in waiting_slips(user_id=user_id, conversation_id=conversation_id, except_slip=except_slip):
        with transaction.atomic():
            slip = _locked(slip_id)
            if slip.state == State.PROPOSED:
                moved.append(_move(slip, state, now=now, actor=actor, reason_code=reason_code, reason=why))
    return moved


def expire_slips(*, now: datetime | None = None, limit: int = 500) -> int:
    """Expire proposed slips past their time (a Celery beat task); returns how many."""
    now = now or timezone.now()
    ids = list(BetSlip.objects.filter(state=State.PROPOSED, expires_at__lt=now)
               .values_list("pk", flat=True)[:limit])
    expired = 0
    for slip_id in ids:
        with transaction.atomic():
            slip = _locked(slip_id)
            if slip.state == State.PROPOSED and slip.expires_at < now:
                _move(slip, State.EXPIRED, now=now, reason_code="expired", reason="not confirmed in time")
                expired += 1
    return expired


def reconcile_slip(*, slip_id, now: datetime | None = None) -> str:
    """Settle a slip whose outcome is unknown by asking the upstream for the bet under its idempotency key.

    Found → placed; the upstream says it has no such bet → refused; the upstream cannot say → unchanged
    (tried again later). The bet is never re-sent. A legacy unknown (`LEGACY_UNKNOWN`: sent before bets carried
    a key) is left as it is. Returns the slip's state afterwards."""
    now = now or timezone.now()
    slip = BetSlip.objects.filter(pk=slip_id).first()
    if slip is None or slip.state not in (State.OUTCOME_UNKNOWN, State.PLACING) or slip.reason_code == LEGACY_UNKNOWN:
        return slip.state if slip else "missing"
    link = get_betting_link(user_id=slip.user_id)
    if link is None:
        return slip.state
    try:
        found = find_bet(user_key=link.user_key, upstream_user_id=link.upstream_user_id,
                         idempotency_key=slip.idempotency_key)
    except ChatBetError:
        logger.warning("reconcile slip %s: the upstream cannot say yet", slip.pk)
        return slip.state
    with transaction.atomic():
        slip = _locked(slip_id)
        if slip.state == State.PLACING:  # a crash between the call and its record: first say what we know
            slip = _move(slip, State.OUTCOME_UNKNOWN, now=now, reason_code="stuck_placing",
                         reason="left placing; reconciling")
        if slip.state != State.OUTCOME_UNKNOWN:
            return slip.state
        if found:
            slip = _move(slip, State.PLACED, now=now, upstream=_jsonable(found),
                         upstream_bet_id=str(found.get("bet_id") or "")[:100],
                         possible_win=money(found.get("possible_win") or slip.possible_win))
        else:
            slip = _move(slip, State.REFUSED, now=now, upstream={"found": False}, reason_code="not_placed",
                         reason="the upstream has no bet under this slip's key")
        return slip.state


# An operator's word on a legacy unknown, and what the slip becomes: the bet stands, or it never did.
SETTLEMENTS = {"placed": State.PLACED, "void": State.REFUSED}


def settle_legacy_slip(*, slip_id, outcome: str, note: str, operator: str, now: datetime | None = None) -> BetSlip:
    """An operator settles a legacy unknown (`LEGACY_UNKNOWN`: sent before bets carried an idempotency key, so the
    reconciler cannot ask the bookmaker): `placed` (the bet stands) or `void` (refused: it never did). The note
    saying how they know is required and kept on the slip and its audit entry (actor `operator`), so the daily
    limit and "my bets" follow a decision someone answers for. Any other slip is refused (`ValueError`)."""
    note = " ".join((note or "").split())
    if outcome not in SETTLEMENTS or not note:
        raise ValueError("an outcome (placed or void) and a note are required")
    now = now or timezone.now()
    with transaction.atomic():
        slip = _locked(slip_id)
        if slip.state != State.OUTCOME_UNKNOWN or slip.reason_code != LEGACY_UNKNOWN:
            raise ValueError(f"slip {slip.pk} is not a legacy unknown ({slip.state}, {slip.reason_code or '-'})")
        return _move(slip, SETTLEMENTS[outcome], now=now, actor="operator",
                     upstream={"settled_by": operator, "outcome": outcome, "note": note},
                     reason_code=f"operator_{outcome}", reason=note[:300])
