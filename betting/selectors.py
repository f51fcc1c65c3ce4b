"""Reads of slips (no writes here)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, Sum

from accounts.selectors import account_logins

from .models import LEGACY_UNKNOWN, BetSlip

# Slips whose stake is committed (or may be): they count against the daily limit and the balance.
COMMITTED_STATES = (BetSlip.State.PLACING, BetSlip.State.PLACED, BetSlip.State.OUTCOME_UNKNOWN)


def staked_since(*, user_id: int, since: datetime) -> Decimal:
    """What the user staked through the assistant from `since` on: the slips confirmed since then that reached
    the upstream (`placed`) or may have (`placing`, `outcome_unknown`), so a bet in flight counts against the daily
    limit; a refused slip does not. They are the ChatBet account's: every login linked to it now, and every slip
    charged to it (`chatbet_account`) by a login linked then, unlinked since."""
    users, account = account_logins(user_id=user_id)
    charged = Q(user_id__in=users) | Q(chatbet_account=account) if account else Q(user_id__in=users)
    total = (BetSlip.objects.filter(charged, state__in=COMMITTED_STATES, confirmed_at__gte=since)
             .aggregate(s=Sum("stake"))["s"])
    return total or Decimal("0")


def list_slips(*, user_id: int, state: str | None = None, limit: int = 50) -> QuerySet[BetSlip]:
    """The user's slips, newest first (optionally in one state)."""
    rows = BetSlip.objects.filter(user_id=user_id)
    if state:
        rows = rows.filter(state=state)
    return rows.prefetch_related("legs").order_by("-created_at")[: max(1, min(limit, 200))]


def list_bets(*, user_id: int, limit: int = 50) -> list[BetSlip]:
    """The user's bets that reached the upstream (placed, or whose outcome is being reconciled)."""
    return list(BetSlip.objects.filter(user_id=user_id, state__in=COMMITTED_STATES).prefetch_related("legs")
                .order_by("-created_at")[: max(1, min(limit, 200))])


def get_slip(*, user_id: int, slip_id) -> BetSlip | None:
    """One of the user's slips, or None (someone else's slip is as absent as a missing one)."""
    try:
        return BetSlip.objects.filter(user_id=user_id, pk=slip_id).first()
    except (ValidationError, ValueError, TypeError):  # not a UUID
        return None


def waiting_slips(*, user_id: int, conversation_id, except_slip=None) -> list:
    """Ids of the user's slips still proposed in this conversation (newest first), but `except_slip`: all of them,
    since each one left would stay confirmable from its card (turns withdraw them, so there are seldom two)."""
    if conversation_id is None:
        return []
    rows = BetSlip.objects.filter(user_id=user_id, conversation_id=conversation_id, state=BetSlip.State.PROPOSED)
    if except_slip:
        rows = rows.exclude(pk=except_slip)
    return list(rows.order_by("-created_at").values_list("pk", flat=True))


def slips_of_conversation(*, conversation_id, ids) -> dict[str, BetSlip]:
    """The slips of one conversation among `ids`, by id (a history shows each slip as it stands now)."""
    wanted = [str(i) for i in ids if i]
    if conversation_id is None or not wanted:
        return {}
    try:
        rows = BetSlip.objects.filter(conversation_id=conversation_id, pk__in=wanted)
        return {str(slip.pk): slip for slip in rows}
    except (ValidationError, ValueError, TypeError):  # a stored id that is not a UUID
        return {}


def slips_to_reconcile(*, older_than: datetime, limit: int = 100) -> list:
    """Ids of slips whose upstream outcome is unknown, or that were left `placing` by a crash (not the legacy
    unknowns, which the upstream cannot be asked about: `LEGACY_UNKNOWN`)."""
    rows = (BetSlip.objects.filter(state__in=(BetSlip.State.OUTCOME_UNKNOWN, BetSlip.State.PLACING),
                                   updated_at__lt=older_than).exclude(reason_code=LEGACY_UNKNOWN)
            .order_by("updated_at"))
    return list(rows.values_list("pk", flat=True)[:limit])


def count_by_state(*, since: datetime | None = None, until: datetime | None = None) -> dict[str, int]:
    """How many slips are in each state, every state listed (the quality dashboard's betting panel); with
    `since` / `until`, only the slips proposed in that window (one GROUP BY over the state index)."""
    rows = BetSlip.objects.all()
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    if until is not None:
        rows = rows.filter(created_at__lt=until)
    rows = rows.order_by().values("state").annotate(n=Count("pk"))
    counts = {state: 0 for state in BetSlip.State.values}
    counts.update({row["state"]: row["n"] for row in rows})
    return counts
