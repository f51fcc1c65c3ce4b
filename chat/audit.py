"""The bet audit trail: every simulation and every real-bet step, written once and never changed.

`chat.engine.tools.run_tool` calls `record_bet_tool` after `simulate_bet` / `place_bet`, whatever the
outcome (shown for confirmation, placed, refused, failed upstream), so operators can reconstruct
what a user asked, what they confirmed, what the upstream answered and at which odds.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from chatbet_project import metrics

from .models import BetAuditEntry

logger = logging.getLogger(__name__)

KINDS = {"simulate_bet": BetAuditEntry.Kind.SIMULATION, "place_bet": BetAuditEntry.Kind.PLACEMENT}
# Refusals the user or their account caused (not failures of ours or of the upstream).
REFUSALS = {"invalid_argument", "login_required", "no_chatbet_account", "self_excluded", "daily_limit",
            "odds_suspended", "not_found", "already_confirmed"}
MAX_TEXT = 500


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _jsonable(value: Any) -> Any:
    """A JSON-safe copy (Decimals and datetimes as strings), so the JSON field stores what was said."""
    return json.loads(json.dumps(value, default=str))


def _status(kind: str, result: dict) -> str:
    if result.get("error") == "bet_outcome_unknown":  # timed out / unreadable: the bet may stand upstream
        return BetAuditEntry.Status.OUTCOME_UNKNOWN
    if "error" in result:
        return BetAuditEntry.Status.REJECTED if result["error"] in REFUSALS else BetAuditEntry.Status.FAILED
    if kind == BetAuditEntry.Kind.SIMULATION:
        return BetAuditEntry.Status.SIMULATED
    if result.get("status") == "placed":
        return BetAuditEntry.Status.PLACED
    return BetAuditEntry.Status.CONFIRMATION_REQUIRED


def _bet_fields(name: str, arguments: dict, result: dict) -> dict:
    """What was bet on, from the tool's answer when it has it, else from the request."""
    bet = result.get("bet") if name == "place_bet" else result
    bet = bet if isinstance(bet, dict) else {}
    fixture = bet.get("fixture") if isinstance(bet.get("fixture"), dict) else {}
    label = f"{fixture.get('home')} vs {fixture.get('away')}" if fixture.get("home") else ""
    if not label and isinstance(bet.get("legs"), list):
        label = f"accumulator of {len(bet['legs'])} legs"
    return {
        "fixture_id": str(bet.get("fixture_id") or fixture.get("id") or arguments.get("fixture_id") or "")[:64],
        "fixture_label": label[:200],
        "market": str(bet.get("market") or arguments.get("market") or "")[:40],
        "selection": str(bet.get("selection") or arguments.get("selection") or "")[:40],
        "stake": _decimal(bet.get("stake") if bet.get("stake") is not None else arguments.get("stake")),
        "odds": _decimal(bet.get("odds") if bet.get("odds") is not None else arguments.get("odds")),
        "currency": str(bet.get("currency") or "")[:3],
    }


def _confirmation(ctx, kind: str, explicit: bool) -> dict:
    if kind != BetAuditEntry.Kind.PLACEMENT:
        return {}
    text = str(getattr(ctx, "message", "") or "")
    memory = getattr(ctx, "memory", None)
    pending = (getattr(memory, "context", None) or {}).get("pending_bet") if memory is not None else None
    return {"message": text[:MAX_TEXT], "explicit": explicit, "pending_bet": pending}


def record_bet_tool(*, name: str, arguments: dict, result: dict, ctx,
                    explicit_confirmation: bool = False) -> BetAuditEntry | None:
    """Append one audit entry for a bet tool call. Never raises: the answer (and a placed bet) stands.

    `explicit_confirmation`: whether the user's message was an explicit "place it" (the caller, which
    reads messages, decides; recorded on placements)."""
    kind = KINDS.get(name)
    if kind is None:
        return None
    try:
        identity = getattr(ctx, "identity", None)
        arguments = arguments if isinstance(arguments, dict) else {}
        result = result if isinstance(result, dict) else {"value": result}
        status = _status(kind, result)
        entry = BetAuditEntry.objects.create(
            kind=kind,
            status=status,
            user_id=getattr(identity, "user_id", None),
            identity_key=str(getattr(identity, "key", "anon"))[:80],
            session_id=getattr(ctx, "session_id", None),
            request=_jsonable(arguments),
            confirmation=_jsonable(_confirmation(ctx, kind, bool(explicit_confirmation))),
            upstream=_jsonable(result),
            **_bet_fields(name, arguments, result),
        )
    except Exception:
        logger.warning("could not write the bet audit entry for %s", name, exc_info=True)
        return None
    metrics.BETS.labels(kind=kind, status=status).inc()
    return entry
