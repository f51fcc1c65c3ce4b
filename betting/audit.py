"""Audit entries for bet simulations (real-bet entries are written by the slip service's transitions).

A simulation is recorded with the odds of the moment, whatever its outcome, so operators can see what
a user was shown. Never raises: the answer stands even if the trail cannot be written.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from chatbet_project import metrics

from .models import BetAuditEntry

logger = logging.getLogger(__name__)


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def record_simulation(*, arguments: dict, result: dict, user_id: int | None, identity_key: str,
                      session_id=None) -> BetAuditEntry | None:
    """Append one `simulation` entry: `simulated`, or `rejected` when the simulation was refused."""
    try:
        arguments = arguments if isinstance(arguments, dict) else {}
        result = result if isinstance(result, dict) else {"value": result}
        status = BetAuditEntry.Status.REJECTED if "error" in result else BetAuditEntry.Status.SIMULATED
        fixture = result.get("fixture") if isinstance(result.get("fixture"), dict) else {}
        label = f"{fixture.get('home')} vs {fixture.get('away')}" if fixture.get("home") else ""
        if not label and isinstance(result.get("legs"), list):
            label = f"accumulator of {len(result['legs'])} legs"
        entry = BetAuditEntry.objects.create(
            kind=BetAuditEntry.Kind.SIMULATION, status=status, user_id=user_id, identity_key=identity_key[:80],
            session_id=session_id, request=_jsonable(arguments), upstream=_jsonable(result),
            fixture_id=str(fixture.get("id") or arguments.get("fixture_id") or "")[:64], fixture_label=label[:200],
            market=str(result.get("market") or arguments.get("market") or "")[:40],
            selection=str(result.get("selection") or arguments.get("selection") or "")[:40],
            stake=_decimal(result.get("stake") if result.get("stake") is not None else arguments.get("stake")),
            odds=_decimal(result.get("odds") if result.get("odds") is not None else arguments.get("odds")),
        )
    except Exception:
        logger.warning("could not write the simulation audit entry", exc_info=True)
        return None
    metrics.BETS.labels(kind=BetAuditEntry.Kind.SIMULATION, status=status).inc()
    return entry
